import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/config/defaults.js';
import { readClaudeFlags } from '../../src/decide/claude-flags.js';
import { decide, type DecideInput } from '../../src/decide/decide.js';
import { buildClaudeArgv } from '../../src/decide/build-argv.js';
import { askText, blockedText, decisionWarnings } from '../../src/report/decision-words.js';
import { loadUserPatternEngine } from '../../src/decide/user-pattern.js';

// Custom rules' patterns run on RE2, which the config loader loads when a config has patterns.
beforeAll(loadUserPatternEngine);

const NOW = new Date('2026-11-26T14:00:00Z'); // a Thursday

function input(
  task: string,
  args: string[] = [],
  config: Partial<ResolvedConfig> = {},
  extra: Partial<DecideInput> = {},
): DecideInput {
  return {
    task,
    flags: readClaudeFlags(args),
    config: { ...DEFAULT_CONFIG, ...config },
    now: NOW,
    timeZone: () => 'UTC',
    ...extra,
  };
}

describe('decide', () => {
  it('no task: the default tier, or the configured one', () => {
    expect(decide(input(''))).toMatchObject({ tier: 'sonnet', model: 'sonnet', rule: 'default', confidence: 1 });
    expect(decide(input('', [], { defaultTier: 'haiku' }))).toMatchObject({ tier: 'haiku', rule: 'default' });
  });

  it('plan mode routes to opus, or to the configured plan model', () => {
    expect(decide(input('tidy up', ['--permission-mode', 'plan']))).toMatchObject({
      tier: 'opus',
      model: 'opus',
      rule: 'plan-mode',
    });
    expect(decide(input('tidy up', ['--permission-mode', 'plan'], { planModel: 'opusplan' }))).toMatchObject({
      tier: 'opus',
      model: 'opusplan',
    });
  });

  it('resume keeps the session model (model null) unless overridden', () => {
    expect(decide(input('go on', ['-c']))).toMatchObject({ model: null, rule: 'resume', kind: 'resume' });
    expect(decide(input('go on', ['-c'], {}, { override: { tier: 'opus' } }))).toMatchObject({
      model: 'opus',
      kind: 'override',
    });
  });

  it('an override wins and remembers what cr would have picked', () => {
    const d = decide(input('', [], {}, { override: { tier: 'haiku' } }));
    expect(d).toMatchObject({
      tier: 'haiku',
      model: 'haiku',
      rule: 'override',
      kind: 'override',
      suggested: { tier: 'sonnet', rule: 'default' },
    });
    const id = decide(input('', [], {}, { override: { model: 'claude-opus-4-7' } }));
    expect(id).toMatchObject({ tier: 'opus', model: 'claude-opus-4-7' });
  });

  it('maps tiers to pinned model ids from config', () => {
    const tiers = { ...DEFAULT_CONFIG.tiers, sonnet: { model: 'claude-sonnet-4-6' } };
    expect(decide(input('', [], { tiers })).model).toBe('claude-sonnet-4-6');
  });

  it('custom rules run in the configured order and can replace the defaults', () => {
    const rules: ResolvedConfig['rules'] = [
      { id: 'docs-cheap', when: { pattern: '\\breadme\\b' }, tier: 'haiku' },
      'defaults',
    ];
    expect(decide(input('update the README', [], { rules }))).toMatchObject({ tier: 'haiku', rule: 'docs-cheap' });
    const planFirst: ResolvedConfig['rules'] = [
      { id: 'print-cheap', when: { print: true }, tier: 'haiku' },
      'plan-mode',
    ];
    expect(decide(input('anything', ['-p', '--permission-mode', 'plan'], { rules: planFirst }))).toMatchObject({
      tier: 'haiku',
      rule: 'print-cheap',
    });
    // Without task-type in the list, a task falls to the default tier.
    expect(decide(input('design the whole architecture', [], { rules: ['plan-mode'] }))).toMatchObject({
      tier: 'sonnet',
      rule: 'default',
    });
  });

  it('every rule that looked shows up in the trace', () => {
    const d = decide(input('write unit tests for the date utils'));
    expect(d.trace.map((t) => t.rule)).toEqual(['plan-mode', 'long-context', 'learned', 'task-type']);
    expect(d.trace.at(-1)!.fired).toBe(true);
  });

  it('a schedule window caps the tier and sets the default tier', () => {
    const schedule = [{ from: '13:00', to: '15:00', maxTier: 'sonnet' as const, defaultTier: 'haiku' as const }];
    expect(decide(input('', [], { schedule }))).toMatchObject({ tier: 'haiku', rule: 'schedule' });
    const capped = decide(
      input('', [], { schedule }, { override: undefined, flags: readClaudeFlags(['--permission-mode', 'plan']) }),
    );
    expect(capped).toMatchObject({ tier: 'sonnet', rule: 'schedule' });
    const outside = decide(
      input('', ['--permission-mode', 'plan'], { schedule: [{ from: '22:00', to: '07:00', maxTier: 'haiku' }] }),
    );
    expect(outside).toMatchObject({ tier: 'opus', rule: 'plan-mode' });
  });

  it('a budget verdict steps down, caps, blocks or asks', () => {
    const over = { state: 'exceeded' as const, window: 'daily' as const, spent: 12, limit: 10, unit: 'usd' as const };
    const plan = ['--permission-mode', 'plan'];
    expect(decide(input('x', plan, {}, { budget: { ...over, action: 'downgrade' } }))).toMatchObject({
      tier: 'sonnet',
      rule: 'budget',
    });
    expect(decide(input('x', plan, {}, { budget: { ...over, action: 'cap:haiku' } }))).toMatchObject({
      tier: 'haiku',
      rule: 'budget',
    });
    const blocked = decide(input('x', plan, {}, { budget: { ...over, action: 'block' } }));
    expect(blocked).toMatchObject({ tier: 'opus', blocked: true });
    expect(blockedText(blocked)).toMatch(/\$12\.00 of \$10\.00 daily/);
    const asks = decide(input('x', plan, {}, { budget: { ...over, action: 'ask' } }));
    expect(asks.ask).toBe('budget');
    expect(askText(asks)).toMatch(/over the daily budget/);
    const warn = decide(input('x', plan, {}, { budget: { ...over, spent: 8.5, state: 'warn', action: 'block' } }));
    expect(warn).toMatchObject({ tier: 'opus' });
    expect(warn.blocked).toBeUndefined();
    expect(decisionWarnings(warn)[0]).toMatch(/\$8\.50 of \$10\.00/);
  });

  it('caps record what a ceiling lowered, and only when it lowered something', () => {
    const over = { state: 'exceeded' as const, window: 'daily' as const, spent: 12, limit: 10, unit: 'usd' as const };
    const plan = ['--permission-mode', 'plan'];
    const schedule = [{ name: 'day', from: '13:00', to: '15:00', maxTier: 'sonnet' as const }];
    expect(decide(input('x', plan, { schedule })).caps).toEqual([
      { by: 'schedule', window: schedule[0], from: 'opus', to: 'sonnet', rule: 'plan-mode' },
    ]);
    // A schedule cap, then the budget steps down from what the schedule left.
    const both = decide(input('x', plan, { schedule }, { budget: { ...over, action: 'downgrade' } }));
    expect(both).toMatchObject({ tier: 'haiku', rule: 'budget' });
    expect(both.caps).toEqual([
      expect.objectContaining({ by: 'schedule', from: 'opus', to: 'sonnet' }),
      { by: 'budget', action: 'downgrade', from: 'sonnet', to: 'haiku', rule: 'schedule' },
    ]);
    // Already at or below the ceiling: nothing lowered, no cap.
    expect(decide(input('', [], { schedule })).caps).toBeUndefined();
    expect(decide(input('', [], {}, { budget: { ...over, action: 'cap:sonnet' } }))).toMatchObject({
      tier: 'sonnet',
      rule: 'default',
    });
    expect(decide(input('', [], {}, { budget: { ...over, action: 'cap:sonnet' } })).caps).toBeUndefined();
    // An override wins over the caps; the record of them stays.
    const forced = decide(input('x', plan, { schedule }, { override: { tier: 'opus' } }));
    expect(forced).toMatchObject({ tier: 'opus', rule: 'override', suggested: { tier: 'sonnet', rule: 'schedule' } });
    expect(forced.caps).toHaveLength(1);
  });

  it('long context: formulaic work goes to sonnet, reasoning to opus', () => {
    const big = { tokens: 50_000, parts: [{ source: 'stdin', tokens: 50_000 }] };
    const small = { tokens: 100, parts: [] };
    const haikuTask = 'convert this CSV to JSON';
    const opusTask = 'review this pull request for correctness and security issues';
    expect(decide(input(haikuTask, [], {}, { context: small })).tier).toBe('haiku');
    expect(decide(input(haikuTask, [], {}, { context: big }))).toMatchObject({ tier: 'sonnet', rule: 'long-context' });
    expect(decide(input(opusTask, [], {}, { context: big }))).toMatchObject({ tier: 'opus', rule: 'long-context' });
    expect(
      decide(input(haikuTask, [], { longContext: { enabled: false, threshold: 40_000 } }, { context: big })).tier,
    ).toBe('haiku');
  });
});

describe('the decision core', () => {
  it('imports nothing from ui/, report/, launch/ or usage/ (words, effects and I/O live at the edges)', () => {
    const root = fileURLToPath(new URL('../../src/decide/', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files).toContain(path.join('rules', 'plan-mode.ts'));
    for (const file of files) {
      const source = readFileSync(path.join(root, file), 'utf8');
      for (const [, target] of source.matchAll(/from '([^']+)'/g)) {
        const resolved = path.relative(root, path.resolve(root, path.dirname(file), target!));
        expect(resolved, `${file} imports ${target}`).not.toMatch(/^\.\.\/(ui|report|launch|usage)\//);
      }
    }
  });
});

describe('buildClaudeArgv', () => {
  const flags = readClaudeFlags([]);
  it.each([
    [
      { model: 'opus', sessionId: 'S', claudeArgs: ['-p'], task: 't' },
      ['--model', 'opus', '--session-id', 'S', '-p', 't'],
    ],
    [{ model: null, claudeArgs: ['-c'], task: '' }, ['-c']],
    [
      { model: 'sonnet', fallbackModel: 'haiku', claudeArgs: [], task: 't' },
      ['--model', 'sonnet', '--fallback-model', 'haiku', 't'],
    ],
    [{ model: 'haiku', fallbackModel: 'haiku', claudeArgs: [], task: 't' }, ['--model', 'haiku', 't']],
  ])('%j', (partial, args) => {
    expect(buildClaudeArgv({ claudePath: 'claude', flags, fallbackModel: false, ...partial }).args).toEqual(args);
  });
  it('a user --fallback-model wins over config', () => {
    const f = readClaudeFlags(['--fallback-model', 'x']);
    expect(
      buildClaudeArgv({
        claudePath: 'c',
        model: 'opus',
        fallbackModel: 'sonnet',
        claudeArgs: ['--fallback-model', 'x'],
        flags: f,
        task: '',
      }).args,
    ).toEqual(['--model', 'opus', '--fallback-model', 'x']);
  });
});
