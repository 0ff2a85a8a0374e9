// The budget check a launch runs: recent usage from the cache (a small summary file when no
// transcript changed), priced into the calendar windows.
import type { Prices } from './prices.js';
import { spendInWindows, type Spend } from './spend.js';
import { recentUsage } from './usage-cache.js';

export interface BudgetSpendOptions {
  roots: readonly string[];
  cacheDir: string;
  now: number;
  prices: Prices;
  timeZone?: string;
}

export interface BudgetSpend {
  spend: Spend;
  malformedLines: number;
  source: 'summary' | 'update';
}

export function budgetSpend(options: BudgetSpendOptions): BudgetSpend {
  const recent = recentUsage({ roots: options.roots, cacheDir: options.cacheDir, now: options.now });
  return {
    spend: spendInWindows(recent.cells, options.now, options.prices, options.timeZone),
    malformedLines: recent.malformedLines,
    source: recent.source,
  };
}
