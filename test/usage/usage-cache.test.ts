import { appendFile, mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FILES_CACHE,
  LAUNCH_SUMMARY,
  SUMMARY_CACHE,
  recentUsage,
  updateUsageIndex,
  writeSummary,
} from '../../src/usage/usage-cache.js';
import { sessionUsage } from '../../src/usage/usage-index.js';
import { budgetSpend } from '../../src/usage/budget-spend.js';
import { spendInWindows } from '../../src/usage/spend.js';
import { assistantLine, tempDir, writeTranscript } from './transcripts.js';

const S1 = 'aaaaaaaa-1111-4111-a111-111111111111';
const S2 = 'bbbbbbbb-2222-4222-a222-222222222222';
const line = (id: string, input: number, sessionId = S1) =>
  assistantLine({ sessionId, id, usage: { input, output: input * 10 } });
const inputOf = (index: ReturnType<typeof updateUsageIndex>, session = S1) =>
  sessionUsage(index).get(session)?.byModel['claude-sonnet-5-5']?.input;

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

  it('ignores a corrupt, truncated or foreign cache', async () => {
    const { opts } = await setup();
    updateUsageIndex(opts);
    const cacheFile = path.join(opts.cacheDir, FILES_CACHE);
    const good = await readFile(cacheFile);
    const headerLen = good.readUInt32LE(4);
    const header = JSON.parse(good.toString('utf8', 8, 8 + headerLen));
    /** The cache with another header (same length so that the numbers stay where they are). */
    const withHeader = (h: object) => {
      const json = Buffer.from(JSON.stringify(h));
      const out = Buffer.from(good);
      out.fill(0x20, 8, 8 + headerLen);
      json.copy(out, 8);
      expect(json.length).toBeLessThanOrEqual(headerLen);
      return out;
    };
    for (const junk of [
      Buffer.from('{not json'),
      Buffer.from('\u0000\u0001'),
      good.subarray(0, good.length - 8), // truncated
      Buffer.concat([good, Buffer.alloc(8)]), // numbers left over
      withHeader({ ...header, v: 9 }),
      withHeader({ ...header, strings: [] }), // indexes to no string
      withHeader({ ...header, files: [[header.files[0][0], 'big']] }),
      withHeader({ ...header, files: [header.files[0].map((x: unknown, i: number) => (i === 8 ? 9 : x))] }),
    ]) {
      await writeFile(cacheFile, junk);
      const index = updateUsageIndex(opts);
      expect(inputOf(index)).toBe(3);
      expect(index.stats.filesRead).toBe(1);
    }
    expect((await readFile(cacheFile)).equals(good)).toBe(true);
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
    expect(third.source).toBe('appended');
    expect(third.cells.reduce((s, c) => s + c.totals.input, 0)).toBe(13);
    await writeFile(path.join(opts.cacheDir, SUMMARY_CACHE), 'garbage');
    expect(recentUsage({ ...opts, now }).cells.reduce((s, c) => s + c.totals.input, 0)).toBe(13);
    // Usage older than the summary's reach is left out.
    expect(recentUsage({ ...opts, now: now + 90 * 86_400_000 }).cells).toEqual([]);
  });
});

describe('budget summary', () => {
  it('cr stats rewrites the summaries only when its update read or dropped a file, or one is missing', async () => {
    const { opts, file } = await setup();
    const now = Date.parse('2026-11-20T12:00:00Z');
    const summary = path.join(opts.cacheDir, SUMMARY_CACHE);
    writeSummary(opts.cacheDir, updateUsageIndex(opts), now);
    const written = await stat(summary);
    // Nothing changed: left as it is (same inode: not replaced).
    writeSummary(opts.cacheDir, updateUsageIndex(opts), now + 60_000);
    expect((await stat(summary)).ino).toBe(written.ino);
    expect(recentUsage({ ...opts, now }).source).toBe('summary');
    // A transcript grew: rewritten, and it counts the new line.
    await appendFile(file, `${line('m9', 100)}\n`);
    writeSummary(opts.cacheDir, updateUsageIndex(opts), now);
    expect((await stat(summary)).ino).not.toBe(written.ino);
    const after = recentUsage({ ...opts, now });
    expect([after.source, after.cells.reduce((s, c) => s + c.totals.input, 0)]).toEqual(['summary', 103]);
    // The launch's summary gone: both written again.
    await rm(path.join(opts.cacheDir, LAUNCH_SUMMARY));
    writeSummary(opts.cacheDir, updateUsageIndex(opts), now);
    expect(recentUsage({ ...opts, now }).source).toBe('summary');
  });

  const now = Date.parse('2026-11-20T12:00:00Z');
  const inputs = (cells: { totals: { input: number } }[]) => cells.reduce((s, c) => s + c.totals.input, 0);

  it('notices every change that matters: appends, new files in nested folders, new projects (read into the summary), removals, replacements (full update)', async () => {
    const { opts, file, root } = await setup();
    const check = () => recentUsage({ ...opts, now });
    expect(check().source).toBe('update');
    expect(check().source).toBe('summary');
    // A new subagent file in a new nested folder, then another one in that folder: only folder mtimes change.
    const sub = await writeTranscript(root, `${S1}/subagents/agent-1.jsonl`, [line('a1', 100)]);
    expect(check()).toMatchObject({ source: 'appended' });
    expect(check()).toMatchObject({ source: 'summary' });
    await writeTranscript(root, `${S1}/subagents/agent-2.jsonl`, [line('a2', 1000)]);
    let r = check();
    expect(r.source).toBe('appended');
    expect(inputs(r.cells)).toBe(1103);
    // An old file resumed: an append changes only that file.
    expect(check().source).toBe('summary');
    await appendFile(sub, `${line('a3', 10_000)}\n`);
    r = check();
    expect([r.source, inputs(r.cells)]).toEqual(['appended', 11_103]);
    // A new project folder, a removed file, a file replaced by another of the same size and mtime.
    await mkdir(path.join(root, '-other'), { recursive: true });
    await writeFile(path.join(root, '-other', `${S2}.jsonl`), `${line('o1', 5, S2)}\n`);
    expect([check().source, inputs(check().cells)]).toEqual(['appended', 11_108]);
    await rm(sub);
    expect([check().source, inputs(check().cells)]).toEqual(['update', 1008]);
    const st = await stat(file);
    const text = await readFile(file, 'utf8');
    await rm(file);
    await writeFile(`${file}.new`, text.replace('"input_tokens":2', '"input_tokens":7'));
    await utimes(`${file}.new`, st.atime, st.mtime);
    await rename(`${file}.new`, file);
    expect([check().source, inputs(check().cells)]).toEqual(['update', 1013]);
    expect(check().source).toBe('summary');
    // Another list of roots: not this summary.
    expect(recentUsage({ ...opts, roots: [root, path.join(root, 'nope')], now }).source).toBe('update');
  });

  it('prices the same spend from the summary as from the full cells, in any time zone', async () => {
    const root = await tempDir();
    const cacheDir = await tempDir('cr-cache-');
    const lines: string[] = [];
    for (let h = 0; h < 24 * 40; h += 5) {
      const t = new Date(now - h * 3_600_000 - 7 * 60_000).toISOString();
      lines.push(
        assistantLine({
          sessionId: S1,
          id: `m${h}`,
          model: h % 3 ? 'claude-opus-4-7' : 'claude-haiku-4-5',
          usage: { input: h, output: 3 * h + 1, write5m: h % 7, write1h: h % 5, read: 10 * h },
          timestamp: t,
        }),
      );
    }
    await writeTranscript(root, `${S1}.jsonl`, lines);
    const prices = {};
    expect(budgetSpend({ roots: [root], cacheDir, now, prices }).source).toBe('update');
    const full = recentUsage({ roots: [root], cacheDir, now }).cells;
    for (const timeZone of [undefined, 'UTC', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham']) {
      const fromSummary = budgetSpend({ roots: [root], cacheDir, now, prices, timeZone });
      expect(fromSummary.source).toBe('summary');
      const exact = spendInWindows(full, now, prices, timeZone);
      for (const w of ['daily', 'weekly', 'monthly'] as const) {
        expect(fromSummary.spend[w].tokens).toBe(exact[w].tokens);
        expect(fromSummary.spend[w].usd).toBeCloseTo(exact[w].usd, 9);
        expect(fromSummary.spend[w].start).toBe(exact[w].start);
      }
      expect(exact.monthly.tokens).toBeGreaterThan(exact.weekly.tokens);
    }
  });

  it('a launch stats only recent transcripts; the refresh after a session, every one', async () => {
    const { opts, root } = await setup();
    const old = await writeTranscript(root, `${S2}.jsonl`, [line('o1', 100, S2)]);
    const longAgo = new Date(Date.now() - 30 * 86_400_000);
    await utimes(old, longAgo, longAgo);
    const realNow = Date.now();
    expect(recentUsage({ ...opts, now: realNow }).source).toBe('update');
    // An old session resumed with plain claude: the launch does not look at its file...
    await appendFile(old, `${line('o2', 1000, S2)}\n`);
    await utimes(old, longAgo, longAgo);
    const atLaunch = recentUsage({ ...opts, now: realNow });
    expect(atLaunch.source).toBe('summary');
    expect(inputs(atLaunch.cells)).toBe(103);
    // ...the refresh does, reading only its new bytes, and the next launch has it.
    const refreshed = recentUsage({ ...opts, now: realNow, check: 'all' });
    expect(refreshed.source).toBe('appended');
    expect(inputs(refreshed.cells)).toBe(1103);
    expect(recentUsage({ ...opts, now: realNow })).toMatchObject({ source: 'summary' });
    expect(inputs(recentUsage({ ...opts, now: realNow }).cells)).toBe(1103);
  });

  it('the status line checks only its own session among the recent transcripts (onlyFiles)', async () => {
    const { opts, root, file } = await setup();
    const other = await writeTranscript(root, `${S2}.jsonl`, [line('o1', 100, S2)]);
    const realNow = Date.now();
    expect(recentUsage({ ...opts, now: realNow }).source).toBe('update');
    expect(inputs(recentUsage({ ...opts, now: realNow }).cells)).toBe(103);
    const own = new Set([file]);
    // Both sessions run on: this one's new turn is read, the other's waits...
    await appendFile(file, `${line('m3', 10)}\n`);
    await appendFile(other, `${line('o2', 1000, S2)}\n`);
    expect(inputs(recentUsage({ ...opts, now: realNow, onlyFiles: own }).cells)).toBe(113);
    expect(inputs(recentUsage({ ...opts, now: realNow, onlyFiles: own }).cells)).toBe(113);
    // ...for the next check of every recent file (a launch), which reads only its new bytes.
    expect(inputs(recentUsage({ ...opts, now: realNow }).cells)).toBe(1113);
    // A transcript the summary does not list: every recent file is checked.
    await appendFile(other, `${line('o3', 5000, S2)}\n`);
    const unlisted = new Set([path.join(root, 'elsewhere', `${S1}.jsonl`)]);
    expect(inputs(recentUsage({ ...opts, now: realNow, onlyFiles: unlisted }).cells)).toBe(6113);
  });

  it('provisional: out of time, the figure is what the summary last knew, and the files cache keeps what was read', async () => {
    const { opts, root, file } = await setup();
    expect(recentUsage({ ...opts, now }).source).toBe('update');
    // A removal needs the full update; with no time for it, the last known figure stands.
    await rm(file);
    await writeTranscript(root, `${S2}.jsonl`, [line('n1', 50, S2)]);
    const quick = recentUsage({ ...opts, now, otherwise: 'provisional', provisionalMs: 0 });
    expect(quick.source).toBe('provisional');
    expect(inputs(quick.cells)).toBe(3);
    // With time, the exact figure.
    const exact = recentUsage({ ...opts, now, otherwise: 'provisional' });
    expect(exact.source).toBe('update');
    expect(inputs(exact.cells)).toBe(50);
  });

  it('provisional without any summary: what was read in time', async () => {
    const { opts } = await setup();
    const quick = recentUsage({ ...opts, now, otherwise: 'provisional', provisionalMs: 0 });
    expect(quick.source).toBe('provisional');
    expect(quick.cells).toEqual([]);
    const next = recentUsage({ ...opts, now, otherwise: 'provisional' });
    expect(next.source).toBe('update');
    expect(inputs(next.cells)).toBe(3);
  });

  it('ignores a summary that is corrupt, truncated or from another version', async () => {
    const { opts } = await setup();
    recentUsage({ ...opts, now });
    const file = path.join(opts.cacheDir, SUMMARY_CACHE);
    const launchFile = path.join(opts.cacheDir, LAUNCH_SUMMARY);
    const good = await readFile(file);
    for (const junk of [
      Buffer.from('garbage'),
      good.subarray(0, good.length - 8),
      Buffer.concat([good, Buffer.alloc(8)]),
      Buffer.from(good.toString('latin1').replace('"v":3', '"v":9'), 'latin1'),
    ]) {
      await writeFile(file, junk);
      await writeFile(launchFile, junk);
      const r = recentUsage({ ...opts, now });
      expect(r.source).toBe('update');
      expect(inputs(r.cells)).toBe(3);
    }
  });
});
