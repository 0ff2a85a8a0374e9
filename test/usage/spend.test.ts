import { describe, expect, it } from 'vitest';
import { applyBudgetAction, budgetVerdict, spendInWindows, startOfZonedDay, zonedDate } from '../../src/usage/spend.js';
import { QUARTER_MS, emptyTotals, type UsageCell } from '../../src/usage/usage-index.js';

const cell = (iso: string, model: string, input: number, output = 0): UsageCell => ({
  model,
  quarter: Math.floor(Date.parse(iso) / QUARTER_MS),
  totals: { ...emptyTotals(), input, output, messages: 1 },
});

describe('calendar windows', () => {
  it('finds local midnight in zones with odd offsets and DST', () => {
    expect(new Date(startOfZonedDay(2026, 11, 26, 'Asia/Kolkata')).toISOString()).toBe('2026-11-25T18:30:00.000Z');
    expect(new Date(startOfZonedDay(2026, 3, 29, 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfZonedDay(2026, 3, 30, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(startOfZonedDay(2026, 12, 0, 'UTC')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(zonedDate(Date.parse('2026-11-25T19:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-26');
  });

  it('sums spend for today, this week (from Monday) and this month', () => {
    // Thursday 2026-11-26, 10:00 in Berlin (UTC+1).
    const now = Date.parse('2026-11-26T09:00:00Z');
    const cells = [
      cell('2026-11-26T08:00:00Z', 'claude-opus-4-7', 1_000_000), // today: $5
      cell('2026-11-25T23:10:00Z', 'claude-sonnet-5-5', 0, 1_000_000), // 00:10 local today: $15
      cell('2026-11-25T22:50:00Z', 'claude-haiku-4-5', 1_000_000), // 23:50 local yesterday: $1
      cell('2026-11-22T23:30:00Z', 'claude-haiku-4-5', 2_000_000), // Monday 00:30 local: $2
      cell('2026-11-22T22:30:00Z', 'claude-haiku-4-5', 4_000_000), // Sunday: $4, month only
      cell('2026-10-31T22:59:00Z', 'claude-haiku-4-5', 8_000_000), // Oct 31 local: none
      cell('2026-11-26T08:00:00Z', 'mystery', 123),
    ];
    const spend = spendInWindows(cells, now, {}, 'Europe/Berlin');
    expect(spend.daily.usd).toBeCloseTo(20, 10);
    expect(spend.weekly.usd).toBeCloseTo(23, 10);
    expect(spend.monthly.usd).toBeCloseTo(27, 10);
    expect(spend.daily.tokens).toBe(2_000_123);
    expect(spend.daily.unpricedTokens).toBe(123);
    expect(new Date(spend.weekly.start).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(new Date(spend.monthly.start).toISOString()).toBe('2026-10-31T23:00:00.000Z');
  });
});

describe('budget verdict', () => {
  const spend = spendInWindows(
    [cell('2026-11-26T08:00:00Z', 'claude-opus-4-7', 1_000_000)],
    Date.parse('2026-11-26T09:00:00Z'),
    {},
    'UTC',
  );

  it('is ok without limits, warns near one, is exceeded over one', () => {
    expect(budgetVerdict(undefined, spend)).toMatchObject({ state: 'ok', windows: [] });
    expect(budgetVerdict({ daily: 10 }, spend)).toMatchObject({ state: 'ok', window: 'daily', spent: 5, limit: 10 });
    expect(budgetVerdict({ daily: 6 }, spend)).toMatchObject({ state: 'warn', window: 'daily' });
    expect(budgetVerdict({ daily: 6, warnAt: 0.9 }, spend).state).toBe('ok');
    const over = budgetVerdict({ daily: 100, monthly: 4, onExceed: 'block' }, spend);
    expect(over).toMatchObject({ state: 'exceeded', window: 'monthly', limit: 4, spent: 5, action: 'block' });
    expect(budgetVerdict({ weekly: 5 }, spend).action).toBe('downgrade');
  });

  it('counts tokens for subscription users', () => {
    expect(budgetVerdict({ daily: 900_000, unit: 'tokens' }, spend)).toMatchObject({
      state: 'exceeded',
      unit: 'tokens',
      spent: 1_000_000,
    });
  });

  it.each([
    ['opus', 'downgrade', { kind: 'run', tier: 'sonnet', changed: true }],
    ['haiku', 'downgrade', { kind: 'run', tier: 'haiku', changed: false }],
    ['opus', 'cap:haiku', { kind: 'run', tier: 'haiku', changed: true }],
    ['haiku', 'cap:sonnet', { kind: 'run', tier: 'haiku', changed: false }],
    ['sonnet', 'ask', { kind: 'ask', tier: 'sonnet' }],
    ['sonnet', 'block', { kind: 'block' }],
  ] as const)('%s with %s', (tier, action, outcome) => {
    expect(applyBudgetAction(tier, action)).toEqual(outcome);
  });
});

describe('the machine time zone', () => {
  it('matches an explicit zone equal to the process TZ', () => {
    const zone = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
    const now = Date.parse('2026-03-29T12:00:00Z');
    const cells = [cell('2026-03-23T00:30:00Z', 'claude-haiku-4-5', 1_000_000)];
    expect(spendInWindows(cells, now, {}, undefined)).toEqual(spendInWindows(cells, now, {}, zone));
    expect(zonedDate(now)).toBe(zonedDate(now, zone));
  });
});
