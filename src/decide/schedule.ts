import type { ScheduleWindow } from '../config/schema.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Weekday and minutes since midnight of `now` in a time zone. Pure: the zone comes in as an argument. */
/**
 * The weekday and minute of the day of `now` in `timeZone`; undefined: the machine's own zone,
 * read from Date's local fields (which follow TZ). An Intl formatter, needed for a named zone, costs
 * ~15 ms the first time in a process: too much for every launch with a schedule.
 */
export function localTime(now: Date, timeZone?: string): { day: (typeof WEEKDAYS)[number]; minutes: number } {
  if (timeZone === undefined) return { day: WEEKDAYS[now.getDay()]!, minutes: now.getHours() * 60 + now.getMinutes() };
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').slice(0, 3).toLowerCase() as (typeof WEEKDAYS)[number];
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function previousDay(day: (typeof WEEKDAYS)[number]): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!;
}

/**
 * Whether `now` falls in the window. A window that crosses midnight (22:00–07:00) belongs to the
 * day it starts on: with days ["fri"], Saturday 03:00 is inside it and Friday 03:00 is not.
 */
/** Reads the wall clock of `now` in a zone (undefined: the machine's): localTime, or an equivalent. */
export type WallClock = typeof localTime;

export function inWindow(window: ScheduleWindow, now: Date, defaultTimeZone?: string, clock: WallClock = localTime): boolean {
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

export function describeWindow(window: ScheduleWindow): string {
  const days = window.days ? ` ${window.days.join(',')}` : '';
  const zone = window.timezone ? ` ${window.timezone}` : '';
  return `${window.name ? `"${window.name}" ` : ''}${window.from}–${window.to}${days}${zone}`;
}
