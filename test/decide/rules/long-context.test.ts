import { describe, expect, it } from 'vitest';
import { contextNeedOf, longContext } from '../../../src/decide/rules/long-context.js';
import type { ContextNeed } from '../../../src/decide/rules/rule.js';
import type { Tier } from '../../../src/types.js';

const on = { enabled: true, threshold: 40_000 };

describe('long-context', () => {
  it.each<
    [
      string,
      { enabled: boolean; threshold: number },
      number | undefined,
      ContextNeed | undefined,
      Tier | undefined,
      string,
    ]
  >([
    ['turned off', { enabled: false, threshold: 40_000 }, 90_000, 'reasoning', undefined, 'off'],
    ['not measured', on, undefined, 'reasoning', undefined, 'short'],
    ['below the threshold', on, 39_999, 'reasoning', undefined, 'short'],
    ['long, no task to read', on, 40_000, undefined, undefined, 'no-task'],
    ['long reasoning → opus', on, 40_000, 'reasoning', 'opus', 'reasoning'],
    ['long extraction → sonnet', on, 90_000, 'extraction', 'sonnet', 'extraction'],
    ['long ordinary work stays', on, 90_000, 'ordinary', undefined, 'ordinary'],
  ])('%s', (_, longContextSetting, contextTokens, contextNeed, tier, code) => {
    const verdict = longContext({ longContext: longContextSetting, contextTokens, contextNeed });
    expect(verdict.pick?.tier).toBe(tier);
    expect(verdict.trace).toEqual({
      rule: 'long-context',
      fired: tier !== undefined,
      code,
      tokens: contextTokens ?? 0,
      threshold: longContextSetting.threshold,
    });
  });

  it.each([
    ['opus', 'reasoning'],
    ['haiku', 'extraction'],
    ['sonnet', 'ordinary'],
  ] as const)('when the words say nothing, the need follows the tier: %s → %s', (tier, need) => {
    expect(contextNeedOf({ tier, contextNeed: 'ordinary' })).toBe(need);
  });

  it.each([
    ['sonnet', 'reasoning', 'reasoning'],
    ['haiku', 'reasoning', 'reasoning'],
    ['sonnet', 'extraction', 'extraction'],
    ['opus', 'extraction', 'reasoning'],
  ] as const)('a %s task whose words ask for %s: %s (opus work is never moved down)', (tier, words, need) => {
    expect(contextNeedOf({ tier, contextNeed: words })).toBe(need);
  });
});
