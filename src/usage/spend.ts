// Real spend in the budget windows, and what the budget says about it. Pure: the clock, the time
// zone and the usage come in as arguments.
import type { BudgetConfig } from '../config/schema.js';
import { minTier, tierBelow, type Tier } from '../types.js';
import { costOfUsage, priceForModel, totalTokens, type Prices } from './prices.js';
import { QUARTER_MS, type UsageCell } from './usage-index.js';
import { startOfZonedDay, zonedParts } from '../zoned-time.js';

// The calendar helpers live with zonedParts (src/zoned-time.ts, on the launch path): commands that
// only parse dates (cr learn --forget --since) need them without the usage code.
export { startOfZonedDay, zonedDate, zonedParts } from '../zoned-time.js';

export type BudgetWindow = 'daily' | 'weekly' | 'monthly';
export const BUDGET_WINDOWS: readonly BudgetWindow[] = ['daily', 'weekly', 'monthly'];
export type BudgetAction = NonNullable<BudgetConfig['onExceed']>;
export const DEFAULT_WARN_AT = 0.8;
/** Over the limit without an `onExceed`: step down one tier, the mildest action that saves money. */
export const DEFAULT_ON_EXCEED: BudgetAction = 'downgrade';

export interface WindowSpend {
  window: BudgetWindow;
  /** Epoch ms where the calendar window starts (local midnight; weeks start on Monday). */
  start: number;
  usd: number;
  tokens: number;
  /** Tokens of models with no price (unknown family, no per-id entry): not in `usd`. */
  unpricedTokens: number;
}

export type Spend = Record<BudgetWindow, WindowSpend>;

/** Where the calendar day, week (from Monday) and month that contain `now` start, in `timeZone`. */
export function windowStarts(now: number, timeZone?: string): Record<BudgetWindow, number> {
  const p = zonedParts(now, timeZone);
  return {
    daily: startOfZonedDay(p.year, p.month, p.day, timeZone),
    weekly: startOfZonedDay(p.year, p.month, p.day - p.weekday, timeZone),
    monthly: startOfZonedDay(p.year, p.month, 1, timeZone),
  };
}

/**
 * Spend over all of the machine's usage in the calendar day, week (from Monday) and month that
 * contain `now`, in `timeZone` (the machine's when undefined). Calendar windows, not rolling ones:
 * they match how a budget is thought of and reset at a predictable time.
 */
export function spendInWindows(cells: readonly UsageCell[], now: number, prices: Prices, timeZone?: string): Spend {
  const starts = windowStarts(now, timeZone);
  const spend = {} as Spend;
  for (const window of BUDGET_WINDOWS)
    spend[window] = { window, start: starts[window], usd: 0, tokens: 0, unpricedTokens: 0 };
  const priceCache = new Map<string, ReturnType<typeof priceForModel>>();
  for (const cell of cells) {
    const cellStart = cell.quarter * QUARTER_MS;
    if (cellStart < starts.weekly && cellStart < starts.monthly) continue;
    if (!priceCache.has(cell.model)) priceCache.set(cell.model, priceForModel(cell.model, prices));
    const price = priceCache.get(cell.model);
    const usd = price ? costOfUsage(cell.totals, price) : 0;
    const tokens = totalTokens(cell.totals);
    for (const window of BUDGET_WINDOWS) {
      if (cellStart < starts[window]) continue;
      const w = spend[window];
      w.usd += usd;
      w.tokens += tokens;
      if (!price) w.unpricedTokens += tokens;
    }
  }
  return spend;
}

export type BudgetState = 'ok' | 'warn' | 'exceeded';

export interface WindowVerdict {
  window: BudgetWindow;
  limit: number;
  spent: number;
  /** spent / limit. */
  ratio: number;
  state: BudgetState;
}

export interface BudgetVerdict {
  state: BudgetState;
  unit: 'usd' | 'tokens';
  /** The window closest to (or furthest over) its limit; undefined when no limit is set. */
  window?: BudgetWindow;
  limit?: number;
  spent?: number;
  /** What to do: set only when exceeded. */
  action?: BudgetAction;
  windows: WindowVerdict[];
}

const SEVERITY: Record<BudgetState, number> = { ok: 0, warn: 1, exceeded: 2 };

/** Spend against each configured limit; the verdict is the worst window's. */
export function budgetVerdict(budget: BudgetConfig | undefined, spend: Spend): BudgetVerdict {
  const unit = budget?.unit ?? 'usd';
  const warnAt = budget?.warnAt ?? DEFAULT_WARN_AT;
  const windows: WindowVerdict[] = [];
  for (const window of BUDGET_WINDOWS) {
    const limit = budget?.[window];
    if (limit === undefined) continue;
    const spent = unit === 'usd' ? spend[window].usd : spend[window].tokens;
    const ratio = spent / limit;
    const state: BudgetState = spent >= limit ? 'exceeded' : ratio >= warnAt ? 'warn' : 'ok';
    windows.push({ window, limit, spent, ratio, state });
  }
  let worst: WindowVerdict | undefined;
  for (const w of windows) {
    if (!worst || SEVERITY[w.state] > SEVERITY[worst.state] || (w.state === worst.state && w.ratio > worst.ratio))
      worst = w;
  }
  const verdict: BudgetVerdict = { state: worst?.state ?? 'ok', unit, windows };
  if (worst) Object.assign(verdict, { window: worst.window, limit: worst.limit, spent: worst.spent });
  if (verdict.state === 'exceeded') verdict.action = budget?.onExceed ?? DEFAULT_ON_EXCEED;
  return verdict;
}

export type BudgetOutcome =
  { kind: 'run'; tier: Tier; changed: boolean } | { kind: 'ask'; tier: Tier } | { kind: 'block' };

/** What an exceeded budget's action does to a chosen tier (haiku cannot step down further). */
export function applyBudgetAction(tier: Tier, action: BudgetAction): BudgetOutcome {
  if (action === 'block') return { kind: 'block' };
  if (action === 'ask') return { kind: 'ask', tier };
  const next = action === 'downgrade' ? (tierBelow(tier) ?? tier) : minTier(tier, action.slice('cap:'.length) as Tier);
  return { kind: 'run', tier: next, changed: next !== tier };
}
