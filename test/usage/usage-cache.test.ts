import { appendFile, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES_CACHE, SUMMARY_CACHE, recentUsage, updateUsageIndex } from '../../src/usage/usage-cache.js';
import { sessionUsage } from '../../src/usage/usage-index.js';
import { assistantLine, tempDir, writeTranscript } from './transcripts.js';

const S1 = 'aaaaaaaa-1111-4111-a111-111111111111';
const S2 = 'bbbbbbbb-2222-4222-a222-222222222222';
const line = (id: string, input: number, sessionId = S1) => assistantLine({ sessionId, id, usage: { input, output: input * 10 } });
const inputOf = (index: ReturnType<typeof updateUsageIndex>, session = S1) => sessionUsage(index).get(session)?.byModel['claude-sonnet-5-5']?.input;

async function setup() {
  const root = await tempDir();
  const cacheDir = path.join(await tempDir('cr-cache-'), 'nested');
  const file = await writeTranscript(root, `${S1}.jsonl`, [line('m1', 1), line('m2', 2)]);
  return { root, cacheDir, file, opts: { roots: [root], cacheDir } };
}

describe('usage cache', () => {
  it('reads everything cold, nothing when warm', async () => {
    const { opts, file } = await setup();
    const cold = updateUsageIndex(opts);
    expect(cold.stats).toMatchObject({ cache: 'cold', filesRead: 1, bytesRead: (await stat(file)).size });
    expect(inputOf(cold)).toBe(3);
    const warm = updateUsageIndex(opts);
    expect(warm.stats).toMatchObject({ cache: 'warm', filesRead: 0, bytesRead: 0 });
    expect(inputOf(warm)).toBe(3);
  });

  it('reads only the new bytes of a grown file, still deduplicating against older lines', async () => {
    const { opts, file } = await setup();
    updateUsageIndex(opts);
    const added = `${line('m1', 1)}\n${line('m3', 4)}\n`;
    await appendFile(file, added);
    const next = updateUsageIndex(opts);
    expect(next.stats).toMatchObject({ filesRead: 1, filesReset: 0, bytesRead: Buffer.byteLength(added) });
    expect(inputOf(next)).toBe(7);
    expect(sessionUsage(next).get(S1)!.byModel['claude-sonnet-5-5']!.messages).toBe(3);
  });

  it('picks up a line written in two halves exactly once', async () => {
    const { opts, file } = await setup();
    updateUsageIndex(opts);
    const l = `${line('m4', 8)}\n`;
    await appendFile(file, l.slice(0, 50));
    expect(inputOf(updateUsageIndex(opts))).toBe(3);
    await appendFile(file, l.slice(50));
    const done = updateUsageIndex(opts);
    expect(inputOf(done)).toBe(11);
    expect(done.malformedLines).toBe(0);
  });

  it('re-reads a file that shrank or was replaced, and drops deleted files', async () => {
    const { opts, file, root } = await setup();
    const other = await writeTranscript(root, `${S2}.jsonl`, [line('x1', 100, S2)]);
    updateUsageIndex(opts);
    await writeFile(file, `${line('m9', 5)}\n`);
    const shrunk = updateUsageIndex(opts);
    expect(shrunk.stats).toMatchObject({ filesRead: 1, filesReset: 1 });
    expect(inputOf(shrunk)).toBe(5);
    // Same size, older mtime: treated as rewritten.
    const st = await stat(file);
    await writeFile(file, `${line('m8', 6)}\n`);
    await utimes(file, st.atime, new Date(st.mtimeMs - 60_000));
    expect(inputOf(updateUsageIndex(opts))).toBe(6);
    await rm(other);
    const dropped = updateUsageIndex(opts);
    expect(dropped.stats.filesDropped).toBe(1);
    expect(sessionUsage(dropped).has(S2)).toBe(false);
  });

  it('ignores a corrupt or foreign cache', async () => {
    const { opts } = await setup();
    updateUsageIndex(opts);
    for (const junk of ['{not json', '{"v":999,"files":{}}', JSON.stringify({ v: 1, files: { x: { size: 'big' } } }), '\u0000\u0001']) {
      await writeFile(path.join(opts.cacheDir, FILES_CACHE), junk);
      const index = updateUsageIndex(opts);
      expect(inputOf(index)).toBe(3);
      expect(index.stats.filesRead).toBe(1);
    }
    expect(JSON.parse(await readFile(path.join(opts.cacheDir, FILES_CACHE), 'utf8')).v).toBe(1);
  });

  it('answers the budget check from the summary while nothing changed', async () => {
    const { opts, file } = await setup();
    const now = Date.parse('2026-11-20T12:00:00Z');
    const first = recentUsage({ ...opts, now });
    expect(first.source).toBe('update');
    expect(first.cells.reduce((s, c) => s + c.totals.input, 0)).toBe(3);
    const second = recentUsage({ ...opts, now });
    expect(second.source).toBe('summary');
    expect(second.cells).toEqual(first.cells);
    await appendFile(file, `${line('m5', 10)}\n`);
    const third = recentUsage({ ...opts, now });
    expect(third.source).toBe('update');
    expect(third.stats?.bytesRead).toBeGreaterThan(0);
    expect(third.cells.reduce((s, c) => s + c.totals.input, 0)).toBe(13);
    await writeFile(path.join(opts.cacheDir, SUMMARY_CACHE), 'garbage');
    expect(recentUsage({ ...opts, now }).cells.reduce((s, c) => s + c.totals.input, 0)).toBe(13);
    // Usage older than the summary's reach is left out.
    expect(recentUsage({ ...opts, now: now + 90 * 86_400_000 }).cells).toEqual([]);
  });
});
