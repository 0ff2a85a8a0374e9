import path from 'node:path';
import { Option, type Command } from 'commander';
import type { AppContext } from '../context.js';
import type { ConfigFile } from '../config/schema.js';
import { CrError, EXIT, UsageError } from '../errors.js';
import { TIERS, type Tier } from '../types.js';
import { canPrompt, confirm, select, text, whyNoPrompt, type Choice } from '../ui/prompt.js';
import type { SubcommandModule } from './registry.js';
import { findProjectConfigFile, isPackageConfig, PROJECT_CONFIG_NAMES } from '../config/load-config.js';

const fs = process.getBuiltinModule('node:fs');

export const PROJECT_FILE = '.claude-router.json';

/** An alias or a model id as claude takes it: `opus`, `claude-opus-4-7`, `opus[1m]`, `…@20250929`. */
const MODEL_ID = /^[\w.:@/[\]-]+$/;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEKDAYS)[number];
const PERIODS = ['daily', 'weekly', 'monthly'] as const;
const UNITS = ['usd', 'tokens'] as const;
/** Every onExceed value the config accepts (schema.ts): cap:TIER for each tier. */
const ON_EXCEED = ['downgrade', 'ask', 'block', ...TIERS.map((t) => `cap:${t}` as const)] as const;
type OnExceed = (typeof ON_EXCEED)[number];
const HISTORY_TASKS = ['full', 'truncate', 'none'] as const;
const ASK = ['never', 'low-confidence', 'always'] as const;
const TIERS_DOWN: Tier[] = [...TIERS].reverse();

/** Every answer the wizard collects; each has a flag. */
export interface InitAnswers {
  where: 'global' | 'project';
  defaultTier: Tier;
  models: Record<Tier, string>;
  hours: { from: string; to: string; days?: Weekday[]; maxTier: Tier } | null;
  budget: { limit: number; period: (typeof PERIODS)[number]; unit: (typeof UNITS)[number]; onExceed: OnExceed } | null;
  historyTasks: (typeof HISTORY_TASKS)[number];
  ask: (typeof ASK)[number];
}

export interface InitFlags {
  global?: boolean;
  project?: boolean;
  defaultTier?: Tier;
  opusModel?: string;
  sonnetModel?: string;
  haikuModel?: string;
  hours?: string;
  days?: string;
  hoursMaxTier?: Tier;
  budget?: string;
  budgetPeriod?: (typeof PERIODS)[number];
  budgetUnit?: 'usd' | 'tokens';
  onExceed?: OnExceed;
  historyTasks?: InitAnswers['historyTasks'];
  ask?: InitAnswers['ask'];
  yes?: boolean;
  force?: boolean;
  /** --statusline / --no-statusline: write Claude Code's statusLine setting, or leave it. */
  statusline?: boolean;
}

export const DEFAULT_ANSWERS: InitAnswers = {
  where: 'global',
  defaultTier: 'sonnet',
  models: { opus: 'opus', sonnet: 'sonnet', haiku: 'haiku' },
  hours: null,
  budget: null,
  historyTasks: 'full',
  ask: 'never',
};

/** "09:00-18:00" → { from, to }; "none" or "" → null. Throws a one-line message otherwise. */
export function parseHours(value: string): { from: string; to: string } | null {
  const v = value.trim();
  if (v === '' || v === 'none') return null;
  const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(v);
  const hhmm = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`;
  if (!m || Number(m[1]) > 23 || Number(m[3]) > 23 || Number(m[2]) > 59 || Number(m[4]) > 59) {
    throw new Error(`expected working hours as HH:MM-HH:MM (e.g. 09:00-18:00) or "none", got "${value}"`);
  }
  const from = hhmm(m[1]!, m[2]!);
  const to = hhmm(m[3]!, m[4]!);
  if (from === to) throw new Error('working hours must not start and end at the same time');
  return { from, to };
}

/** "mon-fri", "all", "mon,wed,fri" → the days (undefined = every day). */
export function parseDays(value: string): Weekday[] | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'all' || v === 'every' || v === '') return undefined;
  const days = new Set<Weekday>();
  for (const part of v.split(',').map((s) => s.trim())) {
    const range = /^([a-z]{3})-([a-z]{3})$/.exec(part);
    const isDay = (d: string): d is Weekday => (WEEKDAYS as readonly string[]).includes(d);
    if (range && isDay(range[1]!) && isDay(range[2]!)) {
      const a = WEEKDAYS.indexOf(range[1]);
      const b = WEEKDAYS.indexOf(range[2]);
      for (let i = a; ; i = (i + 1) % 7) {
        days.add(WEEKDAYS[i]!);
        if (i === b) break;
      }
    } else if (isDay(part)) days.add(part);
    else throw new Error(`expected days as "mon-fri", "all" or a list like "mon,wed,fri", got "${value}"`);
  }
  return WEEKDAYS.filter((d) => days.has(d));
}

/** A budget limit: a positive number, or "none"/"" for no budget (0 is neither: an error). */
export function parseBudget(value: string): number | null {
  const v = value.trim().replace(/^\$/, '');
  if (v === '' || v === 'none') return null;
  const digits = v.replace(/_/g, '');
  // Decimal only: Number() would also read "0x10" as 16 and "1e3" as 1000.
  const n = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`expected a budget as a positive number or "none", got "${value}"`);
  return n;
}

/** The config file the answers make: every answer written out, so the file documents itself. Pure. */
export function buildConfig(answers: InitAnswers): ConfigFile {
  const config: ConfigFile = {
    defaultTier: answers.defaultTier,
    tiers: {
      opus: { model: answers.models.opus },
      sonnet: { model: answers.models.sonnet },
      haiku: { model: answers.models.haiku },
    },
    ask: answers.ask,
    history: { tasks: answers.historyTasks },
  };
  if (answers.hours) {
    config.schedule = [
      {
        name: 'working hours',
        ...(answers.hours.days ? { days: answers.hours.days } : {}),
        from: answers.hours.from,
        to: answers.hours.to,
        maxTier: answers.hours.maxTier,
      },
    ];
  }
  if (answers.budget) {
    config.budget = {
      [answers.budget.period]: answers.budget.limit,
      unit: answers.budget.unit,
      onExceed: answers.budget.onExceed,
    };
  }
  return config;
}

const WORKING_HOURS = 'working hours';
type Settings = Record<string, unknown>;
const isObject = (v: unknown): v is Settings => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The wizard's answers as an existing file gives them, to preselect (only what it has). Pure. */
export function answersFromConfig(config: ConfigFile): Partial<InitAnswers> {
  const answers: Partial<InitAnswers> = {};
  if (config.defaultTier) answers.defaultTier = config.defaultTier;
  const tiers = config.tiers;
  if (tiers && TIERS.some((t) => tiers[t]?.model)) {
    answers.models = {
      opus: tiers.opus?.model ?? 'opus',
      sonnet: tiers.sonnet?.model ?? 'sonnet',
      haiku: tiers.haiku?.model ?? 'haiku',
    };
  }
  const window = config.schedule?.find((w) => w.name === WORKING_HOURS);
  if (window)
    answers.hours = {
      from: window.from,
      to: window.to,
      ...(window.days ? { days: [...window.days] as Weekday[] } : {}),
      maxTier: window.maxTier ?? 'sonnet',
    };
  const budget = config.budget;
  const period = PERIODS.find((p) => budget?.[p] !== undefined);
  if (budget && period)
    answers.budget = {
      limit: budget[period]!,
      period,
      unit: budget.unit ?? 'usd',
      onExceed: budget.onExceed ?? 'downgrade',
    };
  if (config.history?.tasks) answers.historyTasks = config.history.tasks;
  if (config.ask) answers.ask = config.ask;
  return answers;
}

/**
 * The answers written into an existing file: what the wizard asks about takes the answer; every other
 * setting stays (rules, profiles, a tier's profile, other schedule windows, warnAt…). Also names what
 * the answers remove (a budget or working hours answered "none", limits in a unit no longer used). Pure.
 */
export function mergeIntoConfig(existing: Settings, answers: InitAnswers): { config: Settings; removed: string[] } {
  const fresh = buildConfig(answers) as Settings;
  const config: Settings = { ...existing };
  const removed: string[] = [];
  config.defaultTier = fresh.defaultTier;
  const oldTiers = isObject(existing.tiers) ? existing.tiers : {};
  config.tiers = Object.fromEntries(
    TIERS.map((t) => [t, { ...(isObject(oldTiers[t]) ? oldTiers[t] : {}), model: answers.models[t] }]),
  );
  config.ask = fresh.ask;
  config.history = { ...(isObject(existing.history) ? existing.history : {}), tasks: answers.historyTasks };
  const windows = Array.isArray(existing.schedule) ? (existing.schedule as Settings[]) : [];
  const old = windows.find((w) => w.name === WORKING_HOURS);
  const others = windows.filter((w) => w !== old);
  if (answers.hours) {
    const window: Settings = { ...old, ...(fresh.schedule as Settings[])[0] };
    if (!answers.hours.days) delete window.days;
    config.schedule = old ? windows.map((w) => (w === old ? window : w)) : [...others, window];
  } else {
    if (old) removed.push(`schedule "${WORKING_HOURS}"`);
    if (others.length) config.schedule = others;
    else delete config.schedule;
  }
  const oldBudget = isObject(existing.budget) ? existing.budget : undefined;
  if (answers.budget) {
    const budget: Settings = { ...oldBudget, ...(fresh.budget as Settings) };
    // Limits for other periods stay only while they count in the same unit.
    if (oldBudget && (oldBudget.unit ?? 'usd') !== answers.budget.unit) {
      for (const p of PERIODS) {
        if (p !== answers.budget.period && budget[p] !== undefined) {
          delete budget[p];
          removed.push(`budget.${p} (in ${String(oldBudget.unit ?? 'usd')})`);
        }
      }
    }
    config.budget = budget;
  } else if (oldBudget) {
    delete config.budget;
    removed.push('budget');
  }
  return { config, removed };
}

/** The keys at the top of an existing file that the wizard does not ask about (kept as they are). */
export function keptKeys(existing: Settings): string[] {
  const asked = new Set(['defaultTier', 'tiers', 'ask', 'history', 'schedule', 'budget']);
  return Object.keys(existing).filter((k) => !asked.has(k));
}

/** The profile names a project file may use from the global file (which load-config checks it against). */
function globalProfiles(ctx: AppContext): Set<string> {
  try {
    const data = JSON.parse(fs.readFileSync(ctx.paths.globalConfigFile, 'utf8')) as unknown;
    return new Set(isObject(data) && isObject(data.profiles) ? Object.keys(data.profiles) : []);
  } catch {
    return new Set();
  }
}

interface Existing {
  file: string;
  data: Settings;
  config: ConfigFile;
}

/**
 * The file init would write, read and validated: undefined when there is none. One that cannot be
 * read or is not a valid config is a config error (exit 2): init never rewrites it.
 */
/**
 * This project's config under another name in the folder, so cr init stops: the "claude-router" key
 * of package.json, read before a new .claude-router.json (which would never be read), or a file read
 * after it (.claude-routerrc, claude-router.config.js…), whose settings it would silently drop.
 */
function refuseToHide(cwd: string): void {
  // package.json's key comes first: the new file would be the one never read.
  const pkg = path.join(cwd, 'package.json');
  if (fs.existsSync(pkg) && isPackageConfig(pkg))
    throw new CrError(
      `${pkg} has a "claude-router" key, this project's config, which is read before ${PROJECT_FILE}: edit it there, or move it into ${PROJECT_FILE} and remove the key; nothing written`,
      EXIT.failure,
    );
  const later = PROJECT_CONFIG_NAMES.slice(PROJECT_CONFIG_NAMES.indexOf(PROJECT_FILE) + 1);
  const other = later.map((name) => path.join(cwd, name)).find((file) => fs.existsSync(file));
  if (other)
    throw new CrError(
      `${other} is this project's config; a new ${PROJECT_FILE} would be read instead and hide its settings: edit ${path.basename(other)} itself, or move its settings into ${PROJECT_FILE} and remove it; nothing written`,
      EXIT.failure,
    );
}

async function readExisting(ctx: AppContext, where: InitAnswers['where']): Promise<Existing | undefined> {
  const file = targetFile(ctx, where);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (where === 'project') refuseToHide(ctx.cwd);
      return undefined;
    }
    throw new CrError(`cannot read ${file} (${code ?? (error as Error).message}); not rewriting it`, EXIT.usage);
  }
  const refuse = (why: string) =>
    new CrError(
      `${file} is not a valid config (${why}); fix or remove it first: cr init does not rewrite it`,
      EXIT.usage,
    );
  let data: unknown;
  try {
    data = text.trim() === '' ? {} : ((JSON.parse(text) as unknown) ?? {});
  } catch (error) {
    throw refuse(`invalid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const { validateConfig } = await import('../config/validate-config.js');
  const { config, problems } = validateConfig(data, where === 'project' ? globalProfiles(ctx) : new Set());
  if (!config) throw refuse(`${problems[0]!.path}: ${problems[0]!.message}`);
  return { file, data: data as Settings, config };
}

/** The defaults for every answer: the existing file's values where it has them. */
function defaultsFrom(existing: Existing | undefined): InitAnswers {
  return { ...DEFAULT_ANSWERS, ...(existing ? answersFromConfig(existing.config) : {}) };
}

/**
 * The defaults of the questions that follow a working-hours or budget answer (days, highest tier,
 * period, unit, over it): the existing file's (in `d`) where it has them, else the built-in ones.
 * The wizard preselects these and the flags fall back on them, so both keep the file's values.
 */
export function followUpDefaults(d: InitAnswers): {
  days: Weekday[] | undefined;
  maxTier: Tier;
  period: (typeof PERIODS)[number];
  unit: (typeof UNITS)[number];
  onExceed: OnExceed;
} {
  return {
    days: d.hours ? d.hours.days : parseDays('mon-fri'),
    maxTier: d.hours?.maxTier ?? 'sonnet',
    period: d.budget?.period ?? 'daily',
    unit: d.budget?.unit ?? 'usd',
    onExceed: d.budget?.onExceed ?? 'downgrade',
  };
}

function wrap<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new UsageError(`${what}: ${(error as Error).message}`);
  }
}

const FLAG_NAMES: Partial<Record<keyof InitFlags, string>> = {
  days: '--days',
  hoursMaxTier: '--hours-max-tier',
  hours: '--hours',
  budget: '--budget',
  budgetPeriod: '--budget-period',
  budgetUnit: '--budget-unit',
  onExceed: '--on-exceed',
};

/** A usage error when any of `dependents` is given without `base` (or, with `why`, with a base value that turns it off). */
function requireWith(
  flags: InitFlags,
  dependents: (keyof InitFlags)[],
  base: keyof InitFlags,
  value: string,
  why?: string,
): void {
  if (!why && flags[base] !== undefined) return;
  const given = dependents.filter((d) => flags[d] !== undefined).map((d) => FLAG_NAMES[d]!);
  if (given.length === 0) return;
  throw new UsageError(
    `${given.join(', ')} ${given.length === 1 ? 'needs' : 'need'} ${FLAG_NAMES[base]} ${value}${why ? ` (${why})` : ''}`,
  );
}

/**
 * Answers from flags alone (no terminal): every answer needs a flag, or --yes for the defaults.
 * A flag sets only its own setting: the rest of an answer (the other models, the days of --hours,
 * the period of --budget…) comes from `d`, the defaults (an existing file's values). Returns the
 * answers and the flags still missing.
 */
export function answersFromFlags(
  flags: InitFlags,
  d: InitAnswers = DEFAULT_ANSWERS,
): { answers: Partial<InitAnswers>; missing: string[] } {
  const answers: Partial<InitAnswers> = {};
  const f = followUpDefaults(d);
  const missing: string[] = [];
  if (flags.global && flags.project) throw new UsageError('choose one: --global or --project');
  if (flags.global || flags.project) answers.where = flags.global ? 'global' : 'project';
  else missing.push('--global|--project');
  if (flags.defaultTier) answers.defaultTier = flags.defaultTier;
  else missing.push('--default-tier');
  const models = [flags.opusModel, flags.sonnetModel, flags.haikuModel];
  if (models.some((m) => m !== undefined)) {
    for (const m of models)
      if (m !== undefined && !MODEL_ID.test(m))
        throw new UsageError(`model "${m}": expected an alias (opus) or a model id (claude-opus-4-7)`);
    answers.models = {
      opus: flags.opusModel ?? d.models.opus,
      sonnet: flags.sonnetModel ?? d.models.sonnet,
      haiku: flags.haikuModel ?? d.models.haiku,
    };
  } else missing.push('--opus-model/--sonnet-model/--haiku-model');
  // Flags that only mean something with another one: validated first, then required to have it.
  const days = flags.days === undefined ? undefined : wrap('--days', () => parseDays(flags.days!));
  requireWith(flags, ['days', 'hoursMaxTier'], 'hours', 'HH:MM-HH:MM');
  if (flags.hours !== undefined) {
    const hours = wrap('--hours', () => parseHours(flags.hours!));
    if (!hours) requireWith(flags, ['days', 'hoursMaxTier'], 'hours', 'HH:MM-HH:MM', `not --hours ${flags.hours}`);
    answers.hours = hours
      ? { ...hours, days: flags.days === undefined ? f.days : days, maxTier: flags.hoursMaxTier ?? f.maxTier }
      : null;
  } else missing.push('--hours');
  requireWith(flags, ['budgetPeriod', 'budgetUnit', 'onExceed'], 'budget', '<limit>');
  if (flags.budget !== undefined) {
    const limit = wrap('--budget', () => parseBudget(flags.budget!));
    if (limit === null)
      requireWith(
        flags,
        ['budgetPeriod', 'budgetUnit', 'onExceed'],
        'budget',
        '<limit>',
        `not --budget ${flags.budget || '""'}`,
      );
    answers.budget =
      limit === null
        ? null
        : {
            limit,
            period: flags.budgetPeriod ?? f.period,
            unit: flags.budgetUnit ?? f.unit,
            onExceed: flags.onExceed ?? f.onExceed,
          };
  } else missing.push('--budget');
  if (flags.historyTasks) answers.historyTasks = flags.historyTasks;
  else missing.push('--history-tasks');
  if (flags.ask) answers.ask = flags.ask;
  else missing.push('--ask');
  return { answers, missing };
}

export function targetFile(ctx: Pick<AppContext, 'cwd' | 'paths'>, where: InitAnswers['where']): string {
  return where === 'global' ? ctx.paths.globalConfigFile : path.join(ctx.cwd, PROJECT_FILE);
}

/** The wizard: asks what the flags did not answer, each question preselected with the default (the existing file's value). */
async function askAnswers(
  ctx: AppContext,
  givenWhere: InitAnswers['where'] | undefined,
  flags: InitFlags,
): Promise<{ answers: InitAnswers; replaceAsked: boolean; existing: Existing | undefined }> {
  const tierChoices = (note: Partial<Record<Tier, string>> = {}): Choice<Tier>[] =>
    TIERS_DOWN.map((t) => ({ title: note[t] ? `${t}  ${note[t]}` : t, value: t }));
  const where =
    givenWhere ??
    (await select<InitAnswers['where']>(
      ctx,
      'Where should the config go?',
      [
        { title: `global   ${ctx.paths.globalConfigFile}`, value: 'global', description: 'for every project' },
        {
          title: `project  ${path.join(ctx.cwd, PROJECT_FILE)}`,
          value: 'project',
          description: 'this directory and below; wins over global',
        },
      ],
      'global',
    ));
  // Read and checked first: an invalid file stops here, before any question.
  const existing = await readExisting(ctx, where);
  const d = defaultsFrom(existing);
  const f = followUpDefaults(d);
  // What the flags answer, completed with the file's values (a flag sets only its own setting).
  const given = answersFromFlags(flags, d).answers;
  // Asked first, so that nobody answers everything for a file they want to keep.
  const replaceAsked = !flags.force && (await confirmReplace(ctx, existing));
  const defaultTier =
    given.defaultTier ??
    (await select(
      ctx,
      'Default tier (when there is no task, or no rule decides)',
      tierChoices({ sonnet: '(recommended)' }),
      d.defaultTier,
    ));
  let models = given.models;
  if (!models) {
    const pinned = TIERS.some((t) => d.models[t] !== t);
    const pin = await select(
      ctx,
      'Models',
      [
        { title: 'aliases  opus / sonnet / haiku follow the newest model', value: 'alias' },
        { title: 'pin      full model ids, e.g. claude-opus-4-7', value: 'pin' },
      ],
      pinned ? 'pin' : 'alias',
    );
    models = { ...DEFAULT_ANSWERS.models };
    if (pin === 'pin') {
      for (const t of TIERS_DOWN) {
        models[t] = await text(ctx, `Model for ${t}`, d.models[t], (v) =>
          MODEL_ID.test(v) ? true : 'an alias or a model id, no spaces',
        );
      }
    }
  }
  let hours = given.hours;
  if (hours === undefined) {
    const valid = (v: string) => {
      try {
        parseHours(v);
        return true as const;
      } catch (error) {
        return (error as Error).message;
      }
    };
    const range = parseHours(
      await text(
        ctx,
        'Working hours, when cr caps the tier (HH:MM-HH:MM, empty for none)',
        d.hours ? `${d.hours.from}-${d.hours.to}` : '',
        valid,
      ),
    );
    if (range) {
      const dayChoices = [
        { title: 'mon–fri', value: 'mon-fri' },
        { title: 'every day', value: 'all' },
      ];
      const was = f.days ? f.days.join(',') : 'all';
      if (was === 'mon,tue,wed,thu,fri') dayChoices[0]!.value = was;
      else if (!dayChoices.some((c) => c.value === was)) dayChoices.push({ title: was, value: was });
      const days = await select(ctx, 'On which days?', dayChoices, was);
      const maxTier = await select(ctx, `Highest tier during ${range.from}–${range.to}`, tierChoices(), f.maxTier);
      hours = { ...range, days: parseDays(days), maxTier };
    } else hours = null;
  }
  let budget = given.budget;
  if (budget === undefined) {
    const period = await select<'none' | (typeof PERIODS)[number]>(
      ctx,
      'Budget',
      [{ title: 'none', value: 'none' }, ...PERIODS.map((p) => ({ title: p, value: p }))],
      d.budget?.period ?? 'none',
    );
    if (period === 'none') budget = null;
    else {
      const unit = await select<(typeof UNITS)[number]>(
        ctx,
        'Counted in',
        [
          { title: 'US dollars (API billing)', value: 'usd' },
          { title: 'tokens (subscription)', value: 'tokens' },
        ],
        f.unit,
      );
      const valid = (v: string) => {
        try {
          return parseBudget(v) === null ? 'enter a positive number' : true;
        } catch (error) {
          return (error as Error).message;
        }
      };
      const initial = d.budget && d.budget.unit === unit ? String(d.budget.limit) : unit === 'usd' ? '20' : '5000000';
      const limit = parseBudget(
        await text(
          ctx,
          `${period[0]!.toUpperCase()}${period.slice(1)} limit in ${unit === 'usd' ? 'USD' : 'tokens'}`,
          initial,
          valid,
        ),
      )!;
      const onExceedChoices: Choice<OnExceed>[] = [
        { title: 'downgrade   one tier down', value: 'downgrade' },
        { title: 'ask         let me choose', value: 'ask' },
        { title: 'block       start nothing', value: 'block' },
        { title: 'cap:sonnet  at most sonnet', value: 'cap:sonnet' },
        { title: 'cap:haiku   at most haiku', value: 'cap:haiku' },
      ];
      const wasOnExceed = f.onExceed;
      if (!onExceedChoices.some((c) => c.value === wasOnExceed))
        onExceedChoices.push({ title: wasOnExceed, value: wasOnExceed });
      const onExceed = await select<OnExceed>(ctx, 'When it is spent', onExceedChoices, wasOnExceed);
      budget = { limit, period, unit, onExceed };
    }
  }
  const historyTasks =
    given.historyTasks ??
    (await select<InitAnswers['historyTasks']>(
      ctx,
      'History: how to store your tasks',
      [
        { title: 'full      as written (secrets are always removed)', value: 'full' },
        { title: 'truncate  the first 80 characters', value: 'truncate' },
        { title: 'none      only tier, model and rule', value: 'none' },
      ],
      d.historyTasks,
    ));
  const ask =
    given.ask ??
    (await select<InitAnswers['ask']>(
      ctx,
      'Ask before starting claude?',
      [
        { title: 'never           cr decides', value: 'never' },
        { title: 'low-confidence  when cr is unsure', value: 'low-confidence' },
        { title: 'always          show the pick and let me choose', value: 'always' },
      ],
      d.ask,
    ));
  return { answers: { where, defaultTier, models, hours, budget, historyTasks, ask }, replaceAsked, existing };
}

/** At a terminal: asks before updating an existing file (true when it asked and the answer was yes). */
async function confirmReplace(ctx: AppContext, existing: Existing | undefined): Promise<boolean> {
  if (!existing) return false;
  const kept = keptKeys(existing.data);
  const question = `${existing.file} exists. Update it with your answers?${kept.length ? ` (${kept.join(', ')} ${kept.length === 1 ? 'stays' : 'stay'} as ${kept.length === 1 ? 'it is' : 'they are'})` : ''}`;
  if (!(await confirm(ctx, question, false))) throw new CrError(`kept ${existing.file}; nothing written`, EXIT.ok);
  return true;
}

function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode: 0o644 });
  fs.renameSync(tmp, file);
}

export async function runInit(ctx: AppContext, flags: InitFlags): Promise<number> {
  // Checks the flags and names what they leave unanswered; the answers come once the file is read.
  const { answers: given, missing } = answersFromFlags(flags);
  const interactive = canPrompt(ctx);
  let answers: InitAnswers;
  let replaceAsked = false;
  let existing: Existing | undefined;
  if (missing.length === 0 || flags.yes) {
    const where = given.where ?? DEFAULT_ANSWERS.where;
    existing = await readExisting(ctx, where);
    const d = defaultsFrom(existing);
    answers = { ...d, ...answersFromFlags(flags, d).answers, where };
  } else if (interactive) {
    ({ answers, replaceAsked, existing } = await askAnswers(ctx, given.where, flags));
  } else {
    throw new UsageError(`cr init: cannot ask (${whyNoPrompt(ctx)}); missing ${missing.join(', ')}`, [
      'answer every question with a flag (see cr init --help), or add --yes to take the defaults for the rest',
    ]);
  }
  const file = targetFile(ctx, answers.where);
  const { config, removed } = existing
    ? mergeIntoConfig(existing.data, answers)
    : { config: buildConfig(answers), removed: [] };
  const { validateConfig } = await import('../config/validate-config.js');
  const { problems, config: checked } = validateConfig(
    config,
    answers.where === 'project' ? globalProfiles(ctx) : new Set(),
  );
  if (!checked)
    throw new UsageError(
      `the answers make an invalid config: ${problems[0]!.path}: ${problems[0]!.message}`,
      problems.slice(1).map((p) => `${p.path}: ${p.message}`),
    );
  const content = `${JSON.stringify(config, null, 2)}\n`;
  // An existing file is updated only with --force or a yes at the prompt.
  if (!flags.force && !replaceAsked && existing) {
    if (!interactive)
      throw new CrError(
        `${file} exists; not changing it (add --force to update it with these answers; settings cr init does not ask about are kept)`,
        EXIT.failure,
      );
    await confirmReplace(ctx, existing);
  }
  try {
    writeAtomically(file, content);
  } catch (error) {
    throw new CrError(
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      EXIT.failure,
    );
  }
  const p = ctx.color;
  ctx.out(`${p.good(existing ? 'updated' : 'wrote')} ${file}\n${content}`);
  // Claude accepts any model id, so the file is written; a suspicious id is worth a word.
  const { formatModelIdWarning, modelIdWarnings } = await import('../config/model-id-warnings.js');
  for (const warning of modelIdWarnings(checked))
    ctx.err(`${ctx.errColor.warn('cr: warning:')} ${formatModelIdWarning(warning)}\n`);
  if (existing) {
    const kept = keptKeys(existing.data);
    if (kept.length) ctx.out(`${p.dim(`kept as they were: ${kept.join(', ')}`)}\n`);
    if (removed.length) ctx.out(`${p.warn('removed by your answers:')} ${removed.join(', ')}\n`);
  }
  if (answers.where === 'global') {
    const project = findProjectConfigFile(ctx.cwd, ctx.home);
    if (project && project !== file)
      ctx.out(`${p.warn('note:')} ${project} is a project file; its values win over the global file here\n`);
  } else {
    const found = findProjectConfigFile(ctx.cwd, ctx.home);
    if (found && found !== file)
      ctx.out(
        `${p.warn('note:')} ${found} is read instead of this file (it comes first); move its settings or remove it\n`,
      );
  }
  ctx.out(
    `${p.dim('next: cr doctor · cr config · eval "$(cr shell-init bash)" (zsh: cr shell-init zsh, fish: cr shell-init fish | source)')}\n`,
  );
  const { offerStatusLine } = await import('./statusline-setup.js');
  await offerStatusLine(ctx, flags.statusline, interactive && !flags.yes);
  return EXIT.ok;
}

const tierOption = (flags: string, description: string) => new Option(flags, description).choices([...TIERS_DOWN]);

const init: SubcommandModule = {
  name: 'init',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('init')
      .description('write a config file: asks at a terminal, or takes every answer as a flag')
      .option('--global', `write the global file (${ctx.paths.globalConfigFile})`)
      .option('--project', `write ${PROJECT_FILE} in the current directory`)
      .addOption(tierOption('--default-tier <tier>', 'tier when there is no task'))
      .option(
        '--opus-model <id>',
        "what --model gets for opus: an alias or a pinned id (default: the file's, else opus)",
      )
      .option('--sonnet-model <id>', "the same for sonnet (default: the file's, else sonnet)")
      .option('--haiku-model <id>', "the same for haiku (default: the file's, else haiku)")
      .option('--hours <from-to>', 'working hours HH:MM-HH:MM, or "none"')
      .option(
        '--days <days>',
        "with --hours: days of the working hours: mon-fri, all, or mon,wed,fri (default: the file's, else mon-fri)",
      )
      .addOption(
        tierOption(
          '--hours-max-tier <tier>',
          "with --hours: highest tier during working hours (default: the file's, else sonnet)",
        ),
      )
      .option('--budget <limit>', 'spend limit (a positive number), or "none"')
      .addOption(
        new Option(
          '--budget-period <period>',
          "with --budget: what the limit counts (default: the file's, else daily)",
        ).choices([...PERIODS]),
      )
      .addOption(
        new Option('--budget-unit <unit>', "with --budget: usd or tokens (default: the file's, else usd)").choices([
          ...UNITS,
        ]),
      )
      .addOption(
        new Option(
          '--on-exceed <action>',
          `with --budget, over it: ${ON_EXCEED.slice(0, -1).join(', ')} or ${ON_EXCEED.at(-1)} (default: the file's, else downgrade)`,
        ).choices([...ON_EXCEED]),
      )
      .addOption(
        new Option('--history-tasks <how>', 'store tasks in history: full, truncate or none').choices([
          ...HISTORY_TASKS,
        ]),
      )
      .addOption(
        new Option('--ask <when>', 'ask before starting claude: never, low-confidence or always').choices([...ASK]),
      )
      .option('-y, --yes', "take the defaults (an existing file's values) for every answer not given as a flag")
      .option('--force', 'update an existing file without asking (settings cr init does not ask about are kept)')
      .option(
        '--statusline',
        "also set Claude Code's statusLine to cr statusline in ~/.claude/settings.json (other settings are kept)",
      )
      .option('--no-statusline', "do not offer to change Claude Code's status line")
      .action(async (options: InitFlags) => {
        try {
          setExit(await runInit(ctx, options));
        } catch (error) {
          // "No, keep it" at the prompt is an answer, not a failure.
          if (error instanceof CrError && error.exitCode === EXIT.ok) {
            ctx.out(`${error.message}\n`);
            setExit(EXIT.ok);
            return;
          }
          throw error;
        }
      });
  },
};

export default init;
