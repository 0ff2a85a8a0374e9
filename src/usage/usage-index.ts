// Measured usage, summed per transcript file in a form that can be stored and extended as the file
// grows, and the views the reports need: per session, and per model and quarter hour.
import { sep } from 'node:path';
import { addCounts, type TokenCounts } from './prices.js';
import type { UsageSink } from './transcript-lines.js';

/** Usage is bucketed by quarter hour (UTC epoch ms / 900 000): exact for every real time zone's day. */
export const QUARTER_MS = 15 * 60 * 1000;

export interface SessionInfo {
  cwd?: string;
  /** Epoch ms of the first and last counted message. */
  first: number;
  last: number;
}

/** [sessionId, model, quarter, input, output, cacheWrite5m, cacheWrite1h, cacheRead, messages] */
export type CellRow = [string, string, number, number, number, number, number, number, number];

export interface FileUsage {
  size: number;
  mtimeMs: number;
  ino: number;
  /** Bytes read so far, always at the end of a complete line. */
  offset: number;
  /** Malformed complete lines before `offset`. */
  malformed: number;
  /** 1 when the file ends in an unterminated line that looks like a broken assistant line. */
  tailMalformed: number;
  /** Lines over MAX_LINE_BYTES before `offset`, skipped unread. */
  tooLong: number;
  sessions: Record<string, SessionInfo>;
  cells: CellRow[];
  /**
   * 53-bit hashes of the message.id + requestId pairs this file contributed. The union over all
   * files is the dedupe set: a message replayed in another file (a resumed session, a subagent
   * sidechain) is counted once, in the file read first. As loaded from the cache, a view of its
   * float64 column (no number made per hash while nothing is read); an array once the file is read.
   */
  ids: number[] | Float64Array;
}

export interface UsageIndex {
  files: Map<string, FileUsage>;
  /** The roots and directories the files were listed from (see listTranscriptFiles), for the budget summary. */
  listing?: { roots: string[]; dirs: [string, number][] };
  /** Malformed lines in all files, unterminated broken last lines included. */
  malformedLines: number;
  /** Lines over MAX_LINE_BYTES in all files, skipped unread. */
  tooLongLines: number;
  /** False when an update ran out of time (UpdateOptions.deadline) before reading every file. */
  complete?: boolean;
  stats: ScanStats;
}

export interface ScanStats {
  files: number;
  /** Files read this time (new, grown, or re-read from the start). */
  filesRead: number;
  /** Files re-read from the start because they shrank, were replaced, or went back in time. */
  filesReset: number;
  filesDropped: number;
  bytesRead: number;
  cache: 'none' | 'cold' | 'warm';
  /** The files cache could not be written (see updateUsageIndex): the next run reads everything again. */
  cacheUnwritten?: boolean;
}

/** A 53-bit hash (two 32-bit FNV-1a variants): collisions within a machine's messages are negligible. */
export function hashKey(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 11) & 0x1fffff);
}

export function emptyFileUsage(size: number, mtimeMs: number, ino: number): FileUsage {
  return {
    size,
    mtimeMs,
    ino,
    offset: 0,
    malformed: 0,
    tailMalformed: 0,
    tooLong: 0,
    sessions: {},
    cells: [],
    ids: [],
  };
}

/** Adds entries to a FileUsage, skipping messages already in `seen` (shared by all files of a scan). */
export class FileAccumulator implements UsageSink {
  private readonly cellMap = new Map<string, CellRow>();
  // The last entry's cell: the lines of a file mostly go to the same session, model and quarter hour.
  private lastSession: string | undefined;
  private lastModel: string | undefined;
  private lastQuarter = Number.NaN;
  private lastRow: CellRow | undefined;
  private lastInfo: SessionInfo | undefined;

  constructor(
    readonly usage: FileUsage,
    private readonly seen: Set<number>,
    private readonly sessionHint: string,
  ) {
    for (const row of usage.cells) this.cellMap.set(`${row[0]}\t${row[1]}\t${row[2]}`, row);
    if (!Array.isArray(usage.ids)) usage.ids = Array.from(usage.ids);
  }

  /** UsageSink: one message's usage; `hash` NaN when it has no key (never deduplicated). */
  message(
    hash: number,
    sessionIdOrUndefined: string | undefined,
    cwd: string | undefined,
    model: string,
    timeMs: number,
    input: number,
    output: number,
    write5m: number,
    write1h: number,
    read: number,
  ): void {
    const u = this.usage;
    if (hash === hash) {
      if (this.seen.has(hash)) return;
      this.seen.add(hash);
      (u.ids as number[]).push(hash);
    }
    const sessionId = sessionIdOrUndefined ?? this.sessionHint;
    const ms = Number.isFinite(timeMs) ? timeMs : u.mtimeMs;
    const quarter = Math.floor(ms / QUARTER_MS);
    let row: CellRow;
    let info: SessionInfo;
    if (sessionId === this.lastSession && model === this.lastModel && quarter === this.lastQuarter) {
      row = this.lastRow!;
      info = this.lastInfo!;
    } else {
      info = sessionId === this.lastSession ? this.lastInfo! : (u.sessions[sessionId] ??= { first: ms, last: ms });
      const key = `${sessionId}\t${model}\t${quarter}`;
      let found = this.cellMap.get(key);
      if (!found) {
        found = [sessionId, model, quarter, 0, 0, 0, 0, 0, 0];
        this.cellMap.set(key, found);
        u.cells.push(found);
      }
      row = found;
      this.lastSession = sessionId;
      this.lastModel = model;
      this.lastQuarter = quarter;
      this.lastRow = row;
      this.lastInfo = info;
    }
    if (ms < info.first) info.first = ms;
    if (ms > info.last) info.last = ms;
    if (info.cwd === undefined && cwd !== undefined) info.cwd = cwd;
    row[3] += input;
    row[4] += output;
    row[5] += write5m;
    row[6] += write1h;
    row[7] += read;
    row[8] += 1;
  }
}

export interface UsageTotals extends TokenCounts {
  messages: number;
}

export function emptyTotals(): UsageTotals {
  // A literal, not a spread of emptyCounts(): V8 makes these (one per session and model) several
  // times faster, and cr stats makes thousands.
  return { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, messages: 0 };
}

export function addTotals(into: UsageTotals, t: UsageTotals): UsageTotals {
  addCounts(into, t);
  into.messages += t.messages;
  return into;
}

function totalsOfRow(row: readonly unknown[], from: number): UsageTotals {
  return {
    input: row[from] as number,
    output: row[from + 1] as number,
    cacheWrite5m: row[from + 2] as number,
    cacheWrite1h: row[from + 3] as number,
    cacheRead: row[from + 4] as number,
    messages: row[from + 5] as number,
  };
}

/** Usage of one model in one quarter hour. */
export interface UsageCell {
  model: string;
  quarter: number;
  totals: UsageTotals;
}

export interface SessionUsage {
  sessionId: string;
  cwd?: string;
  firstMs: number;
  lastMs: number;
  files: string[];
  byModel: Record<string, UsageTotals>;
  /**
   * The part of byModel from the session's own transcript, not from the files under its
   * `<sessionId>/` folder (subagents, which may run on another model by design).
   */
  mainByModel: Record<string, UsageTotals>;
  cells: UsageCell[];
}

/**
 * Cells merged by model and quarter hour, in the order each (model, quarter) is first added: found
 * through a map per model keyed by the quarter (no key string made per row).
 */
class CellMerger {
  readonly cells: UsageCell[] = [];
  private readonly byModel = new Map<string, Map<number, UsageCell>>();
  private lastModel: string | undefined;
  private lastMap: Map<number, UsageCell> | undefined;

  add(model: string, quarter: number, row: readonly unknown[], from: number): void {
    let map = model === this.lastModel ? this.lastMap! : this.byModel.get(model);
    if (!map) this.byModel.set(model, (map = new Map()));
    this.lastModel = model;
    this.lastMap = map;
    const cell = map.get(quarter);
    if (cell) {
      addRow(cell.totals, row, from);
    } else {
      const added = { model, quarter, totals: totalsOfRow(row, from) };
      map.set(quarter, added);
      this.cells.push(added);
    }
  }
}

/** addTotals of a row's totals (see totalsOfRow), without making them an object. */
function addRow(into: UsageTotals, row: readonly unknown[], from: number): void {
  into.input += row[from] as number;
  into.output += row[from + 1] as number;
  into.cacheWrite5m += row[from + 2] as number;
  into.cacheWrite1h += row[from + 3] as number;
  into.cacheRead += row[from + 4] as number;
  into.messages += row[from + 5] as number;
}

/** Usage per session id, over all files (a session's main file and its subagent files). */
export function sessionUsage(index: UsageIndex): Map<string, SessionUsage> {
  const sessions = new Map<string, SessionUsage>();
  const mergers = new Map<string, CellMerger>();
  for (const [path, file] of index.files) {
    for (const id in file.sessions) {
      if (!Object.hasOwn(file.sessions, id)) continue;
      const info = file.sessions[id]!;
      let s = sessions.get(id);
      if (!s) {
        s = {
          sessionId: id,
          firstMs: info.first,
          lastMs: info.last,
          files: [],
          byModel: {},
          mainByModel: {},
          cells: [],
        };
        if (info.cwd !== undefined) s.cwd = info.cwd;
        sessions.set(id, s);
        mergers.set(id, new CellMerger());
      }
      s.files.push(path);
      s.firstMs = Math.min(s.firstMs, info.first);
      s.lastMs = Math.max(s.lastMs, info.last);
      if (s.cwd === undefined && info.cwd !== undefined) s.cwd = info.cwd;
    }
    let last: string | undefined;
    let s: SessionUsage | undefined;
    let merger: CellMerger | undefined;
    let main = false;
    for (const row of file.cells) {
      if (row[0] !== last) {
        last = row[0];
        s = sessions.get(row[0]);
        merger = mergers.get(row[0]);
        main = !path.includes(`${sep}${row[0]}${sep}`);
      }
      if (!s) continue;
      addRow((s.byModel[row[1]] ??= emptyTotals()), row, 3);
      if (main) addRow((s.mainByModel[row[1]] ??= emptyTotals()), row, 3);
      merger!.add(row[1], row[2], row, 3);
    }
  }
  for (const [id, s] of sessions) s.cells = mergers.get(id)!.cells;
  return sessions;
}

/** Usage per model and quarter hour over every session: what the bill is made of. */
export function usageCells(index: UsageIndex, sinceQuarter = -Infinity): UsageCell[] {
  const merger = new CellMerger();
  for (const file of index.files.values()) {
    for (const row of file.cells) {
      if (row[2] >= sinceQuarter) merger.add(row[1], row[2], row, 3);
    }
  }
  return merger.cells;
}

/** Compact form of cells for storage: [model, quarter, input, output, write5m, write1h, read, messages]. */
export type StoredCell = [string, number, number, number, number, number, number, number];

export function storeCells(cells: readonly UsageCell[]): StoredCell[] {
  return cells.map((c) => [
    c.model,
    c.quarter,
    c.totals.input,
    c.totals.output,
    c.totals.cacheWrite5m,
    c.totals.cacheWrite1h,
    c.totals.cacheRead,
    c.totals.messages,
  ]);
}

export function loadCells(rows: readonly StoredCell[]): UsageCell[] {
  return rows.map((r) => ({ model: r[0], quarter: r[1], totals: totalsOfRow(r, 2) }));
}
