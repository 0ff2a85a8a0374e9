import type { ScheduleWindow } from '../config/schema.js';
import { zonedParts } from '../zoned-time.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * The weekday and minute of the day of `now` in `timeZone` (undefined: the machine's own). Read as
 * zonedParts reads them: Date's own fields for the machine's zone and UTC, an Intl formatter
 * (~15 ms the first time in a process) for any other.
 */
export function localTime(now: Date, timeZone?: string): { day: (typeof WEEKDAYS)[number]; minutes: number } {
  const p = zonedParts(now.getTime(), timeZone);
  // zonedParts counts weekdays from Monday; WEEKDAYS starts on Sunday.
  return { day: WEEKDAYS[(p.weekday + 1) % 7]!, minutes: p.hour * 60 + p.minute };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function previousDay(day: (typeof WEEKDAYS)[number]): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!;
}

/** Reads the wall clock of `now` in a zone (undefined: the machine's): localTime, or an equivalent. */
export type WallClock = typeof localTime;

/**
 * Whether `now` falls in the window. A window that crosses midnight (22:00–07:00) belongs to the
 * day it starts on: with days ["fri"], Saturday 03:00 is inside it and Friday 03:00 is not.
 */
export function inWindow(
  window: ScheduleWindow,
  now: Date,
  defaultTimeZone?: string,
  clock: WallClock = localTime,
): boolean {
  const { day, minutes } = clock(now, window.timezone ?? defaultTimeZone);
  const from = toMinutes(window.from);
  const to = toMinutes(window.to);
  const dayOk = (d: (typeof WEEKDAYS)[number]) => !window.days || window.days.includes(d);
  if (from === to) return dayOk(day);
  if (from < to) return minutes >= from && minutes < to && dayOk(day);
  if (minutes >= from) return dayOk(day);
  if (minutes < to) return dayOk(previousDay(day));
  return false;
}
