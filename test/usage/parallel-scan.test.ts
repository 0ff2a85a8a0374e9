// Reading on two threads must give exactly what reading on one gives. The worker runs the module's
// own file, so these tests use a bundle of the usage library (as dist/ ships it), not the sources.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Usage from '../../src/usage/index.js';
import { readFilesParallel as readFromSources } from '../../src/usage/parallel-scan.js';
import { assistantLine, tempDir, userLine, writeTranscript } from './transcripts.js';

let lib: typeof Usage & { readFilesParallel: typeof readFromSources };
let bundleDir: string;

beforeAll(async () => {
  bundleDir = await mkdtemp(path.join(os.tmpdir(), 'cr-usage-bundle-'));
  const entry = path.join(bundleDir, 'entry.ts');
  const src = path.resolve(__dirname, '../../src/usage');
  await (await import('node:fs/promises')).writeFile(entry, `export * from ${JSON.stringify(`${src}/index.ts`)};\nexport { readFilesParallel } from ${JSON.stringify(`${src}/parallel-scan.ts`)};\n`);
  await build({ entryPoints: [entry], outfile: path.join(bundleDir, 'usage.js'), bundle: true, format: 'esm', platform: 'node', logLevel: 'silent' });
  lib = await import(pathToFileURL(path.join(bundleDir, 'usage.js')).href);
}, 60_000);
afterAll(async () => {
  await rm(bundleDir, { recursive: true, force: true });
});

/** Sessions whose messages are replayed across files, so that which file counts a message matters. */
async function corpus(): Promise<string> {
  const root = await tempDir();
  const ids = (n: number) => `msg_${n}`;
  for (let f = 0; f < 40; f++) {
    const session = `s${String(f % 7).padStart(2, '0')}`;
    const lines: string[] = [userLine(session, 'go')];
    for (let m = 0; m < 30; m++) {
      // Every file shares some messages with others (ids overlap), with different sessions and times.
      const n = (f * 17 + m * 5) % 400;
      lines.push(assistantLine({ sessionId: session, id: ids(n), model: n % 3 ? 'claude-sonnet-5-5' : 'claude-opus-4-7', usage: { input: n, output: f + m, write5m: m, write1h: f, read: n * 2 }, timestamp: new Date(Date.UTC(2026, 10, 20, f % 24, m)).toISOString() }));
      if (m % 4 === 0) lines.push(lines.at(-1)!); // streaming repeat
    }
    lines.push('{"type":"assistant","message":{"usage":'); // malformed
    await writeTranscript(root, f % 5 === 0 ? `${session}/subagents/agent-${f}.jsonl` : `${session}-${f}.jsonl`, lines);
  }
  return root;
}

describe('reading on two threads', () => {
  it('gives exactly the sequential index: per-file sums, dedupe (first file in sorted order wins), sessions, offsets', async () => {
    const root = await corpus();
    const one = lib.updateUsageIndex({ roots: [root], parallelMinBytes: Number.POSITIVE_INFINITY });
    expect(one.stats.filesReadByWorker).toBe(0);
    for (let attempt = 0; attempt < 3; attempt++) {
      const two = lib.updateUsageIndex({ roots: [root], parallelMinBytes: 0, parallel: { waitForWorker: true } });
      // Both threads read some files (the worker is started before the main thread begins).
      expect(two.stats.filesReadByWorker).toBeGreaterThan(0);
      expect(two.stats.filesReadByWorker).toBeLessThan(one.stats.filesRead);
      expect([...two.files.keys()]).toEqual([...one.files.keys()]);
      expect(Object.fromEntries(two.files)).toEqual(Object.fromEntries(one.files));
      expect(two.malformedLines).toBe(one.malformedLines);
      expect(lib.usageCells(two)).toEqual(lib.usageCells(one));
    }
  });

  it('brings back every file the worker reads, entries in order', async () => {
    const root = await corpus();
    const files = lib.listTranscriptFiles([root]);
    const jobs = files.map((f) => ({ path: f.path, from: 0, bytes: f.size }));
    const byWorker = lib.readFilesParallel(jobs, { mainReads: false });
    const here = readFromSources(jobs); // the sources cannot start a worker: all read on this thread
    expect(byWorker.every((r) => r.byWorker)).toBe(true);
    expect(here.some((r) => r.byWorker)).toBe(false);
    const strip = (r: (typeof here)[number]) => ({ ...r, byWorker: undefined, cols: [...r.cols] });
    expect(byWorker.map(strip)).toEqual(here.map(strip));
  });

  it('leaves out a file that vanished, on either thread', async () => {
    const root = await corpus();
    const files = lib.listTranscriptFiles([root]);
    const jobs = [...files.map((f) => ({ path: f.path, from: 0, bytes: f.size })), { path: path.join(root, 'gone.jsonl'), from: 0, bytes: 1 }];
    for (const mainReads of [false, true]) {
      const read = lib.readFilesParallel(jobs, { mainReads });
      expect(read.at(-1)!.result).toBeUndefined();
      expect(read.slice(0, -1).every((r) => r.result !== undefined)).toBe(true);
    }
  });
});
