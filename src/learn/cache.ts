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
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { TIME_ORDER_SLACK_MS, openHistory, parseHistory } from '../history/history-store.js';
import type { HistoryRecord } from '../history/records.js';
import { TIERS, type Tier } from '../types.js';
import {
  EXAMPLE_KINDS,
  ExampleCollector,
  MAX_AGE_MS,
  MAX_STRONG,
  MAX_WEAK,
  emptyExampleSet,
  exampleClass,
  shortId,
  type Example,
  type ExampleSet,
} from './examples.js';
import { TERMS_VERSION } from './terms.js';

const fs = process.getBuiltinModule('node:fs');

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
    // Not a regular file (a FIFO, a device, a folder) or not readable: no history to learn from.
    fd = openHistory(options.historyFile);
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
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
      // A few appended records are read forward; a history to learn from anew, or far behind its
      // cache, from its end back to where the oldest example that can be kept lies (see readWindow).
      let window: Window;
      if (stats.cache === 'warm' && st.size - offset <= WINDOW_BYTES) {
        window = forward(fd, offset, st.size);
      } else {
        if (stats.cache === 'warm') stats = { ...stats, cache: 'rebuilt' };
        set = emptyExampleSet();
        window = readWindow(fd, st.size);
      }
      if (window.end > 0) {
        const collector = new ExampleCollector(set);
        for (const block of window.blocks) for (const r of block) collector.add(r);
        collector.prune();
        offset = window.start + window.end;
        stats = { ...stats, bytesRead: window.bytesRead, recordsRead: window.records, skipped: window.skipped };
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

/** Past this many new bytes since the cache, the examples are learned anew from the end of the history. */
const WINDOW_BYTES = 4 * 1024 * 1024;
/** Examples of each class read beyond the caps, for tasks that yield no terms. */
const SLACK = 200;

interface Window {
  /** Records in file order, block by block. */
  blocks: HistoryRecord[][];
  records: number;
  skipped: number;
  bytesRead: number;
  /** Where the window starts, and the end of its last complete line relative to `start`. */
  start: number;
  end: number;
}

/** The complete lines in [from, size), read forward. */
function forward(fd: number, from: number, size: number): Window {
  const buf = Buffer.alloc(size - from);
  const n = fs.readSync(fd, buf, 0, buf.length, from);
  const end = buf.subarray(0, n).lastIndexOf(0x0a) + 1;
  const parsed = parseHistory(buf.subarray(0, end).toString('utf8'));
  return {
    blocks: [parsed.records],
    records: parsed.records.length,
    skipped: parsed.skipped,
    bytesRead: end,
    start: from,
    end,
  };
}

/**
 * The records that can make the examples a full read of the history would keep, read from its end
 * backwards block by block: until the window holds more than the kept number of strong and weak
 * examples (MAX_STRONG, MAX_WEAK) and every escalation in it has found the decision it relabels, or
 * until its records are older than any kept example can be (MAX_AGE_MS before the newest). What lies
 * before the window could only make examples that pruning drops. So a rebuild reads the last few
 * thousand records, not a million.
 */
function readWindow(fd: number, size: number): Window {
  const blocks: HistoryRecord[][] = [];
  let strong = 0;
  let weak = 0;
  let records = 0;
  let skipped = 0;
  let newest = Number.NEGATIVE_INFINITY;
  /** Short ids of decisions an escalation in the window relabels, not met yet. */
  const pending = new Set<string>();
  let end = -1; // end of the last complete line, from the file's start
  let pos = size;
  let carry = Buffer.alloc(0); // the start of a line cut by the previous block
  const block = Buffer.allocUnsafe(1024 * 1024);
  while (pos > 0) {
    const from = Math.max(0, pos - block.length);
    const n = fs.readSync(fd, block, 0, pos - from, from);
    let bytes = Buffer.concat([block.subarray(0, n), carry]);
    if (end < 0) {
      // Only complete lines: what follows the last newline is left for the next read.
      const last = bytes.lastIndexOf(0x0a);
      pos = from;
      if (last < 0) continue;
      end = from + last + 1;
      bytes = bytes.subarray(0, last + 1);
    }
    // The first line is partial unless the block starts the file: it goes with the next block.
    const cut = from === 0 ? 0 : bytes.indexOf(0x0a) + 1;
    if (from > 0 && cut === 0) {
      carry = bytes; // one line longer than the block
      pos = from;
      continue;
    }
    carry = Buffer.from(bytes.subarray(0, cut));
    pos = from;
    const parsed = parseHistory(bytes.toString('utf8', cut));
    blocks.push(parsed.records);
    records += parsed.records.length;
    skipped += parsed.skipped;
    let oldest = Number.POSITIVE_INFINITY;
    for (let i = parsed.records.length - 1; i >= 0; i--) {
      const r = parsed.records[i]!;
      if (r.type !== 'decision') continue;
      const time = Date.parse(r.time);
      if (time > newest) newest = time;
      if (time < oldest) oldest = time;
      if (r.kind === 'escalation') {
        if (r.parent) pending.add(shortId(r.parent));
        pending.delete(shortId(r.id)); // a chain: its own parent now stands for it
        continue;
      }
      const relabelled = pending.delete(shortId(r.id));
      const kind = exampleClass(r);
      if (kind === 'strong' || (kind && relabelled)) strong++;
      else if (kind) weak++;
    }
    const full = strong >= MAX_STRONG + SLACK && weak >= MAX_WEAK + SLACK && pending.size === 0;
    if (full || oldest < newest - MAX_AGE_MS - TIME_ORDER_SLACK_MS) break;
  }
  blocks.reverse();
  const start = pos + carry.length;
  return { blocks, records, skipped, bytesRead: Math.max(0, end - pos), start, end: Math.max(0, end - start) };
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
