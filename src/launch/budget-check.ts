import type { AppContext } from '../context.js';
import type { ResolvedConfig } from '../config/defaults.js';
import type { BudgetVerdict } from '../decide/decide.js';
import { budgetSpend } from '../usage/budget-spend.js';
import { transcriptRoots } from '../usage/read-transcripts.js';
import { budgetVerdict } from '../usage/spend.js';

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

export function checkBudget(ctx: AppContext, config: ResolvedConfig): BudgetVerdict | undefined {
  const budget = config.budget;
  if (!hasLimit(budget)) return undefined;
  try {
    const { spend } = budgetSpend(spendOptions(ctx, config, ctx.now.getTime()));
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
    budgetSpend(spendOptions(ctx, config, now));
  } catch {
    // the next check reads it
  }
}
