import { describe, expect, it } from 'vitest';
import { planMode } from '../../../src/decide/rules/plan-mode.js';

describe('plan-mode', () => {
  it.each([
    [{ planMode: false, planModel: 'opus' }, undefined, 'not-plan-mode'],
    [{ planMode: true, planModel: 'opus' }, { tier: 'opus', rule: 'plan-mode', model: 'opus' }, 'plan-mode'],
    [{ planMode: true, planModel: 'opusplan' }, { tier: 'opus', rule: 'plan-mode', model: 'opusplan' }, 'plan-mode'],
  ])('%j → %j (%s)', (facts, pick, code) => {
    const verdict = planMode(facts);
    expect(verdict.pick).toEqual(pick);
    expect(verdict.trace).toMatchObject({ rule: 'plan-mode', fired: pick !== undefined, code });
  });
});
