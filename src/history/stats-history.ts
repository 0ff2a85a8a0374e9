// The history as `cr stats` reads it: only the fields the report uses, handed to a sink (the
// report's DecisionTally adds them up as they come), streamed in blocks (memory stays flat however
// long the history is), each line walked over its raw bytes instead of built by JSON.parse. For
// 100,000 records (~30 MB) that is about 60% of the time of decoding the file and JSON.parse of
// every line, with far less garbage, and no object per record.
//
// The walk validates the whole line as JSON.parse would (strings with their escapes and control
// characters, numbers, nesting, nothing after the object) and reads the top-level members by name,
// the last one winning as with JSON.parse. Whatever it is not sure of (a line that is not an object
// of plain keys, a wanted member of an unexpected type, nesting too deep) goes to the exact old path
// for that line: the line decoded, JSON.parse, isRecord. So the records and the skipped count are
// those of readHistory.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Tier } from '../types.js';
import type { DecisionKind, HistoryRecord } from './records.js';

/**
 * The schema version read (HISTORY_SCHEMA), and isRecord of history-store.ts: here again so that this
 * module loads nothing of the launch path (it runs on a thread of its own, see history-worker.ts).
 * The tests check that they agree.
 */
export const SCHEMA_READ = 1;

function isRecord(value: unknown): value is HistoryRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<HistoryRecord>;
  return r.v === SCHEMA_READ && (r.type === 'decision' || r.type === 'outcome') && typeof r.id === 'string';
}

/** Where the records go, one call each, with the fields the stats use (`timeMs`: Date.parse(time)). */
export interface HistorySink {
  decision(
    id: string,
    timeMs: number,
    kind: DecisionKind,
    tier: Tier,
    rule: string,
    sessionId: string | undefined,
  ): void;
  outcome(id: string, exitCode: number): void;
}

/** The state of one read: its sink and the lines that were not valid records (counted as readHistory counts them). */
interface Out {
  sink: HistorySink;
  skipped: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const NL = 0x0a;
const FAIL = -1;

// Walk state: module-level so that the helpers stay small (one walk at a time, synchronous).
let B: Buffer = Buffer.alloc(0);
/** Whether the last string token read had an escape. */
let escaped = false;

function ws(i: number): number {
  for (;;) {
    const c = B[i];
    if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
    else return i;
  }
}

const isHex = (c: number | undefined) =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

/**
 * Index just past the string whose opening quote is at `q`, or FAIL: a byte at a time, rejecting
 * what JSON.parse rejects (raw control characters, unknown escapes, a missing closing quote; the
 * line's end is a newline or the end of the carried line, neither of them part of a valid string).
 */
function stringEnd(q: number, end: number): number {
  const b = B;
  escaped = false;
  for (let i = q + 1; i < end; i++) {
    const c = b[i]!;
    if (c > BACKSLASH) continue; // most text: lower case letters, bytes of UTF-8 sequences
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return FAIL;
    if (c === BACKSLASH) {
      escaped = true;
      const d = b[++i];
      if (d === 0x75) {
        if (!isHex(b[i + 1]) || !isHex(b[i + 2]) || !isHex(b[i + 3]) || !isHex(b[i + 4])) return FAIL;
        i += 4;
      } else if (!(
        d === QUOTE ||
        d === BACKSLASH ||
        d === 0x2f ||
        d === 0x62 ||
        d === 0x66 ||
        d === 0x6e ||
        d === 0x72 ||
        d === 0x74
      )) {
        return FAIL;
      }
    }
  }
  return FAIL;
}

/** Number value of the last number read by numberEnd. */
let numValue = 0;

function digitsEnd(i: number): number {
  let c = B[i];
  if (c === undefined || c < 0x30 || c > 0x39) return FAIL;
  do c = B[++i];
  while (c !== undefined && c >= 0x30 && c <= 0x39);
  return i;
}

/** Index just past the JSON number at `i`, or FAIL; with `read`, sets numValue (as JSON.parse reads it). */
function numberEnd(i: number, end: number, read = false): number {
  const s = i;
  if (B[i] === 0x2d) i++;
  if (B[i] === 0x30) i++;
  else if ((i = digitsEnd(i)) < 0) return FAIL;
  if (B[i] === 0x2e && (i = digitsEnd(i + 1)) < 0) return FAIL;
  if (B[i] === 0x65 || B[i] === 0x45) {
    i++;
    if (B[i] === 0x2b || B[i] === 0x2d) i++;
    if ((i = digitsEnd(i)) < 0) return FAIL;
  }
  if (i > end) return FAIL;
  if (read) numValue = i - s === 1 ? B[s]! - 0x30 : Number(B.toString('latin1', s, i));
  return i;
}

function literalEnd(i: number): number {
  const b = B;
  const c = b[i];
  if (c === 0x74 && b[i + 1] === 0x72 && b[i + 2] === 0x75 && b[i + 3] === 0x65) return i + 4;
  if (c === 0x6e && b[i + 1] === 0x75 && b[i + 2] === 0x6c && b[i + 3] === 0x6c) return i + 4;
  if (c === 0x66 && b[i + 1] === 0x61 && b[i + 2] === 0x6c && b[i + 3] === 0x73 && b[i + 4] === 0x65) return i + 5;
  return FAIL;
}

/** Index just past the JSON value at `i` (no leading blanks), validated; or FAIL. */
function valueEnd(i: number, end: number): number {
  const c = B[i];
  if (c === QUOTE) return stringEnd(i, end);
  if (c === LBRACE) {
    i = ws(i + 1);
    if (B[i] === RBRACE) return i + 1;
    for (;;) {
      if (B[i] !== QUOTE || (i = stringEnd(i, end)) < 0) return FAIL;
      i = ws(i);
      if (B[i] !== COLON || (i = valueEnd(ws(i + 1), end)) < 0) return FAIL;
      i = ws(i);
      if (B[i] === COMMA) i = ws(i + 1);
      else if (B[i] === RBRACE) return i + 1;
      else return FAIL;
    }
  }
  if (c === LBRACKET) {
    i = ws(i + 1);
    if (B[i] === RBRACKET) return i + 1;
    for (;;) {
      if ((i = valueEnd(i, end)) < 0) return FAIL;
      i = ws(i);
      if (B[i] === COMMA) i = ws(i + 1);
      else if (B[i] === RBRACKET) return i + 1;
      else return FAIL;
    }
  }
  if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return numberEnd(i, end);
  return literalEnd(i);
}

// The members read, as string token positions (quotes included; -1 when absent).
const V = 0,
  TYPE = 1,
  ID = 2,
  TIME = 3,
  KIND = 4,
  TIER = 5,
  RULE = 6,
  SESSION = 7,
  EXIT = 8;
const KEYS = ['v', 'type', 'id', 'time', 'kind', 'tier', 'rule', 'sessionId', 'exitCode'];
const KEY_BYTES = KEYS.map((k) => Buffer.from(k));
const tokQ = new Int32Array(9);
const tokE = new Int32Array(9);
const tokEscaped = new Uint8Array(9);
let vValue = Number.NaN;
let exitValue = 0;

/** Which wanted member the key [s, e) names, or -1. */
function keyIndex(s: number, e: number): number {
  const n = e - s;
  const b = B;
  let k: number;
  switch (n) {
    case 1:
      k = V;
      break;
    case 2:
      k = ID;
      break;
    case 4:
      k =
        b[s + 1] === 0x79
          ? TYPE
          : b[s + 1] === 0x69
            ? b[s] === 0x74
              ? b[s + 2] === 0x6d
                ? TIME
                : TIER
              : KIND
            : b[s] === 0x72
              ? RULE
              : -1;
      break;
    case 8:
      k = EXIT;
      break;
    case 9:
      k = SESSION;
      break;
    default:
      return -1;
  }
  if (k < 0) return -1;
  const key = KEY_BYTES[k]!;
  for (let j = 0; j < n; j++) if (b[s + j] !== key[j]) return -1;
  return k;
}

/**
 * Walks the line [start, end): 1 when it is valid JSON and its members are in tokQ/tokE etc., FAIL
 * when the exact path must decide.
 */
function walk(start: number, end: number): number {
  tokQ.fill(-1);
  vValue = Number.NaN;
  let i = ws(start);
  if (B[i] !== LBRACE) return FAIL;
  i = ws(i + 1);
  if (B[i] === RBRACE) return ws(i + 1) === end ? 1 : FAIL;
  for (;;) {
    if (B[i] !== QUOTE) return FAIL;
    const k = stringEnd(i, end);
    if (k < 0 || escaped) return FAIL; // escaped keys: JSON.parse
    const which = keyIndex(i + 1, k - 1);
    i = ws(k);
    if (B[i] !== COLON) return FAIL;
    const v = ws(i + 1);
    if (which < 0) {
      i = valueEnd(v, end);
    } else if (which === V || which === EXIT) {
      const c = B[v];
      if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) {
        i = numberEnd(v, end, true);
        if (which === V) vValue = numValue;
        else {
          exitValue = numValue;
          tokQ[EXIT] = v;
        }
      } else if (which === V) {
        // Not a number: not a record (valid JSON all the same).
        i = valueEnd(v, end);
        vValue = Number.NaN;
      } else {
        return FAIL;
      }
    } else {
      if (B[v] !== QUOTE) return FAIL;
      i = stringEnd(v, end);
      tokQ[which] = v;
      tokE[which] = i;
      tokEscaped[which] = escaped ? 1 : 0;
    }
    if (i < 0) return FAIL;
    i = ws(i);
    const d = B[i];
    if (d === COMMA) i = ws(i + 1);
    else if (d === RBRACE) return ws(i + 1) === end ? 1 : FAIL;
    else return FAIL;
  }
}

/** The value of a wanted member's string token (undefined when absent). */
function str(k: number): string | undefined {
  const q = tokQ[k]!;
  if (q < 0) return undefined;
  const e = tokE[k]!;
  if (tokEscaped[k]) return JSON.parse(B.toString('utf8', q, e)) as string;
  for (let i = q + 1; i < e - 1; i++) if (B[i]! >= 0x80) return B.toString('utf8', q + 1, e - 1);
  return B.toString('latin1', q + 1, e - 1);
}

// Session ids repeat from record to record too, among many: one string each, found by a hash of its
// bytes (fewer strings made, and the report's lookups by session hash each string once).
const sessionStrings = new Map<number, string>();

/** `str` for the session id. */
function internedStr(k: number): string | undefined {
  const q = tokQ[k]!;
  if (q < 0 || tokEscaped[k]) return str(k);
  const e = tokE[k]! - 1;
  const b = B;
  let h = 0x811c9dc5 ^ (e - q);
  for (let i = q + 1; i < e; i++) {
    const c = b[i]!;
    if (c >= 0x80) return str(k);
    h = Math.imul(h ^ c, 0x01000193);
  }
  const known = sessionStrings.get(h);
  if (known !== undefined && known.length === e - q - 1) {
    let i = 0;
    while (i < known.length && known.charCodeAt(i) === b[q + 1 + i]) i++;
    if (i === known.length) return known;
  }
  if (sessionStrings.size >= 65_536) sessionStrings.clear();
  const value = b.toString('latin1', q + 1, e);
  sessionStrings.set(h, value);
  return value;
}

// Values that repeat from record to record (kind, tier, rule): the last few strings of each member,
// reused while the bytes are the same, so that no string is made for them per record.
const RECENT = 4;
const recent: string[][] = KEYS.map(() => []);

/** `str` for a member whose values repeat. */
function recentStr(k: number): string | undefined {
  const q = tokQ[k]!;
  if (q < 0 || tokEscaped[k]) return str(k);
  const n = tokE[k]! - q - 2;
  const b = B;
  const list = recent[k]!;
  for (let r = 0; r < list.length; r++) {
    const known = list[r]!;
    if (known.length !== n) continue;
    let i = 0;
    while (i < n && known.charCodeAt(i) === b[q + 1 + i]) i++;
    if (i === n) return known;
  }
  const value = str(k)!;
  // Only ASCII values are compared byte for char.
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 0x80) return value;
  if (list.length === RECENT) list.pop();
  list.unshift(value);
  return value;
}

function tokenIs(k: number, lit: string): boolean {
  const q = tokQ[k]!;
  if (q < 0 || tokEscaped[k] || tokE[k]! - q - 2 !== lit.length) return false;
  for (let j = 0; j < lit.length; j++) if (B[q + 1 + j] !== lit.charCodeAt(j)) return false;
  return true;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS_IN_MONTH[month - 1]!;
const digit = (i: number) => {
  const c = B[i]! - 0x30;
  return c >= 0 && c <= 9 ? c : -1000;
};

/**
 * Date.parse of the time member: the `YYYY-MM-DDTHH:MM:SS.sssZ` form cr writes (toISOString) is read
 * from its bytes, anything else goes to Date.parse.
 */
function timeMs(): number {
  const q = tokQ[TIME]!;
  if (q < 0) return Number.NaN;
  const s = q + 1;
  const b = B;
  if (
    tokE[TIME]! - q === 26 &&
    b[s + 4] === 0x2d &&
    b[s + 7] === 0x2d &&
    b[s + 10] === 0x54 &&
    b[s + 13] === COLON &&
    b[s + 16] === COLON &&
    b[s + 19] === 0x2e &&
    b[s + 23] === 0x5a
  ) {
    const year = digit(s) * 1000 + digit(s + 1) * 100 + digit(s + 2) * 10 + digit(s + 3);
    const month = digit(s + 5) * 10 + digit(s + 6);
    const day = digit(s + 8) * 10 + digit(s + 9);
    const hour = digit(s + 11) * 10 + digit(s + 12);
    const minute = digit(s + 14) * 10 + digit(s + 15);
    const second = digit(s + 17) * 10 + digit(s + 18);
    const ms = digit(s + 20) * 100 + digit(s + 21) * 10 + digit(s + 22);
    if (
      year >= 1970 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysIn(year, month) &&
      hour <= 23 &&
      hour >= 0 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    ) {
      return Date.UTC(year, month - 1, day, hour, minute, second, ms);
    }
  }
  return Date.parse(str(TIME)!);
}

/** Reads the line [start, end) of `buf` into `out`: the walk, or the exact old path. */
function line(buf: Buffer, start: number, end: number, out: Out): void {
  B = buf;
  let ok: number;
  try {
    ok = walk(start, end);
  } catch {
    ok = FAIL; // nesting deep enough to overflow the stack
  }
  if (ok === FAIL) {
    slowLine(buf.toString('utf8', start, end), out);
    return;
  }
  if (vValue !== SCHEMA_READ || tokQ[ID]! < 0) {
    out.skipped++;
    return;
  }
  if (tokenIs(TYPE, 'decision')) {
    out.sink.decision(
      str(ID)!,
      timeMs(),
      recentStr(KIND) as DecisionKind,
      recentStr(TIER) as Tier,
      recentStr(RULE)!,
      internedStr(SESSION),
    );
  } else if (tokenIs(TYPE, 'outcome')) {
    out.sink.outcome(str(ID)!, tokQ[EXIT]! < 0 ? (undefined as unknown as number) : exitValue);
  } else if (tokQ[TYPE]! >= 0 && tokEscaped[TYPE]) {
    // An escaped type ("decisio\u006e"): let JSON.parse say what it is.
    slowLine(buf.toString('utf8', start, end), out);
  } else {
    out.skipped++;
  }
}

/** Lines the walk left to JSON.parse (for tests: the walk must decide cr's own records). */
export const walkStats = { deferred: 0 };

/** The old path, exactly: blank lines are ignored, the rest must parse to a record. */
function slowLine(text: string, out: Out): void {
  walkStats.deferred++;
  if (text.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    out.skipped++;
    return;
  }
  if (!isRecord(value)) {
    out.skipped++;
    return;
  }
  // The members as JSON.parse gave them, whatever their types.
  if (value.type === 'decision')
    out.sink.decision(value.id, Date.parse(value.time), value.kind, value.tier, value.rule, value.sessionId);
  else out.sink.outcome(value.id, value.exitCode);
}

const BLOCK = 1024 * 1024;

/** Parses history bytes (whole lines; a last line without its newline counts too) into `sink`; returns the skipped lines. */
export function parseStatsHistory(buf: Buffer, sink: HistorySink): number {
  const out: Out = { sink, skipped: 0 };
  let p = 0;
  for (;;) {
    const nl = buf.indexOf(NL, p);
    if (nl < 0) break;
    line(buf, p, nl, out);
    p = nl + 1;
  }
  if (p < buf.length) line(buf, p, buf.length, out);
  return out.skipped;
}

/**
 * Reads the history for the stats into `sink`, one block at a time; returns the lines skipped (not
 * valid records). A missing file is an empty history.
 */
export function readStatsHistory(file: string, sink: HistorySink): number {
  const out: Out = { sink, skipped: 0 };
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  try {
    let block = Buffer.allocUnsafe(BLOCK);
    let held = 0; // bytes of a partial line at the start of `block`
    for (;;) {
      if (held === block.length) {
        // A line longer than the block: grow it.
        const grown = Buffer.allocUnsafe(block.length * 2);
        block.copy(grown, 0, 0, held);
        block = grown;
      }
      const n = readSync(fd, block, held, block.length - held, null);
      const filled = held + n;
      if (n === 0) {
        if (held > 0) line(block, 0, held, out);
        break;
      }
      let p = 0;
      for (;;) {
        const nl = block.indexOf(NL, p);
        if (nl < 0 || nl >= filled) break;
        line(block, p, nl, out);
        p = nl + 1;
      }
      held = filled - p;
      if (p > 0 && held > 0) block.copy(block, 0, p, filled);
    }
  } finally {
    closeSync(fd);
  }
  return out.skipped;
}
