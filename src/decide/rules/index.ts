// The rule registry. A built-in rule of the ordered list is one file in this folder and one line
// in BUILTIN_RULES (see docs/routing.md, "How to add a rule").
import type { RuleEntry } from '../../config/schema.js';
import type { BudgetTrace } from './budget.js';
import { customRule, type CustomRuleTrace } from './custom-rule.js';
import type { DefaultTrace } from './default-tier.js';
import { learned } from './learned.js';
import { longContext } from './long-context.js';
import { planMode } from './plan-mode.js';
import type { RuleFacts, RuleVerdict } from './rule.js';
import type { ScheduleTrace } from './schedule.js';
import { taskType } from './task-type.js';

/** The built-in rules of the ordered list, in their default order: "defaults" in config stands for them. */
export const BUILTIN_RULES = {
  'plan-mode': planMode,
  'long-context': longContext,
  learned,
  'task-type': taskType,
} satisfies Record<string, (facts: RuleFacts) => RuleVerdict>;

export type BuiltinRuleId = keyof typeof BUILTIN_RULES;
export const BUILTIN_RULE_IDS = Object.keys(BUILTIN_RULES) as [BuiltinRuleId, ...BuiltinRuleId[]];

/** Any rule's trace entry: the built-ins', a custom rule's, the default's and the ceilings'. */
export type RuleTrace =
  | ReturnType<(typeof BUILTIN_RULES)[BuiltinRuleId]>['trace']
  | CustomRuleTrace
  | DefaultTrace
  | ScheduleTrace
  | BudgetTrace;

/** A rule of the ordered list. The first whose verdict has a pick decides. */
export type Rule = (facts: RuleFacts) => RuleVerdict<RuleTrace>;

/** The configured rule list as functions, "defaults" expanded to the built-ins. */
export function rulesInOrder(entries: readonly RuleEntry[]): Rule[] {
  return entries.flatMap((entry): Rule[] => {
    if (entry === 'defaults') return BUILTIN_RULE_IDS.map((id) => BUILTIN_RULES[id]);
    return [typeof entry === 'string' ? BUILTIN_RULES[entry] : customRule(entry)];
  });
}
