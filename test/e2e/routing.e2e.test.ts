// `cr -p "<task>"` classifies the task and starts the REAL claude with the chosen model:
// the stand-in API sees that model family, under the session id cr recorded, and claude's
// transcript is named after it.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAUDE_BIN } from './support/claude-env.js';
import { decisions, family, outcomes, transcriptUsage, UUID_RE } from './support/history.js';
import { parseJson, useWorld } from './support/world.js';

const CASES = [
  { tier: 'haiku', task: 'convert this CSV file to JSON' },
  { tier: 'opus', task: 'review the authentication module for security issues' },
  { tier: 'sonnet', task: 'add a /health endpoint to the express server' },
] as const;

describe('cr -p routes a task to a model tier and runs the real claude', () => {
  const world = useWorld({ text: 'routed reply', usage: { input_tokens: 111, output_tokens: 22 } });

  for (const { tier, task } of CASES) {
    it(`${tier}: "${task}"`, async () => {
      const { api, env, cr } = world();
      const r = await cr(['-p', task]);
      expect(r.exitCode, `stderr: ${r.stderr}`).toBe(0);
      expect(String(r.stdout)).toContain('routed reply');

      // The history: one decision before launch, one outcome after.
      const [decision, ...moreDecisions] = await decisions(env.historyFile);
      expect(moreDecisions).toHaveLength(0);
      expect(decision).toMatchObject({ v: 1, type: 'decision', task, cwd: env.project });
      expect(decision!.sessionId).toMatch(UUID_RE);
      expect(typeof decision!.confidence).toBe('number');
      expect(typeof decision!.rule).toBe('string');
      const [outcome] = await outcomes(env.historyFile);
      expect(outcome).toMatchObject({ v: 1, type: 'outcome', id: decision!.id, exitCode: 0 });
      expect(outcome!.durationMs).toBeGreaterThanOrEqual(0);

      // What the API saw: the recorded tier's family, under the session id cr passed.
      const turns = api.turnRequests();
      expect(turns).toHaveLength(1);
      expect(family(turns[0]!.model)).toBe(decision!.tier);
      expect(turns[0]!.sessionId).toBe(decision!.sessionId);
      const firstUser = turns[0]!.body?.messages?.[0];
      expect(JSON.stringify(firstUser?.content)).toContain(task);

      // And that tier is the one this task calls for.
      expect(decision).toMatchObject({ kind: 'route', tier });
      expect(family(turns[0]!.model)).toBe(tier);

      // claude's transcript is named after that session id.
      const transcript = env.transcriptPath(decision!.sessionId!);
      expect(existsSync(transcript)).toBe(true);
      const usage = await transcriptUsage(transcript);
      expect(usage.map((u) => family(u.model))).toEqual([tier]);
    });
  }

  it('--opus / --haiku / --model override the classifier, and the override is recorded', async () => {
    const { api, env, cr } = world();
    expect((await cr(['--opus', '-p', 'convert this CSV file to JSON'])).exitCode).toBe(0);
    expect((await cr(['--haiku', '-p', 'review the authentication module for security issues'])).exitCode).toBe(0);
    expect((await cr(['--model', 'sonnet', '-p', 'convert this CSV file to JSON'])).exitCode).toBe(0);
    expect(api.turnRequests().map((t) => family(t.model))).toEqual(['opus', 'haiku', 'sonnet']);
    const ds = await decisions(env.historyFile);
    expect(ds.map((d) => [d.kind, d.tier])).toEqual([
      ['override', 'opus'],
      ['override', 'haiku'],
      ['override', 'sonnet'],
    ]);
    // What cr would have picked is kept next to the override.
    expect(ds[0]!.suggested?.tier).toBe('haiku');
    expect(ds[1]!.suggested?.tier).toBe('opus');
    // Each run is its own session.
    expect(new Set(api.turnRequests().map((t) => t.sessionId)).size).toBe(3);
    expect(api.turnRequests().map((t) => t.sessionId)).toEqual(ds.map((d) => d.sessionId));
  });

  it('--dry-run --json prints the claude command without running it or recording anything', async () => {
    const { api, env, cr } = world();
    const task = 'review the authentication module for security issues';
    const r = await cr(['--dry-run', '--json', task, '--verbose']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const plan = parseJson<{ command: string; args: string[] }>(r.stdout);
    expect(plan.command).toBe(CLAUDE_BIN);
    const m = plan.args.indexOf('--model');
    expect(m).toBeGreaterThanOrEqual(0);
    expect(family(plan.args[m + 1])).toBe('opus');
    const s = plan.args.indexOf('--session-id');
    expect(plan.args[s + 1]).toMatch(UUID_RE);
    expect(plan.args).toContain('--verbose');
    expect(plan.args.at(-1)).toBe(task);
    expect(api.requests).toHaveLength(0);
    expect(await decisions(env.historyFile)).toHaveLength(0);
  });

  it("exits with claude's exit code when claude fails on the top tier", async () => {
    const { api, env, cr } = world();
    api.setScript(() => ({ kind: 'error', status: 400, message: 'bad request from stand-in' }));
    const r = await cr(['--opus', '-p', 'review the authentication module for security issues']);
    expect(r.exitCode).toBe(1);
    const outs = await outcomes(env.historyFile);
    expect(outs.at(-1)?.exitCode).toBe(1);
    expect(api.turnRequests().every((t) => family(t.model) === 'opus')).toBe(true);
  });
});
