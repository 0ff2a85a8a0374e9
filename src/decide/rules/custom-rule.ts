// The user's own rules from config `rules`: conditions on the task, the classification, flags and
// size; the first that matches decides, with its tier, model and profile.
import type { CustomRule } from '../../config/schema.js';
import type { Tier } from '../../types.js';
import type { RuleFacts, RuleVerdict } from './rule.js';
import { matchesUserPattern } from '../user-pattern.js';

export interface CustomRuleTrace {
  rule: 'custom';
  /** The rule's id in config. */
  id: string;
  fired: boolean;
  code: 'matched' | 'no-match';
  /** The first condition of `when` that did not hold. */
  unmet?: keyof CustomRule['when'];
  tier: Tier;
  description?: string;
}

type CustomFacts = Pick<RuleFacts, 'task' | 'classification' | 'print' | 'planMode' | 'contextTokens'>;

/** The first condition of the rule that the request does not meet; undefined when all hold. */
function unmetCondition(when: CustomRule['when'], facts: CustomFacts): keyof CustomRule['when'] | undefined {
  const c = facts.classification;
  const tokens = facts.contextTokens ?? 0;
  if (when.pattern !== undefined && !matchesUserPattern(when.pattern, facts.task)) return 'pattern';
  if (when.families && !(c && when.families.includes(c.family))) return 'families';
  if (when.classifiedAs && !(c && when.classifiedAs.includes(c.tier))) return 'classifiedAs';
  if (when.print !== undefined && when.print !== facts.print) return 'print';
  if (when.planMode !== undefined && when.planMode !== facts.planMode) return 'planMode';
  if (when.minTokens !== undefined && tokens < when.minTokens) return 'minTokens';
  if (when.maxTokens !== undefined && tokens > when.maxTokens) return 'maxTokens';
  return undefined;
}

/** The rule function for one custom rule of the config. */
export function customRule(rule: CustomRule): (facts: CustomFacts) => RuleVerdict<CustomRuleTrace> {
  return (facts) => {
    const unmet = unmetCondition(rule.when, facts);
    const trace: CustomRuleTrace = {
      rule: 'custom',
      id: rule.id,
      fired: unmet === undefined,
      code: unmet === undefined ? 'matched' : 'no-match',
      tier: rule.tier,
    };
    if (unmet) trace.unmet = unmet;
    if (rule.description !== undefined) trace.description = rule.description;
    if (unmet) return { trace };
    return { pick: { tier: rule.tier, rule: rule.id, model: rule.model, profile: rule.profile }, trace };
  };
}
