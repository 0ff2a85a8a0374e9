import type { AppContext } from '../context.js';
import type { ResolvedConfig } from '../config/defaults.js';
import type { BudgetVerdict } from '../decide/decide.js';
import { join } from 'node:path';
import { budgetSpend, type BudgetSpend } from '../usage/budget-spend.js';
import { REFRESH_LOCK, REFRESH_LOCK_ENV } from '../usage/usage-cache.js';
import { transcriptRoots } from '../usage/read-transcripts.js';
import { budgetVerdict } from '../usage/spend.js';

const { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } =
  process.getBuiltinModule('node:fs');

/**
 * Real spend against the configured budget, from Claude Code's transcripts through the
 * incremental cache (all sessions on this machine: that is the bill). Undefined when no limit is
 * set. A failure to read usage is a warning: it never stops claude from starting.
 */
function hasLimit(budget: ResolvedConfig['budget']): budget is NonNullable<ResolvedConfig['budget']> {
  return (
    budget !== undefined && (budget.daily !== undefined || budget.weekly !== undefined || budget.monthly !== undefined)
  );
}

function spendOptions(ctx: AppContext, config: ResolvedConfig, now: number) {
  return {
    roots: transcriptRoots(ctx.env, ctx.home),
    cacheDir: ctx.paths.cacheDir,
    now,
    prices: config.prices,
    // Undefined for the machine's own zone: Date's fields, no Intl formatter (~15 ms) needed.
    timeZone: ctx.timeZone,
  };
}

/**
 * The spend, never waiting for a full read of the transcripts (the usage cache missing, deleted or
 * changed in a way only a full read can follow): the figure is then what the cache last knew (or what
 * could be read in a moment), said once on stderr, and the cache is rebuilt by a process in the
 * background. onExceed "block" is the exception: it waits for the exact figure, and says why.
 */
function spendAtLaunch(
  ctx: AppContext,
  config: ResolvedConfig,
  block: boolean,
  onlyFiles: ReadonlySet<string> | undefined,
): BudgetSpend {
  const options = { ...spendOptions(ctx, config, ctx.now.getTime()), onlyFiles };
  // CR_BUDGET_READ_MS (docs/performance.md): how long a launch may read when the summary cannot answer.
  const readMs = ctx.env.CR_BUDGET_READ_MS;
  const provisionalMs = readMs !== undefined && /^\d+$/.test(readMs) ? Number(readMs) : undefined;
  const quick = budgetSpend({ ...options, otherwise: 'provisional', provisionalMs });
  if (quick.source !== 'provisional') return quick;
  const warn = ctx.errColor.warn('cr:');
  if (block) {
    ctx.err(
      `${warn} budget: the usage cache is missing or out of date; reading every transcript once, as onExceed "block" needs the exact figure\n`,
    );
    return budgetSpend({ ...options, otherwise: 'update' });
  }
  ctx.err(
    `${warn} budget: figure provisional (the usage cache is missing or out of date); it is being rebuilt in the background\n`,
  );
  startBackgroundRefresh(ctx);
  return quick;
}

/**
 * `onlyFiles`: the transcripts to check for growth among the recent ones the launch's summary lists
 * (the status line passes its session's); by default all of them.
 */
export function checkBudget(
  ctx: AppContext,
  config: ResolvedConfig,
  onlyFiles?: ReadonlySet<string>,
): BudgetVerdict | undefined {
  const budget = config.budget;
  if (!hasLimit(budget)) return undefined;
  try {
    const { spend } = spendAtLaunch(ctx, config, budget.onExceed === 'block', onlyFiles);
    const verdict = budgetVerdict(budget, spend);
    if (!verdict.window || verdict.limit === undefined || verdict.spent === undefined) return undefined;
    return {
      state: verdict.state,
      window: verdict.window,
      spent: verdict.spent,
      limit: verdict.limit,
      unit: verdict.unit,
      action: verdict.action ?? budget.onExceed ?? 'downgrade',
    };
  } catch (error) {
    ctx.err(
      `${ctx.errColor.warn('cr: warning:')} could not check the budget (${(error as Error).message}); continuing\n`,
    );
    return undefined;
  }
}

/**
 * After a session cr started: brings the usage summary up to date, so that the next launch's check
 * finds the new session's transcript already counted (its bytes are read now, when nobody is waiting
 * for claude to start, instead of before the next session). Quiet and never throws: a failure only
 * leaves the work to the next check.
 */
export function refreshBudgetSummary(ctx: AppContext, config: ResolvedConfig, now: number): void {
  if (!hasLimit(config.budget)) return;
  try {
    // What needs a full read is left to a process in the background: nobody waits for it.
    const { source } = budgetSpend({ ...spendOptions(ctx, config, now), otherwise: 'provisional', check: 'all' });
    if (source === 'provisional') startBackgroundRefresh(ctx);
  } catch {
    // the next check reads it
  }
}

/** A lock this old is taken over whatever it says (a refresh takes seconds). */
const LOCK_STALE_MS = 10 * 60_000;

/** Whether the lock at `file` is held by a live process (a lock being written counts, for a minute). */
function lockHeld(file: string): boolean {
  try {
    const age = Date.now() - statSync(file).mtimeMs;
    if (age > LOCK_STALE_MS) return false;
    const pid = Number(readFileSync(file, 'utf8'));
    if (!(pid > 0)) return age < 60_000;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Rebuilds the usage cache (and the budget's summaries) in a detached `cr stats` that outlives this
 * process, unless one is running: the lock file, made with O_EXCL, holds its pid, and the
 * process removes it when done. Reads only: no transcript or record can be lost, and the caches are
 * written atomically.
 */
function startBackgroundRefresh(ctx: AppContext): void {
  const entry = process.argv[1];
  if (!entry) return;
  const lock = join(ctx.paths.cacheDir, REFRESH_LOCK);
  try {
    mkdirSync(ctx.paths.cacheDir, { recursive: true, mode: 0o700 });
    let fd: number;
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch {
      if (lockHeld(lock)) return;
      rmSync(lock, { force: true });
      fd = openSync(lock, 'wx', 0o600);
    }
    try {
      const { spawn } = process.getBuiltinModule('node:child_process');
      const child = spawn(process.execPath, [entry, 'stats', '--json', '--days', '1'], {
        cwd: ctx.home,
        env: { ...ctx.env, [REFRESH_LOCK_ENV]: lock },
        detached: true,
        stdio: 'ignore',
      });
      child.on('error', () => rmSync(lock, { force: true }));
      child.unref();
      if (child.pid) writeSync(fd, String(child.pid));
      else rmSync(lock, { force: true });
    } finally {
      closeSync(fd);
    }
  } catch {
    // No refresh this time: the next launch or `cr stats` does it.
  }
}
