// cr stats reads the history on a thread of its own: the same tally as on this thread, errors included.
// The worker runs the module's own file, so this test uses a bundle of it (as dist/ ships it).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_SCHEMA } from '../../src/history/records.js';
import { SCHEMA_READ } from '../../src/history/stats-history.js';
import { WORKER_MIN_BYTES, tallyHistory as tallyFromSources } from '../../src/history/history-worker.js';
import { TIERS } from '../../src/types.js';
import { REPO_ROOT } from '../support/run-cr.js';

let lib: { tallyHistory: typeof tallyFromSources };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cr-history-worker-'));
  await build({
    entryPoints: [path.resolve(__dirname, '../../src/history/history-worker.ts')],
    outfile: path.join(dir, 'history-worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  lib = await import(pathToFileURL(path.join(dir, 'history-worker.js')).href);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const decision = (i: number, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    v: 1,
    type: 'decision',
    id: `d${i}`,
    time: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    cwd: '/p',
    kind: i % 7 ? 'route' : 'override',
    task: `task ${i}`,
    tier: TIERS[i % 3],
    model: 'x',
    rule: `rule-${i % 4}`,
    confidence: 0.9,
    sessionId: `s${i % 50}`,
    ...over,
  });

describe('the history read on its own thread', () => {
  it('reads the schema version history-store reads', () => {
    expect(SCHEMA_READ).toBe(HISTORY_SCHEMA);
  });

  it('gives the tally read on this thread', async () => {
    const file = path.join(dir, 'history.jsonl');
    const lines = Array.from({ length: 8000 }, (_, i) => decision(i));
    lines.push(
      '{"broken',
      JSON.stringify({ v: 1, type: 'outcome', id: 'd1000', time: 'x', exitCode: 2, durationMs: 1 }),
      decision(9999, { sessionId: undefined }),
    );
    await writeFile(file, lines.join('\n'));
    const since = Date.UTC(2026, 10, 1, 10);
    const until = Date.UTC(2026, 10, 3);
    const here = await tallyFromSources(file, since, until, TIERS);
    expect(statSync(file).size).toBeGreaterThan(WORKER_MIN_BYTES);
    const there = await lib.tallyHistory(file, since, until, TIERS);
    expect(here.readOn).toBe('here'); // the sources cannot start a worker of themselves
    expect(there.readOn).toBe('worker');
    expect({ ...there, readOn: 'here' }).toEqual(here);
    expect(here.skipped).toBe(1);
    expect(here.tally.decisions).toBeGreaterThan(2000);
    expect(here.tally.byTier.sonnet.failed).toBe(1);
    expect(here.tally.latest.size).toBe(50);
    expect(await lib.tallyHistory(file, since, until, TIERS, 'here')).toEqual(here);
    // A small history is read here; forced onto the worker, the same.
    const small = path.join(dir, 'small.jsonl');
    await writeFile(small, lines.slice(0, 100).join('\n'));
    const smallHere = await lib.tallyHistory(small, since, until, TIERS);
    const smallThere = await lib.tallyHistory(small, since, until, TIERS, 'worker');
    expect([smallHere.readOn, smallThere.readOn]).toEqual(['here', 'worker']);
    expect({ ...smallThere, readOn: 'here' }).toEqual(smallHere);
  });

  it('an empty tally for a missing history; a history that cannot be read rejects on either thread', async () => {
    const missing = await lib.tallyHistory(path.join(dir, 'none.jsonl'), 0, 1, TIERS);
    expect(missing).toMatchObject({ skipped: 0, tally: { decisions: 0 } });
    const folder = path.join(dir, 'a-folder');
    await mkdir(folder, { recursive: true });
    await expect(tallyFromSources(folder, 0, 1, TIERS)).rejects.toThrow(/EISDIR/);
    await expect(lib.tallyHistory(folder, 0, 1, TIERS, 'worker')).rejects.toThrow(/EISDIR/);
  });
});

// The CLI ships as chunks (scripts/build.mjs): `cr stats` must still read a big history on its own
// thread from the chunk that holds this module.
describe('the CLI bundle (dist/chunks/)', () => {
  it('reads a big history on a worker started from its chunk, with the same tally', async () => {
    const chunks = path.join(REPO_ROOT, 'dist', 'chunks');
    const chunk = readdirSync(chunks).find((f) =>
      /^export \{[^}]*\btallyHistory\b/m.test(readFileSync(path.join(chunks, f), 'utf8')),
    );
    expect(chunk).toBeDefined();
    const cli = (await import(pathToFileURL(path.join(chunks, chunk!)).href)) as {
      tallyHistory: typeof tallyFromSources;
    };
    const file = path.join(dir, 'cli-history.jsonl');
    await writeFile(file, Array.from({ length: 8000 }, (_, i) => decision(i)).join('\n'));
    const since = Date.UTC(2026, 10, 1);
    const until = Date.UTC(2026, 10, 9);
    const there = await cli.tallyHistory(file, since, until, TIERS);
    expect(there.readOn).toBe('worker');
    expect({ ...there, readOn: 'here' }).toEqual(await tallyFromSources(file, since, until, TIERS));
  });
});
