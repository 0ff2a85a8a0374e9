// When no rule in the list fired: the configured default tier (Sonnet, by the routing guide).
import type { Tier } from '../../types.js';
import type { RuleFacts, TierChoice } from './rule.js';

export interface DefaultTrace {
  rule: 'default';
  fired: true;
  /** 'no-task' when there was no task to route, 'no-rule' when none of the rules fired. */
  code: 'no-task' | 'no-rule';
  tier: Tier;
}

export function defaultTier(facts: Pick<RuleFacts, 'task' | 'defaultTier'>): { pick: TierChoice; trace: DefaultTrace } {
  const tier = facts.defaultTier;
  return {
    pick: { tier, rule: 'default' },
    trace: { rule: 'default', fired: true, code: facts.task ? 'no-rule' : 'no-task', tier },
  };
}
