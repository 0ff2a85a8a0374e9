// Builders for history records in learning tests.
import type { DecisionKind, DecisionRecord, HistoryRecord, OutcomeRecord } from '../../src/history/records.js';
import type { Classification, Tier } from '../../src/types.js';

export const NOW = Date.parse('2026-11-26T12:00:00Z');
export const DAY = 86_400_000;

let counter = 0;
export function nextId(): string {
  counter++;
  return `00000000-0000-4000-a000-${String(counter).padStart(12, '0')}`;
}

export interface RecOptions {
  id?: string;
  task?: string | null;
  suggested?: Tier;
  parent?: string;
  rule?: string;
  time?: number;
}

export function decision(kind: DecisionKind, tier: Tier, opts: RecOptions = {}): DecisionRecord {
  const r: DecisionRecord = {
    v: 1,
    type: 'decision',
    id: opts.id ?? nextId(),
    time: new Date(opts.time ?? NOW - DAY).toISOString(),
    cwd: '/p',
    kind,
    tier,
    model: tier,
    rule: opts.rule ?? (kind === 'route' ? 'task-type' : kind),
    confidence: 1,
  };
  if (opts.task !== null) r.task = opts.task ?? 'write a database migration that adds a column to the users table';
  if (opts.suggested) r.suggested = { tier: opts.suggested, rule: 'task-type' };
  if (opts.parent) r.parent = opts.parent;
  return r;
}

export const override = (tier: Tier, task: string, suggested: Tier = 'sonnet', opts: RecOptions = {}) =>
  decision('override', tier, { ...opts, task, suggested });
export const route = (tier: Tier, task: string, opts: RecOptions = {}) => decision('route', tier, { ...opts, task });

export function outcome(id: string, exitCode = 0): OutcomeRecord {
  return { v: 1, type: 'outcome', id, time: new Date(NOW).toISOString(), exitCode, durationMs: 10 };
}

export function jsonl(records: readonly HistoryRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** A classification the way the classifier would give it, with the confidence we want. */
export function classified(tier: Tier, confidence: number): Classification {
  const rest = (1 - confidence) / 2;
  const scores = { haiku: rest, sonnet: rest, opus: rest };
  scores[tier] = confidence;
  return {
    tier,
    scores,
    confidence,
    contextNeed: 'ordinary',
    family: 'general',
    evidence: [],
    runnerUp: { tier: tier === 'sonnet' ? 'opus' : 'sonnet', margin: confidence - rest },
  };
}

export const MIGRATIONS = [
  'write a database migration that adds a column to the users table',
  'write a database migration adding a status column to orders',
  'database migration: add a nullable column to the invoices table',
];
export const NEW_MIGRATION = 'add a database migration that adds a column to the payments table';
export const UNRELATED = [
  'add unit tests for the date parser',
  'add a dark mode toggle to the settings page',
  'convert this CSV to JSON',
];
