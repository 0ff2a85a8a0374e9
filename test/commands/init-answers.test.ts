// Unit tables for cr init: parsing answers and the config they make (validated like any config file).
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { readFileSync } from 'node:fs';
import {
  DEFAULT_ANSWERS,
  answersFromConfig,
  answersFromFlags,
  buildConfig,
  keptKeys,
  mergeIntoConfig,
  parseBudget,
  parseDays,
  parseHours,
  type InitAnswers,
} from '../../src/commands/init.js';

describe('parseHours', () => {
  it.each([
    ['09:00-18:00', { from: '09:00', to: '18:00' }],
    ['9:30 - 17:00', { from: '09:30', to: '17:00' }],
    ['22:00-06:00', { from: '22:00', to: '06:00' }],
    ['', null],
    ['none', null],
  ])('%j → %j', (input, expected) => expect(parseHours(input)).toEqual(expected));
  it.each(['9-5', '25:00-10:00', '09:00-09:00', 'morning'])('rejects %j', (input) =>
    expect(() => parseHours(input)).toThrow(),
  );
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
  it.each([
    ['20', 20],
    ['$12.5', 12.5],
    ['5_000_000', 5_000_000],
    ['none', null],
    ['', null],
  ])('%j → %j', (input, expected) => expect(parseBudget(input)).toBe(expected));
  it.each(['-3', 'lots', '0', '$0', '0.0', '0x10', '1e3', 'Infinity'])('rejects %j', (input) =>
    expect(() => parseBudget(input)).toThrow(/positive number/),
  );
});

describe('buildConfig', () => {
  const table: [string, Partial<InitAnswers>][] = [
    ['defaults', {}],
    [
      'pinned ids, hours, budget, privacy, ask',
      {
        defaultTier: 'haiku',
        models: { opus: 'claude-opus-4-7', sonnet: 'claude-sonnet-4-6', haiku: 'claude-haiku-4-5' },
        hours: { from: '09:00', to: '18:00', days: ['mon', 'tue'], maxTier: 'sonnet' },
        budget: { limit: 5_000_000, period: 'weekly', unit: 'tokens', onExceed: 'ask' },
        historyTasks: 'none',
        ask: 'low-confidence',
      },
    ],
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
    if (all.hours)
      expect(config.schedule?.[0]).toMatchObject({
        from: all.hours.from,
        to: all.hours.to,
        maxTier: all.hours.maxTier,
      });
    else expect(config.schedule).toBeUndefined();
    if (all.budget)
      expect(config.budget).toMatchObject({
        [all.budget.period]: all.budget.limit,
        unit: all.budget.unit,
        onExceed: all.budget.onExceed,
      });
  });
});

describe('answersFromFlags', () => {
  it('lists the answers that have no flag', () => {
    expect(answersFromFlags({ project: true, defaultTier: 'opus' }).missing).toEqual([
      '--opus-model/--sonnet-model/--haiku-model',
      '--hours',
      '--budget',
      '--history-tasks',
      '--ask',
    ]);
  });
  it('nothing missing when every answer is a flag', () => {
    const { answers, missing } = answersFromFlags({
      global: true,
      defaultTier: 'sonnet',
      opusModel: 'claude-opus-4-7',
      hours: 'none',
      budget: '20',
      budgetUnit: 'usd',
      historyTasks: 'truncate',
      ask: 'always',
    });
    expect(missing).toEqual([]);
    expect(answers).toMatchObject({
      where: 'global',
      hours: null,
      budget: { limit: 20, period: 'daily', unit: 'usd', onExceed: 'downgrade' },
      models: { opus: 'claude-opus-4-7', sonnet: 'sonnet', haiku: 'haiku' },
    });
  });
  it.each([
    [{ global: true, project: true }, /--global or --project/],
    [{ hours: '9 to 5' }, /--hours: expected working hours/],
    [{ budget: 'lots' }, /--budget: expected a budget/],
    [{ opusModel: 'claude opus' }, /model "claude opus"/],
    [{ budget: '0' }, /--budget: expected a budget as a positive number/],
    [{ days: 'xyz' }, /--days: expected days/],
    [{ days: 'mon-fri' }, /^--days needs --hours HH:MM-HH:MM$/],
    [{ hoursMaxTier: 'haiku' }, /^--hours-max-tier needs --hours/],
    [{ hours: 'none', days: 'all' }, /^--days needs --hours HH:MM-HH:MM \(not --hours none\)$/],
    [{ budgetPeriod: 'weekly', onExceed: 'block' }, /^--budget-period, --on-exceed need --budget <limit>$/],
    [{ budgetUnit: 'tokens' }, /^--budget-unit needs --budget/],
    [{ budget: 'none', onExceed: 'ask' }, /^--on-exceed needs --budget <limit> \(not --budget none\)$/],
  ])('%j is a usage error', (flags, message) => {
    expect(() => answersFromFlags(flags as never)).toThrow(message);
  });
  it("a flag sets only its own setting: the rest of its answer comes from the defaults (the file's values)", () => {
    const d = {
      ...DEFAULT_ANSWERS,
      ...answersFromConfig({
        budget: { weekly: 50, unit: 'tokens', onExceed: 'cap:haiku' },
        schedule: [{ name: 'working hours', days: ['sat', 'sun'], from: '09:00', to: '12:00', maxTier: 'haiku' }],
        tiers: { opus: { model: 'claude-opus-4-7' } },
      }),
    };
    const { answers } = answersFromFlags({ budget: '60', hours: '10:00-16:00', haikuModel: 'claude-haiku-4-5' }, d);
    expect(answers.budget).toEqual({ limit: 60, period: 'weekly', unit: 'tokens', onExceed: 'cap:haiku' });
    expect(answers.hours).toEqual({ from: '10:00', to: '16:00', days: ['sat', 'sun'], maxTier: 'haiku' });
    expect(answers.models).toEqual({ opus: 'claude-opus-4-7', sonnet: 'sonnet', haiku: 'claude-haiku-4-5' });
    expect(
      answersFromFlags({ budget: '60', budgetPeriod: 'daily', onExceed: 'block', hours: '10:00-16:00', days: 'all' }, d)
        .answers,
    ).toMatchObject({
      budget: { limit: 60, period: 'daily', unit: 'tokens', onExceed: 'block' },
      hours: { days: undefined, maxTier: 'haiku' },
    });
  });
  it.each(['cap:sonnet', 'cap:haiku', 'cap:opus'] as const)('--on-exceed %s makes a valid config', (onExceed) => {
    const { answers } = answersFromFlags({ budget: '10', onExceed });
    const config = buildConfig({ ...DEFAULT_ANSWERS, ...answers });
    expect(config.budget).toMatchObject({ daily: 10, onExceed });
    expect(validateConfig(config).problems).toEqual([]);
  });
});

describe('an existing file: prefilled answers and the merge', () => {
  const example = JSON.parse(
    readFileSync(new URL('../../.claude-router.example.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

  it('the answers an unchanged wizard gives leave the example file as it was', () => {
    const answers = { ...DEFAULT_ANSWERS, ...answersFromConfig(example as never) };
    const { config, removed } = mergeIntoConfig(example, answers);
    expect(config).toEqual(example);
    expect(removed).toEqual([]);
    expect(keptKeys(example)).toContain('rules');
    expect(keptKeys(example)).toContain('profiles');
  });

  it('answers replace only what the wizard asks; a tier keeps its profile, other windows stay', () => {
    const answers: InitAnswers = {
      ...DEFAULT_ANSWERS,
      defaultTier: 'opus',
      hours: { from: '09:00', to: '17:00', maxTier: 'haiku' },
      budget: { limit: 5, period: 'daily', unit: 'usd', onExceed: 'cap:haiku' },
    };
    const { config, removed } = mergeIntoConfig(example, answers);
    expect(validateConfig(config).problems).toEqual([]);
    expect(config).toMatchObject({
      defaultTier: 'opus',
      rules: example.rules,
      profiles: example.profiles,
      tiers: { haiku: { model: 'haiku', profile: 'openrouter' } },
    });
    expect(config.schedule).toEqual([
      ...(example.schedule as unknown[]),
      { name: 'working hours', from: '09:00', to: '17:00', maxTier: 'haiku' },
    ]);
    expect(config.budget).toEqual({ daily: 5, monthly: 300, unit: 'usd', warnAt: 0.8, onExceed: 'cap:haiku' });
    expect(config.history).toEqual({ enabled: true, tasks: 'full', truncateAt: 80 });
    expect(removed).toEqual([]);
  });

  it('names what the answers remove: a budget answered none, limits in another unit', () => {
    expect(mergeIntoConfig(example, { ...DEFAULT_ANSWERS, budget: null }).removed).toEqual(['budget']);
    const tokens = mergeIntoConfig(example, {
      ...DEFAULT_ANSWERS,
      budget: { limit: 5e6, period: 'weekly', unit: 'tokens', onExceed: 'downgrade' },
    });
    expect(tokens.config.budget).toEqual({ weekly: 5e6, unit: 'tokens', warnAt: 0.8, onExceed: 'downgrade' });
    expect(tokens.removed).toEqual(['budget.daily (in usd)', 'budget.monthly (in usd)']);
  });
});
