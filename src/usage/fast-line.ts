// The fast path for one transcript line: a validating walk over the raw bytes that reads only
// what usage needs (type, sessionId, cwd, requestId, timestamp, message.model, message.id and the
// message.usage integers) and skips every other value without building it. Strings are skipped
// with memchr-speed searches for their closing quote, so the bulky message text costs next to
// nothing. Any line this walk does not fully understand (invalid or truncated JSON, escaped keys, a
// top level that is not an object) returns FAIL and goes to the JSON.parse path, which has the
// final word, malformed-line counting included.
//
// Known differences from JSON.parse, on input Claude Code does not write (it writes JSON.stringify
// output, and a cut-off line fails on its structure): raw control characters inside strings, and
// invalid escapes inside strings that are skipped, are not rejected here.
import type { TokenCounts } from './prices.js';
import { hashKey } from './usage-index.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

/** The walk could not decide: use JSON.parse. */
export const FAIL = -1;
/** A valid line that carries no usage (other type, no usage object, synthetic). */
export const NONE = 0;
/** A valid-looking repeat of the previous message (same message id and request id): skipped. */
export const REPEAT = 1;
/** A usage line: the fields are in `fast`. */
export const FOUND = 2;

/**
 * The fields of the last line walked (valid until the next call). `hash` is hashKey of
 * `${message.id}:${requestId}` (NaN when either is missing), made from the bytes without decoding
 * them; walkedKey() decodes the key itself. `tokens` is reused from line to line: copy it to keep it.
 */
export const fast = {
  sessionId: undefined as string | undefined,
  cwd: undefined as string | undefined,
  model: 'unknown',
  hash: Number.NaN,
  timeMs: Number.NaN,
  tokens: { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 } as TokenCounts,
};

// Walk state: module-level so that the helpers stay small and monomorphic.
let B: Buffer = Buffer.alloc(0);
let END = 0;
/** Key bytes of the last key read. */
let keyStart = 0;
let keyEnd = 0;

function ws(i: number): number {
  const b = B;
  for (;;) {
    const c = b[i];
    if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
    else return i;
  }
}

/**
 * Index just past the string whose opening quote is at `q`, or FAIL: the closing quote is found with
 * indexOf (memchr), and a quote after an odd run of backslashes is escaped.
 */
function stringEnd(q: number): number {
  const b = B;
  let i = q + 1;
  for (;;) {
    const r = b.indexOf(QUOTE, i);
    if (r < 0 || r >= END) return FAIL;
    if (b[r - 1] !== BACKSLASH) return r + 1;
    let k = r - 2;
    while (b[k] === BACKSLASH) k--;
    if ((r - 1 - k) % 2 === 0) return r + 1;
    i = r + 1;
  }
}

/** Whether the bytes of [s, e) are exactly `lit` (ASCII). */
function bytesAre(s: number, e: number, lit: string): boolean {
  if (e - s !== lit.length) return false;
  for (let i = 0; i < lit.length; i++) if (B[s + i] !== lit.charCodeAt(i)) return false;
  return true;
}

/** A decoded string and its raw bytes, for values that repeat from line to line (session, cwd, model). */
interface Remembered {
  raw: Buffer;
  len: number;
  value: string | undefined;
}
const remembered = (): Remembered => ({ raw: Buffer.alloc(128), len: -1, value: undefined });
const lastSession = remembered();
const lastCwd = remembered();
const lastModel = remembered();

/** `decode`, reusing the last value when the bytes are the same (short tokens only). */
function decodeSame(q: number, e: number, slot: Remembered): string | undefined {
  const n = e - q;
  if (n > slot.raw.length) return decode(q, e);
  const b = B;
  const raw = slot.raw;
  if (n === slot.len) {
    let i = 0;
    while (i < n && raw[i] === b[q + i]) i++;
    if (i === n) return slot.value;
  }
  b.copy(raw, 0, q, e);
  slot.len = n;
  return (slot.value = decode(q, e));
}

/** The value of the string token [q, e) (quotes included); undefined when its escapes are invalid. */
function decode(q: number, e: number): string | undefined {
  const b = B;
  let high = false;
  for (let i = q + 1; i < e - 1; i++) {
    const c = b[i]!;
    if (c === BACKSLASH) {
      try {
        return JSON.parse(b.toString('utf8', q, e)) as string;
      } catch {
        return undefined;
      }
    }
    if (c >= 0x80) high = true;
  }
  return b.toString(high ? 'utf8' : 'latin1', q + 1, e - 1);
}

/** Number value of the last number token read by `numberEnd` (NaN when not a plain integer). */
let numValue = 0;

/** Index just past a JSON number starting at `i`, or FAIL. Sets numValue. */
function numberEnd(i: number): number {
  const s = i;
  let c = B[i];
  if (c === 0x2d) c = B[++i];
  if (c === 0x30) c = B[++i];
  else if (c !== undefined && c >= 0x31 && c <= 0x39) {
    do c = B[++i];
    while (c !== undefined && c >= 0x30 && c <= 0x39);
  } else return FAIL;
  let plain = true;
  if (c === 0x2e) {
    plain = false;
    c = B[++i];
    if (c === undefined || c < 0x30 || c > 0x39) return FAIL;
    do c = B[++i];
    while (c !== undefined && c >= 0x30 && c <= 0x39);
  }
  if (c === 0x65 || c === 0x45) {
    plain = false;
    c = B[++i];
    if (c === 0x2b || c === 0x2d) c = B[++i];
    if (c === undefined || c < 0x30 || c > 0x39) return FAIL;
    do c = B[++i];
    while (c !== undefined && c >= 0x30 && c <= 0x39);
  }
  if (i > END) return FAIL;
  if (plain && i - s <= 15) {
    let v = 0;
    for (let k = B[s] === 0x2d ? s + 1 : s; k < i; k++) v = v * 10 + (B[k]! - 0x30);
    numValue = B[s] === 0x2d ? -v : v;
  } else {
    numValue = Number(B.toString('latin1', s, i));
  }
  return i;
}

/** Index just past the literal at `i` (true, false, null), or FAIL. */
function literalEnd(i: number): number {
  const c = B[i];
  if (c === 0x74 && B[i + 1] === 0x72 && B[i + 2] === 0x75 && B[i + 3] === 0x65) return i + 4;
  if (c === 0x6e && B[i + 1] === 0x75 && B[i + 2] === 0x6c && B[i + 3] === 0x6c) return i + 4;
  if (c === 0x66 && B[i + 1] === 0x61 && B[i + 2] === 0x6c && B[i + 3] === 0x73 && B[i + 4] === 0x65) return i + 5;
  return FAIL;
}

/** Index just past any JSON value starting at `i` (no leading blanks), validated; or FAIL. */
function valueEnd(i: number): number {
  const c = B[i];
  if (c === QUOTE) return stringEnd(i);
  if (c === LBRACE) {
    i = ws(i + 1);
    if (B[i] === RBRACE) return i + 1;
    for (;;) {
      if (B[i] !== QUOTE) return FAIL;
      i = stringEnd(i);
      if (i < 0) return FAIL;
      i = ws(i);
      if (B[i] !== COLON) return FAIL;
      i = valueEnd(ws(i + 1));
      if (i < 0) return FAIL;
      i = ws(i);
      const d = B[i];
      if (d === COMMA) i = ws(i + 1);
      else if (d === RBRACE) return i + 1;
      else return FAIL;
    }
  }
  if (c === LBRACKET) {
    i = ws(i + 1);
    if (B[i] === RBRACKET) return i + 1;
    for (;;) {
      i = valueEnd(i);
      if (i < 0) return FAIL;
      i = ws(i);
      const d = B[i];
      if (d === COMMA) i = ws(i + 1);
      else if (d === RBRACKET) return i + 1;
      else return FAIL;
    }
  }
  if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return numberEnd(i);
  return literalEnd(i);
}

const TOP = 0;
const MESSAGE = 1;
const USAGE = 2;
const SPLIT = 3;

/**
 * Walks the object at `i` (its `{`) of a kind (TOP, MESSAGE, USAGE, SPLIT), reading the members
 * that kind needs and skipping the others. Returns the index past the object, or FAIL.
 */
function objectEnd(i: number, kind: number): number {
  const b = B;
  i = ws(i + 1);
  if (b[i] === RBRACE) return i + 1;
  for (;;) {
    if (b[i] !== QUOTE) return FAIL;
    const k = stringEnd(i);
    if (k < 0) return FAIL;
    keyStart = i + 1;
    keyEnd = k - 1;
    for (let j = keyStart; j < keyEnd; j++) if (b[j] === BACKSLASH) return FAIL; // escaped keys: JSON.parse
    i = ws(k);
    if (b[i] !== COLON) return FAIL;
    const v = ws(i + 1);
    i =
      kind === TOP
        ? topMember(v)
        : kind === MESSAGE
          ? messageMember(v)
          : kind === USAGE
            ? usageMember(v)
            : splitMember(v);
    if (i < 0 || i > END) return FAIL;
    i = ws(i);
    const d = b[i];
    if (d === COMMA) i = ws(i + 1);
    else if (d === RBRACE) return i + 1;
    else return FAIL;
  }
}

const isKey = (lit: string) => bytesAre(keyStart, keyEnd, lit);

// Per-line results, as token positions (decoded only for usage lines).
let isAssistant = false;
let messageIsObject = false;
let usageIsObject = false;
let splitIsObject = false;
let sessionQ = -1,
  sessionE = -1,
  cwdQ = -1,
  cwdE = -1,
  reqQ = -1,
  reqE = -1,
  timeQ = -1,
  timeE = -1;
let modelQ = -1,
  modelE = -1,
  idQ = -1,
  idE = -1;
let uInput = 0,
  uOutput = 0,
  uCreated = 0,
  uRead = 0,
  u5m = 0,
  u1h = 0;
/** The previous usage line's message (see MessageNeedles), for repeats. */
let prev: MessageNeedles | undefined;
/** Where the `"id"` and `"requestId"` keys of the line start. */
let idKey = -1;
let reqKey = -1;
/** Where a repeat's ids are looked for before any walk: as Claude Code writes lines, the message id is in the head and the request id in the tail. */
const HEAD_BYTES = 2048;
const TAIL_BYTES = 1024;
let lineStart = 0;
let repeat = false;

/** The value countValue read. */
let count = 0;

/**
 * A count value: a plain whole number (up to 15 digits) or null (0); anything else (a fraction, an
 * exponent, a sign, a string) is FAIL, for JSON.parse and entryOfLine's count rule to decide.
 */
function countValue(v: number): number {
  const c = B[v];
  if (c !== undefined && c >= 0x30 && c <= 0x39) {
    const e = numberEnd(v);
    if (e < 0 || e - v > 15) return FAIL;
    for (let i = v; i < e; i++) if (B[i]! < 0x30 || B[i]! > 0x39) return FAIL;
    count = numValue;
    return e;
  }
  if (c === 0x6e) {
    count = 0;
    return literalEnd(v);
  }
  return FAIL;
}

function splitMember(v: number): number {
  if (keyEnd - keyStart === 25) {
    if (isKey('ephemeral_5m_input_tokens')) {
      const e = countValue(v);
      u5m = count;
      return e;
    }
    if (isKey('ephemeral_1h_input_tokens')) {
      const e = countValue(v);
      u1h = count;
      return e;
    }
  }
  return valueEnd(v);
}

function usageMember(v: number): number {
  let e: number;
  switch (keyEnd - keyStart) {
    case 12:
      if (!isKey('input_tokens')) break;
      e = countValue(v);
      uInput = count;
      return e;
    case 13:
      if (!isKey('output_tokens')) break;
      e = countValue(v);
      uOutput = count;
      return e;
    case 23:
      if (!isKey('cache_read_input_tokens')) break;
      e = countValue(v);
      uRead = count;
      return e;
    case 27:
      if (!isKey('cache_creation_input_tokens')) break;
      e = countValue(v);
      uCreated = count;
      return e;
    case 14:
      if (!isKey('cache_creation')) break;
      u5m = u1h = 0;
      splitIsObject = B[v] === LBRACE;
      return splitIsObject ? objectEnd(v, SPLIT) : valueEnd(v);
  }
  return valueEnd(v);
}

function messageMember(v: number): number {
  switch (keyEnd - keyStart) {
    case 7:
      if (!isKey('content')) break;
      // Claude Code writes one line per content block, each with the message's id and usage: a line
      // with the previous line's message id and request id is that message again.
      if (idQ >= 0 && prev && sameBytes(idQ, idE, prev.idNeedle, ID_KEY.length, prev.idLen)) {
        if (B.subarray(lineStart, END).lastIndexOf(prev.requestNeedle.subarray(0, prev.requestLen)) >= 0) {
          repeat = true;
          return FAIL;
        }
      }
      return valueEnd(v);
    case 5:
      if (isKey('usage')) {
        uInput = uOutput = uCreated = uRead = u5m = u1h = 0;
        splitIsObject = false;
        usageIsObject = B[v] === LBRACE;
        return usageIsObject ? objectEnd(v, USAGE) : valueEnd(v);
      }
      if (isKey('model')) {
        const e = valueEnd(v);
        if (B[v] === QUOTE) {
          modelQ = v;
          modelE = e;
        } else modelQ = -1;
        return e;
      }
      break;
    case 2:
      if (!isKey('id')) break;
      {
        const e = valueEnd(v);
        if (B[v] === QUOTE) {
          idQ = v;
          idE = e;
          idKey = keyStart - 1;
        } else idQ = -1;
        return e;
      }
  }
  return valueEnd(v);
}

/** Whether the bytes of [s, e) are those of b[from, len). */
function sameBytes(s: number, e: number, b: Buffer, from: number, len: number): boolean {
  if (e - s !== len - from) return false;
  for (let i = 0; i < e - s; i++) if (B[s + i] !== b[from + i]) return false;
  return true;
}

function topMember(v: number): number {
  const c = B[v];
  switch (keyEnd - keyStart) {
    case 4:
      if (isKey('type')) {
        const e = valueEnd(v);
        isAssistant = c === QUOTE && bytesAre(v, e, '"assistant"');
        return e;
      }
      break;
    case 7:
      if (isKey('message')) {
        messageIsObject = c === LBRACE;
        if (!messageIsObject) return valueEnd(v);
        modelQ = idQ = -1;
        usageIsObject = false;
        return objectEnd(v, MESSAGE);
      }
      break;
    case 9:
      if (isKey('sessionId')) {
        const e = valueEnd(v);
        if (c === QUOTE) {
          sessionQ = v;
          sessionE = e;
        } else sessionQ = -1;
        return e;
      }
      if (isKey('requestId')) {
        const e = valueEnd(v);
        if (c === QUOTE) {
          reqQ = v;
          reqE = e;
          reqKey = keyStart - 1;
        } else reqQ = -1;
        return e;
      }
      if (isKey('timestamp')) {
        const e = valueEnd(v);
        if (c === QUOTE) {
          timeQ = v;
          timeE = e;
        } else timeQ = -1;
        return e;
      }
      break;
    case 3:
      if (isKey('cwd')) {
        const e = valueEnd(v);
        if (c === QUOTE) {
          cwdQ = v;
          cwdE = e;
        } else cwdQ = -1;
        return e;
      }
      break;
  }
  return valueEnd(v);
}

const digit = (i: number) => {
  const c = B[i]! - 0x30;
  return c >= 0 && c <= 9 ? c : -1000;
};

/**
 * Epoch ms of an ISO 8601 timestamp: the `YYYY-MM-DDTHH:MM:SS(.sss)Z` form Claude Code writes is
 * read here with the same result as Date.parse (which also takes day 31 of any month and rolls
 * over); anything else goes to Date.parse.
 */
function timeOf(q: number, e: number): number {
  const n = e - q - 2;
  const s = q + 1;
  if (
    (n === 24 || n === 20) &&
    B[s + 4] === 0x2d &&
    B[s + 7] === 0x2d &&
    B[s + 10] === 0x54 &&
    B[s + 13] === COLON &&
    B[s + 16] === COLON &&
    B[e - 2] === 0x5a
  ) {
    const year = digit(s) * 1000 + digit(s + 1) * 100 + digit(s + 2) * 10 + digit(s + 3);
    const month = digit(s + 5) * 10 + digit(s + 6);
    const day = digit(s + 8) * 10 + digit(s + 9);
    const hour = digit(s + 11) * 10 + digit(s + 12);
    const minute = digit(s + 14) * 10 + digit(s + 15);
    const second = digit(s + 17) * 10 + digit(s + 18);
    const ms =
      n === 24 && B[s + 19] === 0x2e ? digit(s + 20) * 100 + digit(s + 21) * 10 + digit(s + 22) : n === 20 ? 0 : -1;
    if (
      year >= 1970 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    ) {
      return Date.UTC(year, month - 1, day, hour, minute, second, ms);
    }
  }
  const text = decode(q, e);
  return text === undefined ? Number.NaN : Date.parse(text);
}

/**
 * Walks the line [start, end) of `buf`: FOUND (fields in `fast`), NONE, REPEAT or FAIL.
 * `previous` is the last usage line's message, for repeats (see MessageNeedles).
 */
export function walkLine(buf: Buffer, start: number, end: number, previous: MessageNeedles | undefined): number {
  B = buf;
  prev = previous;
  if (previous && isRepeat(buf, start, end, previous)) return REPEAT;
  END = end;
  lineStart = start;
  isAssistant = messageIsObject = usageIsObject = splitIsObject = repeat = false;
  sessionQ = cwdQ = reqQ = timeQ = modelQ = idQ = -1;
  let i: number;
  try {
    i = ws(start);
    if (B[i] !== LBRACE) return FAIL;
    i = objectEnd(i, TOP);
  } catch {
    // Nesting deep enough to overflow the stack: JSON.parse decides.
    return FAIL;
  }
  if (repeat) return REPEAT;
  if (i < 0 || ws(i) !== end) return FAIL;
  if (!isAssistant || !messageIsObject || !usageIsObject) return NONE;
  let model = 'unknown';
  if (modelQ >= 0) {
    const m = decodeSame(modelQ, modelE, lastModel);
    if (m === undefined) return FAIL;
    model = m;
  }
  if (model === '<synthetic>') return NONE;
  const f = fast;
  f.model = model;
  f.sessionId = sessionQ >= 0 ? decodeSame(sessionQ, sessionE, lastSession) : undefined;
  f.cwd = cwdQ >= 0 ? decodeSame(cwdQ, cwdE, lastCwd) : undefined;
  if ((sessionQ >= 0 && f.sessionId === undefined) || (cwdQ >= 0 && f.cwd === undefined)) return FAIL;
  const hash = keyHash();
  if (hash === FAIL) return FAIL;
  f.hash = hash;
  f.timeMs = timeQ >= 0 ? timeOf(timeQ, timeE) : Number.NaN;
  let write5m = uCreated;
  let write1h = 0;
  if (splitIsObject) {
    write1h = u1h;
    write5m = Math.max(uCreated, u5m + u1h) - u1h;
  }
  const t = f.tokens;
  t.input = uInput;
  t.output = uOutput;
  t.cacheWrite5m = write5m;
  t.cacheWrite1h = write1h;
  t.cacheRead = uRead;
  return FOUND;
}

/**
 * The cheap test for a repeat of the previous message, before any walk: both ids where the previous
 * line had them (Claude Code writes the lines of one message alike), or else searched for where Claude
 * Code puts them (the message id in the head, the request id in the tail).
 */
export function isRepeat(buf: Buffer, start: number, end: number, previous: MessageNeedles): boolean {
  B = buf;
  if (previous.idAt >= 0) {
    const i = start + previous.idAt;
    const r = end - previous.requestFromEnd;
    return (
      i + previous.idLen <= end &&
      r >= start &&
      bytesAt(i, previous.idNeedle, previous.idLen) &&
      bytesAt(r, previous.requestNeedle, previous.requestLen)
    );
  }
  const tail = buf.subarray(Math.max(start, end - TAIL_BYTES), end);
  return (
    tail.lastIndexOf(previous.requestNeedle.subarray(0, previous.requestLen)) >= 0 &&
    buf.subarray(start, Math.min(end, start + HEAD_BYTES)).indexOf(previous.idNeedle.subarray(0, previous.idLen)) >= 0
  );
}

function bytesAt(i: number, needle: Buffer, len: number): boolean {
  const b = B;
  for (let k = 0; k < len; k++) if (b[i + k] !== needle[k]) return false;
  return true;
}

/**
 * hashKey(`${message.id}:${requestId}`) of the line walked, from the bytes when both ids have neither
 * escapes nor non-ASCII bytes (their bytes are then their UTF-16 units); NaN without a key; FAIL when
 * an id's escapes are invalid.
 */
function keyHash(): number {
  if (idQ < 0 || reqQ < 0) {
    if ((idQ >= 0 && decode(idQ, idE) === undefined) || (reqQ >= 0 && decode(reqQ, reqE) === undefined)) return FAIL;
    return Number.NaN;
  }
  const b = B;
  let a = 0x811c9dc5;
  let h = 0x01000193 ^ (idE - idQ - 2 + 1 + reqE - reqQ - 2);
  for (let i = idQ + 1; i < idE - 1; i++) {
    const c = b[i]!;
    if (c === BACKSLASH || c >= 0x80) return decodedKeyHash();
    a = Math.imul(a ^ c, 0x01000193);
    h = Math.imul(h ^ c, 0x5bd1e995);
  }
  a = Math.imul(a ^ COLON, 0x01000193);
  h = Math.imul(h ^ COLON, 0x5bd1e995);
  for (let i = reqQ + 1; i < reqE - 1; i++) {
    const c = b[i]!;
    if (c === BACKSLASH || c >= 0x80) return decodedKeyHash();
    a = Math.imul(a ^ c, 0x01000193);
    h = Math.imul(h ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((h >>> 11) & 0x1fffff);
}

function decodedKeyHash(): number {
  const key = walkedKey();
  return key === undefined ? FAIL : hashKey(key);
}

/** `${message.id}:${requestId}` of the line just walked (FOUND); undefined when either is missing (or invalid). */
export function walkedKey(): string | undefined {
  if (idQ < 0 || reqQ < 0) return undefined;
  const id = decode(idQ, idE);
  const requestId = decode(reqQ, reqE);
  return id === undefined || requestId === undefined ? undefined : `${id}:${requestId}`;
}

/**
 * What identifies a repeat of a message: the previous usage line's message id and request id as they
 * are written, `"id":"…"` and `"requestId":"…"`. Claude Code writes one line per content block of a
 * message, one after the other, each with the same ids and usage: a line with both is that message
 * again, skipped without reading it (it would be deduplicated anyway). Only plain ids are used.
 */
export interface MessageNeedles {
  /** `"id":"<message id>"` in the first idLen bytes. */
  idNeedle: Buffer;
  idLen: number;
  /** `"requestId":"<request id>"` in the first requestLen bytes. */
  requestNeedle: Buffer;
  requestLen: number;
  /**
   * Where they were in the line they come from: idNeedle at its start + idAt, requestNeedle at its
   * end - requestFromEnd; -1 when not known (then they are searched for).
   */
  idAt: number;
  requestFromEnd: number;
}

/** What identifies a repeat of this message, when its ids are plain (else undefined: no skipping). */
export function messageNeedles(id: unknown, requestId: unknown): MessageNeedles | undefined {
  const plain = (x: unknown): x is string => typeof x === 'string' && /^[\w-]+$/.test(x);
  if (!plain(id) || !plain(requestId)) return undefined;
  const idNeedle = Buffer.from(`"id":"${id}"`);
  const requestNeedle = Buffer.from(`"requestId":"${requestId}"`);
  return {
    idNeedle,
    idLen: idNeedle.length,
    requestNeedle,
    requestLen: requestNeedle.length,
    idAt: -1,
    requestFromEnd: -1,
  };
}

const ID_KEY = Buffer.from('"id":');
const REQUEST_KEY = Buffer.from('"requestId":');

/**
 * MessageNeedles of the line just walked (FOUND), made from its bytes, with where they were; written
 * into `into` when its buffers are big enough (no allocation from line to line).
 */
export function walkedNeedles(into?: MessageNeedles): MessageNeedles | undefined {
  if (idQ < 0 || reqQ < 0 || idE - idQ < 3 || reqE - reqQ < 3) return undefined;
  const idLen = ID_KEY.length + idE - idQ;
  const requestLen = REQUEST_KEY.length + reqE - reqQ;
  const n =
    into && into.idNeedle.length >= idLen && into.requestNeedle.length >= requestLen
      ? into
      : {
          idNeedle: Buffer.allocUnsafe(Math.max(128, idLen)),
          idLen: 0,
          requestNeedle: Buffer.allocUnsafe(Math.max(128, requestLen)),
          requestLen: 0,
          idAt: -1,
          requestFromEnd: -1,
        };
  // Copied with byte loops (Buffer.copy costs more than these few bytes), checking as they go that
  // both ids are only [A-Za-z0-9_-] (the only ones used, see MessageNeedles).
  if (!copyPlain(n.idNeedle, ID_KEY, idQ, idE) || !copyPlain(n.requestNeedle, REQUEST_KEY, reqQ, reqE))
    return undefined;
  n.idLen = idLen;
  n.requestLen = requestLen;
  // Positions only when each key is written right before its value, as JSON.stringify writes it.
  const placed = idQ === idKey + ID_KEY.length && reqQ === reqKey + REQUEST_KEY.length;
  n.idAt = placed ? idKey - lineStart : -1;
  n.requestFromEnd = placed ? END - reqKey : -1;
  return n;
}

/** [A-Za-z0-9_-]: 1. */
const PLAIN = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-') PLAIN[c.charCodeAt(0)] = 1;

/** `key` then the string token [q, e) into `out`; false when the token's content is not plain. */
function copyPlain(out: Buffer, key: Buffer, q: number, e: number): boolean {
  const b = B;
  let o = 0;
  for (; o < key.length; o++) out[o] = key[o]!;
  out[o++] = QUOTE;
  for (let i = q + 1; i < e - 1; i++, o++) {
    const c = b[i]!;
    if (PLAIN[c] === 0) return false;
    out[o] = c;
  }
  out[o] = QUOTE;
  return true;
}
