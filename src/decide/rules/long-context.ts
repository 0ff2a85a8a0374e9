// A large starting context: reasoning over it goes to Opus; extraction or formatting goes to Sonnet
// (with prompt caching), not Haiku; ordinary Sonnet work stays where the rules below put it.
import type { Classification, Tier } from '../../types.js';
import type { ContextNeed, RuleFacts, RuleVerdict } from './rule.js';

export interface LongContextTrace {
  rule: 'long-context';
  fired: boolean;
  /** 'off' in config, 'short' below the threshold, 'no-task' with nothing to classify, or the need it saw. */
  code: 'off' | 'short' | 'no-task' | ContextNeed;
  tokens: number;
  threshold: number;
}

/** The tier a long context needs, by what it is for; ordinary work has no say. */
const TIER_FOR_NEED: Record<ContextNeed, Tier | undefined> = {
  reasoning: 'opus',
  extraction: 'sonnet',
  ordinary: undefined,
};

/**
 * What a long context is for, from the task's words (the classifier's contextNeed: "why",
 * "diagnose" → reasoning; "extract", "list" → extraction) and its tier: reasoning when either says
 * so (opus work reasons over its input), else extraction when either says so (haiku work extracts
 * from it). A long input never moves Opus work down.
 */
export function contextNeedOf(classification: Pick<Classification, 'tier' | 'contextNeed'>): ContextNeed {
  const { tier, contextNeed } = classification;
  if (contextNeed === 'reasoning' || tier === 'opus') return 'reasoning';
  if (contextNeed === 'extraction' || tier === 'haiku') return 'extraction';
  return 'ordinary';
}

export function longContext(
  facts: Pick<RuleFacts, 'longContext' | 'contextTokens' | 'contextNeed'>,
): RuleVerdict<LongContextTrace> {
  const { enabled, threshold } = facts.longContext;
  const tokens = facts.contextTokens ?? 0;
  const seen = (code: LongContextTrace['code'], fired = false): LongContextTrace => ({
    rule: 'long-context',
    fired,
    code,
    tokens,
    threshold,
  });
  if (!enabled) return { trace: seen('off') };
  if (facts.contextTokens === undefined || tokens < threshold) return { trace: seen('short') };
  if (!facts.contextNeed) return { trace: seen('no-task') };
  const tier = TIER_FOR_NEED[facts.contextNeed];
  if (!tier) return { trace: seen(facts.contextNeed) };
  return { pick: { tier, rule: 'long-context' }, trace: seen(facts.contextNeed, true) };
}
