// `cr escalate` (alias `cr up`) continues the last cr session in this directory on the
// next tier up: same session id on the wire, same transcript file, bigger model.
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisions, family, transcriptUsage } from './support/history.js';
import { runCr } from './support/claude-env.js';
import { useWorld } from './support/world.js';

describe('cr escalate continues the same session on a bigger model', () => {
  const world = useWorld({ usage: { input_tokens: 200, output_tokens: 30 } });

  it('haiku session → cr escalate -p → sonnet, same session and transcript', async () => {
    const { api, env, cr } = world();
    const first = await cr(['--haiku', '-p', 'convert this CSV file to JSON']);
    expect(first.exitCode, String(first.stderr)).toBe(0);
    const [d0] = await decisions(env.historyFile);
    expect(d0?.tier).toBe('haiku');
    const sessionId = d0!.sessionId!;

    api.setScript(() => ({ text: 'escalated answer' }));
    const up = await cr(['escalate', '-p', 'that was wrong, try again']);
    expect(up.exitCode, String(up.stderr)).toBe(0);
    expect(String(up.stdout)).toContain('escalated answer');

    const turns = api.turnRequests();
    expect(turns.map((t) => family(t.model))).toEqual(['haiku', 'sonnet']);
    expect(turns.map((t) => t.sessionId)).toEqual([sessionId, sessionId]);
    // The resumed turn carries the earlier conversation.
    expect(JSON.stringify(turns[1]!.body?.messages)).toContain('convert this CSV file to JSON');

    // Still one transcript file, now with a haiku and a sonnet message.
    const files = (await readdir(env.transcriptDir())).filter((f) => f.endsWith('.jsonl'));
    expect(files).toEqual([`${sessionId}.jsonl`]);
    const usage = await transcriptUsage(env.transcriptPath(sessionId));
    expect(usage.map((u) => family(u.model))).toEqual(['haiku', 'sonnet']);

    const ds = await decisions(env.historyFile);
    expect(ds).toHaveLength(2);
    expect(ds[1]).toMatchObject({ kind: 'escalation', tier: 'sonnet', sessionId, parent: d0!.id });
  });

  it('cr up --to opus jumps straight to opus in the same session', async () => {
    const { api, env, cr } = world();
    expect((await cr(['--haiku', '-p', 'convert this CSV file to JSON'])).exitCode).toBe(0);
    const sessionId = (await decisions(env.historyFile))[0]!.sessionId;
    const up = await cr(['up', '--to', 'opus', '-p', 'go deeper']);
    expect(up.exitCode, String(up.stderr)).toBe(0);
    const turns = api.turnRequests();
    expect(turns.map((t) => family(t.model))).toEqual(['haiku', 'opus']);
    expect(turns[1]!.sessionId).toBe(sessionId);
  });

  it('cr up --session from another directory resumes the session where it started', async () => {
    const { api, env, cr } = world();
    expect((await cr(['--haiku', '-p', 'convert this CSV file to JSON'])).exitCode).toBe(0);
    const sessionId = (await decisions(env.historyFile))[0]!.sessionId!;
    const other = path.join(path.dirname(env.project), 'other');
    await mkdir(other, { recursive: true });
    api.setScript(() => ({ text: 'escalated answer' }));
    const up = await runCr(['up', '--session', sessionId, '-p', 'that was wrong, try again'], {
      cwd: other,
      env: env.env,
    });
    expect(up.exitCode, String(up.stderr)).toBe(0);
    expect(String(up.stdout)).toContain('escalated answer');
    const turns = api.turnRequests();
    expect(turns.map((t) => family(t.model))).toEqual(['haiku', 'sonnet']);
    expect(JSON.stringify(turns[1]!.body?.messages)).toContain('convert this CSV file to JSON');
    const files = (await readdir(env.transcriptDir())).filter((f) => f.endsWith('.jsonl'));
    expect(files).toEqual([`${sessionId}.jsonl`]);
    expect((await decisions(env.historyFile))[1]).toMatchObject({
      kind: 'escalation',
      tier: 'sonnet',
      sessionId,
      cwd: env.project,
    });
  });
});
