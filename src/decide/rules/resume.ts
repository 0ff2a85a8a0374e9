// A resumed session (--resume, --continue) keeps the model it was started with: cr passes no
// --model, and records the tier the session started on when history knows it.
import type { Tier } from '../../types.js';
import type { RuleFacts, TierChoice } from './rule.js';

export function resume(facts: Pick<RuleFacts, 'resume' | 'resumed'>, pick: TierChoice): { tier: Tier } | undefined {
  if (!facts.resume) return undefined;
  return { tier: facts.resumed?.tier ?? pick.tier };
}
