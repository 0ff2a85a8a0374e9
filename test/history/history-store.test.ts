import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendHistoryRecord, parseHistory, readHistory, readHistoryTail } from '../../src/history/history-store.js';
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
