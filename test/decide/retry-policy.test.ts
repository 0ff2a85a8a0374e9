import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { readClaudeFlags } from '../../src/decide/claude-flags.js';
import type { TierLimit } from '../../src/decide/decision.js';
import { retryPlan, retryStep } from '../../src/decide/retry-policy.js';

describe('retryStep', () => {
  it('climbs one tier, and not above opus', () => {
    expect(retryStep({ tier: 'haiku', kind: 'route' })).toEqual({ tier: 'sonnet' });
    expect(retryStep({ tier: 'sonnet', kind: 'route' })).toEqual({ tier: 'opus' });
    expect(retryStep({ tier: 'opus', kind: 'route' })).toEqual({});
  });

  it('is held by a schedule or budget ceiling in force, whether or not it lowered the pick, and says which', () => {
    const schedule: TierLimit = { by: 'schedule', to: 'sonnet', window: { name: 'day', from: '09:00', to: '18:00' } };
    expect(retryStep({ tier: 'sonnet', kind: 'route', limits: [schedule] })).toEqual({ heldBy: schedule });
    const budget: TierLimit = { by: 'budget', to: 'haiku', action: 'cap:haiku' };
    expect(retryStep({ tier: 'haiku', kind: 'route', limits: [budget] })).toEqual({ heldBy: budget });
    // A ceiling above the next tier does not hold it: haiku under a sonnet ceiling may retry on sonnet.
    expect(retryStep({ tier: 'haiku', kind: 'route', limits: [schedule] })).toEqual({ tier: 'sonnet' });
  });

  it('a tier flag overrides the ceilings, for the retry too', () => {
    const schedule: TierLimit = { by: 'schedule', to: 'sonnet', window: { from: '09:00', to: '18:00' } };
    expect(retryStep({ tier: 'sonnet', kind: 'override', limits: [schedule] })).toEqual({ tier: 'opus' });
  });
});

describe('retryPlan', () => {
  const config = { ...DEFAULT_CONFIG, retry: { enabled: true, max: 2 }, fallbackProfile: 'backup' };
  it.each([
    ['print mode: retries and the fallback', ['-p'], config, { retries: 2, fallback: 'backup' }],
    ['print mode, json output', ['-p', '--output-format', 'json'], config, { retries: 2, fallback: 'backup' }],
    ['interactive: none', [], config, { retries: 0 }],
    ['stream-json is never held back: none', ['-p', '--output-format', 'stream-json'], config, { retries: 0 }],
    ['retry off: none', ['-p'], { ...config, retry: { enabled: false, max: 2 } }, { retries: 0 }],
    ['no fallback profile', ['-p'], DEFAULT_CONFIG, { retries: 1 }],
  ])('%s', (_, args, cfg, plan) => {
    expect(retryPlan(cfg, readClaudeFlags(args))).toEqual(plan);
  });
});
