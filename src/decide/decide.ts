import { classifyTask } from './classify-task.js';
import type { AskReason, DecideInput, Decision } from './decision.js';
import { budget } from './rules/budget.js';
import { defaultTier } from './rules/default-tier.js';
import { rulesInOrder, type RuleTrace } from './rules/index.js';
import { contextNeedOf } from './rules/long-context.js';
import { override } from './rules/override.js';
import { resume } from './rules/resume.js';
import type { RuleFacts, TierChoice } from './rules/rule.js';
import { schedule } from './rules/schedule.js';

export type * from './decision.js';

/** The facts the rules read, gathered once: the classification, what learning says, the clock, the budget. */
function gatherFacts(input: DecideInput): RuleFacts {
  const { config, flags } = input;
  const task = input.task.trim();
  const classification = task ? classifyTask(task) : undefined;
  return {
    task,
    classification,
    contextNeed: classification && contextNeedOf(classification),
    print: flags.print,
    planMode: flags.planMode,
    resume: flags.resume,
    contextTokens: input.context?.tokens,
    longContext: config.longContext,
    planModel: config.planModel,
    defaultTier: config.defaultTier,
    learnEnabled: config.learn,
    learned: classification && config.learn && input.learn ? input.learn(task, classification) : undefined,
    schedule: config.schedule,
    now: input.now,
    timeZone: input.timeZone,
    clock: input.clock,
    budget: input.budget,
    tiers: config.tiers,
    override: input.override,
    resumed: input.resumed,
  };
}

/** The configured rules in order: the first pick wins; when none picks, the default tier. */
function runRules(facts: RuleFacts, rules: DecideInput['config']['rules'], trace: RuleTrace[]): TierChoice {
  for (const rule of rulesInOrder(rules)) {
    const verdict = rule(facts);
    trace.push(verdict.trace);
    if (verdict.pick) return verdict.pick;
  }
  const fallback = defaultTier(facts);
  trace.push(fallback.trace);
  return fallback.pick;
}

/** The classifier's confidence where it decided; rules that act on facts (flags, sizes, your rules) are certain. */
function confidenceOf(rule: string, facts: RuleFacts): number {
  if (rule === 'task-type' && facts.classification) return facts.classification.confidence;
  if (rule === 'learned' && facts.learned) return facts.learned.confidence ?? facts.classification!.confidence;
  return 1;
}

/**
 * Decides the tier and model for one request. Pure: everything it needs comes in `input`
 * (config, clock, context size, budget, learned preferences); nothing is read or written.
 * The configured rules look in order until one picks a tier (else the default tier); then the
 * ceilings (a schedule window, the budget) may lower it; a tier the user named, or a resumed
 * session's own model, has the last word.
 */
export function decide(input: DecideInput): Decision {
  const { config } = input;
  const facts = gatherFacts(input);
  const trace: RuleTrace[] = [];
  const timed = schedule(facts, runRules(facts, config.rules, trace));
  const spent = budget(facts, timed.pick);
  const ceilings = [timed, spent];
  for (const ceiling of ceilings) if (ceiling.trace) trace.push(ceiling.trace);
  const pick = spent.pick;
  const chosen = override(facts, pick);
  const resumed = chosen ? undefined : resume(facts, pick);
  const tier = chosen?.tier ?? resumed?.tier ?? pick.tier;
  const rule = chosen ? 'override' : resumed ? 'resume' : pick.rule;
  const decision: Decision = {
    task: facts.task,
    tier,
    model: chosen?.model ?? (resumed ? null : (pick.model ?? config.tiers[tier].model)),
    rule,
    kind: chosen ? 'override' : resumed ? 'resume' : 'route',
    confidence: confidenceOf(rule, facts),
    classification: facts.classification,
    signals: {
      print: facts.print,
      planMode: facts.planMode,
      resume: facts.resume,
      contextTokens: facts.contextTokens,
      contextParts: input.context?.parts,
      contextThreshold: config.longContext.threshold,
      scheduleWindow: timed.window,
      budget: facts.budget,
      learned: facts.learned,
      resumed: facts.resume ? facts.resumed : undefined,
    },
    trace,
  };
  if (chosen) decision.suggested = chosen.suggested;
  const profile = input.profile ?? pick.profile ?? timed.window?.profile ?? config.tiers[tier].profile;
  if (profile) decision.profile = profile;
  const caps = ceilings.flatMap((ceiling) => (ceiling.cap ? [ceiling.cap] : []));
  const limits = ceilings.flatMap((ceiling) => (ceiling.limit ? [ceiling.limit] : []));
  if (caps.length > 0) decision.caps = caps;
  if (limits.length > 0) decision.limits = limits;
  if (spent.stop === 'block') decision.blocked = true;
  const ask = askReason(input, decision, spent.stop === 'ask');
  if (ask) decision.ask = ask;
  return decision;
}

/** Why to ask for the tier at a prompt: the budget says so, or config `ask` (not for a tier the user chose or a resume). */
function askReason(input: DecideInput, decision: Decision, budgetAsks: boolean): AskReason | undefined {
  if (budgetAsks) return 'budget';
  if (decision.kind !== 'route' || !decision.classification) return undefined;
  const { ask, askBelow } = input.config;
  if (ask === 'always') return 'always';
  if (ask === 'low-confidence' && decision.confidence < askBelow) return 'low-confidence';
  return undefined;
}
