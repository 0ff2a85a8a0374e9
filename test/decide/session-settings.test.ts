import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/config/defaults.js';
import {
  sessionEnv,
  sessionSettings,
  setSessionSettings,
  type SessionFacts,
  type SessionTier,
} from '../../src/decide/session-settings.js';
import { sessionSettingLines } from '../../src/report/session-settings-view.js';

function config(extra: Partial<ResolvedConfig>): ResolvedConfig {
  return { ...DEFAULT_CONFIG, ...extra };
}

function facts(extra: Partial<SessionFacts> = {}): SessionFacts {
  return { tierKnown: true, claudeEffort: () => ({ accepted: true }), ...extra };
}

const on = (tier: SessionTier['tier'], rule = 'task-type'): SessionTier => ({ tier, rule });

describe('subagent policy', () => {
  it('"same" (the default) sets nothing', () => {
    const s = sessionSettings(on('opus'), DEFAULT_CONFIG, facts());
    expect(s.subagents).toMatchObject({ policy: 'same' });
    expect(s.subagents.model).toBeUndefined();
    expect(sessionEnv(s)).toEqual({});
    expect(sessionSettingLines(s)).toEqual([]);
  });

  it('"one-below": opus → sonnet, sonnet → haiku, haiku stays; each through the tier’s configured model', () => {
    const c = config({
      subagents: { model: 'one-below' },
      tiers: { ...DEFAULT_CONFIG.tiers, haiku: { model: 'claude-haiku-4-5' } },
    });
    expect(sessionSettings(on('opus'), c, facts()).subagents.model).toBe('sonnet');
    expect(sessionSettings(on('sonnet'), c, facts()).subagents.model).toBe('claude-haiku-4-5');
    expect(sessionSettings(on('haiku'), c, facts()).subagents.model).toBe('claude-haiku-4-5');
    expect(sessionEnv(sessionSettings(on('opus'), c, facts()))).toEqual({ CLAUDE_CODE_SUBAGENT_MODEL: 'sonnet' });
    expect(sessionSettings(on('opus'), c, facts()).subagents.note).toContain('"one-below": opus → sonnet');
  });

  it('a tier maps through config; a full model id is passed as it is', () => {
    const tiers = { ...DEFAULT_CONFIG.tiers, sonnet: { model: 'claude-sonnet-4-5' } };
    expect(
      sessionSettings(on('opus'), config({ subagents: { model: 'sonnet' }, tiers }), facts()).subagents.model,
    ).toBe('claude-sonnet-4-5');
    expect(
      sessionSettings(on('haiku'), config({ subagents: { model: 'claude-opus-4-7' } }), facts()).subagents.model,
    ).toBe('claude-opus-4-7');
  });

  it("the user's own CLAUDE_CODE_SUBAGENT_MODEL wins: cr sets nothing and says so", () => {
    const s = sessionSettings(
      on('opus'),
      config({ subagents: { model: 'haiku' } }),
      facts({ userSubagentModel: 'opus' }),
    );
    expect(s.subagents.model).toBeUndefined();
    expect(sessionEnv(s)).toEqual({});
    expect(sessionSettingLines(s)).toEqual([
      {
        label: 'subagents',
        text: 'your CLAUDE_CODE_SUBAGENT_MODEL=opus wins over subagents.model "haiku" (cr sets nothing)',
      },
    ]);
  });

  it('"one-below" sets nothing for a resumed session whose tier history does not know; a tier still applies', () => {
    expect(
      sessionSettings(on('opus'), config({ subagents: { model: 'one-below' } }), facts({ tierKnown: false })).subagents
        .model,
    ).toBeUndefined();
    expect(
      sessionSettings(on('opus'), config({ subagents: { model: 'haiku' } }), facts({ tierKnown: false })).subagents
        .model,
    ).toBe('haiku');
  });
});

describe('effort', () => {
  const rules: ResolvedConfig['rules'] = [
    { id: 'deep-review', when: { families: ['review'] }, tier: 'opus', effort: 'max' },
    'defaults',
  ];
  const tiers: ResolvedConfig['tiers'] = {
    opus: { model: 'opus', effort: 'high' },
    sonnet: { model: 'sonnet' },
    haiku: { model: 'haiku', effort: 'low' },
  };

  it('nothing configured: no effort, and claude is not asked', () => {
    let asked = false;
    const s = sessionSettings(
      on('opus'),
      DEFAULT_CONFIG,
      facts({ claudeEffort: () => ((asked = true), { accepted: true }) }),
    );
    expect(s.effort).toBeUndefined();
    expect(asked).toBe(false);
  });

  it("the tier's effort, or the deciding rule's while the session is on that rule's tier", () => {
    const c = config({ rules, tiers });
    expect(sessionSettings(on('haiku'), c, facts()).effort).toEqual({
      level: 'low',
      source: 'tiers.haiku.effort',
      passed: true,
    });
    expect(sessionSettings(on('opus', 'deep-review'), c, facts()).effort).toMatchObject({
      level: 'max',
      source: 'rules[0].effort',
    });
    // A cap moved the session off the rule's tier: the tier's effort (here none) applies.
    expect(sessionSettings(on('sonnet', 'deep-review'), c, facts()).effort).toBeUndefined();
    expect(sessionSettings(on('opus', 'override'), c, facts()).effort).toMatchObject({ level: 'high' });
  });

  it('not passed when claude has no --effort, or the user passed their own', () => {
    const c = config({ tiers });
    const old = sessionSettings(
      on('opus'),
      c,
      facts({ claudeEffort: () => ({ accepted: false, why: 'claude 2.1.197 has no --effort' }) }),
    );
    expect(old.effort).toMatchObject({ level: 'high', passed: false, reason: 'claude 2.1.197 has no --effort' });
    expect(sessionSettingLines(old)[0]).toEqual({
      label: 'effort',
      text: 'high (tiers.opus.effort), not passed: claude 2.1.197 has no --effort',
    });
    const own = sessionSettings(on('opus'), c, facts({ userEffort: 'low' }));
    expect(own.effort).toMatchObject({ passed: false, reason: 'you passed --effort low' });
  });

  it('a retry on another tier gets that tier’s settings (and loses an effort it no longer has)', () => {
    const c = config({ tiers, subagents: { model: 'one-below' } });
    const attempt: SessionTier & Parameters<typeof setSessionSettings>[0] = { tier: 'haiku', rule: 'task-type' };
    setSessionSettings(attempt, c, facts());
    expect(attempt.effort).toMatchObject({ level: 'low' });
    attempt.tier = 'sonnet';
    setSessionSettings(attempt, c, facts());
    expect(attempt.effort).toBeUndefined();
    expect(attempt.subagents?.model).toBe('haiku');
  });
});
