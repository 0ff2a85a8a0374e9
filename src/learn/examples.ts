// The user's labelled examples, collected from history records one at a time (so the cache can
// feed it only the records appended since last time).
//
// Labels:
//   override   `cr --opus` etc. whose tier differs from what cr suggested          strong (1)
//   ask        a pick under --ask that differs from what cr suggested             strong (1)
//   escalation `cr escalate`: the escalated tier labels the *parent's* task        strong (1)
//              (the escalation record's own text is the follow-up prompt, not the task; a
//              chain of escalations relabels the same example with the newest tier)
//   confirmed  an override or ask pick equal to the suggestion                     0.5
//   agreement  a routed decision (rule task-type or learned) run as cr chose and   0.25
//              never escalated; an escalation later turns it into an escalation example
// Not labels: retries (an API failure, not a wrong model), resumes, decisions made by flags,
// context size, schedules, budgets or custom rules, picks at the prompt the budget asked
// (onExceed "ask": kind "ask", rule "budget"; a choice forced by money, not by the task), and
// any record without a task (history.tasks = "none").
import type { DecisionRecord, HistoryRecord } from '../history/records.js';
import { TIERS, type Tier } from '../types.js';
import { cutWithEllipsis } from '../ui/format.js';
import { taskTerms, termNorm } from './terms.js';

export const EXAMPLE_KINDS = ['override', 'escalation', 'ask', 'confirmed', 'agreement'] as const;
export type ExampleKind = (typeof EXAMPLE_KINDS)[number];

/** How much one fresh example of each kind counts. */
export const KIND_WEIGHT: Record<ExampleKind, number> = {
  override: 1,
  escalation: 1,
  ask: 1,
  confirmed: 0.5,
  agreement: 0.25,
};
export const STRONG_KINDS: ReadonlySet<ExampleKind> = new Set(['override', 'escalation', 'ask']);

/** Routed decisions whose tier came from the task text: only those say anything about the text. */
const TEXT_RULES = new Set(['task-type', 'learned']);

/** Examples kept per class (strong labels / agreements and confirmations): the most recently labelled win. */
export const MAX_STRONG = 1500;
export const MAX_WEAK = 1000;
/** Examples older than this (relative to the newest record) weigh under 1% and are dropped. */
export const MAX_AGE_MS = 200 * 86_400_000;

/** Decision ids are kept by their last 12 characters (48 random bits of a uuid): a smaller cache. */
export function shortId(id: string): string {
  return id.slice(-12);
}

/** Stored task text is cut here: it is only shown, never compared (terms are). */
export const MAX_TASK_CHARS = 160;

export interface Example {
  /** The decision id, then the ids of escalations that relabelled it (short ids, see shortId). */
  ids: string[];
  /** When the label was given (ms since epoch): the escalation time for escalations. */
  time: number;
  tier: Tier;
  kind: ExampleKind;
  /** What cr had picked (the suggestion, or the escalated decision's tier). */
  from?: Tier;
  task: string;
  /** The task's distinct terms, space-separated with a space at each end (" databas migrat "). */
  terms: string;
  /** Squared length of the weighted term vector. */
  norm: number;
}

/** The terms of an example as a list. */
export function termList(e: Pick<Example, 'terms'>): string[] {
  return e.terms.trim().split(' ').filter(Boolean);
}

export interface ExampleSet {
  examples: Example[];
  /** Newest record time seen (ms), the reference for pruning. */
  newest: number;
  /** Records read to make the examples (a rebuild reads the end of the history only, see cache.ts). */
  records: number;
}

export function emptyExampleSet(): ExampleSet {
  return { examples: [], newest: 0, records: 0 };
}

function labelOf(record: DecisionRecord): { kind: ExampleKind; from?: Tier } | undefined {
  switch (record.kind) {
    case 'override':
    case 'ask': {
      if (record.rule === 'budget') return undefined;
      const from = record.suggested?.tier;
      if (from === record.tier) return { kind: 'confirmed', from };
      return from ? { kind: record.kind, from } : { kind: record.kind };
    }
    case 'route':
      return TEXT_RULES.has(record.rule) ? { kind: 'agreement', from: record.tier } : undefined;
    default:
      return undefined;
  }
}

/**
 * Which class of example a decision would make ('strong' or 'weak', before any escalation
 * relabels it), or undefined for none: the same test ExampleCollector.add applies, without the
 * task's terms (a task of stop words only is rare, and costs the terms of every record to find).
 */
export function exampleClass(record: DecisionRecord): 'strong' | 'weak' | undefined {
  if (record.kind === 'escalation' || typeof record.task !== 'string' || record.task.trim() === '') return undefined;
  const label = labelOf(record);
  if (!label) return undefined;
  return STRONG_KINDS.has(label.kind) ? 'strong' : 'weak';
}

/** Applies records in file order; mutates and returns the set. */
export class ExampleCollector {
  /** Decision id → example, built on the first escalation (most loads never need it). */
  private byId: Map<string, Example> | undefined;

  constructor(readonly set: ExampleSet) {}

  private index(): Map<string, Example> {
    if (!this.byId) {
      this.byId = new Map();
      const examples = this.set.examples;
      for (let i = 0; i < examples.length; i++) {
        const e = examples[i]!;
        for (let j = 0; j < e.ids.length; j++) this.byId.set(e.ids[j]!, e);
      }
    }
    return this.byId;
  }

  add(record: HistoryRecord): void {
    this.set.records++;
    if (record.type !== 'decision') return;
    const time = Date.parse(record.time);
    if (!Number.isFinite(time) || !TIERS.includes(record.tier)) return;
    if (time > this.set.newest) this.set.newest = time;

    if (record.kind === 'escalation') {
      const byId = this.index();
      const parent = record.parent ? byId.get(shortId(record.parent)) : undefined;
      if (!parent) return; // no task to label (not stored, dropped by the cap, or unknown)
      parent.from ??= parent.tier;
      parent.kind = 'escalation';
      parent.tier = record.tier;
      parent.time = Math.max(parent.time, time);
      parent.ids.push(shortId(record.id));
      byId.set(shortId(record.id), parent);
      // Keep the list in the order labels were given: the relabelled example moves to the end.
      const at = this.set.examples.indexOf(parent);
      if (at >= 0 && at !== this.set.examples.length - 1) {
        this.set.examples.splice(at, 1);
        this.set.examples.push(parent);
      }
      return;
    }
    if (typeof record.task !== 'string' || record.task.trim() === '') return;
    const label = labelOf(record);
    if (!label) return;
    const terms = taskTerms(record.task);
    if (terms.length === 0) return;
    const task = cutWithEllipsis(record.task, MAX_TASK_CHARS);
    const example: Example = {
      ids: [shortId(record.id)],
      time,
      tier: record.tier,
      kind: label.kind,
      task,
      terms: ` ${terms.join(' ')} `,
      norm: termNorm(terms),
    };
    if (label.from) example.from = label.from;
    this.set.examples.push(example);
    this.byId?.set(example.ids[0]!, example);
  }

  /**
   * Drops examples too old to matter and keeps the last MAX_STRONG strong and MAX_WEAK weak ones
   * (the list is in the order labels were given). One pass from the end, no sorting.
   */
  prune(): void {
    const cutoff = this.set.newest - MAX_AGE_MS;
    const examples = this.set.examples;
    let strong = 0;
    let weak = 0;
    let dropped = 0;
    const keep: boolean[] = new Array<boolean>(examples.length);
    for (let i = examples.length - 1; i >= 0; i--) {
      const e = examples[i]!;
      const ok = e.time >= cutoff && (STRONG_KINDS.has(e.kind) ? ++strong <= MAX_STRONG : ++weak <= MAX_WEAK);
      keep[i] = ok;
      if (!ok) dropped++;
    }
    if (dropped === 0) return;
    this.set.examples = examples.filter((_, i) => keep[i]);
    this.byId = undefined;
  }
}

/** Collects the examples of a whole history (no cache). */
export function collectExamples(records: Iterable<HistoryRecord>): ExampleSet {
  const collector = new ExampleCollector(emptyExampleSet());
  for (const r of records) collector.add(r);
  collector.prune();
  return collector.set;
}
