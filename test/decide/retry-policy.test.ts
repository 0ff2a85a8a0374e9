import { describe, expect, it } from 'vitest';
import { judgeAttempt, retryStep } from '../../src/decide/retry-policy.js';

describe('retryStep', () => {
  it('climbs one tier, and not above opus', () => {
    expect(retryStep({ tier: 'haiku', kind: 'route' })).toEqual({ tier: 'sonnet' });
    expect(retryStep({ tier: 'sonnet', kind: 'route' })).toEqual({ tier: 'opus' });
    expect(retryStep({ tier: 'opus', kind: 'route' })).toEqual({});
  });

  it('is held by a schedule or budget ceiling in force, whether or not it lowered the pick, and says which', () => {
    const schedule = { by: 'schedule' as const, to: 'sonnet' as const, source: 'schedule "day" 09:00–18:00' };
    expect(retryStep({ tier: 'sonnet', kind: 'route', limits: [schedule] })).toEqual({
      heldBy: 'schedule "day" 09:00–18:00',
    });
    const budget = {
      by: 'budget' as const,
      to: 'haiku' as const,
      source: 'onExceed "cap:haiku"',
      figures: '$3.00 of $2.00 daily',
    };
    expect(retryStep({ tier: 'haiku', kind: 'route', limits: [budget] })).toEqual({
      heldBy: 'the budget (onExceed "cap:haiku", $3.00 of $2.00 daily)',
    });
    // A ceiling above the next tier does not hold it: haiku under a sonnet ceiling may retry on sonnet.
    expect(retryStep({ tier: 'haiku', kind: 'route', limits: [schedule] })).toEqual({ tier: 'sonnet' });
  });

  it('a tier flag overrides the ceilings, for the retry too', () => {
    const schedule = { by: 'schedule' as const, to: 'sonnet' as const, source: 'schedule "day"' };
    expect(retryStep({ tier: 'sonnet', kind: 'override', limits: [schedule] })).toEqual({ tier: 'opus' });
  });
});

describe('judgeAttempt', () => {
  it('retries a non-zero exit, an error result and a refusal; accepts an answer', () => {
    expect(judgeAttempt({ exitCode: 2, stdout: '', outputFormat: 'text' }).retry).toBe(true);
    expect(judgeAttempt({ exitCode: 0, stdout: '{"is_error":true,"result":"x"}', outputFormat: 'json' }).retry).toBe(
      true,
    );
    expect(
      judgeAttempt({ exitCode: 0, stdout: "I'm sorry, but I can't help with that.", outputFormat: 'text' }).retry,
    ).toBe(true);
    expect(judgeAttempt({ exitCode: 0, stdout: 'Here is the converted file.', outputFormat: 'text' }).retry).toBe(
      false,
    );
  });
});
