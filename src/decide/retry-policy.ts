import type { ResolvedConfig } from '../config/defaults.js';
import type { ClaudeFlags } from './claude-flags.js';
import type { Decision, TierLimit } from './decision.js';
import { tierAbove, TIERS, type Tier } from '../types.js';

/** The next tier up for a retry, or the ceiling that stops it. */
export interface RetryStep {
  tier?: Tier;
  /** The schedule window or budget limit that keeps the retry from going up. */
  heldBy?: TierLimit;
}

/**
 * The tier to retry a failed attempt on: the next one up, unless a ceiling in force for this
 * decision (a schedule window's maxTier, the budget's) is below it and no tier flag overrode the
 * ceilings. No tier when there is none above or a ceiling holds it. Pure.
 */
export function retryStep(decision: Pick<Decision, 'tier' | 'kind' | 'limits'>): RetryStep {
  const next = tierAbove(decision.tier);
  if (!next) return {};
  const limits = decision.kind === 'override' ? [] : (decision.limits ?? []);
  const holding = limits.find((limit) => TIERS.indexOf(next) > TIERS.indexOf(limit.to));
  return holding ? { heldBy: holding } : { tier: next };
}

/** How a print-mode run recovers from an API failure: tiers to climb, and the fallback profile. */
export interface RetryPlan {
  /** How many times to retry on the next tier up (0: not at all). */
  retries: number;
  /** The profile to rerun on once after an outage. */
  fallback?: string;
}

/**
 * Only print mode recovers, and not with stream-json output (it is never held back, so the user
 * would see every attempt). `retry.enabled: false` (or --no-retry) turns off both recoveries.
 */
export function retryPlan(
  config: Pick<ResolvedConfig, 'retry' | 'fallbackProfile'>,
  flags: Pick<ClaudeFlags, 'print' | 'outputFormat'>,
): RetryPlan {
  const recover = config.retry.enabled && flags.print && flags.outputFormat !== 'stream-json';
  if (!recover) return { retries: 0 };
  return config.fallbackProfile
    ? { retries: config.retry.max, fallback: config.fallbackProfile }
    : { retries: config.retry.max };
}
