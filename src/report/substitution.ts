// Routed vs answered: whether a session's own turns ran on a model other than the one cr routed it
// to, and the cause when the transcript shows one. Pure: the decisions, the measured usage and what
// the transcript records come in.
import type { DecisionKind } from '../history/records.js';
import type { Tier } from '../types.js';
import { costOfUsage, familyOfModel, priceForModel, totalTokens, type Prices } from '../usage/prices.js';
import type { UsageTotals } from '../usage/usage-index.js';

/**
 * fallback: a `model_fallback` line names the model that answered (--fallback-model on overload);
 * model-command: the user typed `/model` in the session; resumed: the session is a resumed one, or
 * has turns from before its first decision; unknown: the transcript shows no cause.
 */
export type SubstitutionCause = 'fallback' | 'model-command' | 'resumed' | 'unknown';
export const SUBSTITUTION_CAUSES: readonly SubstitutionCause[] = ['fallback', 'model-command', 'resumed', 'unknown'];

/** What a session's own transcript records about model changes (read by session-evidence.ts). */
export interface TranscriptEvidence {
  /** The models of its `system` lines of subtype `model_fallback` (`fallbackModel`). */
  fallbackModels: string[];
  /** How many user lines run the `/model` command. */
  modelCommands: number;
}

export const NO_EVIDENCE: TranscriptEvidence = { fallbackModels: [], modelCommands: 0 };

/** The decisions cr recorded for one session, as far as the join needs them. */
export interface SessionRouting {
  /** What the decisions passed to --model; null: the session kept its own model (a resume). */
  models: readonly (string | null)[];
  /** Whether one of them resumed the session (kind "resume"). */
  resumed: boolean;
  /** Epoch ms of the session's earliest decision. */
  firstDecisionMs: number;
}

/** The routing of each session the decisions name, in the order they appear. */
export function sessionRoutings(
  decisions: readonly { sessionId?: string; model: string | null; kind: DecisionKind; time: string }[],
): Map<string, SessionRouting> {
  const routings = new Map<string, { models: (string | null)[]; resumed: boolean; firstDecisionMs: number }>();
  for (const d of decisions) {
    if (!d.sessionId) continue;
    const ms = Date.parse(d.time);
    const r = routings.get(d.sessionId);
    if (!r) {
      routings.set(d.sessionId, { models: [d.model], resumed: d.kind === 'resume', firstDecisionMs: ms });
    } else {
      if (!r.models.includes(d.model)) r.models.push(d.model);
      r.resumed ||= d.kind === 'resume';
      if (ms < r.firstDecisionMs) r.firstDecisionMs = ms;
    }
  }
  return routings;
}

export interface AnsweredModel {
  model: string;
  /** Assistant messages (one per API response). */
  turns: number;
  tokens: number;
  /** USD; null for a model with no price. */
  cost: number | null;
}

export interface Substitution {
  cause: SubstitutionCause;
  /** The models that answered without being routed. */
  models: AnsweredModel[];
  turns: number;
  tokens: number;
  /** USD of the priced models among them. */
  cost: number;
}

export interface RoutedVsAnswered {
  /** Every model that answered in the session's own transcript, most turns first. */
  answered: AnsweredModel[];
  substitution: Substitution | null;
}

/** Aliases of no family that follow a plan or a release: whatever answers may be what they meant. */
const OPEN_ALIASES = new Set(['default', 'best']);

/** The families a routed model may answer as; undefined when any model may be meant. */
function familiesOf(routed: string): Tier[] | undefined {
  const lower = routed.toLowerCase();
  if (OPEN_ALIASES.has(lower)) return undefined;
  // Opus in plan mode, Sonnet otherwise.
  if (lower.startsWith('opusplan')) return ['opus', 'sonnet'];
  const family = familyOfModel(routed);
  return family ? [family] : [];
}

/**
 * Whether `answering` is what `routed` asks for: the same id, or the same family (an alias such as
 * `opus` reaches the API as a full id such as `claude-opus-4-5-20251101`). Undefined when the
 * routed model is an alias that may mean any model.
 */
export function answersAsRouted(routed: string, answering: string): boolean | undefined {
  if (routed === answering) return true;
  const families = familiesOf(routed);
  if (!families) return undefined;
  const family = familyOfModel(answering);
  return family !== undefined && families.includes(family);
}

/**
 * The models of `byModel` that none of the routed models asks for, in `byModel`'s order; undefined
 * when the session cannot be judged (no decision names a model, or one names an open alias).
 * Messages of model "unknown" (no model in the line) are never a substitution.
 */
export function unroutedModels(
  routedModels: readonly (string | null)[],
  byModel: Readonly<Record<string, UsageTotals>>,
): string[] | undefined {
  const routed = [...new Set(routedModels.filter((m): m is string => m !== null))];
  if (routed.length === 0) return undefined;
  const other: string[] = [];
  for (const model of Object.keys(byModel)) {
    if (model === 'unknown') continue;
    const verdicts = routed.map((r) => answersAsRouted(r, model));
    if (verdicts.includes(undefined)) return undefined;
    if (!verdicts.includes(true)) other.push(model);
  }
  return other;
}

/** The cause the evidence shows for these unrouted models, checked in the order of SubstitutionCause. */
export function substitutionCause(
  models: readonly string[],
  evidence: TranscriptEvidence,
  routing: Pick<SessionRouting, 'resumed' | 'firstDecisionMs'>,
  sessionFirstMs: number,
): SubstitutionCause {
  const fellBackTo = (model: string) => evidence.fallbackModels.some((f) => answersAsRouted(f, model) === true);
  if (models.some(fellBackTo)) return 'fallback';
  if (evidence.modelCommands > 0) return 'model-command';
  if (routing.resumed || sessionFirstMs < routing.firstDecisionMs) return 'resumed';
  return 'unknown';
}

function answeredModel(model: string, t: UsageTotals, prices: Prices): AnsweredModel {
  const price = priceForModel(model, prices);
  return { model, turns: t.messages, tokens: totalTokens(t), cost: price ? costOfUsage(t, price) : null };
}

/**
 * The join of one session: the models that answered in its own transcript (`mainByModel`, see
 * SessionUsage) against the models its decisions routed it to. Undefined when it cannot be judged
 * (see unroutedModels) or nothing answered.
 */
export function routedVsAnswered(
  routing: SessionRouting,
  mainByModel: Readonly<Record<string, UsageTotals>>,
  sessionFirstMs: number,
  evidence: TranscriptEvidence,
  prices: Prices,
): RoutedVsAnswered | undefined {
  const other = unroutedModels(routing.models, mainByModel);
  if (!other) return undefined;
  const answered = Object.entries(mainByModel)
    .map(([model, t]) => answeredModel(model, t, prices))
    .sort((a, b) => b.turns - a.turns || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  if (answered.length === 0) return undefined;
  if (other.length === 0) return { answered, substitution: null };
  const models = answered.filter((a) => other.includes(a.model));
  return {
    answered,
    substitution: {
      cause: substitutionCause(other, evidence, routing, sessionFirstMs),
      models,
      turns: models.reduce((sum, m) => sum + m.turns, 0),
      tokens: models.reduce((sum, m) => sum + m.tokens, 0),
      cost: models.reduce((sum, m) => sum + (m.cost ?? 0), 0),
    },
  };
}

/** How a cause reads in a table: "fallback", "/model", "resumed session", "cause unknown". */
export function causeText(cause: SubstitutionCause): string {
  switch (cause) {
    case 'fallback':
      return 'fallback';
    case 'model-command':
      return '/model';
    case 'resumed':
      return 'resumed session';
    case 'unknown':
      return 'cause unknown';
  }
}
