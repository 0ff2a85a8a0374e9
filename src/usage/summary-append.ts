// The budget check after a Claude Code session: one transcript grew, perhaps a new one appeared.
// The summary keeps, per file, the offset read up to, and the hashes of every message counted (the
// dedupe set), so only the new bytes of grown files and the new files are read; the new usage is
// added to the summary's cells and only the summary is rewritten (temp file + rename). The result
// is exactly what the full update (usage-cache.ts) computes from the same starting point: the same
// bytes are read, in the same order (by path), against the same dedupe set.
//
// The files cache (usage-files.json) is left as it was: it catches up, reading the same bytes, the
// next time it is updated (`cr stats`, or any change this path does not take). Both are complete,
// consistent states on their own.
//
// Anything but appends and added entries (a file or folder removed, a file replaced, shrunk or
// rewritten, a corrupt summary) returns undefined: then the full update runs.
import { dirname, sep } from 'node:path';
import {
  SUMMARY_CELL_FIELDS,
  SUMMARY_FILE_FIELDS,
  decodeSummary,
  firstAt,
  summaryCells,
  summaryChanges,
  writeSummaries,
  type DecodedSummary,
  type FreshSummary,
  type SummaryChanges,
} from './budget-summary.js';
import { listEntries, readTranscriptFile, type FileReadResult, type TranscriptFile } from './read-transcripts.js';
import type { UsageSink } from './transcript-lines.js';
import { QUARTER_MS } from './usage-index.js';

const { readFileSync } = process.getBuiltinModule('node:fs');

export interface SummaryUsage extends FreshSummary {
  /** "summary": nothing changed; "appended": new bytes and new files were read into the summary. */
  source: 'summary' | 'appended';
  /** For "appended": files read (grown and new) and bytes read. */
  filesRead?: number;
  newFiles?: number;
  bytesRead?: number;
}

/**
 * The recent usage from the summary at `path` (see readFreshSummary for `segments`), bringing it up
 * to date first when transcripts only grew or were added; undefined when the summary cannot answer.
 * `onlyFiles`: the files to check for growth (see summaryChanges); every folder is checked.
 */
export function readSummary(
  path: string,
  roots: readonly string[],
  sinceQuarter: number,
  now: number,
  segments?: readonly number[],
  onlyFiles?: ReadonlySet<string>,
): SummaryUsage | undefined {
  try {
    const d = decodeSummary(readFileSync(path), roots, sinceQuarter);
    if (!d) return undefined;
    const changes = summaryChanges(d, onlyFiles);
    if (!changes) return undefined;
    if (changes.grown.length === 0 && changes.dirs.length === 0) {
      return {
        cells: summaryCells(d, sinceQuarter, segments),
        malformedLines: d.header.malformedLines,
        source: 'summary',
      };
    }
    return appendToSummary(path, roots, d, changes, sinceQuarter, now, segments);
  } catch {
    return undefined;
  }
}

/** Where `dir` sits under `roots`: its listing depth (-1 for a root) and project folder; undefined outside. */
function placeOf(dir: string, roots: readonly string[]): { depth: number; projectDir: string } | undefined {
  let best: string | undefined;
  for (const r of roots) {
    if (dir === r) return { depth: -1, projectDir: r };
    if (dir.startsWith(r + sep) && (best === undefined || r.length > best.length)) best = r;
  }
  if (best === undefined) return undefined;
  const rel = dir.slice(best.length + 1).split(sep);
  return { depth: rel.length - 1, projectDir: best + sep + rel[0] };
}

/** Whether the sorted `ids` hold `h`. */
function hasSorted(ids: Float64Array, h: number): boolean {
  const i = lowerBound(ids, h);
  return i < ids.length && ids[i] === h;
}

/** Index of the first element of the sorted `ids` that is >= h. */
function lowerBound(ids: Float64Array, h: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `ids` (sorted) with the sorted, distinct, absent `added` inserted: one copy per insertion point. */
function insertSorted(ids: Float64Array, added: Float64Array): Float64Array {
  const out = new Float64Array(ids.length + added.length);
  let from = 0;
  for (let k = 0; k < added.length; k++) {
    const at = lowerBound(ids, added[k]!);
    out.set(ids.subarray(from, at), from + k);
    out[at + k] = added[k]!;
    from = at;
  }
  out.set(ids.subarray(from), from + added.length);
  return out;
}

const CF = SUMMARY_CELL_FIELDS;

/** New usage of one model in one quarter: [quarter, input, output, write5m, write1h, read, messages]. */
type Delta = Float64Array;

/**
 * One model's block of running-sum cells with `deltas` (sorted by quarter) added and the cells
 * before `sinceQuarter` dropped (once there are enough of them). Cells before the first delta are
 * copied as they are.
 */
function updateBlock(
  block: Float64Array,
  n: number,
  deltas: readonly Delta[],
  sinceQuarter: number,
): { cells: Float64Array; n: number } {
  // Cells before sinceQuarter are dropped (and the sums rebased) once they are a quarter of the block:
  // until then they stay as they are (readers take differences of sums at or after sinceQuarter), so
  // that an update is a copy of the block and the few cells at its end that the deltas change.
  let k0 = firstAt(block, 0, n, sinceQuarter);
  if (k0 * 4 < n) k0 = 0;
  if (k0 === 0 && deltas.length === 0) return { cells: block.subarray(0, n * CF), n };
  let inserts = 0;
  for (const dl of deltas) {
    const k = firstAt(block, 0, n, dl[0]!);
    if (k >= n || block[k * CF] !== dl[0]) inserts++;
  }
  const out = new Float64Array((n - k0 + inserts) * CF);
  // What the dropped cells summed to (subtracted from every kept one), and the deltas added so far.
  const base = [0, 0, 0, 0, 0, 0, 0];
  if (k0 > 0) for (let f = 1; f < CF; f++) base[f] = block[(k0 - 1) * CF + f]!;
  const acc = [0, 0, 0, 0, 0, 0, 0];
  let i = k0;
  let o = 0;
  if (k0 === 0 && deltas.length > 0) {
    const p = firstAt(block, 0, n, deltas[0]![0]!);
    out.set(block.subarray(0, p * CF), 0);
    i = p;
    o = p;
  }
  let di = 0;
  while (i < n || di < deltas.length) {
    const qi = i < n ? block[i * CF]! : Infinity;
    const dl = di < deltas.length ? deltas[di]! : undefined;
    const w = o * CF;
    if (dl && dl[0]! <= qi) {
      for (let f = 1; f < CF; f++) acc[f]! += dl[f]!;
      out[w] = dl[0]!;
      // A new cell continues from the previous kept cell's sums.
      const prev = dl[0]! === qi ? i : i - 1;
      for (let f = 1; f < CF; f++) out[w + f] = (prev >= k0 ? block[prev * CF + f]! - base[f]! : 0) + acc[f]!;
      if (dl[0]! === qi) i++;
      di++;
    } else {
      out[w] = qi;
      for (let f = 1; f < CF; f++) out[w + f] = block[i * CF + f]! - base[f]! + acc[f]!;
      i++;
    }
    o++;
  }
  return { cells: out, n: o };
}

/** Below this many new bytes, the lines are parsed with JSON.parse rather than walked (see TranscriptLineReader). */
const WALK_MIN_BYTES = 4 * 1024 * 1024;

function appendToSummary(
  path: string,
  roots: readonly string[],
  d: DecodedSummary,
  changes: SummaryChanges,
  sinceQuarter: number,
  now: number,
  segments?: readonly number[],
): SummaryUsage | undefined {
  const header = d.header;
  const { dirs, names, fileDirs } = header;
  const oldFiles = names.length;
  const oldDirs = dirs.length;
  const fileOf = (i: number) => dirs[fileDirs[i]!]![0] + sep + names[i];

  // What to read, by path (the full update's order): new bytes of grown files, new files whole.
  // A job: [file index, from]; sizes and mtimes are the ones stat'ed (before reading).
  const F = SUMMARY_FILE_FIELDS;
  const found: TranscriptFile[] = [];
  if (changes.dirs.length > 0) {
    // Known entries of the changed folders: their files and their subfolders.
    const changed = new Map<number, string>();
    for (const c of changes.dirs) changed.set(c.index, dirs[c.index]![0]);
    const seen = new Set<string>();
    for (let i = 0; i < oldFiles; i++) if (changed.has(fileDirs[i]!)) seen.add(fileOf(i));
    const prefixes = [...changed.values()].map((p) => p + sep);
    for (const [p] of dirs) if (prefixes.some((x) => p.startsWith(x))) seen.add(p);
    for (const c of changes.dirs) {
      const dir = dirs[c.index]!;
      const place = placeOf(dir[0], roots);
      if (!place) return undefined;
      // The mtime stat'ed before listing, as the full listing stamps it.
      dir[1] = c.mtimeMs;
      listEntries(dir[0], place.depth, place.projectDir, found, dirs, seen);
    }
  }
  const files = new Float64Array((oldFiles + found.length) * F);
  files.set(d.files, 0);
  const jobs: { index: number; path: string; from: number }[] = [];
  for (const g of changes.grown) {
    files[g.index * F] = g.size;
    files[g.index * F + 1] = g.mtimeMs;
    jobs.push({ index: g.index, path: fileOf(g.index), from: files[g.index * F + 3]! });
  }
  if (found.length > 0) {
    const dirIndex = new Map<string, number>();
    for (const c of changes.dirs) dirIndex.set(dirs[c.index]![0], c.index);
    for (let k = oldDirs; k < dirs.length; k++) dirIndex.set(dirs[k]![0], k);
    for (const f of found) {
      const slash = f.path.lastIndexOf(sep);
      const di = dirIndex.get(f.path.slice(0, slash));
      if (di === undefined) return undefined;
      const index = names.length;
      names.push(f.path.slice(slash + 1));
      fileDirs.push(di);
      files.set([f.size, f.mtimeMs, f.ino, 0, 0], index * F);
      jobs.push({ index, path: f.path, from: 0 });
    }
  }
  jobs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Usually a few hundred KB: JSON.parse reads them faster than the walk before the JIT compiles it.
  let toRead = 0;
  for (const job of jobs) toRead += files[job.index * F]! - job.from;
  const walk = toRead >= WALK_MIN_BYTES;

  // Read, deduplicating against every message counted so far; usage summed per model and quarter.
  const deltas = new Map<string, Map<number, Delta>>();
  const added: number[] = [];
  const addedSet = new Set<number>();
  let malformedLines = header.malformedLines;
  let bytesRead = 0;
  for (const job of jobs) {
    const o = job.index * F;
    const fallbackMs = files[o + 1]!;
    const sink: UsageSink = {
      message(h, _sessionId, _cwd, model, timeMs, input, output, write5m, write1h, read) {
        if (h === h) {
          if (addedSet.has(h) || hasSorted(d.ids, h)) return;
          addedSet.add(h);
          added.push(h);
        }
        const quarter = Math.floor((Number.isFinite(timeMs) ? timeMs : fallbackMs) / QUARTER_MS);
        if (quarter < sinceQuarter) return;
        let byQuarter = deltas.get(model);
        if (!byQuarter) deltas.set(model, (byQuarter = new Map()));
        let dl = byQuarter.get(quarter);
        if (!dl) byQuarter.set(quarter, (dl = new Float64Array([quarter, 0, 0, 0, 0, 0, 0])));
        dl[1]! += input;
        dl[2]! += output;
        dl[3]! += write5m;
        dl[4]! += write1h;
        dl[5]! += read;
        dl[6]! += 1;
      },
    };
    let result: FileReadResult;
    try {
      result = readTranscriptFile(job.path, job.from, sink, { walk });
    } catch {
      // Vanished since the stat: the full update leaves it out.
      return undefined;
    }
    bytesRead += result.bytesRead;
    malformedLines += result.malformed + result.tailMalformed - files[o + 4]!;
    files[o + 3] = result.completeOffset;
    files[o + 4] = result.tailMalformed;
  }

  // The cells, model by model: deltas added to the running sums, cells before sinceQuarter dropped.
  const blocks: Float64Array[] = [];
  const models: string[] = [];
  const modelCells: number[] = [];
  const sortedDeltas = (m: string) => [...(deltas.get(m)?.values() ?? [])].sort((a, b) => a[0]! - b[0]!);
  let o = 0;
  for (let m = 0; m < header.models.length; m++) {
    const model = header.models[m]!;
    const n = header.modelCells[m]!;
    const next = updateBlock(d.cells.subarray(o * CF, (o + n) * CF), n, sortedDeltas(model), sinceQuarter);
    o += n;
    deltas.delete(model);
    if (next.n === 0) continue;
    blocks.push(next.cells);
    models.push(model);
    modelCells.push(next.n);
  }
  for (const model of deltas.keys()) {
    const next = updateBlock(new Float64Array(0), 0, sortedDeltas(model), sinceQuarter);
    blocks.push(next.cells);
    models.push(model);
    modelCells.push(next.n);
  }
  const cells = new Float64Array(modelCells.reduce((a, b) => a + b, 0) * CF);
  o = 0;
  for (const b of blocks) {
    cells.set(b, o);
    o += b.length;
  }

  const ids = added.length > 0 ? insertSorted(d.ids, Float64Array.from(added).sort()) : d.ids;
  Object.assign(header, { sinceQuarter, malformedLines, models, modelCells, ids: ids.length });
  const next: DecodedSummary = { header, files, cells, ids };
  writeSummaries(dirname(path), next, now);
  return {
    cells: summaryCells(next, sinceQuarter, segments),
    malformedLines,
    source: 'appended',
    filesRead: jobs.length,
    newFiles: found.length,
    bytesRead,
  };
}
