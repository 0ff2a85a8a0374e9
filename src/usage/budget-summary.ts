// The budget check's summary: what a launch reads instead of the transcripts while none changed.
//
// One small binary file: a JSON header with the listing it was made from (every directory looked
// at, with its mtime before it was listed, and every transcript's size, mtime, inode, the offset
// read up to and whether it ends in a broken line) followed by the usage per model and quarter hour
// of the last SUMMARY_DAYS days and the sorted hashes of every message counted (the dedupe set, for
// summary-append.ts), as float64 columns, read without parsing. "Nothing changed" is decided with one stat per directory and per file: a directory's mtime
// changes when an entry is added, removed or renamed in it; an append changes only its file's size
// and mtime, and an old session can be resumed at any time, so every file is stat'ed.
//
// This module stays small and imports nothing heavy: a launch loads it on every run.
import { join, sep } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { DirStamp } from './read-transcripts.js';
import type { UsageCell } from './usage-index.js';

const { readFileSync, statSync } = process.getBuiltinModule('node:fs');

export const SUMMARY_VERSION = 3;
export const SUMMARY_CACHE = 'usage-summary.bin';
/**
 * The launch's summary: the same format with the cells, every directory, and only the transcripts
 * written in the RECENT_MS before it was made. A launch stats those alone: a session only grows its
 * file while it runs, and a new session (started without cr, or resumed from another directory)
 * adds a file, which changes its directory. The full summary, with every file, is checked by the
 * refresh after each session cr starts and by `cr stats`, so an old session resumed with plain
 * `claude` is counted then.
 */
export const LAUNCH_SUMMARY = 'usage-budget.bin';
export const RECENT_MS = 3 * 86_400_000;
/** The summary keeps enough history for any calendar month and week that contains "now", for a month. */
export const SUMMARY_DAYS = 62;
const QUARTER = 15 * 60 * 1000;
const MAGIC = 0x53555243; // "CRUS"
/** Per file: [size, mtimeMs, ino, offset read up to (end of a complete line), tailMalformed]. */
const FILE_FIELDS = 5;
/** Per cell, by model then quarter: [quarter, then running sums of input, output, write5m, write1h, read, messages]. */
const CELL_FIELDS = 7;
const NO_THROW = { throwIfNoEntry: false } as const;

/** The first quarter hour the summary must cover for a check at `now`. */
export function summarySince(now: number): number {
  return Math.floor((now - SUMMARY_DAYS * 86_400_000) / QUARTER);
}

export interface SummaryHeader {
  v: number;
  roots: string[];
  sinceQuarter: number;
  malformedLines: number;
  dirs: DirStamp[];
  /** Each file's name and index in `dirs`. */
  names: string[];
  fileDirs: number[];
  models: string[];
  /** Cells per model. */
  modelCells: number[];
  /** Message hashes (the dedupe set of every listed file), sorted, after the cells. */
  ids: number;
}

export interface SummaryFile {
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
  /** Bytes read, up to the end of the last complete line. */
  offset: number;
  /** 1 when the file ends in an unterminated line that looks like a broken assistant line. */
  tailMalformed: number;
}

/**
 * The summary file's bytes. `ids`: the hashes of every message counted, sorted ascending.
 * Throws for a file outside the listed directories (then: no summary).
 */
export function encodeSummary(
  roots: readonly string[],
  dirs: readonly DirStamp[],
  files: readonly SummaryFile[],
  sinceQuarter: number,
  malformedLines: number,
  cells: readonly UsageCell[],
  ids: Float64Array,
): Buffer {
  const dirIndex = new Map<string, number>();
  dirs.forEach(([d], i) => dirIndex.set(d, i));
  const header: SummaryHeader = {
    v: SUMMARY_VERSION,
    roots: [...roots],
    sinceQuarter,
    malformedLines,
    dirs: [...dirs],
    names: [],
    fileDirs: [],
    models: [],
    modelCells: [],
    ids: ids.length,
  };
  const fileValues = new Float64Array(files.length * FILE_FIELDS);
  files.forEach((f, i) => {
    const slash = f.path.lastIndexOf(sep);
    const d = dirIndex.get(f.path.slice(0, slash));
    if (d === undefined || slash < 0) throw new Error(`not in the listing: ${f.path}`);
    header.names.push(f.path.slice(slash + 1));
    header.fileDirs.push(d);
    fileValues.set([f.size, f.mtimeMs, f.ino, f.offset, f.tailMalformed], i * FILE_FIELDS);
  });
  const byModel = new Map<string, UsageCell[]>();
  for (const c of cells) {
    let list = byModel.get(c.model);
    if (!list) byModel.set(c.model, (list = []));
    list.push(c);
  }
  const cellValues = new Float64Array(cells.length * CELL_FIELDS);
  let o = 0;
  for (const [model, list] of byModel) {
    header.models.push(model);
    header.modelCells.push(list.length);
    list.sort((a, b) => a.quarter - b.quarter);
    let input = 0,
      output = 0,
      write5m = 0,
      write1h = 0,
      read = 0,
      messages = 0;
    for (const c of list) {
      const t = c.totals;
      cellValues.set(
        [
          c.quarter,
          (input += t.input),
          (output += t.output),
          (write5m += t.cacheWrite5m),
          (write1h += t.cacheWrite1h),
          (read += t.cacheRead),
          (messages += t.messages),
        ],
        o,
      );
      o += CELL_FIELDS;
    }
  }
  return summaryBytes({ header, files: fileValues, cells: cellValues, ids });
}

/** The bytes of a summary from its parts (header.ids and the lengths must agree). */
export function summaryBytes(d: DecodedSummary): Buffer {
  const json = Buffer.from(JSON.stringify(d.header));
  const start = Math.ceil((8 + json.length) / 8) * 8;
  const parts = [d.files, d.cells, d.ids];
  let size = start;
  for (const p of parts) size += p.byteLength;
  const out = Buffer.allocUnsafe(size);
  out.fill(0, 0, start);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  let o = start;
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), o);
    o += p.byteLength;
  }
  return out;
}

export { writeFileAtomic } from '../atomic-write.js';

/** The launch's summary (see LAUNCH_SUMMARY) of a full one, made at `now`. */
export function launchSummaryBytes(d: DecodedSummary, now: number): Buffer {
  const { names, fileDirs } = d.header;
  const keep: number[] = [];
  for (let i = 0; i < names.length; i++) if (d.files[i * FILE_FIELDS + 1]! >= now - RECENT_MS) keep.push(i);
  const files = new Float64Array(keep.length * FILE_FIELDS);
  keep.forEach((i, k) => files.set(d.files.subarray(i * FILE_FIELDS, (i + 1) * FILE_FIELDS), k * FILE_FIELDS));
  const header: SummaryHeader = {
    ...d.header,
    names: keep.map((i) => names[i]!),
    fileDirs: keep.map((i) => fileDirs[i]!),
    ids: 0,
  };
  return summaryBytes({ header, files, cells: d.cells, ids: new Float64Array(0) });
}

/** Writes the full summary and the launch's one (atomically, each). */
export function writeSummaries(dir: string, d: DecodedSummary, now: number): void {
  writeFileAtomic(join(dir, SUMMARY_CACHE), summaryBytes(d));
  writeFileAtomic(join(dir, LAUNCH_SUMMARY), launchSummaryBytes(d, now));
}

/**
 * The usage a summary last knew (cells since `sinceQuarter`, or per segment), whatever changed since:
 * the provisional figure when the summary cannot be brought up to date now. Undefined without one.
 */
export function lastKnownSummary(
  path: string,
  roots: readonly string[],
  sinceQuarter: number,
  segments?: readonly number[],
): FreshSummary | undefined {
  try {
    const d = decodeSummary(readFileSync(path), roots, sinceQuarter);
    return d && { cells: summaryCells(d, sinceQuarter, segments), malformedLines: d.header.malformedLines };
  } catch {
    return undefined;
  }
}

export interface FreshSummary {
  cells: UsageCell[];
  malformedLines: number;
}

function sameRoots(a: unknown, b: readonly string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** A decoded summary: its header, and its files, cells and ids as float64 columns. */
export interface DecodedSummary {
  header: SummaryHeader;
  /** [size, mtimeMs, ino, offset, tailMalformed] per file. */
  files: Float64Array;
  /** Per model (header.models order), header.modelCells[m] cells of CELL_FIELDS. */
  cells: Float64Array;
  /** Sorted message hashes. */
  ids: Float64Array;
}

export const SUMMARY_FILE_FIELDS = FILE_FIELDS;
export const SUMMARY_CELL_FIELDS = CELL_FIELDS;

/** The summary's contents when it is well formed, for these roots, and covers `sinceQuarter`. */
export function decodeSummary(buf: Buffer, roots: readonly string[], sinceQuarter: number): DecodedSummary | undefined {
  if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) return undefined;
  const len = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + len)) as SummaryHeader;
  if (header.v !== SUMMARY_VERSION || !sameRoots(header.roots, roots) || !(header.sinceQuarter <= sinceQuarter))
    return undefined;
  const { dirs, names, fileDirs, models, modelCells } = header;
  if (!Array.isArray(dirs) || !Array.isArray(names) || !Array.isArray(fileDirs) || names.length !== fileDirs.length)
    return undefined;
  if (
    !Array.isArray(models) ||
    !Array.isArray(modelCells) ||
    models.length !== modelCells.length ||
    !modelCells.every(isCount)
  )
    return undefined;
  if (typeof header.malformedLines !== 'number' || !isCount(header.ids)) return undefined;
  const cellCount = modelCells.reduce((a, b) => a + b, 0);
  const start = Math.ceil((8 + len) / 8) * 8;
  const fileLen = names.length * FILE_FIELDS;
  const cellLen = cellCount * CELL_FIELDS;
  const bytes = (fileLen + cellLen + header.ids) * 8;
  if (buf.length !== start + bytes) return undefined;
  const values =
    (buf.byteOffset + start) % 8 === 0
      ? new Float64Array(buf.buffer, buf.byteOffset + start, bytes / 8)
      : new Float64Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + start + bytes));
  return {
    header,
    files: values.subarray(0, fileLen),
    cells: values.subarray(fileLen, fileLen + cellLen),
    ids: values.subarray(fileLen + cellLen),
  };
}

/** What the stat pass found: nothing changed, or only appends and new entries (else: no answer). */
export interface SummaryChanges {
  /** Indices of files that grew (same inode, larger, not older), with their stat now. */
  grown: { index: number; size: number; mtimeMs: number }[];
  /** Indices of directories whose mtime changed (entries added), with their mtime now. */
  dirs: { index: number; mtimeMs: number }[];
}

/**
 * One stat per directory and file against the summary. Undefined for anything but appends and
 * added entries: a directory or file that disappeared, a file replaced, shrunk or rewritten.
 * `onlyFiles`: the files to stat (by path); the others are taken to be as the summary has them.
 */
export function summaryChanges(d: DecodedSummary, onlyFiles?: ReadonlySet<string>): SummaryChanges | undefined {
  const { dirs, names, fileDirs } = d.header;
  const v = d.files;
  const changes: SummaryChanges = { grown: [], dirs: [] };
  // Plain indexed loops: this runs once per process, mostly before the JIT has compiled anything.
  const dirPaths: string[] = new Array(dirs.length);
  for (let i = 0; i < dirs.length; i++) {
    const dir = dirs[i]!;
    const st = statSync(dir[0], NO_THROW);
    const mtime = st ? st.mtimeMs : -1;
    if (mtime !== dir[1]) {
      // Gone (or replaced by something that is not a directory): its files are gone too.
      if (!st || !st.isDirectory()) return undefined;
      changes.dirs.push({ index: i, mtimeMs: mtime });
    }
    dirPaths[i] = dir[0] + sep;
  }
  for (let i = 0; i < names.length; i++) {
    const dir = dirPaths[fileDirs[i]!];
    if (dir === undefined) return undefined;
    if (onlyFiles && !onlyFiles.has(dir + names[i])) continue;
    const st = statSync(dir + names[i], NO_THROW);
    const o = i * FILE_FIELDS;
    if (!st || st.ino !== v[o + 2]) return undefined;
    if (st.size === v[o] && st.mtimeMs === v[o + 1]) continue;
    // An append makes the file bigger and not older; anything else is a rewrite.
    if (!(st.size > v[o]! && st.mtimeMs >= v[o + 1]! && st.size >= v[o + 3]!)) return undefined;
    changes.grown.push({ index: i, size: st.size, mtimeMs: st.mtimeMs });
  }
  return changes;
}

/** Whether the summary lists every one of these files (by path). */
function listsAll(d: DecodedSummary, files: ReadonlySet<string>): boolean {
  const { dirs, names, fileDirs } = d.header;
  let listed = 0;
  for (let i = 0; i < names.length; i++) if (files.has(dirs[fileDirs[i]!]![0] + sep + names[i])) listed++;
  return listed === files.size;
}

/** The usage in a decoded summary: exact cells since `sinceQuarter`, or per segment (see readFreshSummary). */
export function summaryCells(d: DecodedSummary, sinceQuarter: number, segments?: readonly number[]): UsageCell[] {
  const { models, modelCells } = d.header;
  const cells: UsageCell[] = [];
  let o = 0;
  for (let m = 0; m < models.length; m++) {
    const n = modelCells[m]!;
    if (segments) segmentCells(models[m]!, d.cells, o, n, segments, cells);
    else exactCells(models[m]!, d.cells, o, n, sinceQuarter, cells);
    o += n * CELL_FIELDS;
  }
  return cells;
}

/**
 * The summary's usage when the summary covers `sinceQuarter` and no transcript or directory under
 * `roots` changed since it was written; otherwise undefined (then read again). Without `segments`:
 * the cells since `sinceQuarter`, as stored. With `segments` (ascending quarters, e.g. where the
 * budget windows start): one cell per model and segment [segments[i], segments[i + 1]) (the last one
 * open-ended), placed at the segment's first quarter; what lies before segments[0] is left out.
 * `onGrown`: called when its files only grew or folders had entries added (the summary is then
 * brought up to date), with the paths of the files that grew. `onlyFiles`: of the summary's files,
 * stat only these (when it lists them all; else every file it lists).
 */
export function readFreshSummary(
  path: string,
  roots: readonly string[],
  sinceQuarter: number,
  segments?: readonly number[],
  onGrown?: (files: ReadonlySet<string>) => void,
  onlyFiles?: ReadonlySet<string>,
): FreshSummary | undefined {
  try {
    const d = decodeSummary(readFileSync(path), roots, sinceQuarter);
    if (!d) return undefined;
    const changes = summaryChanges(d, onlyFiles && listsAll(d, onlyFiles) ? onlyFiles : undefined);
    if (!changes) return undefined;
    if (changes.grown.length > 0 || changes.dirs.length > 0) {
      if (onGrown) {
        const { dirs, names, fileDirs } = d.header;
        onGrown(new Set(changes.grown.map(({ index }) => dirs[fileDirs[index]!]![0] + sep + names[index])));
      }
      return undefined;
    }
    return { cells: summaryCells(d, sinceQuarter, segments), malformedLines: d.header.malformedLines };
  } catch {
    return undefined;
  }
}

/** Running sums at cell index `i` - 1 (zeros before the first cell) subtracted from those at `j` - 1. */
function cellBetween(
  model: string,
  quarter: number,
  v: Float64Array,
  o: number,
  i: number,
  j: number,
): UsageCell | undefined {
  if (j <= i) return undefined;
  const at = (k: number, f: number) => (k < 0 ? 0 : v[o + k * CELL_FIELDS + f]!);
  return {
    model,
    quarter,
    totals: {
      input: at(j - 1, 1) - at(i - 1, 1),
      output: at(j - 1, 2) - at(i - 1, 2),
      cacheWrite5m: at(j - 1, 3) - at(i - 1, 3),
      cacheWrite1h: at(j - 1, 4) - at(i - 1, 4),
      cacheRead: at(j - 1, 5) - at(i - 1, 5),
      messages: at(j - 1, 6) - at(i - 1, 6),
    },
  };
}

function exactCells(
  model: string,
  v: Float64Array,
  o: number,
  n: number,
  sinceQuarter: number,
  out: UsageCell[],
): void {
  for (let k = 0; k < n; k++) {
    const quarter = v[o + k * CELL_FIELDS]!;
    if (quarter >= sinceQuarter) out.push(cellBetween(model, quarter, v, o, k, k + 1)!);
  }
}

/** Index of the first cell at or after `quarter` (cells sorted by quarter) in the block of `n` cells at `o`. */
export function firstAt(v: Float64Array, o: number, n: number, quarter: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v[o + mid * CELL_FIELDS]! < quarter) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function segmentCells(
  model: string,
  v: Float64Array,
  o: number,
  n: number,
  segments: readonly number[],
  out: UsageCell[],
): void {
  for (let s = 0; s < segments.length; s++) {
    const i = firstAt(v, o, n, segments[s]!);
    const j = s + 1 < segments.length ? firstAt(v, o, n, segments[s + 1]!) : n;
    const cell = cellBetween(model, segments[s]!, v, o, i, j);
    if (cell) out.push(cell);
  }
}
