// The learned-examples cache, so that a launch never re-reads the whole history.
//
// `learned.json` in the cache directory holds the examples (at most MAX_STRONG + MAX_WEAK, see
// examples.ts) and where in the history file they were read up to: the file's path, inode, mtime,
// the offset after the last complete line, and a hash of its first bytes. Next time only the bytes
// after the offset are read. A history that shrank, was replaced (other inode, other first bytes)
// or whose mtime went back is read again from the start; so is a corrupt, foreign or older cache.
// The cache is rewritten only after REWRITE_BYTES of new history (each launch adds a few hundred
// bytes; reading those is cheaper than rewriting the cache every time), atomically (temp file +
// rename); a failed write only costs time next run.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { parseHistory } from '../history/history-store.js';
import { TIERS, type Tier } from '../types.js';
import { EXAMPLE_KINDS, ExampleCollector, emptyExampleSet, type Example, type ExampleSet } from './examples.js';
import { TERMS_VERSION } from './terms.js';

export const LEARN_CACHE = 'learned.json';
export const LEARN_CACHE_VERSION = 2;
/**
 * Every launch appends a record or two; rewriting the cache each time would cost more than reading
 * them. The cache is rewritten once this many bytes were appended after its offset (or when it was
 * rebuilt); until then each load reads the few new bytes after the cached offset.
 */
export const REWRITE_BYTES = 8 * 1024;
const HEAD_BYTES = 256;

export interface CacheStats {
  /** cold: no usable cache; warm: cache extended or current; rebuilt: the history changed under it; none: no cache dir. */
  cache: 'cold' | 'warm' | 'rebuilt' | 'none';
  bytesRead: number;
  recordsRead: number;
  /** Lines that did not parse, in the part read this time. */
  skipped: number;
  written: boolean;
}

export interface LoadedExamples {
  set: ExampleSet;
  stats: CacheStats;
  /** The history offset the examples cover. */
  offset: number;
}

type StoredExample = [
  ids: string[],
  time: number,
  tier: number,
  kind: number,
  from: number,
  task: string,
  terms: string,
  norm: number,
];

interface CacheFile {
  v: number;
  terms: number;
  file: string;
  ino: number;
  mtimeMs: number;
  offset: number;
  head: string;
  records: number;
  newest: number;
  ex: StoredExample[];
}

/** FNV-1a over a few bytes: enough to notice a history file that was replaced in place. */
function hashBytes(buf: Buffer): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < buf.length; i++) h = Math.imul(h ^ buf[i]!, 0x01000193) >>> 0;
  return h.toString(16);
}

function readHead(fd: number, limit: number): string {
  const buf = Buffer.alloc(Math.min(HEAD_BYTES, limit));
  const n = buf.length ? fs.readSync(fd, buf, 0, buf.length, 0) : 0;
  return hashBytes(buf.subarray(0, n));
}

function toStored(e: Example): StoredExample {
  return [
    e.ids,
    e.time,
    TIERS.indexOf(e.tier),
    EXAMPLE_KINDS.indexOf(e.kind),
    e.from ? TIERS.indexOf(e.from) : -1,
    e.task,
    e.terms,
    e.norm,
  ];
}

function fromStored(s: StoredExample): Example {
  // Indexed, not destructured: this runs for every example on a cold start.
  const ids = s[0];
  const time = s[1];
  const tier = TIERS[s[2]];
  const kind = EXAMPLE_KINDS[s[3]];
  const task = s[5];
  const terms = s[6];
  const norm = s[7];
  if (
    !Array.isArray(ids) ||
    typeof time !== 'number' ||
    !tier ||
    !kind ||
    typeof task !== 'string' ||
    typeof terms !== 'string' ||
    typeof norm !== 'number'
  )
    throw new Error('bad example');
  const e: Example = { ids, time, tier, kind, task, terms, norm };
  const from: Tier | undefined = TIERS[s[4]];
  if (from) e.from = from;
  return e;
}

function loadCache(file: string, historyFile: string): (CacheFile & { set: ExampleSet }) | undefined {
  let data: CacheFile;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
  } catch {
    return undefined;
  }
  try {
    if (
      data.v !== LEARN_CACHE_VERSION ||
      data.terms !== TERMS_VERSION ||
      data.file !== historyFile ||
      !Array.isArray(data.ex)
    )
      return undefined;
    if (
      ![data.ino, data.mtimeMs, data.offset, data.records, data.newest].every(
        (x) => typeof x === 'number' && Number.isFinite(x),
      )
    )
      return undefined;
    if (typeof data.head !== 'string') return undefined;
    const examples: Example[] = new Array<Example>(data.ex.length);
    for (let i = 0; i < data.ex.length; i++) examples[i] = fromStored(data.ex[i]!);
    const set: ExampleSet = { examples, newest: data.newest, records: data.records };
    return { ...data, set };
  } catch {
    return undefined;
  }
}

function writeCache(file: string, value: CacheFile): boolean {
  return writeFileAtomic(file, JSON.stringify(value));
}

export interface UpdateLearnedOptions {
  historyFile: string;
  /** Where learned.json lives; without it the whole history is read every time. */
  cacheDir?: string;
}

/**
 * Brings the examples up to date with the history, reading only what was appended since the
 * cache was written. Undefined when there is no history file. Never throws for a bad cache.
 */
export function updateLearnedExamples(options: UpdateLearnedOptions): LoadedExamples | undefined {
  let fd: number;
  try {
    // Non-blocking: a FIFO at the history path must not hang the launch (it is then no history).
    fd = fs.openSync(options.historyFile, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return undefined;
    const cacheFile = options.cacheDir ? path.join(options.cacheDir, LEARN_CACHE) : undefined;
    const cached = cacheFile ? loadCache(cacheFile, options.historyFile) : undefined;
    let stats: CacheStats = {
      cache: cacheFile ? 'cold' : 'none',
      bytesRead: 0,
      recordsRead: 0,
      skipped: 0,
      written: false,
    };
    let set = emptyExampleSet();
    let offset = 0;
    if (cached) {
      const extendable =
        cached.ino === st.ino &&
        st.size >= cached.offset &&
        st.mtimeMs >= cached.mtimeMs &&
        readHead(fd, cached.offset) === cached.head;
      if (extendable) {
        set = cached.set;
        offset = cached.offset;
        stats = { ...stats, cache: 'warm' };
      } else {
        stats = { ...stats, cache: 'rebuilt' };
      }
    }
    const unchanged = cached && stats.cache === 'warm' && st.size === offset;
    if (!unchanged && st.size > offset) {
      const buf = Buffer.alloc(st.size - offset);
      const n = fs.readSync(fd, buf, 0, buf.length, offset);
      const end = buf.subarray(0, n).lastIndexOf(0x0a) + 1; // only complete lines
      if (end > 0) {
        const parsed = parseHistory(buf.subarray(0, end).toString('utf8'));
        const collector = new ExampleCollector(set);
        for (const r of parsed.records) collector.add(r);
        collector.prune();
        offset += end;
        stats = { ...stats, bytesRead: end, recordsRead: parsed.records.length, skipped: parsed.skipped };
      }
    }
    if (cacheFile && (stats.cache !== 'warm' || stats.bytesRead >= REWRITE_BYTES)) {
      stats.written = writeCache(cacheFile, {
        v: LEARN_CACHE_VERSION,
        terms: TERMS_VERSION,
        file: options.historyFile,
        ino: st.ino,
        mtimeMs: st.mtimeMs,
        offset,
        head: readHead(fd, offset),
        records: set.records,
        newest: set.newest,
        ex: set.examples.map(toStored),
      });
    }
    return { set, stats, offset };
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes the cache (after `cr learn --forget`); a missing file is fine. */
export function dropLearnedCache(cacheDir: string): boolean {
  try {
    fs.rmSync(path.join(cacheDir, LEARN_CACHE), { force: true });
    return true;
  } catch {
    return false;
  }
}
