import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import type { Override } from '../../../src/decide/decision.js';
import { override } from '../../../src/decide/rules/override.js';
import type { TierChoice } from '../../../src/decide/rules/rule.js';
import type { Tier } from '../../../src/types.js';

const tiers = { ...DEFAULT_CONFIG.tiers, opus: { model: 'claude-opus-9' } };
const routed: TierChoice = { tier: 'sonnet', rule: 'task-type' };

describe('override', () => {
  it.each<[Override | undefined, Tier | undefined, string | undefined]>([
    [undefined, undefined, undefined],
    [{ tier: 'haiku' }, 'haiku', 'haiku'],
    [{ tier: 'opus' }, 'opus', 'claude-opus-9'],
    [{ model: 'opus' }, 'opus', 'opus'],
    [{ model: 'claude-opus-9' }, 'opus', 'claude-opus-9'],
    [{ model: 'claude-haiku-4-5' }, 'haiku', 'claude-haiku-4-5'],
    [{ model: 'glm-4.6' }, 'sonnet', 'glm-4.6'],
  ])('%j → %s on %s', (chosen, tier, model) => {
    expect(override({ override: chosen, tiers }, routed)).toEqual(
      tier ? { tier, model, suggested: { tier: 'sonnet', rule: 'task-type' } } : undefined,
    );
  });
});
