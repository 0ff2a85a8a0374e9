// What a launch writes to history and reads back from it: a decision record before claude
// starts, an outcome after it exits, and a resumed session's latest decision.
import type { AppContext } from '../context.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Decision } from '../decide/decide.js';
import { appendHistoryRecord, decisions, historyErrorReason, readHistoryTail } from '../history/history-store.js';
import { HISTORY_SCHEMA, type DecisionRecord, type HistoryRecord, type OutcomeRecord } from '../history/records.js';
import type { LaunchRequest } from '../parse-args.js';
import { redactKnownValues } from '../redact.js';
import { cutWithEllipsis } from '../ui/format.js';
import type { LaunchResult } from './launch-claude.js';
import { profileSecrets } from './profile-env.js';

/** The task as the privacy setting allows, never with anything that looks like a secret. */
export function taskForHistory(
  task: string,
  history: LoadedConfig['config']['history'],
  known: readonly string[] = [],
): string | undefined {
  if (history.tasks === 'none' || task === '') return undefined;
  const clean = redactKnownValues(task, known);
  return history.tasks === 'truncate' ? cutWithEllipsis(clean, history.truncateAt) : clean;
}

/** Runs (contexts) that have already said history could not be read or written: they say it once. */
const historyWarned = new WeakSet<AppContext>();

/** One warning a run about the history file, however many reads and writes fail. */
export function warnHistoryOnce(ctx: AppContext, what: 'read' | 'write', error: unknown): void {
  if (historyWarned.has(ctx)) return;
  historyWarned.add(ctx);
  ctx.err(
    `${ctx.errColor.warn('cr: warning:')} could not ${what} history ${ctx.paths.historyFile} (${historyErrorReason(error)}); continuing\n`,
  );
}

/** Appends to history; a failure is a warning (once a run) and never stops claude from starting. */
export function recordSafely(ctx: AppContext, loaded: LoadedConfig, record: HistoryRecord): void {
  if (!loaded.config.history.enabled) return;
  try {
    appendHistoryRecord(ctx.paths.historyFile, record);
  } catch (error) {
    warnHistoryOnce(ctx, 'write', error);
  }
}

/** The record appended after claude exits: its exit status and how long it ran. */
export function outcomeRecord(id: string, result: LaunchResult, endedAt: Date): OutcomeRecord {
  const record: OutcomeRecord = {
    v: HISTORY_SCHEMA,
    type: 'outcome',
    id,
    time: endedAt.toISOString(),
    exitCode: result.exitCode,
    durationMs: result.durationMs,
  };
  if (result.signal) record.signal = result.signal;
  return record;
}

export function decisionRecord(
  ctx: AppContext,
  loaded: LoadedConfig,
  decision: Decision,
  id: string,
  sessionId: string | undefined,
): DecisionRecord {
  const record: DecisionRecord = {
    v: HISTORY_SCHEMA,
    type: 'decision',
    id,
    time: ctx.now.toISOString(),
    cwd: ctx.cwd,
    kind: decision.kind,
    tier: decision.tier,
    model: decision.model,
    rule: decision.rule,
    confidence: Number(decision.confidence.toFixed(4)),
  };
  const task = taskForHistory(decision.task, loaded.config.history, profileSecrets(ctx.env, loaded.config.profiles));
  if (task !== undefined) record.task = task;
  if (sessionId) record.sessionId = sessionId;
  if (decision.suggested) record.suggested = decision.suggested;
  if (decision.profile) record.profile = decision.profile;
  if (decision.signals.print) record.print = true;
  return record;
}

/**
 * The latest decision of a resumed session (the one that started it, or a later `cr up` or resume
 * that moved it): the session named by --resume <id>, or for --continue the latest session cr
 * started in this directory. Undefined when history does not know it, or cannot be read (a warning:
 * claude still starts).
 */
export function findResumedDecision(ctx: AppContext, flags: LaunchRequest['flags']): DecisionRecord | undefined {
  let tail;
  try {
    tail = readHistoryTail(ctx.paths.historyFile, 1024 * 1024);
  } catch (error) {
    warnHistoryOnce(ctx, 'read', error);
    return undefined;
  }
  const records = decisions(tail.records).filter((r) => r.sessionId);
  const sessionId =
    flags.resumeId ?? (flags.continue ? records.findLast((r) => r.cwd === ctx.cwd)?.sessionId : undefined);
  // The session's latest decision: a `cr up` (or an override on an earlier resume) moved its tier.
  return sessionId ? records.findLast((r) => r.sessionId === sessionId) : undefined;
}
