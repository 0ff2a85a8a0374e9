// `--permission-mode plan` takes real reasoning: Opus, or the configured planModel (opusplan).
import type { RuleFacts, RuleVerdict } from './rule.js';

export interface PlanModeTrace {
  rule: 'plan-mode';
  fired: boolean;
  code: 'plan-mode' | 'not-plan-mode';
  /** The model plan mode runs on. */
  model?: string;
}

export function planMode(facts: Pick<RuleFacts, 'planMode' | 'planModel'>): RuleVerdict<PlanModeTrace> {
  if (!facts.planMode) return { trace: { rule: 'plan-mode', fired: false, code: 'not-plan-mode' } };
  return {
    pick: { tier: 'opus', rule: 'plan-mode', model: facts.planModel },
    trace: { rule: 'plan-mode', fired: true, code: 'plan-mode', model: facts.planModel },
  };
}
