// Unit tables for cr init: parsing answers and the config they make (validated like any config file).
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { DEFAULT_ANSWERS, answersFromFlags, buildConfig, parseBudget, parseDays, parseHours, type InitAnswers } from '../../src/commands/init.js';

describe('parseHours', () => {
  it.each([
    ['09:00-18:00', { from: '09:00', to: '18:00' }],
    ['9:30 - 17:00', { from: '09:30', to: '17:00' }],
    ['22:00-06:00', { from: '22:00', to: '06:00' }],
    ['', null],
    ['none', null],
  ])('%j → %j', (input, expected) => expect(parseHours(input)).toEqual(expected));
  it.each(['9-5', '25:00-10:00', '09:00-09:00', 'morning'])('rejects %j', (input) => expect(() => parseHours(input)).toThrow());
});

describe('parseDays', () => {
  it.each([
    ['mon-fri', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['all', undefined],
    ['sat,sun', ['sat', 'sun']],
    ['fri-mon', ['mon', 'fri', 'sat', 'sun']],
  ])('%j → %j', (input, expected) => expect(parseDays(input)).toEqual(expected));
  it('rejects a non-day', () => expect(() => parseDays('weekdays')).toThrow(/mon-fri/));
});

describe('parseBudget', () => {
  it.each([['20', 20], ['$12.5', 12.5], ['5_000_000', 5_000_000], ['none', null], ['', null]])('%j → %j', (input, expected) => expect(parseBudget(input)).toBe(expected));
  it.each(['-3', 'lots'])('rejects %j', (input) => expect(() => parseBudget(input)).toThrow());
});

describe('buildConfig', () => {
  const table: [string, Partial<InitAnswers>][] = [
    ['defaults', {}],
    ['pinned ids, hours, budget, privacy, ask', {
      defaultTier: 'haiku',
      models: { opus: 'claude-opus-4-7', sonnet: 'claude-sonnet-4-6', haiku: 'claude-haiku-4-5' },
      hours: { from: '09:00', to: '18:00', days: ['mon', 'tue'], maxTier: 'sonnet' },
      budget: { limit: 5_000_000, period: 'weekly', unit: 'tokens', onExceed: 'ask' },
      historyTasks: 'none',
      ask: 'low-confidence',
    }],
    ['every day', { hours: { from: '22:00', to: '06:00', maxTier: 'haiku' } }],
  ];
  it.each(table)('%s → a valid config with every answer in it', (_name, answers) => {
    const all = { ...DEFAULT_ANSWERS, ...answers };
    const config = buildConfig(all);
    expect(validateConfig(config).problems).toEqual([]);
    expect(config.defaultTier).toBe(all.defaultTier);
    expect(config.tiers?.opus?.model).toBe(all.models.opus);
    expect(config.history?.tasks).toBe(all.historyTasks);
    expect(config.ask).toBe(all.ask);
    if (all.hours) expect(config.schedule?.[0]).toMatchObject({ from: all.hours.from, to: all.hours.to, maxTier: all.hours.maxTier });
    else expect(config.schedule).toBeUndefined();
    if (all.budget) expect(config.budget).toMatchObject({ [all.budget.period]: all.budget.limit, unit: all.budget.unit, onExceed: all.budget.onExceed });
  });
});

describe('answersFromFlags', () => {
  it('lists the answers that have no flag', () => {
    expect(answersFromFlags({ project: true, defaultTier: 'opus' }).missing).toEqual(['--opus-model/--sonnet-model/--haiku-model', '--hours', '--budget', '--history-tasks', '--ask']);
  });
  it('nothing missing when every answer is a flag', () => {
    const { answers, missing } = answersFromFlags({ global: true, defaultTier: 'sonnet', opusModel: 'claude-opus-4-7', hours: 'none', budget: '20', budgetUnit: 'usd', historyTasks: 'truncate', ask: 'always' });
    expect(missing).toEqual([]);
    expect(answers).toMatchObject({ where: 'global', hours: null, budget: { limit: 20, period: 'daily', unit: 'usd', onExceed: 'downgrade' }, models: { opus: 'claude-opus-4-7', sonnet: 'sonnet', haiku: 'haiku' } });
  });
  it.each([
    [{ global: true, project: true }, /--global or --project/],
    [{ hours: '9 to 5' }, /--hours: expected working hours/],
    [{ budget: 'lots' }, /--budget: expected a budget/],
    [{ opusModel: 'claude opus' }, /model "claude opus"/],
  ])('%j is a usage error', (flags, message) => {
    expect(() => answersFromFlags(flags)).toThrow(message);
  });
});
