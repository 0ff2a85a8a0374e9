// parseWhen: the one parser of `cr stats --since/--until` and `cr learn --forget --since`.
import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/usage/period.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const when = (value: string, edge: 'start' | 'end' = 'start') => parseWhen('--since', value, NOW, edge, 'UTC');

describe('parseWhen', () => {
  it('a span goes back from now', () => {
    expect(when('12h')).toBe(NOW - 12 * 3_600_000);
    expect(when('7d')).toBe(NOW - 7 * 86_400_000);
    expect(when('2W')).toBe(NOW - 14 * 86_400_000);
  });

  it("a date is the day's start, or as an end the next day's start (inclusive)", () => {
    expect(when('2026-11-01')).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(when('2026-11-01', 'end')).toBe(Date.parse('2026-11-02T00:00:00Z'));
    expect(when('2026-12-31', 'end')).toBe(Date.parse('2027-01-01T00:00:00Z'));
    expect(when('2028-02-29')).toBe(Date.parse('2028-02-29T00:00:00Z'));
    expect(parseWhen('--since', '2026-11-01', NOW, 'start', 'Europe/Berlin')).toBe(Date.parse('2026-10-31T23:00:00Z'));
  });

  it('a time, with or without a zone', () => {
    expect(when('2026-11-01T09:30')).toBe(Date.parse('2026-11-01T09:30:00Z'));
    expect(when('2026-11-01T09:30:15.5Z')).toBe(Date.parse('2026-11-01T09:30:15.500Z'));
    expect(when('2026-11-01T09:30+0200')).toBe(Date.parse('2026-11-01T07:30:00Z'));
  });

  it.each([
    ['2026-13-45', /2026-13-45 is not a valid date/],
    ['2026-02-30', /2026-02-30 is not a valid date/],
    ['2026-02-29', /2026-02-29 is not a valid date/],
    ['2026-04-31', /is not a valid date/],
    ['2026-00-10', /is not a valid date/],
    ['2026-11-01T24:00', /is not a valid time/],
    ['yesterday', /expected a date \(2026-11-01\), a time \(2026-11-01T09:00\) or a span back from now/],
    ['Nov 1 2026', /expected a date/],
  ])('%s is a usage error (exit 2), never rolled over', (value, message) => {
    expect(() => when(value)).toThrow(message);
    try {
      when(value);
    } catch (error) {
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
