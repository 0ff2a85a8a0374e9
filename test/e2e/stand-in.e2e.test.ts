// Baseline: the real claude binary, run directly, talks to the stand-in the way the rest of
// the suite assumes. If these fail, the cr tests below cannot mean anything.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from './support/anthropic-stand-in.js';
import { makeClaudeEnv, runClaude, type ClaudeEnv } from './support/claude-env.js';
import { family, transcriptUsage } from './support/history.js';

describe('stand-in API with the real claude binary', () => {
  let api: StandIn;
  let env: ClaudeEnv;

  beforeEach(async () => {
    api = await startStandIn({ text: 'stand-in says hi', usage: { input_tokens: 321, output_tokens: 45 } });
    env = await makeClaudeEnv(api.url);
  });
  afterEach(async () => {
    await api.close();
    await env.cleanup();
  });

  it('claude -p --model haiku streams from the stand-in and writes the transcript under $HOME', async () => {
    const sessionId = randomUUID();
    const r = await runClaude(['--model', 'haiku', '--session-id', sessionId, '-p', 'hello'], {
      cwd: env.project,
      env: env.env,
    });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toContain('stand-in says hi');

    const turns = api.turnRequests();
    expect(turns).toHaveLength(1);
    expect(family(turns[0]!.model)).toBe('haiku');
    expect(turns[0]!.sessionId).toBe(sessionId);
    expect(turns[0]!.headers['x-api-key']).toMatch(/^sk-ant-test-/);
    // The developer's HOME was not used.
    const transcript = env.transcriptPath(sessionId);
    expect(existsSync(transcript)).toBe(true);
    const usage = await transcriptUsage(transcript);
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ input: 321, output: 45 });
    expect(family(usage[0]!.model)).toBe('haiku');
  });

  it('claude exits 1 with the error on stdout when the API answers 529 or 500', async () => {
    for (const status of [529, 500]) {
      api.setScript(() => ({ kind: 'error', status }));
      const r = await runClaude(['--model', 'haiku', '-p', 'hello'], { cwd: env.project, env: env.env });
      expect(r.exitCode).toBe(1);
      expect(String(r.stdout)).toContain(String(status));
    }
    expect(api.turnRequests().map((t) => t.status)).toEqual([529, 500]);
  });
});
