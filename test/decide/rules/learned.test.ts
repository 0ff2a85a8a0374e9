import { describe, expect, it } from 'vitest';
import type { LearnedVerdict } from '../../../src/decide/decision.js';
import { learned } from '../../../src/decide/rules/learned.js';

const verdict = (v: Partial<LearnedVerdict>): LearnedVerdict => ({
  tier: 'sonnet',
  changed: false,
  lean: 'sonnet',
  chosen: 0,
  kept: 2,
  leanVotes: 1,
  against: { tier: 'sonnet', votes: 2 },
  examples: [],
  ...v,
});

describe('learned', () => {
  it.each([
    ['learning off', false, verdict({ tier: 'opus', changed: true, lean: 'opus' }), undefined, 'off'],
    ['no similar past task', true, undefined, undefined, 'none'],
    ['past choices agree', true, verdict({}), undefined, 'agrees'],
    ['leaning elsewhere, too weakly', true, verdict({ lean: 'opus', chosen: 1 }), undefined, 'not-enough'],
    ['past choices decide', true, verdict({ tier: 'opus', changed: true, lean: 'opus', chosen: 3 }), 'opus', 'changed'],
  ] as const)('%s', (_, learnEnabled, learnedVerdict, tier, code) => {
    const v = learned({ learnEnabled, learned: learnedVerdict });
    expect(v.pick).toEqual(tier ? { tier, rule: 'learned' } : undefined);
    expect(v.trace).toMatchObject({ rule: 'learned', fired: tier !== undefined, code });
  });
});
