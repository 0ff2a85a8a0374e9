// The budget check's incremental path: transcripts that only grew or were added are read into the
// summary, which must stay exactly what a full recomputation gives.
import { appendFile, mkdir, readFile, rename, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUMMARY_FILE_FIELDS, decodeSummary, summaryCells, summarySince } from '../../src/usage/budget-summary.js';
import { budgetSpend } from '../../src/usage/budget-spend.js';
import { spendInWindows } from '../../src/usage/spend.js';
import { SUMMARY_CACHE, recentUsage, updateUsageIndex } from '../../src/usage/usage-cache.js';
import { usageCells } from '../../src/usage/usage-index.js';
import { assistantLine, tempDir, userLine, writeTranscript } from './transcripts.js';

const S1 = 'aaaaaaaa-1111-4111-a111-111111111111';
const S2 = 'bbbbbbbb-2222-4222-a222-222222222222';
const S3 = 'cccccccc-3333-4333-a333-333333333333';
const now = Date.parse('2026-11-20T12:00:00Z');
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
const line = (id: string, input: number, o: { sessionId?: string; model?: string; minutesAgo?: number } = {}) =>
  assistantLine({
    sessionId: o.sessionId ?? S1,
    id,
    model: o.model,
    usage: { input, output: 2 * input, write5m: input % 3, write1h: input % 2, read: 5 * input },
    timestamp: at(o.minutesAgo ?? 30),
  });
const lines = (...xs: string[]) => xs.map((x) => `${x}\n`).join('');

/** The summary's contents in a form independent of file and directory order. */
async function canonical(cacheDir: string, roots: string[], when = now) {
  const d = decodeSummary(await readFile(path.join(cacheDir, SUMMARY_CACHE)), roots, summarySince(when))!;
  expect(d).toBeDefined();
  const files: Record<string, number[]> = {};
  d.header.names.forEach((name, i) => {
    files[path.join(d.header.dirs[d.header.fileDirs[i]!]![0], name)] = [
      ...d.files.subarray(i * SUMMARY_FILE_FIELDS, (i + 1) * SUMMARY_FILE_FIELDS),
    ];
  });
  const cells = summaryCells(d, summarySince(when)).sort(
    (a, b) => a.model.localeCompare(b.model) || a.quarter - b.quarter,
  );
  return {
    dirs: Object.fromEntries(d.header.dirs),
    files,
    cells,
    ids: [...d.ids],
    malformedLines: d.header.malformedLines,
    sinceQuarter: d.header.sinceQuarter,
  };
}

async function setup() {
  const root = await tempDir();
  const cacheDir = await tempDir('cr-cache-');
  const a = await writeTranscript(root, `${S1}.jsonl`, [
    line('m1', 1),
    line('m2', 2, { model: 'claude-opus-4-7' }),
    userLine(S1, 'hi'),
  ]);
  const b = await writeTranscript(root, `${S2}.jsonl`, [line('n1', 10, { sessionId: S2, minutesAgo: 600 })]);
  const roots = [root];
  const check = () => recentUsage({ roots, cacheDir, now });
  expect(check().source).toBe('update');
  expect(check().source).toBe('summary');
  /** A full recomputation from scratch, in another cache dir: its summary must equal ours. */
  const expectExact = async () => {
    const fresh = await tempDir('cr-cache-');
    expect(recentUsage({ roots, cacheDir: fresh, now }).source).toBe('update');
    const ours = await canonical(cacheDir, roots);
    expect(ours).toEqual(await canonical(fresh, roots));
    return ours;
  };
  return { root, cacheDir, a, b, roots, check, expectExact };
}

const inputs = (cells: { totals: { input: number } }[]) => cells.reduce((s, c) => s + c.totals.input, 0);

describe('budget summary: appends and new files', () => {
  it('stays exactly equal to a full recomputation after appends to several files, new files and nested subagent files, with repeated message ids', async () => {
    const { root, a, b, check, expectExact } = await setup();
    // Appends to two files: a message repeated within the same file (old bytes), the same new
    // message in both appended parts, a streaming repeat, and a message 70 days old (kept as an id only).
    await appendFile(
      a,
      lines(
        line('m1', 1),
        line('m3', 3),
        line('m3', 3),
        line('x1', 7, { minutesAgo: 5 }),
        line('old', 9, { minutesAgo: 70 * 1440 }),
      ),
    );
    await appendFile(
      b,
      lines(line('x1', 7, { minutesAgo: 5 }), line('n2', 20, { sessionId: S2, model: 'claude-haiku-4-5' })),
    );
    let r = check();
    expect(r.source).toBe('appended');
    expect(inputs(r.cells)).toBe(1 + 2 + 10 + 3 + 7 + 20);
    await expectExact();
    // A new session file next to the others, and a subagent file in a new nested folder that
    // replays a message of its session (counted once).
    await writeTranscript(root, `${S3}.jsonl`, [
      line('p1', 100, { sessionId: S3 }),
      line('m2', 2, { model: 'claude-opus-4-7' }),
    ]);
    await writeTranscript(root, `${S1}/subagents/agent-1.jsonl`, [line('m3', 3), line('s1', 1000, { minutesAgo: 1 })]);
    r = check();
    expect(r.source).toBe('appended');
    expect(inputs(r.cells)).toBe(43 + 100 + 1000);
    await expectExact();
    // A new project, a file in it, and a deeper new folder; then more appends to a new file.
    await mkdir(path.join(root, '-other', 'deep'), { recursive: true });
    const c = path.join(root, '-other', `${S2}.jsonl`);
    await writeFile(c, lines(line('q1', 10_000, { sessionId: S2 })));
    await writeFile(path.join(root, '-other', 'deep', 'not-a-transcript.txt'), 'x');
    expect(inputs(check().cells)).toBe(11_143);
    await appendFile(c, lines(line('q2', 20_000, { sessionId: S2 }), line('q1', 10_000, { sessionId: S2 })));
    expect([check().source, inputs(check().cells)]).toEqual(['appended', 31_143]);
    const exact = await expectExact();
    expect(exact.ids.length).toBe(11);
    expect(check().source).toBe('summary');
  });

  it('drops the cells that fall out of its reach as time goes on, and stays exact', async () => {
    const { a, roots, cacheDir } = await setup();
    await appendFile(
      a,
      lines(
        line('d60', 60, { minutesAgo: 60 * 1440 }),
        line('d59', 59, { minutesAgo: 59 * 1440, model: 'claude-haiku-4-5' }),
        line('d1', 1000, { minutesAgo: 1440 }),
      ),
    );
    expect(recentUsage({ roots, cacheDir, now }).source).toBe('appended');
    for (const days of [1.5, 3, 5]) {
      const later = now + days * 86_400_000;
      await appendFile(a, lines(line(`l${days}`, 7, { minutesAgo: -days * 1440 + 10 })));
      const r = recentUsage({ roots, cacheDir, now: later });
      expect(r.source).toBe('appended');
      const fresh = await tempDir('cr-cache-');
      const full = recentUsage({ roots, cacheDir: fresh, now: later });
      const sort = (cells: typeof full.cells) =>
        [...cells].sort((x, y) => x.model.localeCompare(y.model) || x.quarter - y.quarter);
      expect(sort(r.cells)).toEqual(sort(full.cells));
      expect(await canonical(cacheDir, roots, later)).toEqual(await canonical(fresh, roots, later));
    }
    const d = await canonical(cacheDir, roots, now + 5 * 86_400_000);
    expect(d.cells.some((c) => c.model === 'claude-haiku-4-5')).toBe(false);
  });

  it('keeps a few cells that fell out of its reach (no rewrite of every sum) and drops them once they are many, exact all along', async () => {
    const { a, roots, cacheDir } = await setup();
    // One message a quarter hour for the last 2.5 days, one 61.5 days ago: 241 cells of sonnet.
    const recent = Array.from({ length: 240 }, (_, k) => line(`q${k}`, k + 1, { minutesAgo: 20 + 15 * k }));
    await appendFile(a, lines(line('old', 5, { minutesAgo: 61.5 * 1440 }), ...recent));
    expect(recentUsage({ roots, cacheDir, now }).source).toBe('appended');
    const raw = async (when: number) =>
      decodeSummary(await readFile(path.join(cacheDir, SUMMARY_CACHE)), roots, summarySince(when))!.header.modelCells;
    const cellsBefore = await raw(now);
    for (const days of [1, 8, 61]) {
      const later = now + days * 86_400_000;
      await appendFile(a, lines(line(`k${days}`, 3, { minutesAgo: -days * 1440 + 5 })));
      expect(recentUsage({ roots, cacheDir, now: later }).source).toBe('appended');
      const fresh = await tempDir('cr-cache-');
      recentUsage({ roots, cacheDir: fresh, now: later });
      expect(await canonical(cacheDir, roots, later)).toEqual(await canonical(fresh, roots, later));
      const cells = (await raw(later)).reduce((x, y) => x + y, 0);
      const exact = decodeSummary(
        await readFile(path.join(fresh, SUMMARY_CACHE)),
        roots,
        summarySince(later),
      )!.header.modelCells.reduce((x, y) => x + y, 0);
      // A day on, the old cell is out of reach but kept; two months on, most are out and are dropped.
      if (days === 1) expect(cells).toBe(cellsBefore.reduce((x, y) => x + y, 0) + 1);
      if (days === 1) expect(cells).toBeGreaterThan(exact);
      if (days === 61) expect(cells).toBe(exact);
    }
  });

  it('counts a line written in two halves once and keeps malformed lines exact', async () => {
    const { a, check, expectExact } = await setup();
    const l = `${line('h1', 50)}\n`;
    await appendFile(a, l.slice(0, -20));
    let r = check();
    expect([r.source, inputs(r.cells), r.malformedLines]).toEqual(['appended', 13, 1]);
    await expectExact();
    await appendFile(a, l.slice(-20));
    r = check();
    expect([r.source, inputs(r.cells), r.malformedLines]).toEqual(['appended', 63, 0]);
    await expectExact();
    await appendFile(a, '{"type":"assistant","message":{"usage":\n');
    r = check();
    expect([r.source, r.malformedLines]).toEqual(['appended', 1]);
    await expectExact();
  });

  it('gives the budget check the same spend as the full cells, and leaves cr stats exact', async () => {
    const { root, cacheDir, a, roots, check } = await setup();
    for (let i = 0; i < 5; i++) {
      await appendFile(a, lines(line(`g${i}`, 3 + i, { minutesAgo: i * 1440 * 3 }), line('m1', 1)));
      const spend = budgetSpend({ roots, cacheDir, now, prices: {}, timeZone: 'Asia/Kathmandu' });
      expect(spend.source).toBe('appended');
      const full = spendInWindows(check().cells, now, {}, 'Asia/Kathmandu');
      for (const w of ['daily', 'weekly', 'monthly'] as const) expect(spend.spend[w].tokens).toBe(full[w].tokens);
    }
    // The files cache was left behind; it catches up with the same totals as a cold scan.
    await writeTranscript(root, `${S3}/subagents/agent-9.jsonl`, [line('g1', 4)]);
    expect(check().source).toBe('appended');
    const cached = usageCells(updateUsageIndex({ roots, cacheDir }));
    const cold = usageCells(updateUsageIndex({ roots }));
    const sort = (cells: typeof cold) =>
      [...cells].sort((x, y) => x.model.localeCompare(y.model) || x.quarter - y.quarter);
    expect(sort(cached)).toEqual(sort(cold));
  });

  it('at launch, re-checks only the recent files when they grew; a check of every file then reads an old one that grew too', async () => {
    const { a, b, roots, cacheDir, expectExact } = await setup();
    // b was last written ten days ago: not in the launch's list of recent files.
    const tenDaysAgo = new Date(now - 10 * 86_400_000);
    await utimes(b, tenDaysAgo, tenDaysAgo);
    // (An mtime that went back reads as a rewrite: the summary is made again.)
    expect(recentUsage({ roots, cacheDir, now, check: 'all' }).source).toBe('update');
    const before = inputs(recentUsage({ roots, cacheDir, now }).cells);
    // Both grow (b as a session resumed with plain claude would); b keeps an old mtime.
    await appendFile(a, lines(line('r1', 100)));
    await appendFile(b, lines(line('r2', 1000, { sessionId: S2 })));
    await utimes(b, tenDaysAgo, tenDaysAgo);
    const atLaunch = recentUsage({ roots, cacheDir, now });
    expect(atLaunch.source).toBe('appended');
    expect(inputs(atLaunch.cells)).toBe(before + 100);
    // The refresh after a session and cr stats check every file: b's growth is counted then.
    const all = recentUsage({ roots, cacheDir, now, check: 'all' });
    expect(all.source).toBe('appended');
    expect(inputs(all.cells)).toBe(before + 100 + 1000);
    await expectExact();
  });

  it('falls back to the full update for a shrunk, replaced, rewritten or deleted file, a removed folder and a corrupt summary', async () => {
    const { root, cacheDir, a, b, check, expectExact } = await setup();
    const total = () => inputs(check().cells);
    await truncate(a, 10);
    expect(check().source).toBe('update');
    expect(total()).toBe(10);
    await expectExact();
    // Replaced (new inode), larger and newer: not an append.
    await writeFile(`${a}.new`, lines(line('r1', 5), line('r2', 6)));
    await rename(`${a}.new`, a);
    expect([check().source, total()]).toEqual(['update', 21]);
    // Rewritten in place: same size, newer mtime.
    const st = await stat(b);
    await writeFile(b, (await readFile(b, 'utf8')).replace('"input_tokens":10', '"input_tokens":12'));
    await utimes(b, st.atime, new Date(st.mtimeMs + 5000));
    expect([check().source, total()]).toEqual(['update', 23]);
    await expectExact();
    const sub = await writeTranscript(root, `${S1}/subagents/agent-1.jsonl`, [line('s1', 100)]);
    expect([check().source, total()]).toEqual(['appended', 123]);
    await rm(path.dirname(path.dirname(sub)), { recursive: true });
    expect([check().source, total()]).toEqual(['update', 23]);
    await rm(b);
    expect([check().source, total()]).toEqual(['update', 11]);
    await appendFile(a, lines(line('r3', 1)));
    await writeFile(path.join(cacheDir, SUMMARY_CACHE), 'garbage');
    expect([check().source, total()]).toEqual(['update', 12]);
    await expectExact();
  });
});
