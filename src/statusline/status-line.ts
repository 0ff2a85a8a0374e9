// The status line's text: the routed tier and the rule that chose it, the session's spend, what is
// left of the budget, and a mark when another model answers than the one routed. Pure.
import { costOfUsage, familyOfModel, priceForModel, totalTokens, type Prices } from '../usage/prices.js';
import type { Tier } from '../types.js';
import type { SessionUsage } from './session-usage.js';
import { formatBudgetUsd } from '../ui/format.js';

export interface RoutedDecision {
  tier: Tier;
  rule: string;
}

export interface BudgetLeft {
  unit: 'usd' | 'tokens';
  window: 'daily' | 'weekly' | 'monthly';
  limit: number;
  spent: number;
}

export interface StatusInput {
  /** cr's latest decision for this session; undefined when cr did not start it. */
  decision?: RoutedDecision;
  usage: SessionUsage;
  /** The model Claude Code reports now (its JSON's model.id), for a session with no answer yet. */
  currentModel?: string;
  prices: Prices;
  budget?: BudgetLeft;
}

const WINDOW_WORDS: Record<BudgetLeft['window'], string> = {
  daily: 'today',
  weekly: 'this week',
  monthly: 'this month',
};

export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.01) return '<$0.01';
  return `$${usd.toFixed(2)}`;
}

/** 1234 → "1.2k", 5000000 → "5M". */
export function formatTokens(n: number): string {
  const compact = (value: number, unit: string) =>
    `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))}${unit}`;
  if (n >= 1e6) return compact(n / 1e6, 'M');
  if (n >= 1e3) return compact(n / 1e3, 'k');
  return String(Math.round(n));
}

function budgetText(b: BudgetLeft): string {
  const when = WINDOW_WORDS[b.window];
  const fmt = b.unit === 'usd' ? formatBudgetUsd : (n: number) => `${formatTokens(n)} tokens`;
  if (b.spent >= b.limit) return `over budget ${when}: ${fmt(b.spent)} of ${fmt(b.limit)}`;
  return `${fmt(b.limit - b.spent)} of ${fmt(b.limit)} left ${when}`;
}

/** The session's spend in dollars (models of no known price are left out) and in tokens. */
export function sessionSpend(usage: SessionUsage, prices: Prices): { usd: number; tokens: number } {
  let usd = 0;
  let tokens = 0;
  for (const [model, counts] of Object.entries(usage.models)) {
    const price = priceForModel(model, prices);
    if (price) usd += costOfUsage(counts, price);
    tokens += totalTokens(counts);
  }
  return { usd, tokens };
}

/** One short line, e.g. `cr sonnet (task-type) · $0.42 this session · $7.58 of $20.00 left today`. */
export function statusLine(input: StatusInput): string {
  const parts: string[] = [];
  const answering = input.usage.answering ?? input.currentModel;
  const answeringTier = answering ? familyOfModel(answering) : undefined;
  if (input.decision) {
    const substituted = answeringTier !== undefined && answeringTier !== input.decision.tier;
    parts.push(
      `cr ${input.decision.tier} (${input.decision.rule})${substituted ? ` ⚠ ${answeringTier} answering` : ''}`,
    );
  } else parts.push('cr: not routed');
  const spend = sessionSpend(input.usage, input.prices);
  parts.push(
    input.budget?.unit === 'tokens'
      ? `${formatTokens(spend.tokens)} tokens this session`
      : `${formatUsd(spend.usd)} this session`,
  );
  if (input.budget) parts.push(budgetText(input.budget));
  return parts.join(' · ');
}
