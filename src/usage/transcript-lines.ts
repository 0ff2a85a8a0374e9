// Byte-level reading of Claude Code transcript lines. Most bytes of a transcript are user lines
// (tool results) and message text; only assistant lines carry usage. So: search raw bytes for
// `"assistant"` (as `"assist` + `ant"`: a needle under 8 bytes is searched with memchr on its
// first byte, several times faster than the longer needle's search), and walk those lines with
// the byte-level reader of fast-line.ts, which skips the message text without decoding it. Lines
// that walk does not fully understand are parsed as before: only their skeleton, with every
// `"content":` value replaced by null, through JSON.parse.
import {
  FAIL,
  FOUND,
  REPEAT,
  fast,
  isRepeat,
  messageNeedles,
  walkLine,
  walkedKey,
  walkedNeedles,
  type MessageNeedles,
} from './fast-line.js';
import type { TokenCounts } from './prices.js';
import { hashKey } from './usage-index.js';

/** One assistant message's usage, as read from one line. */
export interface UsageEntry {
  sessionId: string | undefined;
  cwd: string | undefined;
  model: string;
  /** message.id + requestId; undefined when either is missing (then the line is never deduplicated). */
  key: string | undefined;
  /** Epoch ms of `timestamp`; NaN when absent or invalid. */
  timeMs: number;
  tokens: TokenCounts;
}

/**
 * Where a reader's usage goes without an object per line: one call per assistant line with usage.
 * `hash` is hashKey(`${message.id}:${requestId}`), NaN when either is missing (never deduplicated).
 */
export interface UsageSink {
  message(
    hash: number,
    sessionId: string | undefined,
    cwd: string | undefined,
    model: string,
    timeMs: number,
    input: number,
    output: number,
    write5m: number,
    write1h: number,
    read: number,
  ): void;
}

/** A sink, or a function that takes each line's usage as an entry. */
export type UsageConsumer = UsageSink | ((entry: UsageEntry) => void);

/**
 * Lines longer than this are skipped without being buffered, and counted on their own (tooLong):
 * Claude Code writes big tool results and images on user lines; an assistant line this long is rare.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const NL = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ASSISTANT = Buffer.from('"assistant"');
/** The head of `"assistant"`: short enough for Node's memchr-based search (patterns under 8 bytes). */
const ASSIST = Buffer.from('"assist');
const ANT_QUOTE = [0x61, 0x6e, 0x74, 0x22]; // the rest: ant"
const USAGE = Buffer.from('"usage"');
const CONTENT_KEY = Buffer.from('"content":');

/** Index just past the string whose opening quote is at `q`, or -1 when the line ends inside it. */
function skipString(buf: Buffer, q: number, end: number): number {
  let i = q + 1;
  for (;;) {
    const r = buf.indexOf(QUOTE, i);
    if (r < 0 || r >= end) return -1;
    let k = r - 1;
    while (buf[k] === BACKSLASH) k--;
    if ((r - 1 - k) % 2 === 0) return r + 1;
    i = r + 1;
  }
}

/** Index just past the JSON value that starts at `i` (after blanks), or -1 when the line ends first. */
function skipValue(buf: Buffer, i: number, end: number): number {
  while (i < end && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0d)) i++;
  if (i >= end) return -1;
  const first = buf[i];
  if (first === QUOTE) return skipString(buf, i, end);
  if (first === 0x5b || first === 0x7b) {
    let depth = 0;
    while (i < end) {
      const b = buf[i];
      if (b === QUOTE) {
        i = skipString(buf, i, end);
        if (i < 0) return -1;
        continue;
      }
      if (b === 0x5b || b === 0x7b) depth++;
      else if ((b === 0x5d || b === 0x7d) && --depth === 0) return i + 1;
      i++;
    }
    return -1;
  }
  while (i < end) {
    const b = buf[i];
    if (b === 0x2c || b === 0x7d || b === 0x5d) return i;
    i++;
  }
  return -1;
}

/**
 * The line's JSON with every `"content":` value replaced by null. `"content":` cannot occur inside a
 * JSON string (its quotes would be escaped), so every match is a key. Undefined when truncated.
 */
function skeleton(buf: Buffer, start: number, end: number): string | undefined {
  let text = '';
  let seg = start;
  for (;;) {
    const k = buf.indexOf(CONTENT_KEY, seg);
    if (k < 0 || k >= end) break;
    const valueStart = k + CONTENT_KEY.length;
    const valueEnd = skipValue(buf, valueStart, end);
    if (valueEnd < 0) return undefined;
    text += buf.toString('utf8', seg, valueStart) + 'null';
    seg = valueEnd;
  }
  return text + buf.toString('utf8', seg, end);
}

/** A token count: absent or null is 0; anything but a whole number from 0 to 2^53 - 1 makes the line invalid. */
function count(x: unknown): number {
  if (x === undefined || x === null) return 0;
  if (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0) return x;
  throw new InvalidUsage();
}

/** A usage line whose counts cannot be added up (a string, a negative or fractional count, 1e308). */
class InvalidUsage extends Error {}

function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The usage entry of a parsed line; null for lines that carry no usage (other types, synthetic).
 * Throws InvalidUsage for a line whose token counts are not whole numbers in range.
 */
export function entryOfLine(line: unknown): UsageEntry | null {
  if (!isObject(line) || line.type !== 'assistant') return null;
  const message = line.message;
  if (!isObject(message) || !isObject(message.usage)) return null;
  const model = str(message.model) ?? 'unknown';
  // Claude Code writes local error notices as assistant lines of model "<synthetic>" with no usage.
  if (model === '<synthetic>') return null;
  const usage = message.usage;
  const created = count(usage.cache_creation_input_tokens);
  let write5m = created;
  let write1h = 0;
  if (isObject(usage.cache_creation)) {
    write1h = count(usage.cache_creation.ephemeral_1h_input_tokens);
    const split5m = count(usage.cache_creation.ephemeral_5m_input_tokens);
    write5m = Math.max(created, split5m + write1h) - write1h;
  }
  const id = message.id;
  const requestId = line.requestId;
  const timestamp = line.timestamp;
  return {
    sessionId: str(line.sessionId),
    cwd: str(line.cwd),
    model,
    key: typeof id === 'string' && typeof requestId === 'string' ? `${id}:${requestId}` : undefined,
    timeMs: typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN,
    tokens: {
      input: count(usage.input_tokens),
      output: count(usage.output_tokens),
      cacheWrite5m: write5m,
      cacheWrite1h: write1h,
      cacheRead: count(usage.cache_read_input_tokens),
    },
  };
}

/**
 * Reads a transcript as a stream of blocks: call `feed` with each block in order, then `finish`.
 * Calls `onEntry` for each assistant line with usage and counts the lines that look like assistant
 * lines but do not parse. Memory stays bounded: a partial line is carried over (up to
 * MAX_LINE_BYTES), a longer one is skipped to its end.
 */
export class TranscriptLineReader {
  /** Complete lines that contain "assistant" but do not parse or carry invalid token counts. */
  malformed = 0;
  /** Complete lines over MAX_LINE_BYTES, skipped whatever they held. */
  tooLong = 0;
  /** Bytes from the start of reading up to the end of the last complete line handled. */
  completeBytes = 0;
  private fed = 0;
  private carry: Buffer = Buffer.alloc(0);
  private carryLen = 0;
  private discarding = false;

  private readonly sink: UsageSink | undefined;
  private readonly onEntry: ((entry: UsageEntry) => void) | undefined;
  private readonly walk: boolean;

  /**
   * `walk: false`: parse the assistant lines with JSON.parse (their skeleton) instead of the byte-level
   * walk: the same entries. For small reads in a fresh process (the budget check's new bytes), where
   * the walk would run before the JIT has compiled it, JSON.parse (native) costs a fraction of that.
   */
  constructor(consumer: UsageConsumer, { walk = true }: { walk?: boolean; size?: number } = {}) {
    if (typeof consumer === 'function') this.onEntry = consumer;
    else this.sink = consumer;
    this.walk = walk;
  }

  feed(buf: Buffer, start: number, end: number): void {
    // Searches stop at a match, and past the last one run to the end of the buffer: cut it at `end`
    // (a reused read block holds older, longer content after it).
    if (end < buf.length) buf = buf.subarray(0, end);
    let p = start;
    const base = this.fed - start;
    this.fed += end - start;
    if (this.discarding) {
      const nl = buf.indexOf(NL, p);
      if (nl < 0 || nl >= end) return;
      this.discarding = false;
      this.tooLong++;
      p = nl + 1;
      this.completeBytes = base + p;
    }
    if (this.carryLen > 0) {
      const nl = buf.indexOf(NL, p);
      if (nl < 0 || nl >= end) {
        this.append(buf, p, end);
        return;
      }
      this.append(buf, p, nl);
      if (!this.discarding) this.line(this.carry.subarray(0, this.carryLen), 0, this.carryLen);
      else this.tooLong++;
      this.carryLen = 0;
      this.discarding = false;
      p = nl + 1;
      this.completeBytes = base + p;
    }
    const lastNl = end > p ? buf.lastIndexOf(NL, end - 1) : -1;
    if (lastNl >= p) {
      this.lines(buf, p, lastNl);
      p = lastNl + 1;
      this.completeBytes = base + p;
    }
    if (p < end) this.append(buf, p, end);
  }

  /**
   * At end of file: an unterminated last line counts if it parses (a complete line without its
   * newline); otherwise it is left for the next read (a writer may be mid-line) and reported as
   * `tailMalformed` when it looks like an assistant line.
   */
  finish(): { tailMalformed: number } {
    let tailMalformed = this.discarding ? 1 : 0;
    if (this.carryLen > 0 && !this.discarding) {
      const before = this.malformed;
      const parsed = this.line(this.carry.subarray(0, this.carryLen), 0, this.carryLen);
      if (this.malformed > before) {
        this.malformed = before;
        tailMalformed = 1;
      } else if (parsed) {
        this.completeBytes = this.fed;
      }
    }
    this.carryLen = 0;
    this.discarding = false;
    return { tailMalformed };
  }

  private append(buf: Buffer, start: number, end: number): void {
    if (this.discarding) return;
    const need = this.carryLen + (end - start);
    if (need > MAX_LINE_BYTES) {
      this.discarding = true;
      this.carryLen = 0;
      this.carry = Buffer.alloc(0);
      return;
    }
    if (need > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.min(MAX_LINE_BYTES, Math.max(need, this.carry.length * 2, 65_536)));
      this.carry.copy(grown, 0, 0, this.carryLen);
      this.carry = grown;
    }
    buf.copy(this.carry, this.carryLen, start, end);
    this.carryLen = need;
  }

  /** Complete lines in [start, lastNl], each ending at a newline. */
  private lines(buf: Buffer, start: number, lastNl: number): void {
    let p = start;
    while (p < lastNl) {
      const hit = buf.indexOf(ASSIST, p);
      if (hit < 0 || hit >= lastNl) return;
      if (
        buf[hit + 7] !== ANT_QUOTE[0] ||
        buf[hit + 8] !== ANT_QUOTE[1] ||
        buf[hit + 9] !== ANT_QUOTE[2] ||
        buf[hit + 10] !== ANT_QUOTE[3]
      ) {
        p = hit + 1;
        continue;
      }
      const lineStart = Math.max(p, buf.lastIndexOf(NL, hit) + 1);
      const lineEnd = buf.indexOf(NL, hit);
      this.line(buf, lineStart, lineEnd, true);
      p = lineEnd + 1;
    }
  }

  /**
   * One line (without its newline) known to contain "assistant" when `checked`. Returns whether it
   * parsed as JSON. Lines without "usage" are not parsed (user lines that quote the word).
   */
  private line(buf: Buffer, start: number, end: number, checked = false): boolean {
    // Lines without "usage" are not parsed (user lines that quote the word): a line the walk finds
    // usage in, or finds to repeat the previous message, has it (the same answer without the search).
    if (!checked) {
      const hit = buf.indexOf(ASSISTANT, start);
      if (hit < 0 || hit >= end || buf.lastIndexOf(USAGE, end - 1) < start) return false;
    }
    const walked = this.walk
      ? walkLine(buf, start, end, this.last)
      : this.last && isRepeat(buf, start, end, this.last)
        ? REPEAT
        : FAIL;
    if (walked !== FOUND && walked !== REPEAT && checked && buf.lastIndexOf(USAGE, end - 1) < start) return false;
    if (walked === FOUND) {
      const f = fast;
      const needles = walkedNeedles(this.needles);
      if (needles) this.needles = needles;
      this.last = needles;
      const t = f.tokens;
      if (this.sink)
        this.sink.message(
          f.hash,
          f.sessionId,
          f.cwd,
          f.model,
          f.timeMs,
          t.input,
          t.output,
          t.cacheWrite5m,
          t.cacheWrite1h,
          t.cacheRead,
        );
      else
        this.onEntry!({
          sessionId: f.sessionId,
          cwd: f.cwd,
          model: f.model,
          key: walkedKey(),
          timeMs: f.timeMs,
          tokens: { ...t },
        });
      return true;
    }
    if (walked !== FAIL) return true; // NONE, or REPEAT: the previous message again (deduplicated anyway)
    const text = skeleton(buf, start, end);
    let parsed: unknown;
    try {
      if (text === undefined) throw new SyntaxError('truncated');
      parsed = JSON.parse(text);
    } catch {
      this.malformed++;
      return false;
    }
    let entry: UsageEntry | null;
    try {
      entry = entryOfLine(parsed);
    } catch {
      this.malformed++; // InvalidUsage
      return false;
    }
    if (entry) {
      const line = parsed as { requestId: unknown; message: { id: unknown } };
      this.last = messageNeedles(line.message.id, line.requestId);
      const t = entry.tokens;
      if (this.sink)
        this.sink.message(
          entry.key === undefined ? Number.NaN : hashKey(entry.key),
          entry.sessionId,
          entry.cwd,
          entry.model,
          entry.timeMs,
          t.input,
          t.output,
          t.cacheWrite5m,
          t.cacheWrite1h,
          t.cacheRead,
        );
      else this.onEntry!(entry);
    }
    return true;
  }

  /** The previous usage line's message, for repeats (see MessageNeedles); `needles` is reused for it. */
  private last: MessageNeedles | undefined;
  private needles: MessageNeedles | undefined;
}
