// The classifier's tier for the task's words (src/decide/classify-task.ts).
import type { Tier } from '../../types.js';
import type { RuleFacts, RuleVerdict } from './rule.js';

export interface TaskTypeTrace {
  rule: 'task-type';
  fired: boolean;
  /** 'no-task' with nothing to classify; 'classified' otherwise (the evidence is in the classification). */
  code: 'no-task' | 'classified';
  tier?: Tier;
  confidence?: number;
}

export function taskType(facts: Pick<RuleFacts, 'classification'>): RuleVerdict<TaskTypeTrace> {
  const c = facts.classification;
  if (!c) return { trace: { rule: 'task-type', fired: false, code: 'no-task' } };
  return {
    pick: { tier: c.tier, rule: 'task-type' },
    trace: { rule: 'task-type', fired: true, code: 'classified', tier: c.tier, confidence: c.confidence },
  };
}
