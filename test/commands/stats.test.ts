// Black-box: the built cr reads history and transcripts from the places the environment names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCr } from '../support/run-cr.js';
import { assistantLine, userLine } from '../usage/transcripts.js';
import { appendTranscript, transcriptTestEnv } from '../support/transcript-env.js';

const S = [
  'aaaaaaaa-0000-4000-a000-000000000001',
  'aaaaaaaa-0000-4000-a000-000000000002',
  'aaaaaaaa-0000-4000-a000-000000000003',
];
const M = 1_000_000;
let root: string;
let env: NodeJS.ProcessEnv;

const transcript = (sessionId: string, lines: string[], rel?: string) => appendTranscript(root, sessionId, lines, rel);

function decision(n: number, over: Record<string, unknown>) {
  return JSON.stringify({
    v: 1,
    type: 'decision',
    id: `d${n}`,
    time: `2026-11-2${n}T10:00:00.000Z`,
    cwd: '/work/p',
    kind: 'route',
    tier: 'sonnet',
    model: 'sonnet',
    rule: 'task-type',
    confidence: 0.9,
    ...over,
  });
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'cr-stats-cli-'));
  mkdirSync(path.join(root, 'home'));
  env = transcriptTestEnv(root);
  // haiku session: $1 in + $5 out; sonnet session with a subagent and a streaming repeat: $15 + $5;
  // opus session: 1M 1h cache writes = $10. A fourth decision's session has no transcript.
  transcript(S[0]!, [
    userLine(S[0]!, 'go'),
    assistantLine({
      sessionId: S[0]!,
      model: 'claude-haiku-4-5',
      id: 'a',
      usage: { input: M, output: M },
      timestamp: '2026-11-21T10:01:00Z',
    }),
  ]);
  const b = assistantLine({
    sessionId: S[1]!,
    model: 'claude-sonnet-5-5',
    id: 'b',
    usage: { input: 0, output: M },
    timestamp: '2026-11-22T10:01:00Z',
  });
  transcript(S[1]!, [b, b, 'not json "assistant" "usage"', '{"type":"future-thing"}']);
  transcript(
    S[1]!,
    [
      assistantLine({
        sessionId: S[1]!,
        model: 'claude-haiku-4-5',
        id: 'c',
        usage: { input: 0, output: M },
        timestamp: '2026-11-22T10:02:00Z',
      }),
    ],
    `${S[1]}/subagents/agent-1.jsonl`,
  );
  transcript(S[2]!, [
    assistantLine({
      sessionId: S[2]!,
      model: 'claude-opus-4-7',
      id: 'd',
      usage: { input: 0, output: 0, write1h: M },
      timestamp: '2026-11-23T10:01:00Z',
    }),
  ]);
  writeFileSync(
    env.CR_HISTORY_FILE!,
    [
      decision(1, { tier: 'haiku', model: 'haiku', sessionId: S[0], task: 'convert the CSV file to JSON' }),
      decision(2, {
        sessionId: S[1],
        kind: 'override',
        rule: 'override',
        suggested: { tier: 'haiku', rule: 'task-type' },
      }),
      decision(3, { tier: 'opus', model: 'opus', sessionId: S[2], rule: 'plan-mode' }),
      decision(4, { sessionId: 'ffffffff-0000-4000-a000-00000000000f' }),
      '{"truncated',
      JSON.stringify({ v: 1, type: 'outcome', id: 'd3', time: '2026-11-23T11:00:00Z', exitCode: 1, durationMs: 5 }),
    ].join('\n') + '\n',
  );
  return () => rmSync(root, { recursive: true, force: true });
});

const cr = (args: string[]) => runCr(args, { cwd: root, env });

describe('cr stats', () => {
  it('--json reports exact totals, costs and savings', async () => {
    const r = await cr(['stats', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      decisions: 4,
      sessions: 4,
      sessionsWithTranscript: 3,
      sessionsWithoutTranscript: 1,
      malformedLines: 1,
      historySkippedLines: 1,
      overrideRate: 0.25,
    });
    expect(report.real.tokens).toEqual({ input: M, output: 3 * M, cacheWrite5m: 0, cacheWrite1h: M, cacheRead: 0 });
    expect(report.real.cost).toBeCloseTo(36, 9);
    // All Opus: 5 + 75 + 10 = 90; all Sonnet: 3 + 45 + 6 = 54.
    expect(report.allOpus).toEqual({ model: 'opus', cost: 90, savings: 54, savingsPercent: 60 });
    expect(report.allSonnet).toEqual({ model: 'sonnet', cost: 54, savings: 18, savingsPercent: 33.33 });
    expect(report.byModel.map((m: { model: string; cost: number }) => [m.model, m.cost])).toEqual([
      ['claude-sonnet-5-5', 15],
      ['claude-haiku-4-5', 11],
      ['claude-opus-4-7', 10],
    ]);
    expect(report.costPerDay).toEqual([
      { date: '2026-11-21', cost: 6 },
      { date: '2026-11-22', cost: 20 },
      { date: '2026-11-23', cost: 10 },
    ]);
    expect(report.byTier.opus).toEqual({ decisions: 1, sessions: 1, failed: 1, cost: 10 });
    // The second run answers from the cache with the same figures.
    const again = JSON.parse((await cr(['stats', '--json'])).stdout);
    expect(again.real).toEqual(report.real);
  });

  it('a cache folder that cannot be made (its parent is a file): the same report, one warning, exit 0', async () => {
    const good = JSON.parse((await cr(['stats', '--json'])).stdout);
    writeFileSync(path.join(root, 'afile'), '');
    const cacheDir = path.join(root, 'afile', 'cache');
    const r = await runCr(['stats', '--json'], { cwd: root, env: { ...env, CR_CACHE_DIR: cacheDir } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).real).toEqual(good.real);
    expect(r.stderr).toBe(
      `cr: warning: could not write the usage cache in ${cacheDir}; until it can, each cr stats reads every transcript again\n`,
    );
  });

  it('a transcripts folder that cannot be read (a file where it should be): one warning, exit 0', async () => {
    const file = path.join(root, 'not-a-folder');
    writeFileSync(file, '');
    const r = await runCr(['stats', '--json'], { cwd: root, env: { ...env, CLAUDE_CONFIG_DIR: file } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `cr: warning: cannot read the transcripts in ${path.join(file, 'projects')} (a part of its path is not a directory); their usage is not counted\n`,
    );
  });

  it('uses per-model prices from the config and honours the period', async () => {
    mkdirSync(path.join(root, 'config', 'claude-router'), { recursive: true });
    writeFileSync(
      path.join(root, 'config', 'claude-router', 'config.json'),
      JSON.stringify({ prices: { 'claude-opus-4-7': { input: 10, output: 50 } } }),
    );
    const r = JSON.parse((await cr(['stats', '--json', '--since', '2026-11-23', '--until', '2026-11-23'])).stdout);
    expect(r.decisions).toBe(1);
    expect(r.real.cost).toBeCloseTo(20, 9);
    expect((await cr(['stats', '--days', 'x'])).exitCode).toBe(2);
  });

  it('a tier pinned to a model of no known family: no crash, its comparison unpriced', async () => {
    mkdirSync(path.join(root, 'config', 'claude-router'), { recursive: true });
    writeFileSync(
      path.join(root, 'config', 'claude-router', 'config.json'),
      JSON.stringify({ tiers: { opus: { model: 'glm-4.6' } } }),
    );
    const text = await cr(['stats']);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stderr).not.toMatch(/TypeError|Cannot read/);
    expect(text.stdout).toMatch(/all-Opus\s+—\s+no price for glm-4\.6/);
    expect(text.stdout).toMatch(/all-Sonnet\s+\$54\.00/);
    const json = JSON.parse((await cr(['stats', '--json'])).stdout);
    expect(json.allOpus).toBeNull();
    expect(json.tierModels).toEqual({ opus: 'glm-4.6', sonnet: 'sonnet' });
  });

  it('transcript token counts like 1e308 are skipped and counted: no $Infinity or NaN%', async () => {
    transcript(S[0]!, [
      assistantLine({
        sessionId: S[0]!,
        model: 'claude-haiku-4-5',
        id: 'huge',
        usage: { input: 1, output: 1 },
        timestamp: '2026-11-21T10:02:00Z',
      }).replace('"output_tokens":1', '"output_tokens":1e308'),
    ]);
    const r = await cr(['stats']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/Infinity|NaN/);
    expect(r.stdout).toContain('2 malformed transcript line(s) skipped');
    expect(r.stdout).toMatch(/real\s+\$36\.00/);
  });

  it('prints a chart that says what the all-Opus figure means', async () => {
    const r = await cr(['stats']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('re-price the same tokens');
    expect(r.stdout).toMatch(/all-Opus\s+\$90\.00\s+saved \$54\.00 \(60\.0%\)/);
    expect(r.stdout).toContain('1 session(s) without a transcript');
  });
});

describe('cr history', () => {
  it('lists recent decisions with outcome and real cost', async () => {
    const r = await cr(['history', '--limit', '3']);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^2026-11-23 10:00\s+opus\s+plan-mode\s+exit 1\s+\$10\.00$/);
    expect(lines[3]).toMatch(/sonnet\s+override\s+ok|sonnet\s+override\s+—\s+\$20\.00/);
    const json = JSON.parse((await cr(['history', '--json'])).stdout);
    expect(json.map((d: { id: string }) => d.id)).toEqual(['d4', 'd3', 'd2', 'd1']);
    expect(json[2].cost).toBeCloseTo(20, 9);
    expect(json[0].cost).toBeNull();
    // The truncated history line is skipped and counted, on stderr.
    expect(r.stderr).toMatch(/^cr: 1 history line\(s\) could not be read and were skipped\n$/);
  });

  it('a stray file among the project folders (.DS_Store) is no project: history and stats still read', async () => {
    writeFileSync(path.join(env.CLAUDE_CONFIG_DIR!, 'projects', '.DS_Store'), 'x');
    const r = await cr(['history', '--limit', '3']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/opus\s+plan-mode\s+exit 1\s+\$10\.00/);
    const stats = await cr(['stats', '--json']);
    expect(stats.exitCode, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).real.cost).toBeCloseTo(36, 9);
  });

  it('--session shows one in full', async () => {
    const r = await cr(['history', '--session', S[1]!]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('$20.00');
    expect(r.stdout).toContain('claude-haiku-4-5  $5.00');
    expect((await cr(['history', '--session', 'nope'])).exitCode).toBe(1);
  });
});
