import { describe, expect, it } from 'vitest';
import type { BudgetVerdict, OnExceed } from '../../../src/decide/decision.js';
import { budget } from '../../../src/decide/rules/budget.js';
import type { TierChoice } from '../../../src/decide/rules/rule.js';
import type { Tier } from '../../../src/types.js';

const spend = (state: BudgetVerdict['state'], action: OnExceed): BudgetVerdict => ({
  state,
  window: 'daily',
  spent: 12,
  limit: 10,
  unit: 'usd',
  action,
});
const pick = (tier: Tier): TierChoice => ({ tier, rule: 'task-type', model: 'x' });

describe('budget', () => {
  it('no budget: no trace', () => {
    expect(budget({}, pick('opus'))).toEqual({ pick: pick('opus') });
  });

  it.each<[string, BudgetVerdict, Tier, Tier | undefined, Tier | undefined, string | undefined]>([
    ['under the limit', spend('ok', 'downgrade'), 'opus', undefined, undefined, undefined],
    ['past warnAt', spend('warn', 'block'), 'opus', undefined, undefined, undefined],
    ['over: downgrade steps down a tier', spend('exceeded', 'downgrade'), 'opus', 'sonnet', 'sonnet', undefined],
    ['over: downgrade from haiku stays', spend('exceeded', 'downgrade'), 'haiku', undefined, 'haiku', undefined],
    ['over: cap:haiku', spend('exceeded', 'cap:haiku'), 'opus', 'haiku', 'haiku', undefined],
    ['over: cap:sonnet leaves haiku alone', spend('exceeded', 'cap:sonnet'), 'haiku', undefined, 'haiku', undefined],
    ['over: block', spend('exceeded', 'block'), 'opus', undefined, undefined, 'block'],
    ['over: ask', spend('exceeded', 'ask'), 'opus', undefined, undefined, 'ask'],
  ])('%s', (_, verdict, from, lowered, limit, stop) => {
    const v = budget({ budget: verdict }, pick(from));
    expect(v.trace).toEqual({
      rule: 'budget',
      fired: verdict.state === 'exceeded',
      code: verdict.state,
      budget: verdict,
    });
    expect(v.pick).toEqual(lowered ? { tier: lowered, rule: 'budget', model: undefined } : pick(from));
    expect(v.cap).toEqual(
      lowered ? { by: 'budget', action: verdict.action, from, to: lowered, rule: 'task-type' } : undefined,
    );
    expect(v.limit).toEqual(limit ? { by: 'budget', action: verdict.action, to: limit } : undefined);
    expect(v.stop).toBe(stop);
  });
});
