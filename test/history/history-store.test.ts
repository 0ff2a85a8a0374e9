import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TIME_ORDER_SLACK_MS,
  appendHistoryRecord,
  historyOffsetBefore,
  parseHistory,
  readHistory,
  readHistoryTail,
  readRecentDecisions,
  scanHistory,
} from '../../src/history/history-store.js';
import { recordOf } from '../../src/history/records.js';
import type { DecisionRecord } from '../../src/history/records.js';
import { redactSecrets } from '../../src/redact.js';

const record = (id: string): DecisionRecord => ({
  v: 1,
  type: 'decision',
  id,
  time: '2026-11-26T10:00:00.000Z',
  cwd: '/p',
  kind: 'route',
  tier: 'sonnet',
  model: 'sonnet',
  rule: 'task-type',
  confidence: 0.9,
});

describe('history store', () => {
  it('creates the directory and a 0600 file, one line per record', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cr-hist-'));
    const file = path.join(dir, 'deep', 'history.jsonl');
    appendHistoryRecord(file, record('a'));
    appendHistoryRecord(file, record('b'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3);
    expect(readHistory(file).records.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('skips and counts lines it cannot read: truncated, binary, other schema versions', () => {
    const good = JSON.stringify(record('ok'));
    const text = [
      good,
      '{"v":1,"type":"decision","id":"tr',
      '\u0000\u0001\uFFFD',
      JSON.stringify({ ...record('new'), v: 2 }),
      '',
      good,
    ].join('\n');
    expect(parseHistory(text)).toMatchObject({ skipped: 3 });
    expect(parseHistory(text).records).toHaveLength(2);
  });

  it('a missing file is an empty history', () => {
    expect(readHistory('/nonexistent/history.jsonl')).toEqual({ records: [], skipped: 0 });
    expect(readHistoryTail('/nonexistent/history.jsonl')).toEqual({ records: [], skipped: 0 });
  });

  it('the tail read drops the partial first line and keeps the last records', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cr-hist-'));
    const file = path.join(dir, 'h.jsonl');
    writeFileSync(file, Array.from({ length: 5000 }, (_, i) => JSON.stringify(record(`r${i}`))).join('\n') + '\n');
    const tail = readHistoryTail(file, 4096);
    expect(tail.skipped).toBe(0);
    expect(tail.records.at(-1)!.id).toBe('r4999');
    expect(tail.records.length).toBeLessThan(100);
  });
});

/** A history of `n` decisions a minute apart (each with its outcome), long enough for bisecting. */
function longHistory(n: number): { file: string; start: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cr-hist-long-'));
  const file = path.join(dir, 'history.jsonl');
  const start = Date.parse('2026-01-01T00:00:00Z');
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const time = new Date(start + i * 60_000).toISOString();
    lines.push(JSON.stringify({ ...record(`d${i}`), time, task: `task ${i} ${'x'.repeat(i % 50)}` }));
    lines.push(
      JSON.stringify({ v: 1, type: 'outcome', id: `d${i}`, time, exitCode: i % 7 === 0 ? 1 : 0, durationMs: 1 }),
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, start };
}

describe('history readers at scale', () => {
  it('readRecentDecisions gives the last N decisions and their outcomes, reading from the end', () => {
    const { file } = longHistory(20_000);
    const recent = readRecentDecisions(file, 20);
    expect(recent.decisions.map((d) => d.id)).toEqual(Array.from({ length: 20 }, (_, i) => `d${19_980 + i}`));
    const outcomeIds = new Set(recent.outcomes.map((o) => o.id));
    for (const d of recent.decisions) expect(outcomeIds.has(d.id)).toBe(true);
    // More than the file holds: all of them.
    expect(readRecentDecisions(file, 50_000).decisions).toHaveLength(20_000);
  });

  it('historyOffsetBefore starts at or before every record of the period, and skips most of what is older', () => {
    const { file, start } = longHistory(20_000);
    const size = statSync(file).size;
    const records = readHistory(file).records;
    for (const minutes of [0, 1, 3000, 10_000, 19_999, 30_000]) {
      const since = start + minutes * 60_000;
      const from = historyOffsetBefore(file, since);
      const read: string[] = [];
      scanHistory(file, (r) => read.push(r.id), from);
      // Every decision at or after `since` is in what is read from the offset.
      const wanted = records.filter((r) => Date.parse(r.time) >= since).map((r) => r.id);
      expect(read.slice(read.length - wanted.length)).toEqual(wanted);
      // And little more than the slack before it.
      const slackRecords = (2 * TIME_ORDER_SLACK_MS) / 60_000;
      expect(read.length).toBeLessThanOrEqual(wanted.length + slackRecords + 400);
      if (minutes === 0) expect(from).toBe(0);
      expect(from).toBeLessThanOrEqual(size);
    }
  });

  it('recordOf rejects every wrong shape a reader would trip on', () => {
    const good = { ...record('a'), task: 'x', sessionId: 's', suggested: { tier: 'opus', rule: 'r' } };
    expect(recordOf(good)).toBe(good);
    const { task: _t, ...taskless } = good;
    expect(recordOf(taskless)).toBeDefined();
    for (const bad of [
      { ...good, task: null },
      { ...good, task: ['a'] },
      { ...good, tier: 'gpt' },
      { ...good, kind: 'other' },
      { ...good, id: '' },
      { ...good, time: 'soon' },
      { ...good, model: 3 },
      { ...good, confidence: Number.NaN },
      { ...good, suggested: 'opus' },
      { ...good, suggested: { tier: 'opus' } },
      { ...good, print: 'yes' },
      { ...good, v: 2 },
      { v: 1, type: 'outcome', id: 'a', time: good.time, exitCode: 1.5, durationMs: 1 },
      { v: 1, type: 'outcome', id: 'a', time: good.time, exitCode: 0, durationMs: 1, signal: 9 },
      [good],
      'text',
      null,
    ])
      expect(recordOf(JSON.parse(JSON.stringify(bad)))).toBeUndefined();
  });
});

describe('redactSecrets', () => {
  it.each([
    ['key sk-ant-api03-abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnop'],
    ['Authorization: Bearer abcdefghijklmnopqrstuvwx', 'abcdefghijklmnopq'],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123', 'abcdefghijklmnopqrst'],
    ['AWS AKIAABCDEFGHIJKLMNOP here', 'ABCDEFGHIJKLMNOP'],
    ['api_key=supersecretvalue123', 'supersecretvalue123'],
  ])('%s', (text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
  it('leaves ordinary text alone', () => {
    expect(redactSecrets('refactor the task-runner skeleton')).toBe('refactor the task-runner skeleton');
  });
});
