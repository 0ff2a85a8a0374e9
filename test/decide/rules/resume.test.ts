import { describe, expect, it } from 'vitest';
import { resume } from '../../../src/decide/rules/resume.js';
import type { TierChoice } from '../../../src/decide/rules/rule.js';
import type { Tier } from '../../../src/types.js';

const routed: TierChoice = { tier: 'sonnet', rule: 'task-type' };

describe('resume', () => {
  it.each<[boolean, { tier: Tier; sessionId: string } | undefined, Tier | undefined]>([
    [false, undefined, undefined],
    [true, undefined, 'sonnet'],
    [true, { tier: 'opus', sessionId: 's' }, 'opus'],
  ])('resume %s, started on %j → %s', (isResume, resumed, tier) => {
    expect(resume({ resume: isResume, resumed }, routed)).toEqual(tier ? { tier } : undefined);
  });
});
