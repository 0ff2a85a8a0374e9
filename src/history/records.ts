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

const TIER_NAMES: readonly string[] = ['haiku', 'sonnet', 'opus'];
const DECISION_KINDS: readonly string[] = ['route', 'override', 'escalation', 'retry', 'resume', 'ask'];

const isString = (x: unknown): x is string => typeof x === 'string';
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const optional = (x: unknown, check: (y: unknown) => boolean) => x === undefined || check(x);
/** An instant cr can place: a string Date.parse reads. */
const isTime = (x: unknown): x is string => typeof x === 'string' && Number.isFinite(Date.parse(x));

/**
 * `value` as a history record when it has the shape of one of this schema version, else undefined:
 * every field a reader uses is checked (type, and the set of values for tiers and kinds), so that a
 * hand-edited, truncated-then-repaired or foreign line is skipped and counted, never crashes a reader.
 * Fields a reader does not know are allowed (a newer cr may add some).
 */
export function recordOf(value: unknown): HistoryRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  if (r.v !== HISTORY_SCHEMA || !isString(r.id) || r.id === '' || !isTime(r.time)) return undefined;
  if (r.type === 'decision') {
    const suggested = r.suggested as Record<string, unknown> | undefined;
    const ok =
      isString(r.cwd) &&
      DECISION_KINDS.includes(r.kind as string) &&
      TIER_NAMES.includes(r.tier as string) &&
      (r.model === null || isString(r.model)) &&
      isString(r.rule) &&
      isFiniteNumber(r.confidence) &&
      optional(r.task, isString) &&
      optional(r.sessionId, isString) &&
      optional(r.parent, isString) &&
      optional(r.profile, isString) &&
      optional(r.print, (x) => typeof x === 'boolean') &&
      optional(
        suggested,
        (x) =>
          typeof x === 'object' &&
          x !== null &&
          TIER_NAMES.includes(suggested!.tier as string) &&
          isString(suggested!.rule),
      );
    return ok ? (r as unknown as DecisionRecord) : undefined;
  }
  if (r.type === 'outcome') {
    const ok = Number.isInteger(r.exitCode) && isFiniteNumber(r.durationMs) && optional(r.signal, isString);
    return ok ? (r as unknown as OutcomeRecord) : undefined;
  }
  return undefined;
}
