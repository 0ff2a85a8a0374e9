// The dates and spans `cr stats --since/--until` and `cr learn --forget --since` take: one parser, so
// both accept the same forms. Pure: the clock and the time zone come in.
import { UsageError } from '../errors.js';
import { startOfZonedDay } from '../zoned-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SPAN_UNITS = { h: HOUR, d: DAY, w: 7 * DAY } as const;

export const WHEN_FORMS = 'a date (2026-11-01), a time (2026-11-01T09:00) or a span back from now (12h, 7d, 2w)';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * `value` as epoch ms: a span back from `now` (12h, 7d, 2w); a date, its start in `timeZone` (the
 * machine's when undefined) — or with `edge: 'end'` the start of the next day, so that a date is
 * inclusive as an end; a time (2026-11-01T09:00, seconds and a Z or ±hh:mm offset optional).
 * An impossible calendar date (2026-02-30, 2026-13-45) is a UsageError, never rolled over.
 */
export function parseWhen(
  flag: string,
  value: string,
  now: number,
  edge: 'start' | 'end' = 'start',
  timeZone?: string,
): number {
  const text = value.trim();
  const span = /^(\d+)\s*([hdw])$/i.exec(text);
  if (span) {
    const t = now - Number(span[1]) * SPAN_UNITS[span[2]!.toLowerCase() as keyof typeof SPAN_UNITS];
    // Nothing cr or Claude Code wrote is older; further back, a Date is out of range (1e9d).
    if (!(t >= 0)) throw new UsageError(`${flag}: ${value} goes back before 1970`);
    return t;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (!m) throw new UsageError(`${flag}: expected ${WHEN_FORMS}, got "${value}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw new UsageError(`${flag}: ${text.slice(0, 10)} is not a valid date`);
  if (m[4] === undefined) return startOfZonedDay(year, month, day + (edge === 'end' ? 1 : 0), timeZone);
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) throw new UsageError(`${flag}: ${text} is not a valid time`);
  const ms = Math.round(Number(m[7] ?? 0) * 1000);
  if (m[8] !== undefined) {
    const zone = m[8].toUpperCase() === 'Z' ? 'Z' : m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8];
    const pad = (n: number) => String(n).padStart(2, '0');
    const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`) + ms;
    if (!Number.isFinite(t)) throw new UsageError(`${flag}: ${text} is not a valid time`);
    return t;
  }
  if (timeZone === undefined) return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
  // A named zone (tests): the day's start there, plus the time of day.
  return startOfZonedDay(year, month, day, timeZone) + hour * HOUR + minute * 60_000 + second * 1000 + ms;
}
