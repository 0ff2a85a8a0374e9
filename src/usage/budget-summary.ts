// The budget check's summary: what a launch reads instead of the transcripts while none changed.
//
// One small binary file: a JSON header with the listing it was made from (every directory looked
// at, with its mtime before it was listed, and every transcript's size, mtime and inode) followed by
// the usage per model and quarter hour of the last SUMMARY_DAYS days as float64 columns, read without
// parsing. "Nothing changed" is decided with one stat per directory and per file: a directory's mtime
// changes when an entry is added, removed or renamed in it; an append changes only its file's size
// and mtime, and an old session can be resumed at any time, so every file is stat'ed.
//
// This module stays small and imports nothing heavy: a launch loads it on every run.
import { readFileSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import type { DirStamp } from './read-transcripts.js';
import type { UsageCell } from './usage-index.js';

export const SUMMARY_VERSION = 2;
export const SUMMARY_CACHE = 'usage-summary.bin';
/** The summary keeps enough history for any calendar month and week that contains "now", for a month. */
export const SUMMARY_DAYS = 62;
const QUARTER = 15 * 60 * 1000;
const MAGIC = 0x53555243; // "CRUS"
/** Per file: [size, mtimeMs, ino]. */
const FILE_FIELDS = 3;
/** Per cell, by model then quarter: [quarter, then running sums of input, output, write5m, write1h, read, messages]. */
const CELL_FIELDS = 7;
const NO_THROW = { throwIfNoEntry: false } as const;

/** The first quarter hour the summary must cover for a check at `now`. */
export function summarySince(now: number): number {
  return Math.floor((now - SUMMARY_DAYS * 86_400_000) / QUARTER);
}

interface Header {
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
}

export interface SummaryFile {
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** The summary file's bytes. Throws for a file outside the listed directories (then: no summary). */
export function encodeSummary(
  roots: readonly string[], dirs: readonly DirStamp[], files: readonly SummaryFile[], sinceQuarter: number, malformedLines: number, cells: readonly UsageCell[],
): Buffer {
  const dirIndex = new Map<string, number>();
  dirs.forEach(([d], i) => dirIndex.set(d, i));
  const header: Header = { v: SUMMARY_VERSION, roots: [...roots], sinceQuarter, malformedLines, dirs: [...dirs], names: [], fileDirs: [], models: [], modelCells: [] };
  const fileValues = new Float64Array(files.length * FILE_FIELDS);
  files.forEach((f, i) => {
    const slash = f.path.lastIndexOf(sep);
    const d = dirIndex.get(f.path.slice(0, slash));
    if (d === undefined || slash < 0) throw new Error(`not in the listing: ${f.path}`);
    header.names.push(f.path.slice(slash + 1));
    header.fileDirs.push(d);
    fileValues.set([f.size, f.mtimeMs, f.ino], i * FILE_FIELDS);
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
    let input = 0, output = 0, write5m = 0, write1h = 0, read = 0, messages = 0;
    for (const c of list) {
      const t = c.totals;
      cellValues.set([c.quarter, (input += t.input), (output += t.output), (write5m += t.cacheWrite5m), (write1h += t.cacheWrite1h), (read += t.cacheRead), (messages += t.messages)], o);
      o += CELL_FIELDS;
    }
  }
  const json = Buffer.from(JSON.stringify(header));
  const start = Math.ceil((8 + json.length) / 8) * 8;
  const out = Buffer.alloc(start + fileValues.byteLength + cellValues.byteLength);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  Buffer.from(fileValues.buffer).copy(out, start);
  Buffer.from(cellValues.buffer).copy(out, start + fileValues.byteLength);
  return out;
}

export interface FreshSummary {
  cells: UsageCell[];
  malformedLines: number;
}

function sameRoots(a: unknown, b: readonly string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/**
 * The summary's usage when the summary covers `sinceQuarter` and no transcript or directory under
 * `roots` changed since it was written; otherwise undefined (then read again). Without `segments`:
 * the cells since `sinceQuarter`, as stored. With `segments` (ascending quarters, e.g. where the
 * budget windows start): one cell per model and segment [segments[i], segments[i + 1]) (the last one
 * open-ended), placed at the segment's first quarter; what lies before segments[0] is left out.
 */
export function readFreshSummary(path: string, roots: readonly string[], sinceQuarter: number, segments?: readonly number[]): FreshSummary | undefined {
  try {
    const buf = readFileSync(path);
    if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) return undefined;
    const len = buf.readUInt32LE(4);
    const header = JSON.parse(buf.toString('utf8', 8, 8 + len)) as Header;
    if (header.v !== SUMMARY_VERSION || !sameRoots(header.roots, roots) || !(header.sinceQuarter <= sinceQuarter)) return undefined;
    const { dirs, names, fileDirs, models, modelCells } = header;
    if (!Array.isArray(dirs) || !Array.isArray(names) || !Array.isArray(fileDirs) || names.length !== fileDirs.length) return undefined;
    if (!Array.isArray(models) || !Array.isArray(modelCells) || models.length !== modelCells.length || !modelCells.every(isCount)) return undefined;
    if (typeof header.malformedLines !== 'number') return undefined;
    const cellCount = modelCells.reduce((a, b) => a + b, 0);
    const start = Math.ceil((8 + len) / 8) * 8;
    const bytes = (names.length * FILE_FIELDS + cellCount * CELL_FIELDS) * 8;
    if (buf.length !== start + bytes) return undefined;
    const values = (buf.byteOffset + start) % 8 === 0
      ? new Float64Array(buf.buffer, buf.byteOffset + start, bytes / 8)
      : new Float64Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + start + bytes));
    // Plain indexed loops: this runs once per process, mostly before the JIT has compiled anything.
    const dirPaths: string[] = new Array(dirs.length);
    for (let i = 0; i < dirs.length; i++) {
      const dir = dirs[i]!;
      const st = statSync(dir[0], NO_THROW);
      if ((st ? st.mtimeMs : -1) !== dir[1]) return undefined;
      dirPaths[i] = dir[0] + sep;
    }
    for (let i = 0; i < names.length; i++) {
      const dir = dirPaths[fileDirs[i]!];
      if (dir === undefined) return undefined;
      const st = statSync(dir + names[i], NO_THROW);
      const o = i * FILE_FIELDS;
      if (!st || st.size !== values[o] || st.mtimeMs !== values[o + 1] || st.ino !== values[o + 2]) return undefined;
    }
    const cells: UsageCell[] = [];
    let o = names.length * FILE_FIELDS;
    for (let m = 0; m < models.length; m++) {
      const n = modelCells[m]!;
      if (segments) segmentCells(models[m]!, values, o, n, segments, cells);
      else exactCells(models[m]!, values, o, n, sinceQuarter, cells);
      o += n * CELL_FIELDS;
    }
    return { cells, malformedLines: header.malformedLines };
  } catch {
    return undefined;
  }
}

/** Running sums at cell index `i` - 1 (zeros before the first cell) subtracted from those at `j` - 1. */
function cellBetween(model: string, quarter: number, v: Float64Array, o: number, i: number, j: number): UsageCell | undefined {
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

function exactCells(model: string, v: Float64Array, o: number, n: number, sinceQuarter: number, out: UsageCell[]): void {
  for (let k = 0; k < n; k++) {
    const quarter = v[o + k * CELL_FIELDS]!;
    if (quarter >= sinceQuarter) out.push(cellBetween(model, quarter, v, o, k, k + 1)!);
  }
}

/** Index of the first cell at or after `quarter` (cells sorted by quarter). */
function firstAt(v: Float64Array, o: number, n: number, quarter: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v[o + mid * CELL_FIELDS]! < quarter) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function segmentCells(model: string, v: Float64Array, o: number, n: number, segments: readonly number[], out: UsageCell[]): void {
  for (let s = 0; s < segments.length; s++) {
    const i = firstAt(v, o, n, segments[s]!);
    const j = s + 1 < segments.length ? firstAt(v, o, n, segments[s + 1]!) : n;
    const cell = cellBetween(model, segments[s]!, v, o, i, j);
    if (cell) out.push(cell);
  }
}
