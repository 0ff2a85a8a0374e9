import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/config/defaults.js';
import { readClaudeFlags } from '../../src/decide/claude-flags.js';
import { classifyTask } from '../../src/decide/classify-task.js';
import { decide, type DecideInput, type LearnedVerdict } from '../../src/decide/decide.js';
import type { RuleTrace } from '../../src/decide/rules/index.js';
import {
  budgetMovedLine,
  decisionReasons,
  evidenceSummary,
  failureWords,
  learnedSummary,
  traceNote,
} from '../../src/report/decision-words.js';

const bare = { signals: { print: false, planMode: false, resume: false, contextThreshold: 40_000 } };
const size = { tokens: 50_000, threshold: 40_000 };

describe('traceNote: each rule code in words', () => {
  it.each<[RuleTrace, string]>([
    [{ rule: 'plan-mode', fired: false, code: 'not-plan-mode' }, 'not in plan mode'],
    [{ rule: 'plan-mode', fired: true, code: 'plan-mode', model: 'opus' }, '--permission-mode plan is reasoning-heavy'],
    [{ rule: 'long-context', fired: false, code: 'off', ...size }, 'turned off in config'],
    [
      { rule: 'long-context', fired: false, code: 'short', tokens: 12, threshold: 40_000 },
      'context ~12 tokens (threshold 40,000)',
    ],
    [
      { rule: 'long-context', fired: true, code: 'reasoning', ...size },
      'context ~50,000 tokens (threshold 40,000), read as reasoning: careful reasoning goes to Opus',
    ],
    [
      { rule: 'long-context', fired: false, code: 'ordinary', ...size },
      'context ~50,000 tokens (threshold 40,000), read as ordinary work: Sonnet work stays on Sonnet',
    ],
    [{ rule: 'learned', fired: false, code: 'off' }, 'learning is off in config'],
    [{ rule: 'learned', fired: false, code: 'none' }, 'no similar past choices'],
    [{ rule: 'task-type', fired: false, code: 'no-task' }, 'no task given'],
    [
      { rule: 'custom', id: 'docs', fired: false, code: 'no-match', unmet: 'pattern', tier: 'haiku' },
      'custom rule → haiku',
    ],
    [
      { rule: 'custom', id: 'docs', fired: true, code: 'matched', tier: 'haiku', description: 'docs are cheap' },
      'docs are cheap',
    ],
    [{ rule: 'default', fired: true, code: 'no-task', tier: 'sonnet' }, 'default tier sonnet'],
    [{ rule: 'schedule', fired: false, code: 'outside' }, 'outside every window'],
    [
      {
        rule: 'schedule',
        fired: true,
        code: 'inside',
        window: { name: 'night', from: '22:00', to: '07:00', days: ['fri'], timezone: 'UTC' },
      },
      'inside window "night" 22:00–07:00 fri UTC',
    ],
    [
      {
        rule: 'budget',
        fired: false,
        code: 'warn',
        budget: { state: 'warn', window: 'weekly', spent: 1200, limit: 1500, unit: 'tokens', action: 'downgrade' },
      },
      'warn: 1,200 of 1,500 tokens weekly',
    ],
  ])('%j', (trace, note) => {
    expect(traceNote(trace, bare)).toBe(note);
  });
});

describe('learnedSummary', () => {
  const base: LearnedVerdict = {
    tier: 'sonnet',
    changed: false,
    lean: 'sonnet',
    chosen: 0,
    kept: 2,
    leanVotes: 0.5,
    against: { tier: 'sonnet', votes: 2.25 },
    examples: [{ task: 'add a column to users', tier: 'sonnet' }],
  };
  it.each<[Partial<LearnedVerdict>, string]>([
    [{}, 'similar past choices agree with sonnet: "add a column to users"'],
    [
      { lean: 'opus', chosen: 2, leanVotes: 1.5 },
      'you chose opus for 2 similar tasks, not enough to change sonnet (1.50 vs 2.25)',
    ],
    [
      { tier: 'opus', changed: true, lean: 'opus', chosen: 0, kept: 1, leanVotes: 3 },
      'you ran 1 similar task on opus as cr picked: "add a column to users" (learned 3.00 vs sonnet 2.25)',
    ],
  ])('%j', (verdict, words) => {
    expect(learnedSummary({ ...base, ...verdict })).toBe(words);
  });
});

describe('decisionReasons', () => {
  const input = (task: string, args: string[], config: Partial<ResolvedConfig>, extra: Partial<DecideInput> = {}) =>
    decide({
      task,
      flags: readClaudeFlags(args),
      config: { ...DEFAULT_CONFIG, ...config },
      now: new Date('2026-11-26T14:00:00Z'),
      timeZone: () => 'UTC',
      ...extra,
    });
  const over = { state: 'exceeded', window: 'daily', spent: 3, limit: 2, unit: 'usd' } as const;

  it('the picking rule, then each ceiling that lowered it; a choice by hand first', () => {
    const schedule = [{ name: 'day', from: '09:00', to: '18:00', maxTier: 'sonnet' as const }];
    const capped = input(
      'x',
      ['--permission-mode', 'plan'],
      { schedule },
      { budget: { ...over, action: 'downgrade' } },
    );
    expect(decisionReasons(capped)).toEqual([
      'plan mode takes real reasoning: opus',
      'schedule "day" 09:00–18:00 caps the tier at sonnet (was opus)',
      'over the daily budget ($3.00 of $2.00 daily): sonnet → haiku',
    ]);
    expect(budgetMovedLine(capped)).toBe('budget: $3.00 of $2.00 daily spent: sonnet → haiku (onExceed "downgrade")');
    const chosen = input('', [], {}, { override: { tier: 'opus' } });
    expect(decisionReasons(chosen)).toEqual([
      'you chose opus (cr would pick sonnet: no task given: default tier sonnet)',
      'no task given: default tier sonnet',
    ]);
  });

  it("a window's default tier replaces the default's reason; a resumed session says which", () => {
    const schedule = [{ from: '00:00', to: '00:00', defaultTier: 'haiku' as const }];
    expect(decisionReasons(input('', [], { schedule }))).toEqual(['schedule 00:00–00:00: default tier haiku']);
    const resumed = input('go on', ['--resume', 'abc'], {}, { resumed: { tier: 'opus', sessionId: 'abc' } });
    expect(decisionReasons(resumed)[0]).toBe('resuming session abc: it keeps opus, the tier it was started on');
  });
});

describe('failureWords', () => {
  it.each([
    [{ kind: 'overloaded', status: 529 }, 'the provider is overloaded: 529'],
    [{ kind: 'server-error', status: 502 }, 'the provider answered with a server error: 502'],
    [{ kind: 'server-error' }, 'the provider answered with a server error: 5xx'],
    [{ kind: 'timeout' }, 'the request to the provider timed out'],
    [{ kind: 'connection' }, 'could not connect to the provider'],
  ] as const)('%j', (failure, words) => {
    expect(failureWords(failure)).toBe(words);
  });
});

describe('evidenceSummary', () => {
  it('names each piece of evidence once, though two features matched the same words', () => {
    const c = classifyTask('Classify each of these tickets as billing, login or other');
    const words = evidenceSummary(c)
      .replace(/^[^:]*: /, '')
      .split(', ');
    expect(words.length).toBeGreaterThan(1);
    expect(new Set(words).size).toBe(words.length);
  });
});
