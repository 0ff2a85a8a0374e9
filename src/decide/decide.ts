import { formatInt } from '../ui/format.js';
import type { ResolvedConfig } from '../config/defaults.js';
import type { CustomRule } from '../config/schema.js';
import { evidenceLabel } from './evidence-label.js';
import { BUILTIN_RULE_IDS } from './rule-ids.js';
import type { DecisionKind } from '../history/records.js';
import { TIERS, isTier, minTier, tierBelow, type Classification, type Tier } from '../types.js';
import { classifyTask } from './classify-task.js';
import type { ClaudeFlags } from './claude-flags.js';
import { describeWindow, inWindow, type WallClock } from './schedule.js';
import type { EffortPlan, SubagentPlan } from './session-settings.js';
import { matchesUserPattern } from './user-pattern.js';

/** Families whose work is extraction or formatting: with a long context they go to Sonnet, not Haiku. */
const FORMULAIC_TIER: Tier = 'haiku';

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

/** Where spend stands against the budget (computed at the edge from transcripts). */
export interface BudgetVerdict {
  state: 'ok' | 'warn' | 'exceeded';
  window: 'daily' | 'weekly' | 'monthly';
  spent: number;
  limit: number;
  unit: 'usd' | 'tokens';
  action: 'downgrade' | 'ask' | 'block' | `cap:${Tier}`;
}

/** What learning from the user's past choices says about this task. */
export interface LearnedVerdict {
  tier: Tier;
  /** True when it differs from what the classifier alone would pick. */
  changed: boolean;
  reason: string;
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
  /** The decision that started the session being resumed, when history knows it. */
  resumed?: { tier: Tier; sessionId: string };
}

/** One rule's look at the request: shown by --explain whether or not it fired. */
export interface RuleTrace {
  rule: string;
  fired: boolean;
  note: string;
}

export interface Decision {
  task: string;
  tier: Tier;
  /** String for --model; null keeps the resumed session's own model. */
  model: string | null;
  rule: string;
  kind: DecisionKind;
  reasons: string[];
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
    scheduleWindow?: string;
    budget?: BudgetVerdict;
    learned?: LearnedVerdict;
  };
  trace: RuleTrace[];
  /**
   * Ceilings that lowered the rules' pick, in the order they applied (a schedule window's maxTier,
   * then the budget): what the tier was, what it became, and what lowered it. An override still
   * wins over them; the record stays so that --explain can say what a flag would undo.
   */
  caps?: TierCap[];
  /**
   * Ceilings in force for this decision, whether or not they lowered the pick: a schedule window's
   * maxTier, the tier an over-budget downgrade or cap:* leaves. A failed print-mode attempt is not
   * retried above them (retry-policy.ts).
   */
  limits?: TierLimit[];
  /** Set when the budget says not to start. */
  blocked?: string;
  /** The budget or config asks the user to confirm the tier. */
  ask?: string;
  warnings: string[];
  /** `--effort` and the subagents' model for the session: added at the launch (session-settings.ts). */
  effort?: EffortPlan;
  subagents?: SubagentPlan;
}

/** A ceiling in force: the highest tier it allows and where it comes from. */
export interface TierLimit {
  by: 'schedule' | 'budget';
  to: Tier;
  source: string;
  figures?: string;
}

/** One ceiling that lowered the tier. */
export interface TierCap {
  by: 'schedule' | 'budget';
  from: Tier;
  to: Tier;
  /** The rule whose pick was lowered (for a budget after a schedule cap: "schedule"). */
  rule: string;
  /** Where the ceiling comes from: 'schedule "overnight" 22:00–07:00', or 'onExceed "cap:haiku"'. */
  source: string;
  /** The budget's spend against its limit ("$3.00 of $2.00 daily"), for a budget cap. */
  figures?: string;
}

function tierOfModel(model: string, config: ResolvedConfig): Tier | undefined {
  if (isTier(model)) return model;
  for (const tier of TIERS) if (config.tiers[tier].model === model) return tier;
  const lower = model.toLowerCase();
  return TIERS.find((tier) => lower.includes(tier));
}

function customRuleMatches(rule: CustomRule, input: DecideInput, classification: Classification | undefined): boolean {
  const when = rule.when;
  if (when.pattern !== undefined && !matchesUserPattern(when.pattern, input.task)) return false;
  if (when.families && !(classification && when.families.includes(classification.family))) return false;
  if (when.classifiedAs && !(classification && when.classifiedAs.includes(classification.tier))) return false;
  if (when.print !== undefined && when.print !== input.flags.print) return false;
  if (when.planMode !== undefined && when.planMode !== input.flags.planMode) return false;
  const tokens = input.context?.tokens ?? 0;
  if (when.minTokens !== undefined && tokens < when.minTokens) return false;
  if (when.maxTokens !== undefined && tokens > when.maxTokens) return false;
  return true;
}

function describeEvidence(classification: Classification): string {
  if (classification.defaultedFrom) {
    return `Sonnet by default: no words in the task point to ${classification.defaultedFrom} or opus, only its shape`;
  }
  // Words the task really contains make the best reasons; structural features come after them.
  const forTier = classification.evidence.filter((e) => e.tier === classification.tier);
  const top = [...forTier.filter((e) => e.match), ...forTier.filter((e) => !e.match)].slice(0, 3);
  if (top.length === 0) return `reads as ${classification.family}`;
  return `reads as ${classification.family}: ${top.map(evidenceLabel).join(', ')}`;
}

interface Pick {
  tier: Tier;
  rule: string;
  reason: string;
  model?: string;
  profile?: string;
}

/**
 * Decides the tier and model for one request. Pure: everything it needs comes in `input`
 * (config, clock, context size, budget, learned preferences); nothing is read or written.
 */
export function decide(input: DecideInput): Decision {
  const { config, flags } = input;
  const task = input.task.trim();
  const trace: RuleTrace[] = [];
  const warnings: string[] = [];
  const classification = task ? classifyTask(task) : undefined;
  const contextTokens = input.context?.tokens;
  const longContext =
    config.longContext.enabled && contextTokens !== undefined && contextTokens >= config.longContext.threshold;
  const learned = classification && config.learn && input.learn ? input.learn(task, classification) : undefined;

  const builtin: Record<string, () => Pick | undefined> = {
    'plan-mode': () => {
      if (!flags.planMode) {
        trace.push({ rule: 'plan-mode', fired: false, note: 'not in plan mode' });
        return undefined;
      }
      trace.push({ rule: 'plan-mode', fired: true, note: '--permission-mode plan is reasoning-heavy' });
      return {
        tier: 'opus',
        rule: 'plan-mode',
        model: config.planModel,
        reason: `plan mode takes real reasoning: ${config.planModel}`,
      };
    },
    'long-context': () => {
      if (!config.longContext.enabled) {
        trace.push({ rule: 'long-context', fired: false, note: 'turned off in config' });
        return undefined;
      }
      const size = `~${formatInt(contextTokens ?? 0)} tokens (threshold ${formatInt(config.longContext.threshold)})`;
      if (!longContext || !classification) {
        trace.push({ rule: 'long-context', fired: false, note: `context ${size}` });
        return undefined;
      }
      if (classification.tier === 'opus') {
        trace.push({ rule: 'long-context', fired: true, note: `context ${size} and the task needs careful reasoning` });
        return {
          tier: 'opus',
          rule: 'long-context',
          reason: `long context of ${size}: careful reasoning goes to Opus`,
        };
      }
      if (classification.tier === FORMULAIC_TIER) {
        trace.push({
          rule: 'long-context',
          fired: true,
          note: `context ${size}: long extraction wants Sonnet with prompt caching`,
        });
        return {
          tier: 'sonnet',
          rule: 'long-context',
          reason: `long context of ${size}: extraction or formatting goes to Sonnet, not Haiku`,
        };
      }
      trace.push({ rule: 'long-context', fired: false, note: `context ${size}; Sonnet work stays on Sonnet` });
      return undefined;
    },
    learned: () => {
      if (!config.learn) {
        trace.push({ rule: 'learned', fired: false, note: 'learning is off in config' });
        return undefined;
      }
      if (!learned || !learned.changed) {
        trace.push({ rule: 'learned', fired: false, note: learned ? learned.reason : 'no similar past choices' });
        return undefined;
      }
      trace.push({ rule: 'learned', fired: true, note: learned.reason });
      return { tier: learned.tier, rule: 'learned', reason: learned.reason };
    },
    'task-type': () => {
      if (!classification) {
        trace.push({ rule: 'task-type', fired: false, note: 'no task given' });
        return undefined;
      }
      trace.push({ rule: 'task-type', fired: true, note: describeEvidence(classification) });
      return { tier: classification.tier, rule: 'task-type', reason: describeEvidence(classification) };
    },
  };

  const runRules = (): Pick => {
    const entries: (string | CustomRule)[] = config.rules.flatMap((r) =>
      r === 'defaults' ? [...BUILTIN_RULE_IDS] : [r],
    );
    for (const entry of entries) {
      if (typeof entry === 'string') {
        const pick = builtin[entry]?.();
        if (pick) return pick;
        continue;
      }
      const fired = customRuleMatches(entry, input, classification);
      trace.push({ rule: entry.id, fired, note: entry.description ?? `custom rule → ${entry.tier}` });
      if (fired) {
        return {
          tier: entry.tier,
          rule: entry.id,
          reason: entry.description ?? `your rule "${entry.id}" matched`,
          model: entry.model,
          profile: entry.profile,
        };
      }
    }
    trace.push({ rule: 'default', fired: true, note: `default tier ${config.defaultTier}` });
    return {
      tier: config.defaultTier,
      rule: 'default',
      reason: task
        ? `no rule matched: default tier ${config.defaultTier}`
        : `no task given: default tier ${config.defaultTier}`,
    };
  };

  let pick = runRules();
  let kind: DecisionKind = 'route';
  const caps: TierCap[] = [];
  const limits: TierLimit[] = [];
  const reasons: string[] = [pick.reason];

  // Time-of-day windows: a default for sessions with no task, and a ceiling.
  let scheduleWindow: string | undefined;
  let scheduleProfile: string | undefined;
  for (const window of config.schedule) {
    if (window.printOnly && !flags.print) continue;
    if (!inWindow(window, input.now, window.timezone ?? input.timeZone(), input.clock)) continue;
    scheduleWindow = describeWindow(window);
    scheduleProfile = window.profile;
    if (window.defaultTier && pick.rule === 'default') {
      pick = {
        ...pick,
        tier: window.defaultTier,
        rule: 'schedule',
        reason: `schedule ${scheduleWindow}: default tier ${window.defaultTier}`,
      };
      reasons.splice(0, reasons.length, pick.reason);
    }
    if (window.maxTier) limits.push({ by: 'schedule', to: window.maxTier, source: `schedule ${scheduleWindow}` });
    if (window.maxTier && minTier(pick.tier, window.maxTier) !== pick.tier) {
      reasons.push(`schedule ${scheduleWindow} caps the tier at ${window.maxTier} (was ${pick.tier})`);
      caps.push({
        by: 'schedule',
        from: pick.tier,
        to: window.maxTier,
        rule: pick.rule,
        source: `schedule ${scheduleWindow}`,
      });
      pick = { ...pick, tier: window.maxTier, rule: 'schedule', model: undefined };
    }
    trace.push({ rule: 'schedule', fired: true, note: `inside window ${scheduleWindow}` });
    break;
  }
  if (config.schedule.length > 0 && !scheduleWindow)
    trace.push({ rule: 'schedule', fired: false, note: 'outside every window' });

  // Budget ceiling.
  let blocked: string | undefined;
  let ask: string | undefined;
  const budget = input.budget;
  if (budget) {
    const figures =
      budget.unit === 'usd'
        ? `$${budget.spent.toFixed(2)} of $${budget.limit.toFixed(2)} ${budget.window}`
        : `${formatInt(budget.spent)} of ${formatInt(budget.limit)} tokens ${budget.window}`;
    if (budget.state === 'exceeded') {
      if (budget.action === 'block') blocked = `over the ${budget.window} budget: ${figures}`;
      else if (budget.action === 'ask') ask = `over the ${budget.window} budget: ${figures}`;
      else {
        const ceiling =
          budget.action === 'downgrade'
            ? (tierBelow(pick.tier) ?? pick.tier)
            : minTier(pick.tier, budget.action.slice(4) as Tier);
        limits.push({ by: 'budget', to: ceiling, source: `onExceed "${budget.action}"`, figures });
        if (ceiling !== pick.tier) {
          reasons.push(`over the ${budget.window} budget (${figures}): ${pick.tier} → ${ceiling}`);
          caps.push({
            by: 'budget',
            from: pick.tier,
            to: ceiling,
            rule: pick.rule,
            source: `onExceed "${budget.action}"`,
            figures,
          });
          pick = { ...pick, tier: ceiling, rule: 'budget', model: undefined };
        }
      }
      trace.push({ rule: 'budget', fired: true, note: `exceeded: ${figures}` });
    } else {
      if (budget.state === 'warn') warnings.push(`budget: ${figures} spent`);
      trace.push({ rule: 'budget', fired: false, note: `${budget.state}: ${figures}` });
    }
  }

  let tier = pick.tier;
  let rule = pick.rule;
  let model: string | null = pick.model ?? config.tiers[tier].model;
  let suggested: Decision['suggested'];
  const override = input.override;
  if (override && (override.model || override.tier)) {
    suggested = { tier, rule };
    tier = override.tier ?? (override.model ? tierOfModel(override.model, config) : undefined) ?? tier;
    model = override.model ?? config.tiers[tier].model;
    rule = 'override';
    kind = 'override';
    reasons.unshift(`you chose ${model} (cr would pick ${suggested.tier}: ${pick.reason})`);
  } else if (flags.resume) {
    // A resumed session keeps its own model unless the user overrides it.
    model = null;
    rule = 'resume';
    kind = 'resume';
    if (input.resumed) {
      tier = input.resumed.tier;
      reasons.unshift(`resuming session ${input.resumed.sessionId}: it keeps ${tier}, the tier it was started on`);
    } else {
      reasons.unshift('resuming a session: it keeps the model it was started with');
    }
  }

  const profile = input.profile ?? pick.profile ?? scheduleProfile ?? config.tiers[tier].profile;
  const decision: Decision = {
    task,
    tier,
    model,
    rule,
    kind,
    reasons,
    // The classifier's confidence where it decided; rules that act on facts (flags, sizes, your rules) are certain.
    confidence:
      rule === 'task-type' && classification
        ? classification.confidence
        : rule === 'learned' && learned
          ? (learned.confidence ?? classification!.confidence)
          : 1,
    suggested,
    classification,
    signals: {
      print: flags.print,
      planMode: flags.planMode,
      resume: flags.resume,
      contextTokens,
      contextParts: input.context?.parts,
      contextThreshold: config.longContext.threshold,
      scheduleWindow,
      budget,
      learned,
    },
    trace,
    warnings,
  };
  if (profile) decision.profile = profile;
  if (caps.length > 0) decision.caps = caps;
  if (limits.length > 0) decision.limits = limits;
  if (blocked) decision.blocked = blocked;
  if (ask) decision.ask = ask;
  if (!override && !flags.resume && classification) {
    const wantsAsk =
      config.ask === 'always' || (config.ask === 'low-confidence' && decision.confidence < config.askBelow);
    if (wantsAsk && !decision.ask)
      decision.ask =
        config.ask === 'always'
          ? 'asked for (--ask, or ask: "always" in config)'
          : `low confidence (${decision.confidence.toFixed(2)})`;
  }
  return decision;
}
