// The budget ceiling: over the limit, onExceed steps the pick down a tier ("downgrade"), caps it
// ("cap:haiku"), refuses to start ("block") or asks for the tier ("ask"); near it, a warning.
import { minTier, tierBelow, type Tier } from '../../types.js';
import type { BudgetVerdict } from '../decision.js';
import type { CeilingVerdict, RuleFacts, TierChoice } from './rule.js';

export interface BudgetTrace {
  rule: 'budget';
  fired: boolean;
  /** Where spend stands: 'ok', 'warn' (past warnAt) or 'exceeded'. */
  code: BudgetVerdict['state'];
  budget: BudgetVerdict;
}

export function budget(
  facts: Pick<RuleFacts, 'budget'>,
  pick: TierChoice,
): CeilingVerdict<BudgetTrace> & { stop?: 'block' | 'ask' } {
  const spend = facts.budget;
  if (!spend) return { pick };
  const trace: BudgetTrace = { rule: 'budget', fired: spend.state === 'exceeded', code: spend.state, budget: spend };
  if (spend.state !== 'exceeded') return { pick, trace };
  const action = spend.action;
  if (action === 'block' || action === 'ask') return { pick, trace, stop: action };
  const ceiling =
    action === 'downgrade' ? (tierBelow(pick.tier) ?? pick.tier) : minTier(pick.tier, action.slice(4) as Tier);
  const limit = { by: 'budget' as const, action, to: ceiling };
  if (ceiling === pick.tier) return { pick, limit, trace };
  return {
    pick: { ...pick, tier: ceiling, rule: 'budget', model: undefined },
    limit,
    cap: { by: 'budget', action, from: pick.tier, to: ceiling, rule: pick.rule },
    trace,
  };
}
