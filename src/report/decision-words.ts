// The words a person reads about a decision, written from what decide() recorded: the rules'
// trace entries (codes and numbers), the classification's evidence, the ceilings and the budget.
// --explain, --dry-run, cr check, the ask prompt and launch warnings all take their sentences here.
import type { ScheduleWindow } from '../config/schema.js';
import type { ApiFailure } from '../decide/api-failure.js';
import type { BudgetVerdict, CeilingSource, Decision, LearnedVerdict, TierLimit } from '../decide/decision.js';
import type { RuleTrace } from '../decide/rules/index.js';
import type { LongContextTrace } from '../decide/rules/long-context.js';
import { TIERS, type Classification, type Tier } from '../types.js';
import { cutWithEllipsis, formatBudgetUsd, formatInt } from '../ui/format.js';
import { evidenceLabel } from './evidence-label.js';

/** A schedule window as its config says it: '"overnight" 22:00–07:00 mon,tue Europe/Berlin'. */
export function describeWindow(window: ScheduleWindow): string {
  const days = window.days ? ` ${window.days.join(',')}` : '';
  const zone = window.timezone ? ` ${window.timezone}` : '';
  return `${window.name ? `"${window.name}" ` : ''}${window.from}–${window.to}${days}${zone}`;
}

/** Spend against the limit: "$3.00 of $2.00 daily", "1,200 of 1,000 tokens weekly". */
export function budgetFigures(budget: BudgetVerdict): string {
  return budget.unit === 'usd'
    ? `${formatBudgetUsd(budget.spent)} of ${formatBudgetUsd(budget.limit)} ${budget.window}`
    : `${formatInt(budget.spent)} of ${formatInt(budget.limit)} tokens ${budget.window}`;
}

/** Where a ceiling comes from: 'schedule "day" 09:00–18:00', 'onExceed "cap:haiku"'. */
export function ceilingSource(ceiling: CeilingSource): string {
  return ceiling.by === 'schedule' ? `schedule ${describeWindow(ceiling.window)}` : `onExceed "${ceiling.action}"`;
}

const quote = (text: string, max = 60): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${cutWithEllipsis(flat, max)}"`;
};
const similar = (n: number) => `${n} similar task${n === 1 ? '' : 's'}`;
const votes = (x: number) => x.toFixed(2);

/** What learning from past choices says, with the past tasks behind it. */
export function learnedSummary(learned: LearnedVerdict): string {
  const list = learned.examples.map((e) => quote(e.task)).join(', ');
  const against = learned.against;
  if (!learned.changed && learned.lean === against.tier)
    return `similar past choices agree with ${learned.lean}: ${list}`;
  const what =
    learned.chosen > 0
      ? `you chose ${learned.lean} for ${similar(learned.chosen)}`
      : `you ran ${similar(learned.kept)} on ${learned.lean} as cr picked`;
  return learned.changed
    ? `${what}: ${list} (learned ${votes(learned.leanVotes)} vs ${against.tier} ${votes(against.votes)})`
    : `${what}, not enough to change ${against.tier} (${votes(learned.leanVotes)} vs ${votes(against.votes)})`;
}

/** The task's own words that pull toward each tier (quoted), strongest first. */
export function wordsByTier(c: Classification): Record<Tier, string[]> {
  const words: Record<Tier, string[]> = { haiku: [], sonnet: [], opus: [] };
  for (const e of c.evidence) if (e.match !== undefined) words[e.tier].push(evidenceLabel(e));
  return words;
}

const list = (labels: string[], max = 3) => labels.slice(0, max).join(', ');

/**
 * Why the classifier chose its tier, from its evidence only: the words (and then the structural
 * features) that pull toward the tier. When it kept Sonnet because the pull away came from the task's
 * shape, it says which shape and which words; "no words point to" a tier is said only when the
 * evidence lists none for it.
 */
export function evidenceSummary(c: Classification): string {
  const words = wordsByTier(c);
  const from = c.defaultedFrom;
  if (from) {
    const shape = c.evidence.filter((e) => e.tier === from && e.match === undefined).map(evidenceLabel);
    const led = `the task's shape leaned ${from}${shape.length ? ` (${list(shape, 2)})` : ''}`;
    const fromWords = words[from].length
      ? `its words for ${from} (${list(words[from])}) are too weak to leave Sonnet`
      : `no words in the task point to ${from}`;
    const others = TIERS.filter((t) => t !== 'sonnet' && t !== from && words[t].length > 0).map(
      (t) =>
        `; ${list(words[t])} ${words[t].length === 1 ? 'points' : 'point'} to ${t}, which scored ${votes(c.scores[t])} to ${from}'s ${votes(c.scores[from])}`,
    );
    return `Sonnet by default: ${led}, and ${fromWords}${others.join('')}`;
  }
  // Words the task really contains make the best reasons; structural features come after them.
  const forTier = c.evidence.filter((e) => e.tier === c.tier);
  // Two features can match the same words ("Classify" as a word and as a verb and object): each label once.
  const ordered = [...forTier.filter((e) => e.match), ...forTier.filter((e) => !e.match)];
  const top = [...new Set(ordered.map(evidenceLabel))].slice(0, 3);
  if (top.length === 0) return `reads as ${c.family}`;
  return `reads as ${c.family}: ${top.join(', ')}`;
}

const contextSize = (t: LongContextTrace) => `~${formatInt(t.tokens)} tokens (threshold ${formatInt(t.threshold)})`;

/** What a long context was read as, and what that means for the tier. */
const NEED_WORDS = {
  reasoning: 'read as reasoning: careful reasoning goes to Opus',
  extraction: 'read as extraction: extraction or formatting goes to Sonnet with prompt caching, not Haiku',
  ordinary: 'read as ordinary work: Sonnet work stays on Sonnet',
} as const;

/** A rule's note for the rules line of --explain (and `trace[].note` in --json), fired or not. */
export function traceNote(t: RuleTrace, decision: Pick<Decision, 'classification' | 'signals'>): string {
  switch (t.rule) {
    case 'plan-mode':
      return t.fired ? '--permission-mode plan is reasoning-heavy' : 'not in plan mode';
    case 'long-context':
      if (t.code === 'off') return 'turned off in config';
      if (t.code === 'short' || t.code === 'no-task') return `context ${contextSize(t)}`;
      return `context ${contextSize(t)}, ${NEED_WORDS[t.code]}`;
    case 'learned':
      if (t.code === 'off') return 'learning is off in config';
      return decision.signals.learned ? learnedSummary(decision.signals.learned) : 'no similar past choices';
    case 'task-type':
      return decision.classification ? evidenceSummary(decision.classification) : 'no task given';
    case 'custom':
      return t.description ?? `custom rule → ${t.tier}`;
    case 'default':
      return `default tier ${t.tier}`;
    case 'schedule':
      return t.window ? `inside window ${describeWindow(t.window)}` : 'outside every window';
    case 'budget':
      return `${t.code}: ${budgetFigures(t.budget)}`;
  }
}

/** The reason a rule gives for the tier it picked. */
function pickReason(t: RuleTrace, decision: Pick<Decision, 'classification' | 'signals'>): string {
  switch (t.rule) {
    case 'plan-mode':
      return `plan mode takes real reasoning: ${t.model}`;
    case 'long-context':
      return t.code === 'reasoning' || t.code === 'extraction'
        ? `long context of ${contextSize(t)}, ${NEED_WORDS[t.code]}`
        : traceNote(t, decision);
    case 'custom':
      return t.description ?? `your rule "${t.id}" matched`;
    case 'default':
      return t.code === 'no-task' ? `no task given: default tier ${t.tier}` : `no rule matched: default tier ${t.tier}`;
    case 'schedule':
      return `schedule ${describeWindow(t.window!)}: default tier ${t.defaultTier}`;
    default:
      return traceNote(t, decision);
  }
}

/**
 * The lines under "why": a tier the user chose or a resumed session first, then the reason of the
 * rule that picked the tier (or of the schedule window whose default tier replaced the default),
 * then each ceiling that lowered it.
 */
export function decisionReasons(decision: Decision): string[] {
  const picker = decision.trace.find((t) => t.fired);
  const windowDefault = decision.trace.find((t) => t.rule === 'schedule' && t.defaultTier !== undefined);
  const routed = windowDefault ?? picker;
  const reasons = routed ? [pickReason(routed, decision)] : [];
  for (const cap of decision.caps ?? [])
    reasons.push(
      cap.by === 'schedule'
        ? `${ceilingSource(cap)} caps the tier at ${cap.to} (was ${cap.from})`
        : `over the ${decision.signals.budget!.window} budget (${budgetFigures(decision.signals.budget!)}): ${cap.from} → ${cap.to}`,
    );
  if (decision.kind === 'override' && decision.suggested)
    reasons.unshift(`you chose ${decision.model} (cr would pick ${decision.suggested.tier}: ${reasons[0] ?? ''})`);
  else if (decision.kind === 'resume') {
    const resumed = decision.signals.resumed;
    reasons.unshift(
      resumed
        ? `resuming session ${resumed.sessionId}: it keeps ${resumed.tier}, the tier it was started on`
        : 'resuming a session: it keeps the model it was started with',
    );
  }
  return reasons;
}

/** Why the budget refuses to start claude, when it does. */
export function blockedText(decision: Decision): string | undefined {
  const budget = decision.signals.budget;
  return decision.blocked && budget ? overBudgetText(budget) : undefined;
}

/** "over the daily budget: $12.40 of $10.00", for a budget that refuses to start claude. */
export function overBudgetText(budget: BudgetVerdict): string {
  return `over the ${budget.window} budget: ${budgetFigures(budget)}`;
}

/** Why the user is asked for the tier, when they are. */
export function askText(decision: Decision): string | undefined {
  const budget = decision.signals.budget;
  switch (decision.ask) {
    case 'budget':
      return budget ? `over the ${budget.window} budget: ${budgetFigures(budget)}` : undefined;
    case 'always':
      return 'asked for (--ask, or ask: "always" in config)';
    case 'low-confidence':
      return `low confidence (${decision.confidence.toFixed(2)})`;
    default:
      return undefined;
  }
}

/** Warnings a launch prints before claude starts: spend past budget.warnAt. */
export function decisionWarnings(decision: Decision): string[] {
  const budget = decision.signals.budget;
  return budget?.state === 'warn' ? [`budget: ${budgetFigures(budget)} spent`] : [];
}

/**
 * The one line a launch prints when the budget lowered the tier it starts (onExceed "downgrade" or
 * "cap:…"), in the style of the warnAt line; undefined when it did not: under the limit, a pick
 * already at or below the cap, or a tier the user chose (--opus, --model) or a resumed session keeps.
 */
export function budgetMovedLine(decision: Decision): string | undefined {
  if (decision.rule !== 'budget' || !decision.signals.budget) return undefined;
  const cap = decision.caps?.find((c) => c.by === 'budget');
  if (!cap) return undefined;
  return `budget: ${budgetFigures(decision.signals.budget)} spent: ${cap.from} → ${cap.to} (${ceilingSource(cap)})`;
}

/** The ceiling that keeps a retry from climbing: 'schedule "day" 09:00–18:00', 'the budget (onExceed …, $3.00 of $2.00 daily)'. */
export function heldByWords(limit: TierLimit, decision: Pick<Decision, 'signals'>): string {
  const budget = decision.signals.budget;
  if (limit.by === 'schedule') return ceilingSource(limit);
  return `the budget (${ceilingSource(limit)}${budget ? `, ${budgetFigures(budget)}` : ''})`;
}

/** An API or transport failure as the retry line names it. */
export function failureWords(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'overloaded':
      return 'the provider is overloaded: 529';
    case 'server-error':
      return `the provider answered with a server error: ${failure.status ?? '5xx'}`;
    case 'timeout':
      return 'the request to the provider timed out';
    case 'connection':
      return 'could not connect to the provider';
  }
}
