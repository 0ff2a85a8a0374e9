import '../launch-path.js';
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { AppContext } from '../context.js';
import type { ConfigFile } from '../config/schema.js';
import { CrError, EXIT, UsageError } from '../errors.js';
import { TIERS, type Tier } from '../types.js';
import { canPrompt, confirm, select, text, whyNoPrompt, type Choice } from '../ui/prompt.js';
import type { SubcommandModule } from './registry.js';
import { findProjectConfigFile } from '../config/load-config.js';

export const PROJECT_FILE = '.claude-router.json';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEKDAYS)[number];
const PERIODS = ['daily', 'weekly', 'monthly'] as const;
const UNITS = ['usd', 'tokens'] as const;
const ON_EXCEED = ['downgrade', 'ask', 'block'] as const;
const HISTORY_TASKS = ['full', 'truncate', 'none'] as const;
const ASK = ['never', 'low-confidence', 'always'] as const;
const TIERS_DOWN: Tier[] = [...TIERS].reverse();

/** Every answer the wizard collects; each has a flag. */
export interface InitAnswers {
  where: 'global' | 'project';
  defaultTier: Tier;
  models: Record<Tier, string>;
  hours: { from: string; to: string; days?: Weekday[]; maxTier: Tier } | null;
  budget: { limit: number; period: (typeof PERIODS)[number]; unit: (typeof UNITS)[number]; onExceed: (typeof ON_EXCEED)[number] } | null;
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
  onExceed?: 'downgrade' | 'ask' | 'block';
  historyTasks?: InitAnswers['historyTasks'];
  ask?: InitAnswers['ask'];
  yes?: boolean;
  force?: boolean;
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

/** A budget limit: a positive number, or "none"/"" for no budget. */
export function parseBudget(value: string): number | null {
  const v = value.trim().replace(/^\$/, '');
  if (v === '' || v === 'none' || v === '0') return null;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a budget as a positive number or "none", got "${value}"`);
  return n;
}

/** The config file the answers make: every answer written out, so the file documents itself. Pure. */
export function buildConfig(answers: InitAnswers): ConfigFile {
  const config: ConfigFile = {
    defaultTier: answers.defaultTier,
    tiers: { opus: { model: answers.models.opus }, sonnet: { model: answers.models.sonnet }, haiku: { model: answers.models.haiku } },
    ask: answers.ask,
    history: { tasks: answers.historyTasks },
  };
  if (answers.hours) {
    config.schedule = [{
      name: 'working hours',
      ...(answers.hours.days ? { days: answers.hours.days } : {}),
      from: answers.hours.from,
      to: answers.hours.to,
      maxTier: answers.hours.maxTier,
    }];
  }
  if (answers.budget) {
    config.budget = { [answers.budget.period]: answers.budget.limit, unit: answers.budget.unit, onExceed: answers.budget.onExceed };
  }
  return config;
}

function wrap<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new UsageError(`${what}: ${(error as Error).message}`);
  }
}

/**
 * Answers from flags alone (no terminal): every answer needs a flag, or --yes for the defaults.
 * Returns the answers and the flags still missing.
 */
export function answersFromFlags(flags: InitFlags): { answers: Partial<InitAnswers>; missing: string[] } {
  const answers: Partial<InitAnswers> = {};
  const missing: string[] = [];
  if (flags.global && flags.project) throw new UsageError('choose one: --global or --project');
  if (flags.global || flags.project) answers.where = flags.global ? 'global' : 'project';
  else missing.push('--global|--project');
  if (flags.defaultTier) answers.defaultTier = flags.defaultTier;
  else missing.push('--default-tier');
  const models = [flags.opusModel, flags.sonnetModel, flags.haikuModel];
  if (models.some((m) => m !== undefined)) {
    for (const m of models) if (m !== undefined && !/^[\w.:@/-]+$/.test(m)) throw new UsageError(`model "${m}": expected an alias (opus) or a model id (claude-opus-4-7)`);
    answers.models = { opus: flags.opusModel ?? 'opus', sonnet: flags.sonnetModel ?? 'sonnet', haiku: flags.haikuModel ?? 'haiku' };
  } else missing.push('--opus-model/--sonnet-model/--haiku-model');
  if (flags.hours !== undefined) {
    const hours = wrap('--hours', () => parseHours(flags.hours!));
    answers.hours = hours ? { ...hours, days: wrap('--days', () => parseDays(flags.days ?? 'mon-fri')), maxTier: flags.hoursMaxTier ?? 'sonnet' } : null;
  } else missing.push('--hours');
  if (flags.budget !== undefined) {
    const limit = wrap('--budget', () => parseBudget(flags.budget!));
    answers.budget = limit === null ? null : { limit, period: flags.budgetPeriod ?? 'daily', unit: flags.budgetUnit ?? 'usd', onExceed: flags.onExceed ?? 'downgrade' };
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

/** The wizard: asks what the flags did not answer, each question preselected with the default. */
async function askAnswers(ctx: AppContext, given: Partial<InitAnswers>, flags: InitFlags): Promise<{ answers: InitAnswers; replaceAsked: boolean }> {
  const tierChoices = (note: Partial<Record<Tier, string>> = {}): Choice<Tier>[] => TIERS_DOWN.map((t) => ({ title: note[t] ? `${t}  ${note[t]}` : t, value: t }));
  const where = given.where ?? await select<InitAnswers['where']>(ctx, 'Where should the config go?', [
    { title: `global   ${ctx.paths.globalConfigFile}`, value: 'global', description: 'for every project' },
    { title: `project  ${path.join(ctx.cwd, PROJECT_FILE)}`, value: 'project', description: 'this directory and below; wins over global' },
  ], 'global');
  // Asked first, so that nobody answers everything for a file they want to keep.
  const replaceAsked = !flags.force && (await confirmReplace(ctx, targetFile(ctx, where)));
  const defaultTier = given.defaultTier ?? await select(ctx, 'Default tier (when there is no task, or no rule decides)', tierChoices({ sonnet: '(recommended)' }), 'sonnet');
  let models = given.models;
  if (!models) {
    const pin = await select(ctx, 'Models', [
      { title: 'aliases  opus / sonnet / haiku follow the newest model', value: 'alias' },
      { title: 'pin      full model ids, e.g. claude-opus-4-7', value: 'pin' },
    ], 'alias');
    models = { ...DEFAULT_ANSWERS.models };
    if (pin === 'pin') {
      for (const t of TIERS_DOWN) {
        models[t] = await text(ctx, `Model for ${t}`, t, (v) => (/^[\w.:@/-]+$/.test(v) ? true : 'an alias or a model id, no spaces'));
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
    const range = parseHours(await text(ctx, 'Working hours, when cr caps the tier (HH:MM-HH:MM, empty for none)', '', valid));
    if (range) {
      const days = await select(ctx, 'On which days?', [{ title: 'mon–fri', value: 'mon-fri' }, { title: 'every day', value: 'all' }], 'mon-fri');
      const maxTier = await select(ctx, `Highest tier during ${range.from}–${range.to}`, tierChoices(), 'sonnet');
      hours = { ...range, days: parseDays(days), maxTier };
    } else hours = null;
  }
  let budget = given.budget;
  if (budget === undefined) {
    const period = await select<'none' | (typeof PERIODS)[number]>(ctx, 'Budget', [
      { title: 'none', value: 'none' },
      ...PERIODS.map((p) => ({ title: p, value: p })),
    ], 'none');
    if (period === 'none') budget = null;
    else {
      const unit = await select<(typeof UNITS)[number]>(ctx, 'Counted in', [{ title: 'US dollars (API billing)', value: 'usd' }, { title: 'tokens (subscription)', value: 'tokens' }], 'usd');
      const valid = (v: string) => {
        try {
          return parseBudget(v) === null ? 'enter a positive number' : true;
        } catch (error) {
          return (error as Error).message;
        }
      };
      const limit = parseBudget(await text(ctx, `${period[0]!.toUpperCase()}${period.slice(1)} limit in ${unit === 'usd' ? 'USD' : 'tokens'}`, unit === 'usd' ? '20' : '5000000', valid))!;
      const onExceed = await select<(typeof ON_EXCEED)[number]>(ctx, 'When it is spent', [
        { title: 'downgrade  one tier down', value: 'downgrade' },
        { title: 'ask        let me choose', value: 'ask' },
        { title: 'block      start nothing', value: 'block' },
      ], 'downgrade');
      budget = { limit, period, unit, onExceed };
    }
  }
  const historyTasks = given.historyTasks ?? await select<InitAnswers['historyTasks']>(ctx, 'History: how to store your tasks', [
    { title: 'full      as written (secrets are always removed)', value: 'full' },
    { title: 'truncate  the first 80 characters', value: 'truncate' },
    { title: 'none      only tier, model and rule', value: 'none' },
  ], 'full');
  const ask = given.ask ?? await select<InitAnswers['ask']>(ctx, 'Ask before starting claude?', [
    { title: 'never           cr decides', value: 'never' },
    { title: 'low-confidence  when cr is unsure', value: 'low-confidence' },
    { title: 'always          show the pick and let me choose', value: 'always' },
  ], 'never');
  return { answers: { where, defaultTier, models, hours, budget, historyTasks, ask }, replaceAsked };
}

/** At a terminal: asks before replacing an existing file (true when it asked and the answer was yes). */
async function confirmReplace(ctx: AppContext, file: string): Promise<boolean> {
  if (!fs.existsSync(file)) return false;
  if (!(await confirm(ctx, `${file} exists. Replace it?`, false))) throw new CrError(`kept ${file}; nothing written`, EXIT.ok);
  return true;
}

function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode: 0o644 });
  fs.renameSync(tmp, file);
}

export async function runInit(ctx: AppContext, flags: InitFlags): Promise<number> {
  const { answers: given, missing } = answersFromFlags(flags);
  const interactive = canPrompt(ctx);
  let answers: InitAnswers;
  let replaceAsked = false;
  if (missing.length === 0 || flags.yes) {
    answers = { ...DEFAULT_ANSWERS, ...given };
  } else if (interactive) {
    ({ answers, replaceAsked } = await askAnswers(ctx, given, flags));
  } else {
    throw new UsageError(`cr init: cannot ask (${whyNoPrompt(ctx)}); missing ${missing.join(', ')}`, [
      'answer every question with a flag (see cr init --help), or add --yes to take the defaults for the rest',
    ]);
  }
  const file = targetFile(ctx, answers.where);
  const config = buildConfig(answers);
  const { validateConfig } = await import('../config/validate-config.js');
  const { problems } = validateConfig(config);
  if (problems.length) throw new UsageError(`the answers make an invalid config: ${problems[0]!.path}: ${problems[0]!.message}`, problems.slice(1).map((p) => `${p.path}: ${p.message}`));
  const content = `${JSON.stringify(config, null, 2)}\n`;
  // An existing file is replaced only with --force or a yes at the prompt.
  if (!flags.force && !replaceAsked && fs.existsSync(file)) {
    if (!interactive) throw new CrError(`${file} exists; not replacing it (add --force to replace it)`, EXIT.failure);
    await confirmReplace(ctx, file);
  }
  try {
    writeAtomically(file, content);
  } catch (error) {
    throw new CrError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.failure);
  }
  const p = ctx.color;
  ctx.out(`${p.good('wrote')} ${file}\n${content}`);
  if (answers.where === 'global') {
    const project = findProjectConfigFile(ctx.cwd, ctx.home);
    if (project && project !== file) ctx.out(`${p.warn('note:')} ${project} is a project file; its values win over the global file here\n`);
  } else {
    const found = findProjectConfigFile(ctx.cwd, ctx.home);
    if (found && found !== file) ctx.out(`${p.warn('note:')} ${found} is read instead of this file (it comes first); move its settings or remove it\n`);
  }
  ctx.out(`${p.dim('next: cr doctor · cr config · eval "$(cr shell-init bash)" (zsh: shell-init zsh, fish: cr shell-init fish | source)')}\n`);
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
      .option('--opus-model <id>', 'what --model gets for opus: an alias or a pinned id (default: opus)')
      .option('--sonnet-model <id>', 'the same for sonnet (default: sonnet)')
      .option('--haiku-model <id>', 'the same for haiku (default: haiku)')
      .option('--hours <from-to>', 'working hours HH:MM-HH:MM, or "none"')
      .option('--days <days>', 'days of the working hours: mon-fri (default), all, or mon,wed,fri')
      .addOption(tierOption('--hours-max-tier <tier>', 'highest tier during working hours (default: sonnet)'))
      .option('--budget <limit>', 'spend limit, or "none"')
      .addOption(new Option('--budget-period <period>', 'what the limit counts (default: daily)').choices([...PERIODS]))
      .addOption(new Option('--budget-unit <unit>', 'usd or tokens (default: usd)').choices([...UNITS]))
      .addOption(new Option('--on-exceed <action>', 'over budget: downgrade (default), ask or block').choices([...ON_EXCEED]))
      .addOption(new Option('--history-tasks <how>', 'store tasks in history: full, truncate or none').choices([...HISTORY_TASKS]))
      .addOption(new Option('--ask <when>', 'ask before starting claude: never, low-confidence or always').choices([...ASK]))
      .option('-y, --yes', 'take the defaults for every answer not given as a flag')
      .option('--force', 'replace an existing file without asking')
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
