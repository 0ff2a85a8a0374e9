import fs from 'node:fs';
import path from 'node:path';
import { CrError, EXIT, fsErrorWords } from '../errors.js';
import { HISTORY_SCHEMA, type DecisionRecord, type HistoryRecord, type OutcomeRecord } from './records.js';

/**
 * Appends one record as one write on a file opened for appending, so concurrent cr processes
 * never interleave inside a line (POSIX O_APPEND; records are far below the pipe-atomic size limits
 * that matter here because each line is written with a single write call).
 * Creates the directory (0700) and the file (0600). Throws on failure; callers decide whether that matters.
 */
export function appendHistoryRecord(file: string, record: HistoryRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(record)}\n`);
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
  if (error instanceof HistoryReadError) return error.reason;
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
