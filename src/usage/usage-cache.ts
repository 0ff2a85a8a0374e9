// The incremental usage cache, so that launching never re-reads all transcripts.
//
// Two files under the cache directory:
// - usage-files.json: per transcript file its size, mtime, inode, the offset read up to (always
//   the end of a complete line), its partial sums per session/model/quarter hour and the hashes
//   of the messages it contributed (the dedupe set; base64 float64s). Only new bytes of grown
//   files are read; a file that shrank, was replaced (new inode) or whose mtime went back is
//   re-read from the start; deleted files are dropped.
// - usage-summary.bin (budget-summary.ts): the listing it was made from (with each file's offset),
//   the usage per model and quarter hour of the last SUMMARY_DAYS days and the dedupe set. While no
//   transcript or directory changed, the budget check reads only this small file, plus one stat per
//   directory and per file; when transcripts only grew or were added, it reads their new bytes and
//   rewrites only the summary (summary-append.ts).
// Both are written atomically (temp file + rename). A corrupt or foreign cache is ignored.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  FIELDS,
  PARALLEL_MIN_BYTES,
  readFilesParallel,
  readFilesParallelAsync,
  startScanWorker,
  stopScanWorker,
  type FileEntries,
  type ParallelOptions,
  type ReadJob,
} from './parallel-scan.js';
import { SUMMARY_CACHE, SUMMARY_DAYS, encodeSummary, summarySince, writeFileAtomic } from './budget-summary.js';
import { readSummary } from './summary-append.js';
import {
  listTranscriptFiles,
  readTranscriptFile,
  type DirStamp,
  type FileReadResult,
  type TranscriptFile,
} from './read-transcripts.js';
import {
  FileAccumulator,
  emptyFileUsage,
  usageCells,
  type FileUsage,
  type UsageCell,
  type UsageIndex,
} from './usage-index.js';

export const CACHE_VERSION = 2;
export const FILES_CACHE = 'usage-files.json';
export { SUMMARY_CACHE, SUMMARY_DAYS };

export interface UpdateOptions {
  roots: readonly string[];
  /** Where the cache lives; without it nothing is stored (a one-off scan). */
  cacheDir?: string;
  /** Read on two threads when at least this many bytes are to be read (default PARALLEL_MIN_BYTES). */
  parallelMinBytes?: number;
  /** Options of the two-thread read (for tests). */
  parallel?: ParallelOptions;
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value));
}

/**
 * In the files cache a file's message hashes are one base64 string of float64s (in this machine's
 * byte order): JSON of tens of thousands of 16-digit numbers took most of the time of writing it.
 */
function encodeIds(ids: readonly number[]): string {
  return Buffer.from(Float64Array.from(ids).buffer).toString('base64');
}

/** The hashes of encodeIds, or undefined when they are not (53-bit hashes, see hashKey). */
function decodeIds(text: string): number[] | undefined {
  const bytes = Buffer.from(text, 'base64');
  // Node's base64 decoder skips what is not base64: only the exact encoding is taken.
  if (bytes.length % 8 !== 0 || bytes.toString('base64') !== text) return undefined;
  const aligned = new Float64Array(bytes.length / 8);
  new Uint8Array(aligned.buffer).set(bytes);
  const ids = Array.from(aligned);
  for (const h of ids) if (!(Number.isInteger(h) && h >= 0 && h < 2 ** 53)) return undefined;
  return ids;
}

/** The cached usage of a file, or undefined when it is not well formed. */
function fileUsageOf(x: unknown): FileUsage | undefined {
  if (!(
    isObject(x) &&
    isNum(x.size) &&
    isNum(x.mtimeMs) &&
    isNum(x.ino) &&
    isNum(x.offset) &&
    isNum(x.malformed) &&
    isNum(x.tailMalformed) &&
    isObject(x.sessions) &&
    Array.isArray(x.cells) &&
    typeof x.ids === 'string' &&
    x.cells.every(
      (r) =>
        Array.isArray(r) &&
        r.length === 9 &&
        typeof r[0] === 'string' &&
        typeof r[1] === 'string' &&
        r.slice(2).every(isNum),
    )
  ))
    return undefined;
  const ids = decodeIds(x.ids);
  return ids ? ({ ...x, ids } as unknown as FileUsage) : undefined;
}

function loadFilesCache(cacheDir: string): Map<string, FileUsage> {
  const data = readJson(join(cacheDir, FILES_CACHE));
  const files = new Map<string, FileUsage>();
  if (!isObject(data) || data.v !== CACHE_VERSION || !isObject(data.files)) return files;
  for (const [path, value] of Object.entries(data.files)) {
    const usage = fileUsageOf(value);
    if (usage) files.set(path, usage);
  }
  return files;
}

/** Whether the cached entry can be extended by reading only the bytes after its offset. */
function canExtend(cached: FileUsage, file: TranscriptFile): boolean {
  // An append makes the file bigger: a change without growth (same size, new mtime) is a rewrite,
  // e.g. a replacement that got the old inode number back.
  const grewOrSame = file.size > cached.size || (file.size === cached.size && file.mtimeMs === cached.mtimeMs);
  return cached.ino === file.ino && grewOrSame && file.mtimeMs >= cached.mtimeMs && file.size >= cached.offset;
}

/**
 * Brings the usage of every transcript up to date, reading only what changed since the cache was
 * written (everything, without a cache), and stores the result.
 */
export function updateUsageIndex(options: UpdateOptions): UsageIndex {
  const dirs: DirStamp[] = [];
  return update(options, listTranscriptFiles(options.roots, dirs), dirs);
}

/** A one-off scan of every transcript under `roots`, without a cache. */
export function scanTranscripts(roots: readonly string[]): UsageIndex {
  return updateUsageIndex({ roots });
}

/** What an update reads: the files cache brought up to the listing, and the files to read. */
interface Plan {
  options: UpdateOptions;
  cached: Map<string, FileUsage>;
  files: Map<string, FileUsage>;
  stats: UsageIndex['stats'];
  /** fresh: read from the start into a new FileUsage (a new file, or one re-read). */
  toRead: { file: TranscriptFile; usage: FileUsage; fresh: boolean }[];
  jobs: ReadJob[];
  /** Enough bytes to read for a second thread. */
  parallel: boolean;
  dirs: DirStamp[];
  seen: Set<number>;
}

function plan(options: UpdateOptions, onDisk: TranscriptFile[], dirs: DirStamp[]): Plan {
  const cached = options.cacheDir ? loadFilesCache(options.cacheDir) : new Map<string, FileUsage>();
  const stats = {
    files: onDisk.length,
    filesRead: 0,
    filesReset: 0,
    filesDropped: 0,
    bytesRead: 0,
    filesReadByWorker: 0,
    cache: options.cacheDir ? (cached.size > 0 ? 'warm' : 'cold') : 'none',
  } as UsageIndex['stats'];
  const files = new Map<string, FileUsage>();
  const present = new Set(onDisk.map((f) => f.path));
  for (const path of cached.keys()) if (!present.has(path)) stats.filesDropped++;

  // Keep the entries that stay valid first, so their messages are in the dedupe set before reading.
  const seen = new Set<number>();
  const toRead: Plan['toRead'] = [];
  for (const file of onDisk) {
    const old = cached.get(file.path);
    if (old && canExtend(old, file)) {
      for (const h of old.ids) seen.add(h);
      files.set(file.path, old);
      if (file.size !== old.size || file.mtimeMs !== old.mtimeMs) toRead.push({ file, usage: old, fresh: false });
    } else {
      if (old) stats.filesReset++;
      const usage = emptyFileUsage(file.size, file.mtimeMs, file.ino);
      files.set(file.path, usage);
      toRead.push({ file, usage, fresh: true });
    }
  }
  let toReadBytes = 0;
  for (const { file, usage } of toRead) toReadBytes += Math.max(0, file.size - usage.offset);
  const parallel = toRead.length > 1 && toReadBytes >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES);
  const jobs = toRead.map(({ file, usage }) => ({
    path: file.path,
    from: usage.offset,
    bytes: file.size - usage.offset,
  }));
  return { options, cached, files, stats, toRead, jobs, parallel, dirs, seen };
}

function update(options: UpdateOptions, onDisk: TranscriptFile[], dirs: DirStamp[]): UsageIndex {
  const p = plan(options, onDisk, dirs);
  return finish(p, p.parallel ? readFilesParallel(p.jobs, options.parallel) : undefined);
}

/**
 * updateUsageIndex without blocking while transcripts are read: reads are kept in flight on this
 * thread (and on the worker, for big reads) so that disk time and parsing overlap, and the caller can
 * do other work meanwhile. The same result, exactly.
 */
export async function updateUsageIndexAsync(given: UpdateOptions): Promise<UsageIndex> {
  // A second thread only with a core for each and one to spare (by default): on two cores, the
  // thread reading ahead here already keeps both busy (the reads are the other core's), and a second
  // one parsing only made them compete (on 500 MB: the same time or more, a fifth more CPU).
  const options =
    given.parallelMinBytes === undefined && availableParallelism() <= 2
      ? { ...given, parallelMinBytes: Number.POSITIVE_INFINITY }
      : given;
  // Without a files cache everything is read: the worker (if two threads may read) gets going while
  // the transcripts are listed.
  const twoThreads = Number.isFinite(options.parallelMinBytes ?? PARALLEL_MIN_BYTES);
  const early =
    !twoThreads || (options.cacheDir && existsSync(join(options.cacheDir, FILES_CACHE)))
      ? undefined
      : startScanWorker();
  const dirs: DirStamp[] = [];
  let p: Plan;
  try {
    p = plan(options, listTranscriptFiles(options.roots, dirs), dirs);
  } catch (error) {
    stopScanWorker(early);
    throw error;
  }
  // Each new file's usage is added up as soon as it is read (see finish), while the scan goes on.
  const sums: (FileUsage | undefined)[] = new Array(p.jobs.length);
  const onFile = (k: number, entries: FileEntries): void => {
    const { file, fresh } = p.toRead[k]!;
    if (!entries.result || !fresh) return;
    const acc = new FileAccumulator(emptyFileUsage(file.size, file.mtimeMs, file.ino), new Set(), file.sessionHint);
    addColumns(acc, entries);
    sums[k] = acc.usage;
  };
  if (p.jobs.length === 0) {
    stopScanWorker(early);
    return finish(p, [], sums);
  }
  return finish(p, await readFilesParallelAsync(p.jobs, p.parallel, options.parallel, early, onFile), sums);
}

/**
 * Adds up what was read (`read`: per job; else each file is read here, one after the other) and stores
 * the cache. `sums`: new files already added up on their own (their messages deduplicated within the
 * file only); such a file's sums are taken as they are when none of its messages was counted in a
 * file before it (in the files' order), else it is added up again here, exactly as the others.
 */
function finish(p: Plan, read: FileEntries[] | undefined, sums?: readonly (FileUsage | undefined)[]): UsageIndex {
  const { options, cached, files, stats, toRead, dirs, seen } = p;
  for (let k = 0; k < toRead.length; k++) {
    const { file } = toRead[k]!;
    let usage = toRead[k]!.usage;
    let result: FileReadResult | undefined;
    const own = sums?.[k];
    if (read && own && read[k]!.result && !own.ids.some((h) => seen.has(h))) {
      for (const h of own.ids) seen.add(h);
      usage = own;
      files.set(file.path, own);
      result = read[k]!.result;
      if (read[k]!.byWorker) stats.filesReadByWorker++;
    } else if (read) {
      // Entries read on either thread, added here in the files' order: the same sums and dedupe.
      const acc = new FileAccumulator(usage, seen, file.sessionHint);
      usage.size = file.size;
      usage.mtimeMs = file.mtimeMs;
      const entries = read[k]!;
      result = entries.result;
      if (result) addColumns(acc, entries);
      if (entries.byWorker) stats.filesReadByWorker++;
    } else {
      const acc = new FileAccumulator(usage, seen, file.sessionHint);
      usage.size = file.size;
      usage.mtimeMs = file.mtimeMs;
      try {
        result = readTranscriptFile(file.path, usage.offset, acc);
      } catch {
        result = undefined;
      }
    }
    if (!result) {
      // Vanished or unreadable since the walk: leave it out this time.
      files.delete(file.path);
      continue;
    }
    stats.filesRead++;
    stats.bytesRead += result.bytesRead;
    usage.offset = result.completeOffset;
    usage.malformed += result.malformed;
    usage.tailMalformed = result.tailMalformed;
  }
  let malformedLines = 0;
  for (const usage of files.values()) malformedLines += usage.malformed + usage.tailMalformed;
  const index: UsageIndex = { files, malformedLines, stats, listing: { roots: [...options.roots], dirs } };
  if (options.cacheDir && (toRead.length > 0 || stats.filesDropped > 0 || cached.size !== files.size)) {
    mkdirSync(options.cacheDir, { recursive: true, mode: 0o700 });
    const stored: Record<string, unknown> = {};
    for (const [path, usage] of files) stored[path] = { ...usage, ids: encodeIds(usage.ids) };
    writeJsonAtomic(join(options.cacheDir, FILES_CACHE), { v: CACHE_VERSION, files: stored });
  }
  return index;
}

function addColumns(acc: FileAccumulator, read: FileEntries): void {
  const c = read.cols;
  const str = (x: number) => (x < 0 ? undefined : read.strings[x]);
  for (let o = 0; o < read.count * FIELDS; o += FIELDS) {
    const hash = c[o]!;
    acc.message(
      hash,
      str(c[o + 7]!),
      str(c[o + 8]!),
      str(c[o + 9]!) ?? 'unknown',
      c[o + 1]!,
      c[o + 2]!,
      c[o + 3]!,
      c[o + 4]!,
      c[o + 5]!,
      c[o + 6]!,
    );
  }
}

export interface RecentUsage {
  /**
   * Usage per model and quarter hour since `sinceQuarter`, over all transcripts on the machine
   * (with `segments`, from the summary: one cell per model and segment, see readFreshSummary).
   */
  cells: UsageCell[];
  sinceQuarter: number;
  malformedLines: number;
  /**
   * "summary": nothing changed, only the summary was read; "appended": transcripts only grew or were
   * added, their new bytes were read into the summary; "update": the files cache was updated.
   */
  source: 'summary' | 'appended' | 'update';
  stats?: UsageIndex['stats'];
}

/**
 * The recent usage the budget check needs, as cheaply as possible: while no transcript changed since
 * the summary was written, only the summary is read (and everything stat'ed); when some only grew
 * or were added, only their new bytes. `segments`: see readFreshSummary (used only when the summary
 * answers; the full update returns exact cells).
 */
export function recentUsage(
  options: UpdateOptions & { cacheDir: string; now: number; segments?: readonly number[] },
): RecentUsage {
  const sinceQuarter = summarySince(options.now);
  const fromSummary = readSummary(join(options.cacheDir, SUMMARY_CACHE), options.roots, sinceQuarter, options.segments);
  if (fromSummary)
    return {
      cells: fromSummary.cells,
      malformedLines: fromSummary.malformedLines,
      sinceQuarter,
      source: fromSummary.source,
    };
  const index = updateUsageIndex(options);
  return { ...summarize(options.cacheDir, index, sinceQuarter), stats: index.stats };
}

/** Writes the summary for the budget check from a fresh index (also done by `recentUsage`). */
export function writeSummary(cacheDir: string, index: UsageIndex, now: number): void {
  summarize(cacheDir, index, summarySince(now));
}

function summarize(cacheDir: string, index: UsageIndex, sinceQuarter: number): RecentUsage {
  const cells = usageCells(index, sinceQuarter);
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const path = join(cacheDir, SUMMARY_CACHE);
  if (index.listing) {
    let bytes: Buffer | undefined;
    try {
      const files = [...index.files].map(([p, f]) => ({
        path: p,
        size: f.size,
        mtimeMs: f.mtimeMs,
        ino: f.ino,
        offset: f.offset,
        tailMalformed: f.tailMalformed,
      }));
      let idCount = 0;
      for (const f of index.files.values()) idCount += f.ids.length;
      const ids = new Float64Array(idCount);
      let o = 0;
      for (const f of index.files.values()) {
        ids.set(f.ids, o);
        o += f.ids.length;
      }
      bytes = encodeSummary(
        index.listing.roots,
        index.listing.dirs,
        files,
        sinceQuarter,
        index.malformedLines,
        cells,
        ids.sort(),
      );
    } catch {
      bytes = undefined;
    }
    if (bytes) writeFileAtomic(path, bytes);
    else rmSync(path, { force: true });
  } else {
    rmSync(path, { force: true });
  }
  return { cells, sinceQuarter, malformedLines: index.malformedLines, source: 'update' };
}
