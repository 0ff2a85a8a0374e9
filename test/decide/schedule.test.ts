import { describe, expect, it } from 'vitest';
import { inWindow, localTime } from '../../src/decide/schedule.js';

describe('inWindow', () => {
  // 2026-11-27 is a Friday.
  it.each([
    ['2026-11-27T23:30:00Z', { from: '22:00', to: '07:00' }, true],
    ['2026-11-27T06:59:00Z', { from: '22:00', to: '07:00' }, true],
    ['2026-11-27T07:00:00Z', { from: '22:00', to: '07:00' }, false],
    ['2026-11-27T12:00:00Z', { from: '09:00', to: '17:00' }, true],
    ['2026-11-27T17:00:00Z', { from: '09:00', to: '17:00' }, false],
    // A window crossing midnight belongs to the day it starts on.
    ['2026-11-28T03:00:00Z', { from: '22:00', to: '07:00', days: ['fri' as const] }, true],
    ['2026-11-27T03:00:00Z', { from: '22:00', to: '07:00', days: ['fri' as const] }, false],
    ['2026-11-27T12:00:00Z', { from: '09:00', to: '17:00', days: ['sat' as const, 'sun' as const] }, false],
    // Time zones: 23:30 UTC is 00:30 the next day in Berlin (winter, UTC+1).
    ['2026-11-27T23:30:00Z', { from: '00:00', to: '01:00', timezone: 'Europe/Berlin' }, true],
    ['2026-11-27T23:30:00Z', { from: '00:00', to: '01:00' }, false],
    // from equal to to: the whole day (of the days named).
    ['2026-11-27T03:00:00Z', { from: '22:00', to: '22:00' }, true],
    ['2026-11-27T21:59:00Z', { from: '22:00', to: '22:00' }, true],
    ['2026-11-27T12:00:00Z', { from: '08:00', to: '08:00', days: ['sat' as const] }, false],
  ])('%s in %j → %s', (iso, window, expected) => {
    expect(inWindow({ maxTier: 'haiku', ...window }, new Date(iso), 'UTC')).toBe(expected);
  });
});

describe('localTime', () => {
  it("the machine's zone (undefined) reads as Intl reads the same zone by name, across a year and its DST changes", () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
        process.env.TZ = zone; // Node applies a changed TZ to Date at once
        for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 13 * 60_000) {
          const now = new Date(t);
          expect(localTime(now), `${zone} ${now.toISOString()}`).toEqual(localTime(now, zone));
        }
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
