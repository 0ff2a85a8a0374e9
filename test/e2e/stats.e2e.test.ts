// `cr stats --json` reads the transcripts the real claude wrote and reports their tokens.
// The stand-in sets known usage numbers, so the report must carry exactly those.
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisions } from './support/history.js';
import { parseJson, useWorld } from './support/world.js';

const HAIKU_USAGE = {
  input_tokens: 4321,
  output_tokens: 987,
  cache_read_input_tokens: 55,
  cache_creation_input_tokens: 66,
};
const OPUS_USAGE = {
  input_tokens: 1717,
  output_tokens: 313,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
};
const HAIKU_TOKENS = { input: 4321, output: 987, cacheRead: 55, cacheWrite5m: 66, cacheWrite1h: 0 };
const OPUS_TOKENS = { input: 1717, output: 313, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 };

interface Tokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}
interface StatsJson {
  sessions: number;
  real: { tokens: Tokens; totalTokens: number; cost: number };
  byModel: Array<{ model: string; family: string | null; messages: number; tokens: Tokens }>;
  perSession: Array<{ sessionId: string; tier: string; models: string[]; hasTranscript: boolean; tokens: Tokens }>;
}

describe('cr stats --json reports the tokens in claude transcripts', () => {
  const world = useWorld();

  async function twoSessions(extraEnv: NodeJS.ProcessEnv = {}) {
    const { api, env, cr } = world();
    api.setScript(({ request }) => ({
      usage: (request.model ?? '').includes('haiku') ? HAIKU_USAGE : OPUS_USAGE,
    }));
    // Tiers forced, so this test does not depend on the classifier.
    expect((await cr(['--haiku', '-p', 'convert this CSV file to JSON'], extraEnv)).exitCode).toBe(0);
    expect(
      (await cr(['--opus', '-p', 'review the authentication module for security issues'], extraEnv)).exitCode,
    ).toBe(0);
    const [haiku, opus] = await decisions(env.historyFile);
    expect([haiku?.tier, opus?.tier]).toEqual(['haiku', 'opus']);
    return { haikuSession: haiku!.sessionId!, opusSession: opus!.sessionId! };
  }

  async function stats(extraEnv: NodeJS.ProcessEnv = {}): Promise<StatsJson> {
    const r = await world().cr(['stats', '--json'], extraEnv);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    return parseJson<StatsJson>(r.stdout);
  }

  it('per session and per model, with the exact token numbers', async () => {
    const { haikuSession, opusSession } = await twoSessions();
    const report = await stats();

    const bySession = new Map(report.perSession.map((s) => [s.sessionId, s]));
    expect(bySession.get(haikuSession)).toMatchObject({ tier: 'haiku', hasTranscript: true, tokens: HAIKU_TOKENS });
    expect(bySession.get(opusSession)).toMatchObject({ tier: 'opus', hasTranscript: true, tokens: OPUS_TOKENS });
    expect(bySession.get(haikuSession)!.models.every((m) => m.includes('haiku'))).toBe(true);

    const haikuModel = report.byModel.filter((m) => m.family === 'haiku' || m.model.includes('haiku'));
    const opusModel = report.byModel.filter((m) => m.family === 'opus' || m.model.includes('opus'));
    expect(haikuModel).toHaveLength(1);
    expect(opusModel).toHaveLength(1);
    expect(haikuModel[0]).toMatchObject({ messages: 1, tokens: HAIKU_TOKENS });
    expect(opusModel[0]).toMatchObject({ messages: 1, tokens: OPUS_TOKENS });

    expect(report.real.tokens).toEqual({ input: 6038, output: 1300, cacheRead: 55, cacheWrite5m: 66, cacheWrite1h: 0 });
    expect(report.real.cost).toBeGreaterThan(0);
  });

  it('counts a message repeated in the transcript once and skips lines it cannot read', async () => {
    const { env } = world();
    const { haikuSession } = await twoSessions();
    const file = env.transcriptPath(haikuSession);
    const assistantLine = (await readFile(file, 'utf8')).split('\n').find((l) => l.includes('"type":"assistant"'));
    expect(assistantLine).toBeDefined();
    await appendFile(file, `${assistantLine}\nnot json at all\n{"type":"some-future-line-type","x":1}\n`);
    const report = await stats();
    expect(report.perSession.find((s) => s.sessionId === haikuSession)?.tokens).toEqual(HAIKU_TOKENS);
  });

  it('reads transcripts under CLAUDE_CONFIG_DIR when it is set', async () => {
    const { env } = world();
    const configDir = path.join(env.root, 'claude-config');
    const { haikuSession } = await twoSessions({ CLAUDE_CONFIG_DIR: configDir });
    const report = await stats({ CLAUDE_CONFIG_DIR: configDir });
    expect(report.perSession.find((s) => s.sessionId === haikuSession)).toMatchObject({
      hasTranscript: true,
      tokens: HAIKU_TOKENS,
    });
  });
});
