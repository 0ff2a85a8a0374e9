// The incremental usage cache, so that launching never re-reads all transcripts.
//
// Two files under the cache directory:
// - usage-files.bin: per transcript file its size, mtime, inode, the offset read up to (always
//   the end of a complete line), its totals per session/model/quarter hour and the hashes of the
//   messages it contributed (the dedupe set): a JSON header for the names, then float64 columns
//   read without parsing. Only new bytes of grown files are read; a file that shrank, was replaced
//   (new inode) or whose mtime went back is re-read from the start; deleted files are dropped.
// - usage-summary.bin (budget-summary.ts): the listing it was made from (with each file's offset),
//   the usage per model and quarter hour of the last SUMMARY_DAYS days and the dedupe set. While no
//   transcript or directory changed, the budget check reads only this small file, plus one stat per
//   directory and per file; when transcripts only grew or were added, it reads their new bytes and
//   rewrites only the summary (summary-append.ts).
// Both are written atomically (temp file + rename). A corrupt or foreign cache is ignored.
import { join } from 'node:path';
import {
  LAUNCH_SUMMARY,
  SUMMARY_CACHE,
  SUMMARY_DAYS,
  decodeSummary,
  encodeSummary,
  lastKnownSummary,
  readFreshSummary,
  summarySince,
  writeFileAtomic,
  writeSummaries,
} from './budget-summary.js';
import { readSummary } from './summary-append.js';
import {
  listEntries,
  listTranscriptFiles,
  readTranscriptFile,
  statIfThere,
  type DirStamp,
  type FileReadResult,
  type TranscriptFile,
} from './read-transcripts.js';
import {
  FileAccumulator,
  emptyFileUsage,
  usageCells,
  type FileUsage,
  type SessionInfo,
  type UsageCell,
  type UsageIndex,
} from './usage-index.js';

const { existsSync, readFileSync, readdirSync, rmSync } = process.getBuiltinModule('node:fs');

export const CACHE_VERSION = 3;
export const FILES_CACHE = 'usage-files.bin';
export { LAUNCH_SUMMARY, SUMMARY_CACHE, SUMMARY_DAYS };

export interface UpdateOptions {
  roots: readonly string[];
  /** Where the cache lives; without it nothing is stored (a one-off scan). */
  cacheDir?: string;
  /**
   * Date.now() past which no more files are read: the index is then incomplete (`complete` false),
   * and the files cache keeps what was read, for the next update to go on from.
   */
  deadline?: number;
}

const MAGIC = 0x46555243; // "CRUF"
/** Per file in the header: [path, size, mtimeMs, ino, offset, malformed, tailMalformed, tooLong, cells, sessions, ids]. */
type StoredFile = [string, number, number, number, number, number, number, number, number, number, number];
const CELL_FIELDS = 9; // [session, model (string indexes), quarter, input, output, write5m, write1h, read, messages]
const SESSION_FIELDS = 4; // [session, cwd (string indexes, -1: none), first, last]

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The files cache's bytes: a JSON header (names and per-file counts), then every number as float64. */
function encodeFilesCache(files: ReadonlyMap<string, FileUsage>): Buffer {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string | undefined) => {
    if (s === undefined) return -1;
    let i = index.get(s);
    if (i === undefined) {
      index.set(s, (i = strings.length));
      strings.push(s);
    }
    return i;
  };
  const stored: StoredFile[] = [];
  let count = 0;
  for (const [path, f] of files) {
    const sessions = Object.keys(f.sessions).length;
    stored.push([
      path,
      f.size,
      f.mtimeMs,
      f.ino,
      f.offset,
      f.malformed,
      f.tailMalformed,
      f.tooLong,
      f.cells.length,
      sessions,
      f.ids.length,
    ]);
    count += f.cells.length * CELL_FIELDS + sessions * SESSION_FIELDS + f.ids.length;
  }
  const values = new Float64Array(count);
  let o = 0;
  for (const f of files.values()) {
    for (const row of f.cells) {
      values[o++] = str(row[0]);
      values[o++] = str(row[1]);
      for (let k = 2; k < CELL_FIELDS; k++) values[o++] = row[k] as number;
    }
    for (const id in f.sessions) {
      const info = f.sessions[id]!;
      values[o++] = str(id);
      values[o++] = str(info.cwd);
      values[o++] = info.first;
      values[o++] = info.last;
    }
    values.set(f.ids, o);
    o += f.ids.length;
  }
  const json = Buffer.from(JSON.stringify({ v: CACHE_VERSION, strings, files: stored }));
  const start = Math.ceil((8 + json.length) / 8) * 8;
  const out = Buffer.alloc(start + values.byteLength);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  out.set(new Uint8Array(values.buffer), start);
  return out;
}

/** The files of a files cache, or an empty map when it is missing, corrupt or of another version. */
function loadFilesCache(cacheDir: string): Map<string, FileUsage> {
  const files = new Map<string, FileUsage>();
  try {
    const buf = readFileSync(join(cacheDir, FILES_CACHE));
    if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) return files;
    const len = buf.readUInt32LE(4);
    const header = JSON.parse(buf.toString('utf8', 8, 8 + len)) as { v: unknown; strings: unknown; files: unknown };
    if (header.v !== CACHE_VERSION || !Array.isArray(header.strings) || !Array.isArray(header.files)) return files;
    const strings = header.strings as unknown[];
    if (!strings.every((x) => typeof x === 'string')) return files;
    const start = Math.ceil((8 + len) / 8) * 8;
    if ((buf.length - start) % 8 !== 0) return files;
    const values = new Float64Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
    const str = (i: number): string => {
      const s = strings[i];
      if (typeof s !== 'string') throw new Error('bad string index');
      return s;
    };
    let o = 0;
    for (const entry of header.files as unknown[]) {
      const e = entry as StoredFile;
      if (!Array.isArray(e) || e.length !== 11 || typeof e[0] !== 'string') return new Map();
      // Plain loops (no arrays made per file): a warm cr stats loads thousands of entries.
      for (let k = 1; k < 4; k++) if (!isNum(e[k])) return new Map();
      for (let k = 4; k < 11; k++) if (!isCount(e[k])) return new Map();
      // Indexed, not destructured: destructuring walks the array's iterator, 5,000 times in cold code.
      const cells = e[8];
      const sessions = e[9];
      const ids = e[10];
      if (o + cells * CELL_FIELDS + sessions * SESSION_FIELDS + ids > values.length) return new Map();
      const usage = emptyFileUsage(e[1], e[2], e[3]);
      usage.offset = e[4];
      usage.malformed = e[5];
      usage.tailMalformed = e[6];
      usage.tooLong = e[7];
      for (let c = 0; c < cells; c++, o += CELL_FIELDS) {
        // One literal per row (an array grown by push is made several times over).
        const v = values;
        usage.cells.push([
          str(v[o]!),
          str(v[o + 1]!),
          v[o + 2]!,
          v[o + 3]!,
          v[o + 4]!,
          v[o + 5]!,
          v[o + 6]!,
          v[o + 7]!,
          v[o + 8]!,
        ]);
      }
      for (let n = 0; n < sessions; n++, o += SESSION_FIELDS) {
        const info: SessionInfo = { first: values[o + 2]!, last: values[o + 3]! };
        if (values[o + 1]! >= 0) info.cwd = str(values[o + 1]!);
        usage.sessions[str(values[o]!)] = info;
      }
      usage.ids = values.subarray(o, o + ids);
      o += ids;
      files.set(e[0], usage);
    }
    return o === values.length ? files : new Map();
  } catch {
    return new Map();
  }
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

/**
 * Reads what changed against the cache (everything, without one), file by file in path order, each
 * in one read (read-transcripts.ts), into per-file totals; then stores the cache.
 */
function update(options: UpdateOptions, onDisk: TranscriptFile[], dirs: DirStamp[]): UsageIndex {
  const cached = options.cacheDir ? loadFilesCache(options.cacheDir) : new Map<string, FileUsage>();
  const stats: UsageIndex['stats'] = {
    files: onDisk.length,
    filesRead: 0,
    filesReset: 0,
    filesDropped: 0,
    bytesRead: 0,
    cache: options.cacheDir ? (cached.size > 0 ? 'warm' : 'cold') : 'none',
  };
  const files = new Map<string, FileUsage>();
  const present = new Set(onDisk.map((f) => f.path));
  for (const path of cached.keys()) if (!present.has(path)) stats.filesDropped++;

  // Keep the entries that stay valid first, so their messages are in the dedupe set before reading
  // (made only when something is to be read).
  const kept: FileUsage[] = [];
  const toRead: { file: TranscriptFile; usage: FileUsage }[] = [];
  for (const file of onDisk) {
    const old = cached.get(file.path);
    if (old && canExtend(old, file)) {
      kept.push(old);
      files.set(file.path, old);
      if (file.size !== old.size || file.mtimeMs !== old.mtimeMs) toRead.push({ file, usage: old });
    } else {
      if (old) stats.filesReset++;
      const usage = emptyFileUsage(file.size, file.mtimeMs, file.ino);
      files.set(file.path, usage);
      toRead.push({ file, usage });
    }
  }
  const seen = new Set<number>();
  if (toRead.length > 0) for (const usage of kept) for (const h of usage.ids) seen.add(h);
  let complete = true;
  for (const { file, usage } of toRead) {
    if (options.deadline !== undefined && Date.now() >= options.deadline) {
      // Out of time: a file not read keeps what the cache had (read on from there next time), a new one is left out.
      complete = false;
      if (usage.offset === 0) files.delete(file.path);
      continue;
    }
    const acc = new FileAccumulator(usage, seen, file.sessionHint);
    usage.size = file.size;
    usage.mtimeMs = file.mtimeMs;
    let result: FileReadResult;
    try {
      result = readTranscriptFile(file.path, usage.offset, acc, { size: file.size });
    } catch {
      // Vanished or unreadable since the listing: leave it out this time.
      files.delete(file.path);
      continue;
    }
    stats.filesRead++;
    stats.bytesRead += result.bytesRead;
    usage.offset = result.completeOffset;
    usage.malformed += result.malformed;
    usage.tooLong += result.tooLong;
    usage.tailMalformed = result.tailMalformed;
  }
  let malformedLines = 0;
  let tooLongLines = 0;
  for (const usage of files.values()) {
    malformedLines += usage.malformed + usage.tailMalformed;
    tooLongLines += usage.tooLong;
  }
  const index: UsageIndex = {
    files,
    malformedLines,
    tooLongLines,
    stats,
    complete,
    listing: { roots: [...options.roots], dirs },
  };
  // A cache that cannot be written (its folder is a file, a read-only disk) only costs the next run a
  // full read: the figures stand, and the caller may say so (ScanStats.cacheUnwritten).
  if (options.cacheDir && (toRead.length > 0 || stats.filesDropped > 0 || cached.size !== files.size))
    if (!writeFileAtomic(join(options.cacheDir, FILES_CACHE), encodeFilesCache(files))) stats.cacheUnwritten = true;
  return index;
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
   * added, their new bytes were read into the summary; "update": the files cache was updated (every
   * transcript read when there was none); "provisional": the summary could not be brought up to date
   * without that, and the cells are what it last knew, or what could be read in PROVISIONAL_MS when
   * there is no summary: a figure that may be low.
   */
  source: 'summary' | 'appended' | 'update' | 'provisional';
  stats?: UsageIndex['stats'];
}

/** Held by the process rebuilding the usage cache in the background (see budget-check.ts): its pid. */
export const REFRESH_LOCK = 'usage-refresh.lock';
/** Set in the background process's environment: the lock it removes when done. */
export const REFRESH_LOCK_ENV = 'CR_USAGE_REFRESH_LOCK';

/** How long a launch reads transcripts when the summaries cannot answer (otherwise: "provisional"). */
export const PROVISIONAL_MS = 150;

export interface RecentUsageOptions extends UpdateOptions {
  cacheDir: string;
  now: number;
  segments?: readonly number[];
  /**
   * "update" (the default): when the summaries cannot answer, update the files cache (reads every
   * transcript when there is none). "provisional": the same for PROVISIONAL_MS at most; then answer
   * with what is known (see RecentUsage.source).
   */
  otherwise?: 'update' | 'provisional';
  /** For "provisional": how long the update may read (default PROVISIONAL_MS; 0 reads nothing). */
  provisionalMs?: number;
  /**
   * "recent" (the default, a launch): the launch's summary first, which stats only recent files
   * (see LAUNCH_SUMMARY). "all": every file is stat'ed (the refresh after a session).
   */
  check?: 'recent' | 'all';
  /**
   * With "recent": of the launch's summary's files, stat only these (the status line: its session's
   * transcript). Growth of the others is then left to the next check that stats them.
   */
  onlyFiles?: ReadonlySet<string>;
}

/**
 * The recent usage the budget check needs, as cheaply as possible: while no recent transcript and no
 * directory changed since the summary was written, only the launch's summary is read and those
 * stat'ed; else the full summary, every file stat'ed; when some only grew or were added, only their
 * new bytes are read. `segments`: see readFreshSummary (used only when a summary answers).
 */
export function recentUsage(options: RecentUsageOptions): RecentUsage {
  const { cacheDir, roots, segments } = options;
  const sinceQuarter = summarySince(options.now);
  // When the launch's summary finds that some of its (recent) files only grew or folders had entries
  // added, the full summary is brought up to date checking only the files that grew (stat'ed once,
  // here): the others are as both summaries have them, and the files the launch's summary does not
  // list are left to the checks that stat every file (the refresh after a session, cr stats).
  let grownFiles: ReadonlySet<string> | undefined;
  const launch =
    options.check !== 'all' &&
    readFreshSummary(
      join(cacheDir, LAUNCH_SUMMARY),
      roots,
      sinceQuarter,
      segments,
      (files) => {
        grownFiles = files;
      },
      options.onlyFiles,
    );
  if (launch) return { ...launch, sinceQuarter, source: 'summary' };
  const fromSummary = readSummary(
    join(cacheDir, SUMMARY_CACHE),
    roots,
    sinceQuarter,
    options.now,
    segments,
    grownFiles,
  );
  if (fromSummary)
    return {
      cells: fromSummary.cells,
      malformedLines: fromSummary.malformedLines,
      sinceQuarter,
      source: fromSummary.source,
    };
  const provisional = options.otherwise === 'provisional';
  const index = updateUsageIndex(
    provisional ? { ...options, deadline: Date.now() + (options.provisionalMs ?? PROVISIONAL_MS) } : options,
  );
  if (index.complete !== false) return { ...summarize(cacheDir, index, options.now), stats: index.stats };
  // What the summary last knew, else what was read in time.
  const known = lastKnownSummary(join(cacheDir, SUMMARY_CACHE), roots, sinceQuarter, segments) ?? {
    cells: usageCells(index, sinceQuarter),
    malformedLines: index.malformedLines,
  };
  return { ...known, sinceQuarter, source: 'provisional', stats: index.stats };
}

/**
 * Writes the summaries for the budget check from a fresh index (also done by `recentUsage`), unless
 * the update read and dropped nothing and both summaries are there: the files cache was then already
 * current, and the summaries say the same, or less when their last write failed, which the budget
 * check catches up on itself. (A summary older than `now` only covers more days.)
 */
export function writeSummary(cacheDir: string, index: UsageIndex, now: number): void {
  const { filesRead, filesDropped } = index.stats;
  const both = [SUMMARY_CACHE, LAUNCH_SUMMARY].every((f) => existsSync(join(cacheDir, f)));
  if (filesRead === 0 && filesDropped === 0 && index.complete !== false && both) return;
  summarize(cacheDir, index, now);
}

function summarize(cacheDir: string, index: UsageIndex, now: number): RecentUsage {
  const sinceQuarter = summarySince(now);
  const cells = usageCells(index, sinceQuarter);
  let bytes: Buffer | undefined;
  if (index.listing) {
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
  }
  const decoded = bytes && decodeSummary(bytes, index.listing!.roots, sinceQuarter);
  if (decoded) {
    writeSummaries(cacheDir, decoded, now);
  } else {
    try {
      rmSync(join(cacheDir, SUMMARY_CACHE), { force: true });
      rmSync(join(cacheDir, LAUNCH_SUMMARY), { force: true });
    } catch {
      // No folder to remove them from: nothing stale is left to read either.
    }
  }
  return { cells, sinceQuarter, malformedLines: index.malformedLines, source: 'update' };
}

/**
 * The usage of a few sessions, from their own transcripts only (`<project>/<id>.jsonl` and the
 * files under `<project>/<id>/`, its subagents): what `cr history` shows beside its rows, without
 * listing or reading every transcript. Messages are deduplicated within these files.
 */
export function usageOfSessions(roots: readonly string[], sessionIds: Iterable<string>): UsageIndex {
  const wanted = [...new Set(sessionIds)].filter((id) => id !== '' && !id.includes('/') && !id.includes('\\'));
  const found: TranscriptFile[] = [];
  for (const root of roots) {
    let projects: string[];
    try {
      projects = readdirSync(root);
    } catch {
      continue;
    }
    for (const project of projects) {
      const projectDir = join(root, project);
      for (const id of wanted) {
        const main = join(projectDir, `${id}.jsonl`);
        // A stray file among the project folders (.DS_Store) makes these paths ENOTDIR: nothing there.
        const st = statIfThere(main);
        if (st?.isFile()) found.push({ path: main, sessionHint: id, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino });
        if (statIfThere(join(projectDir, id))?.isDirectory())
          listEntries(join(projectDir, id), 1, projectDir, found, undefined, new Set(), id);
      }
    }
  }
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return update({ roots }, found, []);
}
