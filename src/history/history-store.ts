import type { Stats } from 'node:fs';
import path from 'node:path';
import { CrError, EXIT, codeInWords } from '../errors.js';
import { recordOf, type DecisionRecord, type HistoryRecord, type OutcomeRecord } from './records.js';

const fs = process.getBuiltinModule('node:fs');

/** What a file system entry that is not a regular file is, in words ("a FIFO"). */
export function fileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a special file';
}

/**
 * Why the history path cannot hold the history without following or blocking on it, or undefined:
 * anything but a regular file (a symbolic link planted there, a FIFO, a device such as /dev/full)
 * is refused, by the append and by cr doctor. A missing file is fine (the append creates it).
 */
export function historyPathProblem(file: string): string | undefined {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat || stat.isFile()) return undefined;
  return stat.isSymbolicLink()
    ? 'it is a symbolic link, which cr does not follow'
    : `it is ${fileKind(stat)}, not a regular file`;
}

/** A failed append, in one line (run-launch prints it as a warning; claude starts anyway). */
export class HistoryWriteError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'HistoryWriteError';
  }
}

/**
 * Appends one record as one write on a file opened for appending, so concurrent cr processes never
 * interleave inside a line (POSIX O_APPEND; each line is written with a single write call). A file
 * that does not end in a newline (a line torn by a full disk or a killed writer) gets the record on
 * a new line, so the record survives. A short write is undone by truncating back to the old length
 * when the file has not grown since (no other writer's record can be cut), and reported.
 * Only a regular file is written: the last part of the path is not followed if it is a symbolic
 * link, and a FIFO or device is refused (opened non-blocking, so a FIFO without reader cannot hang).
 * Creates the directory (0700) and the file (0600). Throws on failure; callers decide whether that matters.
 */
export function appendHistoryRecord(file: string, record: HistoryRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { O_RDWR, O_APPEND, O_CREAT, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: a symbolic link (O_NOFOLLOW); ENXIO: a FIFO nobody reads.
    if (code === 'ELOOP' || code === 'ENXIO') throw new HistoryWriteError(historyPathProblem(file) ?? code);
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new HistoryWriteError(`it is ${fileKind(stat)}, not a regular file`);
    const last = Buffer.alloc(1);
    const tornLine = stat.size > 0 && fs.readSync(fd, last, 0, 1, stat.size - 1) === 1 && last[0] !== 0x0a;
    const line = Buffer.from(`${tornLine ? '\n' : ''}${JSON.stringify(record)}\n`);
    const written = fs.writeSync(fd, line);
    if (written < line.length) {
      const undone = fs.fstatSync(fd).size === stat.size + written;
      if (undone) fs.ftruncateSync(fd, stat.size);
      throw new HistoryWriteError(
        `wrote ${written} of ${line.length} bytes (is the disk full?); ${undone ? 'the partial record was removed' : 'the partial line is skipped by readers'}`,
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

export interface HistoryReadResult {
  records: HistoryRecord[];
  /** Lines that were not valid records (not JSON, the wrong shape, from a newer schema). */
  skipped: number;
}

/** The record on one line, or undefined for a line that is not one (blank lines are neither). */
function lineRecord(line: string): HistoryRecord | undefined {
  try {
    return recordOf(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/** Parses history text; lines that are not valid records are skipped and counted. */
export function parseHistory(text: string): HistoryReadResult {
  const records: HistoryRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = lineRecord(line);
    if (record) records.push(record);
    else skipped++;
  }
  return { records, skipped };
}

/** Why a read or write of the history failed, in words (with the code), for one line. */
export function historyErrorReason(error: unknown): string {
  if (error instanceof HistoryReadError || error instanceof HistoryWriteError) return error.reason;
  // An error from the stats worker crosses the thread as a plain Error: its code is then in the message.
  const code =
    (error as NodeJS.ErrnoException | undefined)?.code ??
    /^([A-Z]{3,}):/.exec((error as Error | undefined)?.message ?? '')?.[1];
  if (code) return codeInWords(code);
  return (error as Error | undefined)?.message ?? String(error);
}

/** The history exists but cannot be read: one line naming the file and why (exit 1). */
export class HistoryReadError extends CrError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot read history ${file}: ${reason}`, EXIT.failure);
    this.name = 'HistoryReadError';
  }
}

/** A HistoryReadError for `error` (ENOENT is no error for readers: a missing history is an empty one). */
export function historyReadError(file: string, error: unknown): HistoryReadError {
  return error instanceof HistoryReadError ? error : new HistoryReadError(file, historyErrorReason(error));
}

/**
 * Throws a HistoryReadError when the history is there but cannot be read (a directory, a FIFO or
 * a device, no permission); a missing file is fine. For readers that would otherwise take it for
 * "no history yet", and before any reader opens it.
 */
export function assertHistoryReadable(file: string): void {
  try {
    fs.closeSync(openHistory(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw historyReadError(file, error);
  }
}

/**
 * The history opened to read. Anything but a regular file is refused: a FIFO is opened without
 * blocking (opened to read, it would wait for a writer) and then looked at; a device such as
 * /dev/full would never end; a directory reads as EISDIR.
 */
export function openHistory(file: string): number {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  let stat: Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  if (stat.isFile()) return fd;
  fs.closeSync(fd);
  if (stat.isDirectory())
    throw Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' });
  throw new HistoryReadError(file, `it is ${fileKind(stat)}, not a regular file`);
}

const BLOCK_BYTES = 1024 * 1024;
const NL = 0x0a;

/**
 * Reads the history from byte `from` to its end, one block at a time (memory stays flat), handing
 * each valid record to `onRecord`; returns the lines skipped. A missing file is an empty history,
 * an unreadable one a HistoryReadError. A last line without its newline counts too.
 */
export function scanHistory(file: string, onRecord: (record: HistoryRecord) => void, from = 0): number {
  let fd: number;
  try {
    fd = openHistory(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw historyReadError(file, error);
  }
  let skipped = 0;
  const line = (text: string) => {
    if (text.trim() === '') return;
    const record = lineRecord(text);
    if (record) onRecord(record);
    else skipped++;
  };
  try {
    let block = Buffer.allocUnsafe(BLOCK_BYTES);
    let held = 0; // bytes of a partial line at the start of `block`
    let position = from;
    for (;;) {
      if (held === block.length) {
        const grown = Buffer.allocUnsafe(block.length * 2); // a line longer than the block
        block.copy(grown, 0, 0, held);
        block = grown;
      }
      const n = fs.readSync(fd, block, held, block.length - held, position);
      position += n;
      const filled = held + n;
      if (n === 0) {
        if (held > 0) line(block.toString('utf8', 0, held));
        break;
      }
      const last = block.lastIndexOf(NL, filled - 1);
      if (last < 0) {
        held = filled;
        continue;
      }
      // One decode per block; lines are split in the string.
      const text = block.toString('utf8', 0, last);
      let p = 0;
      for (;;) {
        const nl = text.indexOf('\n', p);
        if (nl < 0) break;
        line(text.slice(p, nl));
        p = nl + 1;
      }
      line(text.slice(p));
      held = filled - last - 1;
      if (held > 0) block.copy(block, 0, last + 1, filled);
    }
  } catch (error) {
    throw historyReadError(file, error);
  } finally {
    fs.closeSync(fd);
  }
  return skipped;
}

/** Reads the whole history; a missing file is an empty history, an unreadable one a HistoryReadError. */
export function readHistory(file: string): HistoryReadResult {
  const records: HistoryRecord[] = [];
  const skipped = scanHistory(file, (r) => records.push(r));
  return { records, skipped };
}

/**
 * Reads only the last `maxBytes` of the history: enough for "the most recent decision" without
 * reading a file of a million records. The first, possibly partial, line is dropped. A missing file
 * is an empty history, an unreadable one a HistoryReadError.
 */
export function readHistoryTail(file: string, maxBytes = 256 * 1024): HistoryReadResult {
  try {
    const fd = openHistory(file);
    try {
      const size = fs.fstatSync(fd).size;
      return parseHistory(tailText(fd, size, Math.min(size, maxBytes)));
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0 };
    throw historyReadError(file, error);
  }
}

/** The complete lines in the last `bytes` of a file of `size` bytes (the first, partial, one dropped). */
function tailText(fd: number, size: number, bytes: number): string {
  const start = size - bytes;
  const buffer = Buffer.alloc(bytes);
  const n = fs.readSync(fd, buffer, 0, bytes, start);
  let text = buffer.toString('utf8', 0, n);
  if (start > 0) text = text.slice(text.indexOf('\n') + 1);
  return text;
}

export interface RecentDecisions {
  /** The last `limit` decisions (or fewer), oldest first. */
  decisions: DecisionRecord[];
  /** The outcomes read with them (an outcome follows its decision in the file). */
  outcomes: OutcomeRecord[];
  /** Lines not valid records, among those read. */
  skipped: number;
}

/**
 * The last `limit` decisions and their outcomes, reading from the end of the file: a window that
 * doubles until it holds enough decisions or the whole file, so a history of a million records
 * costs what its last lines cost.
 */
export function readRecentDecisions(file: string, limit: number): RecentDecisions {
  let fd: number;
  try {
    fd = openHistory(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { decisions: [], outcomes: [], skipped: 0 };
    throw historyReadError(file, error);
  }
  try {
    const size = fs.fstatSync(fd).size;
    for (let bytes = Math.min(size, 64 * 1024); ; bytes = Math.min(size, bytes * 4)) {
      const { records, skipped } = parseHistory(tailText(fd, size, bytes));
      const all = decisions(records);
      if (all.length >= limit || bytes === size)
        return { decisions: all.slice(-limit), outcomes: outcomes(records), skipped };
    }
  } catch (error) {
    throw historyReadError(file, error);
  } finally {
    fs.closeSync(fd);
  }
}

/** Records keep this much time order at most out of step (concurrent writers, clock adjustments). */
export const TIME_ORDER_SLACK_MS = 24 * 3_600_000;

/**
 * Where to start reading for records at or after `time`: the start of a line at or before the first
 * record whose time is >= time - TIME_ORDER_SLACK_MS, found by bisecting the file (records are
 * appended as they happen, so their times rise along it). 0 when unsure.
 */
export function historyOffsetBefore(file: string, time: number): number {
  let fd: number;
  try {
    fd = openHistory(file);
  } catch {
    return 0;
  }
  try {
    const target = time - TIME_ORDER_SLACK_MS;
    let lo = 0;
    let hi = fs.fstatSync(fd).size;
    const window = Buffer.allocUnsafe(64 * 1024);
    // lo: a line start known to be before the target (or the file start); hi: past it.
    while (hi - lo > window.length) {
      const mid = Math.floor((lo + hi) / 2);
      const n = fs.readSync(fd, window, 0, window.length, mid);
      const nl = window.subarray(0, n).indexOf(NL);
      const next = nl < 0 ? -1 : window.subarray(nl + 1, n).indexOf(NL);
      if (next < 0 || mid + nl + 1 >= hi) return lo; // a line longer than the window: read from what is known
      const t = Date.parse(String(lineRecord(window.toString('utf8', nl + 1, nl + 1 + next))?.time));
      if (!Number.isFinite(t)) return lo; // not a record: no bisecting past it
      if (t < target) lo = mid + nl + 1;
      else hi = mid;
    }
    return lo;
  } catch {
    return 0;
  } finally {
    fs.closeSync(fd);
  }
}

export function decisions(records: readonly HistoryRecord[]): DecisionRecord[] {
  return records.filter((r): r is DecisionRecord => r.type === 'decision');
}

export function outcomes(records: readonly HistoryRecord[]): OutcomeRecord[] {
  return records.filter((r): r is OutcomeRecord => r.type === 'outcome');
}
