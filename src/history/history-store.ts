import fs from 'node:fs';
import path from 'node:path';
import { CrError, EXIT, fsErrorWords } from '../errors.js';
import { HISTORY_SCHEMA, type DecisionRecord, type HistoryRecord, type OutcomeRecord } from './records.js';

/** What a file system entry that is not a regular file is, in words ("a FIFO"). */
export function fileKind(stat: fs.Stats): string {
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
  /** Lines that were not valid records (truncated, binary, from a newer schema). */
  skipped: number;
}

function isRecord(value: unknown): value is HistoryRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<HistoryRecord>;
  return r.v === HISTORY_SCHEMA && (r.type === 'decision' || r.type === 'outcome') && typeof r.id === 'string';
}

/** Parses history text; lines that do not parse are skipped and counted. */
export function parseHistory(text: string): HistoryReadResult {
  const records: HistoryRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value)) records.push(value);
      else skipped++;
    } catch {
      skipped++;
    }
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
  if (code) return fsErrorWords(code) ? `${fsErrorWords(code)}, ${code}` : code;
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
 * Throws a HistoryReadError when the history is there but cannot be read (a directory, no
 * permission); a missing file is fine. For readers that would otherwise take it for "no history yet".
 */
export function assertHistoryReadable(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    // Opening a directory for reading succeeds; reading it is what fails.
    if (fs.fstatSync(fd).isDirectory())
      throw Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw historyReadError(file, error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Reads the whole history; a missing file is an empty history, an unreadable one a HistoryReadError. */
export function readHistory(file: string): HistoryReadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0 };
    throw historyReadError(file, error);
  }
  return parseHistory(text);
}

/**
 * Reads only the last `maxBytes` of the history: enough for "the most recent decision" without
 * reading a file of a million records. The first, possibly partial, line is dropped. A missing file
 * is an empty history, an unreadable one a HistoryReadError.
 */
export function readHistoryTail(file: string, maxBytes = 256 * 1024): HistoryReadResult {
  try {
    return readTail(file, maxBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0 };
    throw historyReadError(file, error);
  }
}

function readTail(file: string, maxBytes: number): HistoryReadResult {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    fs.readSync(fd, buffer, 0, buffer.length, start);
    let text = buffer.toString('utf8');
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return parseHistory(text);
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
