// `cr stats --json` reads the transcripts the real claude wrote and reports their tokens.
// The stand-in sets known usage numbers, so the report must contain exactly those.
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisions } from './support/history.js';
import { parseJson, useWorld } from './support/world.js';

const HAIKU_USAGE = { input_tokens: 4321, output_tokens: 987, cache_read_input_tokens: 55, cache_creation_input_tokens: 66 };
const OPUS_USAGE = { input_tokens: 1717, output_tokens: 313, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };

/** Every object anywhere inside `value`. */
function objects(value: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) objects(v, out);
  else if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) objects(v, out);
  }
  return out;
}

/** The numbers directly or one level down inside an object (e.g. {tokens: {input: 1}}). */
function numbersIn(obj: Record<string, unknown>): number[] {
  const nums: number[] = [];
  for (const v of Object.values(obj)) {
    if (typeof v === 'number') nums.push(v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const w of Object.values(v)) if (typeof w === 'number') nums.push(w);
    }
  }
  return nums;
}

/** An object in the report that names `key` (as a value, or as its key in the parent) and carries the token numbers. */
function findEntry(report: unknown, key: (s: string) => boolean, want: number[]): Record<string, unknown> | undefined {
  for (const obj of objects(report)) {
    for (const [k, v] of Object.entries(obj)) {
      const candidates: Array<Record<string, unknown>> = [];
      if (typeof v === 'string' && key(v)) candidates.push(obj);
      if (key(k) && v && typeof v === 'object' && !Array.isArray(v)) candidates.push(v as Record<string, unknown>);
      for (const c of candidates) {
        const nums = numbersIn(c);
        if (want.every((n) => nums.includes(n))) return c;
      }
    }
  }
  return undefined;
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
    expect((await cr(['--opus', '-p', 'review the authentication module for security issues'], extraEnv)).exitCode).toBe(0);
    const [haiku, opus] = await decisions(env.historyFile);
    expect([haiku?.tier, opus?.tier]).toEqual(['haiku', 'opus']);
    return { haikuSession: haiku!.sessionId!, opusSession: opus!.sessionId! };
  }

  it('per session and per model, with the exact token numbers', async () => {
    const { cr } = world();
    const { haikuSession, opusSession } = await twoSessions();
    const r = await cr(['stats', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const report = parseJson(r.stdout);

    expect(findEntry(report, (s) => s === haikuSession, [4321, 987]), 'haiku session entry').toBeDefined();
    expect(findEntry(report, (s) => s === opusSession, [1717, 313]), 'opus session entry').toBeDefined();
    expect(findEntry(report, (s) => s.includes('haiku'), [4321, 987]), 'haiku model entry').toBeDefined();
    expect(findEntry(report, (s) => s.includes('opus'), [1717, 313]), 'opus model entry').toBeDefined();
    // Cache tokens of the haiku session are reported too.
    const h = findEntry(report, (s) => s === haikuSession, [4321, 987])!;
    expect(numbersIn(h)).toEqual(expect.arrayContaining([55, 66]));
  });

  it('counts a message repeated in the transcript once', async () => {
    const { env, cr } = world();
    const { haikuSession } = await twoSessions();
    const file = env.transcriptPath(haikuSession);
    const assistantLine = (await readFile(file, 'utf8')).split('\n').find((l) => l.includes('"type":"assistant"'));
    expect(assistantLine).toBeDefined();
    await appendFile(file, `${assistantLine}\nnot json at all\n{"type":"some-future-line-type","x":1}\n`);
    const report = parseJson((await cr(['stats', '--json'])).stdout);
    expect(findEntry(report, (s) => s === haikuSession, [4321, 987])).toBeDefined();
    expect(findEntry(report, (s) => s === haikuSession, [8642])).toBeUndefined();
  });

  it('reads transcripts under CLAUDE_CONFIG_DIR when it is set', async () => {
    const { env, cr } = world();
    const configDir = path.join(env.root, 'claude-config');
    const { haikuSession } = await twoSessions({ CLAUDE_CONFIG_DIR: configDir });
    const r = await cr(['stats', '--json'], { CLAUDE_CONFIG_DIR: configDir });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(findEntry(parseJson(r.stdout), (s) => s === haikuSession, [4321, 987])).toBeDefined();
  });
});
