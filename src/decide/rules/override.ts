// A tier or model the user named (--opus, --model …) wins over every rule and ceiling; what cr
// would have picked is kept as `suggested`.
import { isTier, TIERS, type Tier } from '../../types.js';
import type { RuleFacts, TierChoice } from './rule.js';

export interface OverrideVerdict {
  tier: Tier;
  model: string;
  suggested: { tier: Tier; rule: string };
}

/** The tier a --model string stands for: an alias, a tier's configured model, or a family in its name. */
function tierOfModel(model: string, tiers: RuleFacts['tiers']): Tier | undefined {
  if (isTier(model)) return model;
  for (const tier of TIERS) if (tiers[tier].model === model) return tier;
  const lower = model.toLowerCase();
  return TIERS.find((tier) => lower.includes(tier));
}

export function override(facts: Pick<RuleFacts, 'override' | 'tiers'>, pick: TierChoice): OverrideVerdict | undefined {
  const chosen = facts.override;
  if (!chosen?.model && !chosen?.tier) return undefined;
  const tier = chosen.tier ?? (chosen.model ? tierOfModel(chosen.model, facts.tiers) : undefined) ?? pick.tier;
  return {
    tier,
    model: chosen.model ?? facts.tiers[tier].model,
    suggested: { tier: pick.tier, rule: pick.rule },
  };
}
