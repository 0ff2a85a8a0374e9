import type { Tier } from '../types.js';

/** Bumped when a record's meaning changes; readers skip versions they do not know. */
export const HISTORY_SCHEMA = 1;

/** How the tier of a decision came about. */
export type DecisionKind = 'route' | 'override' | 'escalation' | 'retry' | 'resume' | 'ask';

/** Appended before claude starts, so a killed terminal still leaves it. */
export interface DecisionRecord {
  v: typeof HISTORY_SCHEMA;
  type: 'decision';
  /** Unique id of this decision (uuid). */
  id: string;
  /** ISO 8601. */
  time: string;
  cwd: string;
  kind: DecisionKind;
  /** The task as the privacy setting allows: full, truncated, or omitted. */
  task?: string;
  tier: Tier;
  /** What was passed to --model; null when claude keeps the session's own model. */
  model: string | null;
  rule: string;
  confidence: number;
  /** Session id passed with --session-id, or resumed with --resume. */
  sessionId?: string;
  /** For overrides and `--ask` picks: what cr would have chosen. */
  suggested?: { tier: Tier; rule: string };
  /** Decision id this one continues (escalation, retry, resume). */
  parent?: string;
  profile?: string;
  /** Print mode (-p). */
  print?: boolean;
}

/** Appended after claude exits. */
export interface OutcomeRecord {
  v: typeof HISTORY_SCHEMA;
  type: 'outcome';
  /** The decision this outcome belongs to. */
  id: string;
  time: string;
  exitCode: number;
  signal?: string;
  durationMs: number;
}

export type HistoryRecord = DecisionRecord | OutcomeRecord;
