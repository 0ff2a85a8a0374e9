import { describe, expect, it } from 'vitest';
import { localTime } from '../../src/decide/schedule.js';
import { zoneClock } from '../../src/launch/zone-clock.js';

describe('zoneClock', () => {
  it('reads a named zone as Intl does, across a year and its DST changes, and puts TZ back', () => {
    const saved = process.env.TZ;
    try {
      for (const machine of [undefined, 'Asia/Tokyo']) {
        if (machine === undefined) delete process.env.TZ;
        else process.env.TZ = machine;
        for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']) {
          for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 11 * 3_600_000 + 7 * 60_000) {
            const now = new Date(t);
            expect(zoneClock(now, zone), `${zone} ${now.toISOString()}`).toEqual(localTime(now, zone));
          }
          expect(process.env.TZ).toBe(machine);
        }
        expect(zoneClock(new Date(Date.UTC(2026, 5, 1, 12))).minutes).toBe(
          machine === 'Asia/Tokyo' ? 21 * 60 : new Date(Date.UTC(2026, 5, 1, 12)).getHours() * 60,
        );
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
