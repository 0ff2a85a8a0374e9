// The user's past choices on similar tasks (src/learn computes them at the edge): they decide when
// they outweigh the classifier.
import type { Tier } from '../../types.js';
import type { RuleFacts, RuleVerdict } from './rule.js';

export interface LearnedTrace {
  rule: 'learned';
  fired: boolean;
  /**
   * 'off' in config; 'none' when no past task is similar; 'agrees' when they agree with the
   * classifier; 'not-enough' when they lean elsewhere too weakly; 'changed' when they decide.
   */
  code: 'off' | 'none' | 'agrees' | 'not-enough' | 'changed';
  /** The tier the similar past tasks lean to. */
  lean?: Tier;
}

export function learned(facts: Pick<RuleFacts, 'learnEnabled' | 'learned'>): RuleVerdict<LearnedTrace> {
  const verdict = facts.learned;
  if (!facts.learnEnabled) return { trace: { rule: 'learned', fired: false, code: 'off' } };
  if (!verdict) return { trace: { rule: 'learned', fired: false, code: 'none' } };
  const lean = verdict.lean;
  if (!verdict.changed) {
    const code = lean === verdict.against.tier ? 'agrees' : 'not-enough';
    return { trace: { rule: 'learned', fired: false, code, lean } };
  }
  return {
    pick: { tier: verdict.tier, rule: 'learned' },
    trace: { rule: 'learned', fired: true, code: 'changed', lean },
  };
}
