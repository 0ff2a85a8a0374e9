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
import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import {
  SUMMARY_FILE_FIELDS, decodeSummary, encodeSummary, summaryCells, summaryChanges, writeFileAtomic,
  type DecodedSummary, type FreshSummary, type SummaryChanges, type SummaryFile,
} from './budget-summary.js';
import { listEntries, readTranscriptFile, type DirStamp, type FileReadResult, type TranscriptFile } from './read-transcripts.js';
import type { UsageEntry } from './transcript-lines.js';
import { QUARTER_MS, hashKey, type UsageCell } from './usage-index.js';

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
 */
export function readSummary(path: string, roots: readonly string[], sinceQuarter: number, segments?: readonly number[]): SummaryUsage | undefined {
  try {
    const d = decodeSummary(readFileSync(path), roots, sinceQuarter);
    if (!d) return undefined;
    const changes = summaryChanges(d);
    if (!changes) return undefined;
    if (changes.grown.length === 0 && changes.dirs.length === 0) {
      return { cells: summaryCells(d, sinceQuarter, segments), malformedLines: d.header.malformedLines, source: 'summary' };
    }
    return appendToSummary(path, roots, d, changes, sinceQuarter, segments);
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
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = ids[mid]!;
    if (x === h) return true;
    if (x < h) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0, j = 0, o = 0;
  while (i < a.length && j < b.length) out[o++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[o++] = a[i++]!;
  while (j < b.length) out[o++] = b[j++]!;
  return out;
}

function appendToSummary(
  path: string, roots: readonly string[], d: DecodedSummary, changes: SummaryChanges, sinceQuarter: number, segments?: readonly number[],
): SummaryUsage | undefined {
  const { header } = d;
  const dirs: DirStamp[] = header.dirs.map(([p, m]) => [p, m]);
  const files: SummaryFile[] = header.names.map((name, i) => {
    const o = i * SUMMARY_FILE_FIELDS;
    const v = d.files;
    return { path: dirs[header.fileDirs[i]!]![0] + sep + name, size: v[o]!, mtimeMs: v[o + 1]!, ino: v[o + 2]!, offset: v[o + 3]!, tailMalformed: v[o + 4]! };
  });

  // What to read, by path (the full update's order): new bytes of grown files, new files whole.
  const jobs: { file: SummaryFile; from: number }[] = [];
  for (const g of changes.grown) {
    const file = files[g.index]!;
    file.size = g.size;
    file.mtimeMs = g.mtimeMs;
    jobs.push({ file, from: file.offset });
  }
  let newFiles = 0;
  if (changes.dirs.length > 0) {
    const seen = new Set<string>();
    for (const [p] of dirs) seen.add(p);
    for (const f of files) seen.add(f.path);
    const found: TranscriptFile[] = [];
    for (const c of changes.dirs) {
      const dir = dirs[c.index]!;
      const place = placeOf(dir[0], roots);
      if (!place) return undefined;
      // The mtime stat'ed before listing, as the full listing stamps it.
      dir[1] = c.mtimeMs;
      listEntries(dir[0], place.depth, place.projectDir, found, dirs, seen);
    }
    for (const f of found) {
      const file: SummaryFile = { path: f.path, size: f.size, mtimeMs: f.mtimeMs, ino: f.ino, offset: 0, tailMalformed: 0 };
      files.push(file);
      jobs.push({ file, from: 0 });
      newFiles++;
    }
  }
  jobs.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));

  const cellMap = new Map<string, UsageCell>();
  for (const c of summaryCells(d, sinceQuarter)) cellMap.set(`${c.model}\t${c.quarter}`, c);
  const added: number[] = [];
  const addedSet = new Set<number>();
  let malformedLines = header.malformedLines;
  let bytesRead = 0;
  for (const { file, from } of jobs) {
    const fallbackMs = file.mtimeMs;
    const onEntry = (e: UsageEntry): void => {
      if (e.key !== undefined) {
        const h = hashKey(e.key);
        if (addedSet.has(h) || hasSorted(d.ids, h)) return;
        addedSet.add(h);
        added.push(h);
      }
      const quarter = Math.floor((Number.isFinite(e.timeMs) ? e.timeMs : fallbackMs) / QUARTER_MS);
      if (quarter < sinceQuarter) return;
      const key = `${e.model}\t${quarter}`;
      let cell = cellMap.get(key);
      if (!cell) cellMap.set(key, (cell = { model: e.model, quarter, totals: { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, messages: 0 } }));
      const t = cell.totals;
      t.input += e.tokens.input;
      t.output += e.tokens.output;
      t.cacheWrite5m += e.tokens.cacheWrite5m;
      t.cacheWrite1h += e.tokens.cacheWrite1h;
      t.cacheRead += e.tokens.cacheRead;
      t.messages += 1;
    };
    let result: FileReadResult;
    try {
      result = readTranscriptFile(file.path, from, onEntry);
    } catch {
      // Vanished since the stat: the full update leaves it out.
      return undefined;
    }
    bytesRead += result.bytesRead;
    malformedLines += result.malformed + result.tailMalformed - file.tailMalformed;
    file.offset = result.completeOffset;
    file.tailMalformed = result.tailMalformed;
  }

  const ids = mergeSorted(d.ids, Float64Array.from(added).sort());
  const bytes = encodeSummary(roots, dirs, files, sinceQuarter, malformedLines, [...cellMap.values()], ids);
  writeFileAtomic(path, bytes);
  const next = decodeSummary(bytes, roots, sinceQuarter)!;
  return { cells: summaryCells(next, sinceQuarter, segments), malformedLines, source: 'appended', filesRead: jobs.length, newFiles, bytesRead };
}
