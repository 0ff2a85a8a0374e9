// What decide() takes and what it returns: plain data. The words a person reads about a decision
// are written from it by src/report/decision-words.ts.
import type { ResolvedConfig } from '../config/defaults.js';
import type { ScheduleWindow } from '../config/schema.js';
import type { DecisionKind } from '../history/records.js';
import type { Classification, Tier } from '../types.js';
import type { ClaudeFlags } from './claude-flags.js';
import type { RuleTrace } from './rules/index.js';
import type { WallClock } from './schedule.js';
import type { EffortPlan, SubagentPlan } from './session-settings.js';

/** What the user asked for by hand. */
export interface Override {
  /** The string to pass to --model (a tier alias maps through the config). */
  model?: string;
  tier?: Tier;
}

/** The size of what the session starts with (estimated at the edge, where files and stdin are). */
export interface ContextEstimate {
  tokens: number;
  parts: { source: string; tokens: number }[];
}

/** What budget.onExceed says to do over the limit. */
export type OnExceed = 'downgrade' | 'ask' | 'block' | `cap:${Tier}`;

/** Where spend stands against the budget (computed at the edge from transcripts). */
export interface BudgetVerdict {
  state: 'ok' | 'warn' | 'exceeded';
  window: 'daily' | 'weekly' | 'monthly';
  spent: number;
  limit: number;
  unit: 'usd' | 'tokens';
  action: OnExceed;
}

/** What learning from the user's past choices says about this task. */
export interface LearnedVerdict {
  tier: Tier;
  /** True when it differs from what the classifier alone would pick. */
  changed: boolean;
  /** The tier the similar past tasks lean to other than the classifier's (the classifier's when none does). */
  lean: Tier;
  /** Of the similar past tasks on `lean`: how many the user chose it for, how many ran on it as cr picked. */
  chosen: number;
  kept: number;
  /** The weighed votes for `lean`, and the classifier's tier with its head start. */
  leanVotes: number;
  against: { tier: Tier; votes: number };
  /** The past tasks cited for `lean`. */
  examples: { task: string; tier: Tier }[];
  /** 0–1: how much of the weighed evidence (the classifier's head start and the votes) backs `tier`. */
  confidence?: number;
}

export interface DecideInput {
  task: string;
  flags: ClaudeFlags;
  config: ResolvedConfig;
  override?: Override;
  profile?: string;
  now: Date;
  /**
   * The zone for schedule windows that name none, asked for only then; undefined: the machine's
   * own, read from the Date fields of `now`.
   */
  timeZone: () => string | undefined;
  /** How schedule windows read the wall clock (default: schedule.ts's localTime, with Intl for named zones). */
  clock?: WallClock;
  context?: ContextEstimate;
  budget?: BudgetVerdict;
  learn?: (task: string, classification: Classification) => LearnedVerdict | undefined;
  /** The latest decision of the session being resumed, when history knows it. */
  resumed?: { tier: Tier; sessionId: string };
}

/** Where a ceiling comes from: a schedule window's maxTier, or the budget's onExceed. */
export type CeilingSource = { by: 'schedule'; window: ScheduleWindow } | { by: 'budget'; action: OnExceed };

/** A ceiling in force: the highest tier it allows. */
export type TierLimit = CeilingSource & { to: Tier };

/** One ceiling that lowered the tier: what the tier was, what it became, and whose pick it lowered. */
export type TierCap = CeilingSource & { from: Tier; to: Tier; rule: string };

/** Why the user is asked for the tier before claude starts. */
export type AskReason = 'budget' | 'always' | 'low-confidence';

export interface Decision {
  task: string;
  tier: Tier;
  /** String for --model; null keeps the resumed session's own model. */
  model: string | null;
  rule: string;
  kind: DecisionKind;
  confidence: number;
  profile?: string;
  /** What routing alone would have chosen, when the user overrode it. */
  suggested?: { tier: Tier; rule: string };
  classification?: Classification;
  signals: {
    print: boolean;
    planMode: boolean;
    resume: boolean;
    contextTokens?: number;
    /** Where the estimate came from: the task, stdin, @files. */
    contextParts?: ContextEstimate['parts'];
    contextThreshold: number;
    /** The schedule window the clock is in. */
    scheduleWindow?: ScheduleWindow;
    budget?: BudgetVerdict;
    learned?: LearnedVerdict;
    /** The latest decision of the session being resumed, when history knows it. */
    resumed?: { tier: Tier; sessionId: string };
  };
  /** Every rule that looked at the request, in order, with what it saw (codes and numbers). */
  trace: RuleTrace[];
  /**
   * Ceilings that lowered the rules' pick, in the order they applied (a schedule window's maxTier,
   * then the budget). An override still wins over them; the record stays so that --explain can say
   * what a flag would undo.
   */
  caps?: TierCap[];
  /**
   * Ceilings in force for this decision, whether or not they lowered the pick. A failed
   * print-mode attempt is not retried above them (retry-policy.ts).
   */
  limits?: TierLimit[];
  /** Set when the budget says not to start (onExceed "block" over the limit). */
  blocked?: true;
  /** Set when the user is to confirm the tier at a prompt. */
  ask?: AskReason;
  /** `--effort` and the subagents' model for the session: added at the launch (session-settings.ts). */
  effort?: EffortPlan;
  subagents?: SubagentPlan;
}
