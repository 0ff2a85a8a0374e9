// The shape every routing rule shares. A rule is a pure function: it takes the facts it needs and
// returns its verdict with one trace entry, codes and numbers that src/report/ turns into words.
import type { ScheduleWindow } from '../../config/schema.js';
import type { Classification, Tier } from '../../types.js';
import type { BudgetVerdict, LearnedVerdict, Override, TierCap, TierLimit } from '../decision.js';
import type { WallClock } from '../schedule.js';

/** What a long starting context is for: reasoning over it, extracting from it, or ordinary work. */
import type { ContextNeed } from '../../types.js';
export type { ContextNeed };

/** Everything the rules may look at, gathered once by decide(). Each rule takes the part it needs. */
export interface RuleFacts {
  /** The task, trimmed; '' when there is none. */
  task: string;
  classification?: Classification;
  /** What a long context would be for, read from the classification. */
  contextNeed?: ContextNeed;
  print: boolean;
  planMode: boolean;
  resume: boolean;
  /** The estimated size of the starting context (task, piped input, @files). */
  contextTokens?: number;
  longContext: { enabled: boolean; threshold: number };
  planModel: string;
  defaultTier: Tier;
  /** Whether learning from past choices is on in config, and what it says about this task. */
  learnEnabled: boolean;
  learned?: LearnedVerdict;
  schedule: ScheduleWindow[];
  now: Date;
  timeZone: () => string | undefined;
  clock?: WallClock;
  budget?: BudgetVerdict;
  tiers: Record<Tier, { model: string; profile?: string }>;
  override?: Override;
  /** The decision that started the session being resumed, when history knows it. */
  resumed?: { tier: Tier; sessionId: string };
}

/** A rule's choice: the tier, and the model or profile that come with it (a custom rule's, planModel). */
export interface TierChoice {
  tier: Tier;
  /** The rule the tier comes from (a custom rule's id for a custom rule). */
  rule: string;
  model?: string;
  profile?: string;
}

/** One rule's look at the request: shown by --explain whether or not it fired. */
export interface TraceEntry {
  rule: string;
  fired: boolean;
  /** What the rule saw, as a code (report/decision-words.ts has its words). */
  code: string;
}

/** What a rule in the ordered list (config `rules`) says: a pick, or nothing and the next rule looks. */
export interface RuleVerdict<Trace extends TraceEntry = TraceEntry> {
  pick?: TierChoice;
  trace: Trace;
}

/**
 * What a ceiling (a schedule window, the budget) does to the pick the rules made: leaves it, or
 * lowers it, and says which ceiling is in force. Ceilings run after the ordered rules, in a fixed order.
 */
export interface CeilingVerdict<Trace extends TraceEntry = TraceEntry> {
  /** The pick after this ceiling. */
  pick: TierChoice;
  /** The ceiling in force, whether or not it lowered the pick. */
  limit?: TierLimit;
  /** Set when it lowered the pick. */
  cap?: TierCap;
  /** Undefined when the ceiling is not configured. */
  trace?: Trace;
}
