import { classifyTask } from './classify-task.js';
import type { AskReason, DecideInput, Decision, TierCap, TierLimit } from './decision.js';
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

/**
 * Decides the tier and model for one request. Pure: everything it needs comes in `input`
 * (config, clock, context size, budget, learned preferences); nothing is read or written.
 * The configured rules look in order until one picks a tier (else the default tier); then the
 * ceilings (a schedule window, the budget) may lower it; a tier the user named, or a resumed
 * session's own model, has the last word.
 */
export function decide(input: DecideInput): Decision {
  const facts = gatherFacts(input);
  const trace: RuleTrace[] = [];
  let pick: TierChoice | undefined;
  for (const rule of rulesInOrder(input.config.rules)) {
    const verdict = rule(facts);
    trace.push(verdict.trace);
    if ((pick = verdict.pick)) break;
  }
  if (!pick) {
    const fallback = defaultTier(facts);
    trace.push(fallback.trace);
    pick = fallback.pick;
  }
  const routed = pick;
  const timed = schedule(facts, routed);
  const spent = budget(facts, timed.pick);
  const limits: TierLimit[] = [];
  const caps: TierCap[] = [];
  for (const ceiling of [timed, spent]) {
    if (ceiling.trace) trace.push(ceiling.trace);
    if (ceiling.limit) limits.push(ceiling.limit);
    if (ceiling.cap) caps.push(ceiling.cap);
  }
  pick = spent.pick;

  const chosen = override(facts, pick);
  const resumed = chosen ? undefined : resume(facts, pick);
  const tier = chosen?.tier ?? resumed?.tier ?? pick.tier;
  const rule = chosen ? 'override' : resumed ? 'resume' : pick.rule;
  const learned = facts.learned;
  const decision: Decision = {
    task: facts.task,
    tier,
    model: chosen?.model ?? (resumed ? null : (pick.model ?? input.config.tiers[tier].model)),
    rule,
    kind: chosen ? 'override' : resumed ? 'resume' : 'route',
    // The classifier's confidence where it decided; rules that act on facts (flags, sizes, your rules) are certain.
    confidence:
      rule === 'task-type' && facts.classification
        ? facts.classification.confidence
        : rule === 'learned' && learned
          ? (learned.confidence ?? facts.classification!.confidence)
          : 1,
    classification: facts.classification,
    signals: {
      print: facts.print,
      planMode: facts.planMode,
      resume: facts.resume,
      contextTokens: facts.contextTokens,
      contextParts: input.context?.parts,
      contextThreshold: input.config.longContext.threshold,
      scheduleWindow: timed.window,
      budget: facts.budget,
      learned,
      resumed: facts.resume ? facts.resumed : undefined,
    },
    trace,
  };
  if (chosen) decision.suggested = chosen.suggested;
  const profile = input.profile ?? pick.profile ?? timed.window?.profile ?? input.config.tiers[tier].profile;
  if (profile) decision.profile = profile;
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
