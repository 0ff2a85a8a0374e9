import { describe, expect, it } from 'vitest';
import { defaultTier } from '../../../src/decide/rules/default-tier.js';

describe('default tier', () => {
  it.each([
    ['', 'sonnet', 'no-task'],
    ['tidy up', 'haiku', 'no-rule'],
  ] as const)('task %j, default %s → %s', (task, tier, code) => {
    expect(defaultTier({ task, defaultTier: tier })).toEqual({
      pick: { tier, rule: 'default' },
      trace: { rule: 'default', fired: true, code, tier },
    });
  });
});
