// A session whose answers come from another model than cr routed it to is reported as substituted,
// with the real claude writing the transcript: the stand-in answers as another model, or is
// overloaded so that claude's --fallback-model takes over.
import { describe, expect, it } from 'vitest';
import { decisions } from './support/history.js';
import { parseJson, useWorld } from './support/world.js';

interface HistoryJson {
  sessionId: string;
  tier: string;
  answered: { model: string; turns: number }[] | null;
  substitution: { cause: string; models: { model: string; turns: number }[]; turns: number } | null;
}

describe('routed vs answered with the real claude', () => {
  const world = useWorld();

  async function history(): Promise<HistoryJson[]> {
    const r = await world().cr(['history', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    return parseJson<HistoryJson[]>(r.stdout);
  }

  it('routed to haiku, answered by opus: a substitution in cr history --json', async () => {
    const { api, env, cr } = world();
    api.setScript(() => ({ text: 'done', model: 'claude-opus-5-5' }));
    expect((await cr(['--haiku', '-p', 'convert this CSV file to JSON'])).exitCode).toBe(0);
    const [d] = await decisions(env.historyFile);
    const [row] = await history();
    expect(row).toMatchObject({ sessionId: d!.sessionId, tier: 'haiku' });
    expect(row!.substitution).toMatchObject({ cause: 'unknown', turns: 1, models: [{ model: 'claude-opus-5-5' }] });
  });

  it('answered by the same family as routed: no substitution', async () => {
    const { api, cr } = world();
    api.setScript(({ request }) => ({ text: 'done', model: `${request.model ?? ''}-20261101` }));
    expect((await cr(['--haiku', '-p', 'convert this CSV file to JSON'])).exitCode).toBe(0);
    const [row] = await history();
    expect(row!.substitution).toBeNull();
    expect(row!.answered).toEqual([expect.objectContaining({ turns: 1 })]);
    expect(row!.answered![0]!.model).toMatch(/haiku.*-20261101$/);
  });

  it('haiku overloaded, --fallback-model sonnet answered: a fallback substitution', async () => {
    const { api, cr } = world();
    api.setScript(({ request }) =>
      (request.model ?? '').includes('haiku') ? { kind: 'error', status: 529 } : { text: 'done' },
    );
    // claude falls back only after retrying the overloaded model.
    const r = await cr(['--haiku', '-p', '--fallback-model', 'sonnet', 'convert this CSV file to JSON'], {
      CLAUDE_CODE_MAX_RETRIES: '3',
    });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const [row] = await history();
    expect(row!.substitution?.cause).toBe('fallback');
    expect(row!.substitution?.models.map((m) => m.model)).toEqual([expect.stringContaining('sonnet')]);
  });
});
