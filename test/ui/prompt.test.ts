// When cr may prompt, and what --ask does with a pick (pure parts; the real prompt is driven in a PTY elsewhere).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { Decision } from '../../src/decide/decide.js';
import { CrError } from '../../src/errors.js';
import { applyPick, askForTier } from '../../src/launch/ask-tier.js';
import { ask, canPrompt, isCI, whyNoPrompt } from '../../src/ui/prompt.js';
import type { AppContext } from '../../src/context.js';

describe('whether cr prompts', () => {
  const table: [boolean, boolean, string | undefined, string | undefined][] = [
    [true, true, undefined, undefined],
    [false, true, undefined, 'stdin is not a terminal'],
    [true, false, undefined, 'stdout is not a terminal'],
    [true, true, 'true', 'CI is set'],
    [true, true, '1', 'CI is set'],
    [true, true, 'github-actions', 'CI is set'],
    [true, true, '0', undefined],
    [true, true, 'false', undefined],
    [true, true, '', undefined],
  ];
  it.each(table)('stdin tty %s, stdout tty %s, CI=%s → %s', (stdinIsTTY, stdoutIsTTY, ci, why) => {
    const ctx = { stdinIsTTY, stdoutIsTTY, env: ci === undefined ? {} : { CI: ci } };
    expect(whyNoPrompt(ctx)).toBe(why);
    expect(canPrompt(ctx)).toBe(why === undefined);
    expect(isCI(ctx.env)).toBe(why === 'CI is set');
  });

  it('refuses to ask where it may not (exit 2), without loading prompts', async () => {
    await expect(
      ask({ stdinIsTTY: false, stdoutIsTTY: true, env: {} }, { type: 'text', name: 'x', message: 'x' }),
    ).rejects.toMatchObject({ exitCode: 2 });
  });
});

const config = {
  ...DEFAULT_CONFIG,
  ask: 'always' as const,
  tiers: { ...DEFAULT_CONFIG.tiers, opus: { model: 'claude-opus-4-7' } },
};
// A decision as decide() makes it for a Sonnet task with ask "always" (built by hand: this tests the prompt, not routing).
const base = (): Decision => ({
  task: 'add a unit test for the date parser',
  tier: 'sonnet',
  model: 'sonnet',
  rule: 'task-type',
  kind: 'route',
  confidence: 0.71,
  signals: { print: false, planMode: false, resume: false, contextThreshold: 40_000 },
  trace: [],
  ask: 'always',
});

describe('applyPick', () => {
  it('another tier: kind and rule "ask", the model through config, what cr recommended as suggested', () => {
    const d = base();
    expect(d.ask).toBeDefined();
    const picked = applyPick(d, 'opus', config);
    expect(picked).toMatchObject({
      tier: 'opus',
      model: 'claude-opus-4-7',
      kind: 'ask',
      rule: 'ask',
      confidence: 1,
      suggested: { tier: d.tier, rule: d.rule },
    });
    expect(picked.ask).toBeUndefined();
  });

  it('the recommended tier keeps its own model and is still recorded as an ask', () => {
    const d = { ...base(), tier: 'opus' as const, model: 'opusplan', rule: 'plan-mode' };
    expect(applyPick(d, 'opus', config)).toMatchObject({
      tier: 'opus',
      model: 'opusplan',
      kind: 'ask',
      suggested: { tier: 'opus', rule: 'plan-mode' },
    });
  });
});

describe('askForTier without a terminal', () => {
  const ctx = { stdinIsTTY: false, stdoutIsTTY: false, env: {}, columns: 80 } as unknown as AppContext;
  it('goes on with the recommendation when config or --ask asks', async () => {
    const d = base();
    expect(await askForTier(ctx, d, config)).toBe(d);
  });

  it('refuses with exit 1 when the budget asks, and says how to choose', async () => {
    const d: Decision = {
      ...base(),
      ask: 'budget',
      signals: {
        ...base().signals,
        budget: { state: 'exceeded', window: 'daily', spent: 21, limit: 20, unit: 'usd', action: 'ask' },
      },
    };
    const error = await askForTier(ctx, d, config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrError);
    expect((error as CrError).exitCode).toBe(1);
    expect((error as CrError).message).toMatch(
      /over the daily budget: \$21\.00 of \$20\.00 daily; .*--opus, --sonnet or --haiku/,
    );
  });

  it('keeps a choice already made with --opus/--model', async () => {
    const d: Decision = { ...base(), kind: 'override', ask: 'budget' };
    expect(await askForTier({ ...ctx, stdinIsTTY: true, stdoutIsTTY: true } as AppContext, d, config)).toBe(d);
  });
});
