// The budget check a launch runs: recent usage from the cache (a small summary file while transcripts
// only grew or were added, see summary-append.ts), priced into the calendar windows.
import type { Prices } from './prices.js';
import { BUDGET_WINDOWS, spendInWindows, windowStarts, type Spend } from './spend.js';
import { recentUsage, type RecentUsage, type RecentUsageOptions } from './usage-cache.js';
import { QUARTER_MS } from './usage-index.js';

export interface BudgetSpendOptions {
  roots: readonly string[];
  cacheDir: string;
  now: number;
  prices: Prices;
  timeZone?: string;
  otherwise?: RecentUsageOptions['otherwise'];
  check?: RecentUsageOptions['check'];
  onlyFiles?: RecentUsageOptions['onlyFiles'];
  provisionalMs?: number;
}

export interface BudgetSpend {
  spend: Spend;
  malformedLines: number;
  source: RecentUsage['source'];
}

export function budgetSpend(options: BudgetSpendOptions): BudgetSpend {
  // From the summary, its running sums give each model's usage between the windows' starts
  // directly: a few cells instead of one per quarter hour.
  const starts = windowStarts(options.now, options.timeZone);
  const segments = [...new Set(BUDGET_WINDOWS.map((w) => Math.ceil(starts[w] / QUARTER_MS)))].sort((a, b) => a - b);
  const recent = recentUsage({
    roots: options.roots,
    cacheDir: options.cacheDir,
    now: options.now,
    segments,
    otherwise: options.otherwise,
    check: options.check,
    onlyFiles: options.onlyFiles,
    provisionalMs: options.provisionalMs,
  });
  return {
    spend: spendInWindows(recent.cells, options.now, options.prices, options.timeZone),
    malformedLines: recent.malformedLines,
    source: recent.source,
  };
}
