import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routedDecision } from '../../src/commands/statusline.js';
import { readSessionUsage } from '../../src/statusline/session-usage.js';
import { formatTokens, statusLine } from '../../src/statusline/status-line.js';
import { DEFAULT_PRICES } from '../../src/usage/prices.js';
import { assistantLine } from '../usage/transcripts.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'cr-status-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const SESSION = '5d0c8f3e-2b7a-4c61-9a0e-7f1d2c3b4a59';
const line = (id: string, model: string, input: number, output: number) =>
  `${assistantLine({ sessionId: SESSION, id, model, usage: { input, output } })}\n`;

describe('readSessionUsage', () => {
  it('counts each message once, across calls that read only what was added, subagent files included', () => {
    const transcript = path.join(root, `${SESSION}.jsonl`);
    const cache = path.join(root, 'cache');
    writeFileSync(transcript, line('m1', 'claude-sonnet-5-5', 100, 10) + line('m1', 'claude-sonnet-5-5', 100, 10));
    expect(readSessionUsage(transcript, SESSION, cache)).toEqual({
      models: { 'claude-sonnet-5-5': { input: 100, output: 10, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 } },
      answering: 'claude-sonnet-5-5',
    });
    appendFileSync(transcript, line('m2', 'claude-opus-5-5', 50, 5));
    const sub = path.join(root, SESSION, 'subagents', 'agent-a1.jsonl');
    mkdirSync(path.dirname(sub), { recursive: true });
    writeFileSync(sub, line('s1', 'claude-haiku-5-5', 7, 1));
    const usage = readSessionUsage(transcript, SESSION, cache);
    expect(usage.models['claude-sonnet-5-5']!.input).toBe(100);
    expect(usage.models['claude-opus-5-5']!.input).toBe(50);
    expect(usage.models['claude-haiku-5-5']!.input).toBe(7);
    // The session's own last answer, not its subagent's.
    expect(usage.answering).toBe('claude-opus-5-5');
    // The same again, from the cache alone (a fresh read of the file would give the same).
    expect(readSessionUsage(transcript, SESSION, cache)).toEqual(usage);
    expect(readSessionUsage(transcript, SESSION, undefined)).toEqual(usage);
  });

  it('a transcript that was replaced is read again from the start, not added twice', () => {
    const transcript = path.join(root, `${SESSION}.jsonl`);
    const cache = path.join(root, 'cache');
    writeFileSync(transcript, line('m1', 'claude-sonnet-5-5', 100, 10) + line('m2', 'claude-sonnet-5-5', 100, 10));
    readSessionUsage(transcript, SESSION, cache);
    rmSync(transcript);
    writeFileSync(transcript, line('m9', 'claude-sonnet-5-5', 1, 1));
    expect(readSessionUsage(transcript, SESSION, cache).models['claude-sonnet-5-5']!.input).toBe(1);
  });
});

describe('statusLine', () => {
  const usage = {
    models: {
      'claude-sonnet-5-5': { input: 1_000_000, output: 100_000, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 },
    },
    answering: 'claude-sonnet-5-5',
  };

  it('routed tier and rule, spend at the configured prices, budget left in the worst window', () => {
    expect(
      statusLine({
        decision: { tier: 'sonnet', rule: 'task-type' },
        usage,
        prices: DEFAULT_PRICES,
        budget: { unit: 'usd', window: 'daily', limit: 20, spent: 12.5 },
      }),
    ).toBe('cr sonnet (task-type) · $4.50 this session · $7.50 of $20.00 left today');
  });

  it('a mark when another model answers than the one routed; no mark for the same family', () => {
    expect(statusLine({ decision: { tier: 'opus', rule: 'override' }, usage, prices: DEFAULT_PRICES })).toBe(
      'cr opus (override) ⚠ sonnet answering · $4.50 this session',
    );
    expect(
      statusLine({
        decision: { tier: 'sonnet', rule: 'task-type' },
        usage: { models: {} },
        currentModel: 'claude-sonnet-4-6',
        prices: DEFAULT_PRICES,
      }),
    ).toBe('cr sonnet (task-type) · $0.00 this session');
  });

  it('a session cr did not start, a budget in tokens, a budget spent', () => {
    expect(
      statusLine({
        usage,
        prices: DEFAULT_PRICES,
        budget: { unit: 'tokens', window: 'weekly', limit: 5_000_000, spent: 3_800_000 },
      }),
    ).toBe('cr: not routed · 1.1M tokens this session · 1.2M tokens of 5M tokens left this week');
    expect(
      statusLine({
        usage,
        prices: DEFAULT_PRICES,
        budget: { unit: 'usd', window: 'monthly', limit: 300, spent: 301.2 },
      }),
    ).toBe('cr: not routed · $4.50 this session · over budget this month: $301.20 of $300.00');
    expect(formatTokens(999)).toBe('999');
    expect(formatTokens(12_345)).toBe('12.3k');
  });
});

describe('routedDecision', () => {
  it('the session’s latest decision, found from the end of a long history, a line cut by a read included', () => {
    const file = path.join(root, 'history.jsonl');
    const record = (i: number, sessionId: string, tier: string, rule: string) =>
      JSON.stringify({
        v: 1,
        type: 'decision',
        id: `d${i}`,
        time: '2026-11-26T10:00:00Z',
        cwd: '/p',
        kind: 'route',
        tier,
        model: tier,
        rule,
        confidence: 1,
        sessionId,
        task: 'x'.repeat(i % 300),
      });
    const lines = [record(0, SESSION, 'sonnet', 'task-type')];
    for (let i = 1; i < 3000; i++) lines.push(record(i, `other-${i}`, 'haiku', 'task-type'));
    lines.push(record(3000, SESSION, 'opus', 'escalation'));
    for (let i = 3001; i < 3100; i++) lines.push(record(i, `other-${i}`, 'haiku', 'task-type'));
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(routedDecision(file, SESSION)).toEqual({ tier: 'opus', rule: 'escalation' });
    expect(routedDecision(file, 'unknown-session')).toBeUndefined();
    expect(routedDecision(path.join(root, 'none.jsonl'), SESSION)).toBeUndefined();
    // A read that begins inside the session's line: it is put together with the read before it.
    const mine = record(1, SESSION, 'opus', 'escalation');
    for (let cut = 0; cut <= mine.length + 2; cut += 7) {
      const after = 64 * 1024 - cut;
      writeFileSync(file, `${lines.slice(0, 50).join('\n')}\n${mine}\n${'z'.repeat(after - 1)}\n`);
      expect(routedDecision(file, SESSION)).toEqual({ tier: 'opus', rule: 'escalation' });
    }
  });
});
