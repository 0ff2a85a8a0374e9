// Failure recovery in print mode: when claude exits non-zero because the API failed
// (HTTP 500, or 529 overloaded), cr runs the task once more on the next tier up. The user
// sees only the accepted attempt's output, plus one line on stderr. Anything else (an answer's
// wording, a refusal, a question back, claude's own usage error) is passed through untouched:
// running the task again would repeat its edits and commands.
import { describe, expect, it } from 'vitest';
import { REFUSAL_TEXT } from './support/anthropic-stand-in.js';
import { decisions, family, outcomes } from './support/history.js';
import { parseJson, TIER_RANK, useWorld } from './support/world.js';

describe('cr -p retries once on the next tier up after an API failure', () => {
  const world = useWorld();

  for (const status of [500, 529] as const) {
    it(`HTTP ${status} on the first attempt → one retry on a bigger model`, async () => {
      const { api, env, cr } = world();
      api.setScript(({ streamIndex }) =>
        streamIndex === 0 ? { kind: 'error', status } : { text: 'accepted answer from the retry' },
      );
      const r = await cr(['-p', 'convert this CSV file to JSON']);
      expect(r.exitCode, `stderr: ${r.stderr}`).toBe(0);

      const turns = api.turnRequests();
      expect(turns).toHaveLength(2);
      expect(turns.map((t) => t.status)).toEqual([status, 200]);
      const ds = await decisions(env.historyFile);
      expect(ds).toHaveLength(2);
      // The first attempt ran on the routed tier (below opus for this task), the second one tier up.
      expect(family(turns[0]!.model)).toBe(ds[0]!.tier);
      expect(ds[0]!.tier).not.toBe('opus');
      expect(family(turns[1]!.model)).toBe(ds[1]!.tier);
      expect(TIER_RANK[ds[1]!.tier]).toBe(TIER_RANK[ds[0]!.tier] + 1);

      // Only the accepted attempt's output; the failed attempt's error text is not shown.
      expect(String(r.stdout)).toContain('accepted answer from the retry');
      expect(String(r.stdout)).not.toMatch(/API Error/);
      const errLines = String(r.stderr)
        .split('\n')
        .filter((l) => l.trim() !== '');
      expect(errLines, String(r.stderr)).toHaveLength(1);

      // History: the first decision, then a retry decision pointing at it, each with its outcome.
      expect(ds[1]).toMatchObject({ kind: 'retry', parent: ds[0]!.id });
      // Each attempt reached the API under the session id cr recorded for it.
      expect(turns.map((t) => t.sessionId)).toEqual(ds.map((d) => d.sessionId));
      const outs = await outcomes(env.historyFile);
      const byId = new Map(outs.map((o) => [o.id, o.exitCode]));
      expect(byId.get(ds[0]!.id)).not.toBe(0);
      expect(byId.get(ds[1]!.id)).toBe(0);
    });
  }

  it('with --output-format json: a 529 is retried, and the accepted JSON result is what the user sees', async () => {
    const { api, cr } = world();
    api.setScript(({ streamIndex }) =>
      streamIndex === 0 ? { kind: 'error', status: 529 } : { text: 'accepted answer from the retry' },
    );
    const r = await cr(['--haiku', '-p', '--output-format', 'json', 'convert this CSV file to JSON']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(api.turnRequests().map((t) => family(t.model))).toEqual(['haiku', 'sonnet']);
    expect(parseJson<{ is_error: boolean; result: string }>(r.stdout)).toMatchObject({
      is_error: false,
      result: 'accepted answer from the retry',
    });
    expect(String(r.stderr)).toMatch(
      /^cr: haiku attempt failed \(the provider is overloaded: 529\); retrying once on sonnet\n$/,
    );
  });

  for (const [what, text] of [
    ['an answer that found nothing', "I couldn't find any TODO comments, so the list is empty."],
    ['a question back', 'Which of the two parsers do you mean?'],
    ['a refusal', REFUSAL_TEXT],
  ] as const) {
    it(`${what} is the answer: passed through, not retried`, async () => {
      const { api, env, cr } = world();
      api.setScript(() => ({ text }));
      const r = await cr(['--haiku', '-p', 'list the TODO comments in src']);
      expect(r.exitCode, String(r.stderr)).toBe(0);
      expect(String(r.stdout)).toBe(`${text}\n`);
      expect(String(r.stderr)).toBe('');
      expect(api.turnRequests().map((t) => family(t.model))).toEqual(['haiku']);
      expect((await decisions(env.historyFile)).map((d) => d.kind)).toEqual(['override']);
    });
  }

  it("claude's own usage error (an unknown option) is not retried: its message and exit code pass through", async () => {
    const { api, env, cr } = world();
    const r = await cr(['--explian', '-p', 'fix it']);
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toMatch(/^error: unknown option '--explian'\n$/);
    expect(api.turnRequests()).toHaveLength(0);
    const ds = await decisions(env.historyFile);
    expect(ds).toHaveLength(1);
    expect((await outcomes(env.historyFile)).map((o) => [o.id, o.exitCode])).toEqual([[ds[0]!.id, 1]]);
  });

  it('--no-retry passes the failure straight through', async () => {
    const { api, cr } = world();
    api.setScript(() => ({ kind: 'error', status: 500 }));
    const r = await cr(['--no-retry', '-p', 'convert this CSV file to JSON']);
    expect(r.exitCode).toBe(1);
    expect(api.turnRequests()).toHaveLength(1);
    expect(String(r.stdout)).toMatch(/API Error: 500/);
  });

  it('gives up after one retry and exits non-zero when the API keeps failing', async () => {
    const { api, cr } = world();
    api.setScript(() => ({ kind: 'error', status: 500 }));
    const r = await cr(['-p', 'convert this CSV file to JSON']);
    expect(r.exitCode).not.toBe(0);
    expect(api.turnRequests()).toHaveLength(2);
  });
});
