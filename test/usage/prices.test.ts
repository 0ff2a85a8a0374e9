import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, costOfUsage, familyOfModel, priceForModel } from '../../src/usage/prices.js';

describe('prices', () => {
  it.each([
    ['claude-opus-4-7', 'opus'],
    ['claude-sonnet-5-5', 'sonnet'],
    ['claude-haiku-4-5-20251001', 'haiku'],
    ['opus', 'opus'],
    ['claude-3-5-Sonnet-latest', 'sonnet'],
    ['gpt-5', undefined],
    ['<synthetic>', undefined],
  ])('family of %s is %s', (id, family) => {
    expect(familyOfModel(id)).toBe(family);
  });

  it('takes a per-id entry first, then the family entry, then the default', () => {
    const prices = { 'claude-opus-4-1': { input: 15, output: 75 }, sonnet: { input: 2, output: 10 } };
    expect(priceForModel('claude-opus-4-1', prices)).toEqual({ input: 15, output: 75 });
    expect(priceForModel('claude-opus-4-7', prices)).toEqual(DEFAULT_PRICES.opus);
    expect(priceForModel('claude-sonnet-5-5', prices)).toEqual({ input: 2, output: 10 });
    expect(priceForModel('mystery-model', prices)).toBeUndefined();
  });

  it('prices cache reads and writes as multiples of input', () => {
    const usage = {
      input: 1_000_000,
      output: 1_000_000,
      cacheWrite5m: 1_000_000,
      cacheWrite1h: 1_000_000,
      cacheRead: 1_000_000,
    };
    // opus: 5 + 25 + 5*1.25 + 5*2 + 5*0.1
    expect(costOfUsage(usage, DEFAULT_PRICES.opus)).toBeCloseTo(46.75, 10);
    expect(costOfUsage(usage, { input: 1, output: 2, cacheRead: 0.5, cacheWrite5m: 1, cacheWrite1h: 3 })).toBeCloseTo(
      1 + 2 + 1 + 3 + 0.5,
      10,
    );
    expect(costOfUsage({ ...usage, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 }, DEFAULT_PRICES.haiku)).toBeCloseTo(
      6,
      10,
    );
  });
});
