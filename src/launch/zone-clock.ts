// The wall clock in a named time zone for a launch's schedule windows, without Intl.
import { localTime } from '../decide/schedule.js';

/**
 * localTime, with a named zone read from Date's local fields while process.env.TZ names it (Node
 * applies a changed TZ to Date at once, and it is put back before returning). A start-up shortcut
 * that buys ~20 ms on Node 22 in every launch with such a window: the first Intl formatter with a
 * time zone in a process loads the zone data, a zone switch costs ~2 ms (`npm run bench`,
 * docs/performance.md). The result is the same (test/launch/zone-clock.test.ts). Config validation
 * has already checked the zone's name.
 */
export function zoneClock(now: Date, timeZone?: string): ReturnType<typeof localTime> {
  if (timeZone === undefined) return localTime(now);
  const saved = process.env.TZ;
  try {
    process.env.TZ = timeZone;
    return localTime(now);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}
