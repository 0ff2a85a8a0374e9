// Reading on two threads must give exactly what reading on one gives. The worker runs the module's
// own file, so these tests use a bundle of the usage library (as dist/ ships it), not the sources.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Usage from '../../src/usage/index.js';
import {
  readFilesParallel as readFromSources,
  readFilesParallelAsync as readAheadFromSources,
} from '../../src/usage/parallel-scan.js';
import { appendFile } from 'node:fs/promises';
import { REPO_ROOT } from '../support/run-cr.js';
import { assistantLine, tempDir, userLine, writeTranscript } from './transcripts.js';

let lib: typeof Usage & {
  readFilesParallel: typeof readFromSources;
  readFilesParallelAsync: typeof readAheadFromSources;
};
let bundleDir: string;

beforeAll(async () => {
  bundleDir = await mkdtemp(path.join(os.tmpdir(), 'cr-usage-bundle-'));
  const entry = path.join(bundleDir, 'entry.ts');
  const src = path.resolve(__dirname, '../../src/usage');
  await (
    await import('node:fs/promises')
  ).writeFile(
    entry,
    `export * from ${JSON.stringify(`${src}/index.ts`)};\nexport { readFilesParallel, readFilesParallelAsync } from ${JSON.stringify(`${src}/parallel-scan.ts`)};\n`,
  );
  await build({
    entryPoints: [entry],
    outfile: path.join(bundleDir, 'usage.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
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
      lines.push(
        assistantLine({
          sessionId: session,
          id: ids(n),
          model: n % 3 ? 'claude-sonnet-5-5' : 'claude-opus-4-7',
          usage: { input: n, output: f + m, write5m: m, write1h: f, read: n * 2 },
          timestamp: new Date(Date.UTC(2026, 10, 20, f % 24, m)).toISOString(),
        }),
      );
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
    const jobs = [
      ...files.map((f) => ({ path: f.path, from: 0, bytes: f.size })),
      { path: path.join(root, 'gone.jsonl'), from: 0, bytes: 1 },
    ];
    for (const mainReads of [false, true]) {
      const read = lib.readFilesParallel(jobs, { mainReads });
      expect(read.at(-1)!.result).toBeUndefined();
      expect(read.slice(0, -1).every((r) => r.result !== undefined)).toBe(true);
    }
  });
});

describe('reading ahead (updateUsageIndexAsync, cr stats)', () => {
  const strip = (r: Usage.UsageIndex) => ({
    files: Object.fromEntries(r.files),
    malformed: r.malformedLines,
    cells: lib.usageCells(r),
  });

  it('gives exactly the sequential index, on one thread and on two', async () => {
    const root = await corpus();
    const one = lib.updateUsageIndex({ roots: [root], parallelMinBytes: Number.POSITIVE_INFINITY });
    const ahead = await lib.updateUsageIndexAsync({ roots: [root], parallelMinBytes: Number.POSITIVE_INFINITY });
    expect(ahead.stats.filesReadByWorker).toBe(0);
    expect(ahead.stats).toEqual(one.stats);
    expect(strip(ahead)).toEqual(strip(one));
    for (let attempt = 0; attempt < 3; attempt++) {
      const two = await lib.updateUsageIndexAsync({
        roots: [root],
        parallelMinBytes: 0,
        parallel: { waitForWorker: true },
      });
      expect(two.stats.filesReadByWorker).toBeGreaterThan(0);
      expect(two.stats.filesReadByWorker).toBeLessThan(one.stats.filesRead);
      expect([...two.files.keys()]).toEqual([...one.files.keys()]);
      expect(strip(two)).toEqual(strip(one));
    }
  });

  it('new files are added up as they are read, and again in order when a message was counted before them', async () => {
    const root = await corpus();
    const cacheA = await tempDir('cr-cache-');
    const cacheB = await tempDir('cr-cache-');
    // Without a files cache the worker is started before the listing; the result is the same.
    const one = lib.updateUsageIndex({ roots: [root], cacheDir: cacheA });
    const two = await lib.updateUsageIndexAsync({
      roots: [root],
      cacheDir: cacheB,
      parallelMinBytes: 0,
      parallel: { waitForWorker: true },
    });
    expect(two.stats.filesReadByWorker).toBeGreaterThan(0);
    expect(strip(two)).toEqual(strip(one));
    // New files next to cached ones: one replays messages counted in cached files (sorted before and
    // after it), one replays a message of another new file, one is all new.
    await writeTranscript(root, 'a-first.jsonl', [
      assistantLine({ sessionId: 'n1', id: 'msg_3', usage: { input: 1, output: 1 } }),
      assistantLine({ sessionId: 'n1', id: 'new_1', usage: { input: 2, output: 2 } }),
    ]);
    await writeTranscript(root, 'z-last.jsonl', [
      assistantLine({ sessionId: 'n2', id: 'new_1', usage: { input: 3, output: 3 } }),
      assistantLine({ sessionId: 'n2', id: 'msg_399', usage: { input: 4, output: 4 } }),
    ]);
    await writeTranscript(root, 'm-own.jsonl', [
      assistantLine({ sessionId: 'n3', id: 'own_1', usage: { input: 5, output: 5 } }),
      assistantLine({ sessionId: 'n3', id: 'own_1', usage: { input: 5, output: 5 } }),
    ]);
    const oneNext = lib.updateUsageIndex({ roots: [root], cacheDir: cacheA });
    const twoNext = await lib.updateUsageIndexAsync({
      roots: [root],
      cacheDir: cacheB,
      parallelMinBytes: 0,
      parallel: { waitForWorker: true },
    });
    expect(twoNext.stats).toMatchObject({ cache: 'warm', filesRead: 3 });
    expect(strip(twoNext)).toEqual(strip(oneNext));
    expect(twoNext.files.get(path.join(root, '-home-dev-proj', 'z-last.jsonl'))!.ids).toEqual([]);
    // From scratch: new files that replay each other's messages, on one thread and on two.
    const fresh = await tempDir('cr-cache-');
    const three = await lib.updateUsageIndexAsync({
      roots: [root],
      cacheDir: fresh,
      parallelMinBytes: 0,
      parallel: { waitForWorker: true },
    });
    expect(strip(three)).toEqual(strip(lib.updateUsageIndex({ roots: [root] })));
  });

  it('reads files of many blocks, lines across block ends, and from an offset (incremental)', async () => {
    const root = await tempDir();
    const big: string[] = [];
    // ~5.5 MB: three 2 MB blocks, with long lines cut by the block ends.
    for (let m = 0; m < 1400; m++) {
      big.push(userLine('s1', 'x'.repeat(2000 + (m % 7) * 97)));
      big.push(
        assistantLine({
          sessionId: 's1',
          id: `big_${m}`,
          usage: { input: m, output: 1 },
          text: 'y'.repeat(1000 + (m % 13) * 31),
        }),
      );
    }
    await writeTranscript(root, 's1.jsonl', big);
    for (let f = 0; f < 9; f++)
      await writeTranscript(root, `small-${f}.jsonl`, [
        assistantLine({ sessionId: `t${f}`, id: `small_${f}`, usage: { input: f, output: f } }),
      ]);
    const cacheA = await tempDir('cr-cache-');
    const cacheB = await tempDir('cr-cache-');
    const one = lib.updateUsageIndex({ roots: [root], cacheDir: cacheA });
    const ahead = await lib.updateUsageIndexAsync({ roots: [root], cacheDir: cacheB });
    expect(ahead.stats.bytesRead).toBeGreaterThan(5_000_000);
    expect(strip(ahead)).toEqual(strip(one));
    // Grown files: only the new bytes are read, from each file's offset, with the same result.
    const file = lib.listTranscriptFiles([root]).find((f) => f.path.endsWith('s1.jsonl'))!.path;
    await appendFile(file, `${assistantLine({ sessionId: 's1', id: 'later', usage: { input: 7, output: 7 } })}\n`);
    const oneNext = lib.updateUsageIndex({ roots: [root], cacheDir: cacheA });
    const aheadNext = await lib.updateUsageIndexAsync({ roots: [root], cacheDir: cacheB });
    expect(aheadNext.stats).toMatchObject({ cache: 'warm', filesRead: 1 });
    expect(aheadNext.stats).toEqual(oneNext.stats);
    expect(strip(aheadNext)).toEqual(strip(oneNext));
  });

  it('leaves out a file that vanished, on either thread, and brings back every other file whole', async () => {
    const root = await corpus();
    const files = lib.listTranscriptFiles([root]);
    const jobs = [
      ...files.map((f) => ({ path: f.path, from: 0, bytes: f.size })),
      { path: path.join(root, 'gone.jsonl'), from: 0, bytes: 1 },
    ];
    const sequential = readFromSources(jobs);
    const plain = (r: (typeof sequential)[number]) => ({ ...r, byWorker: undefined, cols: [...r.cols] });
    for (const mainReads of [false, true]) {
      const read = await lib.readFilesParallelAsync(jobs, true, { mainReads });
      expect(read.at(-1)!.result).toBeUndefined();
      expect(read.map(plain)).toEqual(sequential.map(plain));
      if (!mainReads) expect(read.every((r) => r.byWorker)).toBe(true);
    }
    const here = await readAheadFromSources(jobs, false);
    expect(here.map(plain)).toEqual(sequential.map(plain));
  });
});

// The CLI ships as chunks (scripts/build.mjs): the worker then runs the chunk file that holds this
// module. The scan `cr stats` runs must still get its second thread.
describe('the CLI bundle (dist/chunks/)', () => {
  it('starts the worker from its chunk and gives the same index', async () => {
    const chunks = path.join(REPO_ROOT, 'dist', 'chunks');
    const chunk = readdirSync(chunks).find((f) =>
      /^export \{[^}]*\bupdateUsageIndexAsync\b/m.test(readFileSync(path.join(chunks, f), 'utf8')),
    );
    expect(chunk).toBeDefined();
    const cli = (await import(pathToFileURL(path.join(chunks, chunk!)).href)) as typeof Usage;
    const root = await corpus();
    const one = lib.updateUsageIndex({ roots: [root], parallelMinBytes: Number.POSITIVE_INFINITY });
    const two = await cli.updateUsageIndexAsync({ roots: [root], parallelMinBytes: 0, parallel: { mainReads: false } });
    expect(two.stats.filesReadByWorker).toBe(one.stats.filesRead);
    expect({ files: Object.fromEntries(two.files), cells: lib.usageCells(two) }).toEqual({
      files: Object.fromEntries(one.files),
      cells: lib.usageCells(one),
    });
  });
});
