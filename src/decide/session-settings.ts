// What a session gets besides its model: `claude --effort` and the model its subagents run on
// (CLAUDE_CODE_SUBAGENT_MODEL). Pure: the facts from outside (the user's environment, the flags
// given to claude, what the installed claude accepts) come in as arguments.
import type { ResolvedConfig } from '../config/defaults.js';
import { isTier, tierBelow, type EffortLevel, type Tier } from '../types.js';

/** Claude Code's variable for the model of subagents whose definition names none. */
export const SUBAGENT_MODEL_VAR = 'CLAUDE_CODE_SUBAGENT_MODEL';

export interface EffortPlan {
  level: EffortLevel;
  /** The setting it comes from: "tiers.opus.effort" or "rules[0].effort". */
  source: string;
  /** Whether cr passes `--effort level` to claude. */
  passed: boolean;
  /** Why it is not passed. */
  reason?: string;
}

export interface SubagentPlan {
  /** subagents.model as configured ("same", "one-below", a tier or a model id). */
  policy: string;
  /** What cr sets CLAUDE_CODE_SUBAGENT_MODEL to; undefined: cr sets nothing. */
  model?: string;
  /** The user's own CLAUDE_CODE_SUBAGENT_MODEL, which wins over the policy. */
  userModel?: string;
  /** What happens, in words. */
  note: string;
}

export interface SessionSettings {
  effort?: EffortPlan;
  subagents: SubagentPlan;
}

/** What the settings depend on besides the config. */
export interface SessionFacts {
  /** CLAUDE_CODE_SUBAGENT_MODEL in the user's environment, when set (not empty). */
  userSubagentModel?: string;
  /** A `--effort` the user passed to claude. */
  userEffort?: string;
  /** False for a resumed session whose tier history does not know (its tier is then a guess). */
  tierKnown: boolean;
  /**
   * Whether the installed claude accepts --effort (undefined: not known, with why). Asked only when
   * an effort is configured for the session and the user passed none.
   */
  claudeEffort: () => { accepted: boolean | undefined; why?: string };
}

/** The tier and rule a session runs on (a decision, or a retry's next attempt). */
export interface SessionTier {
  tier: Tier;
  rule: string;
}

/**
 * The effort configured for a session: the deciding custom rule's, while the session still runs on
 * that rule's tier (a schedule or budget cap moved it otherwise), else the tier's.
 */
function configuredEffort(
  session: SessionTier,
  config: ResolvedConfig,
): { level: EffortLevel; source: string } | undefined {
  const index = config.rules.findIndex((r) => typeof r !== 'string' && r.id === session.rule);
  const rule = config.rules[index];
  if (rule && typeof rule !== 'string' && rule.effort && rule.tier === session.tier)
    return { level: rule.effort, source: `rules[${index}].effort` };
  const level = config.tiers[session.tier].effort;
  return level ? { level, source: `tiers.${session.tier}.effort` } : undefined;
}

function effortPlan(session: SessionTier, config: ResolvedConfig, facts: SessionFacts): EffortPlan | undefined {
  if (!facts.tierKnown) return undefined;
  const configured = configuredEffort(session, config);
  if (!configured) return undefined;
  if (facts.userEffort !== undefined)
    return { ...configured, passed: false, reason: `you passed --effort ${facts.userEffort}` };
  const { accepted, why } = facts.claudeEffort();
  if (accepted) return { ...configured, passed: true };
  return { ...configured, passed: false, reason: why ?? 'this claude has no --effort' };
}

/** The model subagents.model names for a session on `tier`, and how it came to it. */
function policyModel(policy: string, tier: Tier, config: ResolvedConfig): { model: string; how: string } {
  if (policy === 'one-below') {
    const below = tierBelow(tier) ?? tier;
    return { model: config.tiers[below].model, how: `"one-below": ${tier} → ${below}` };
  }
  if (isTier(policy)) return { model: config.tiers[policy].model, how: `"${policy}"` };
  return { model: policy, how: `"${policy}"` };
}

function subagentPlan(session: SessionTier, config: ResolvedConfig, facts: SessionFacts): SubagentPlan {
  const policy = config.subagents.model;
  const user = facts.userSubagentModel;
  if (user !== undefined)
    return {
      policy,
      userModel: user,
      note:
        policy === 'same'
          ? `your ${SUBAGENT_MODEL_VAR}=${user} applies (cr sets nothing)`
          : `your ${SUBAGENT_MODEL_VAR}=${user} wins over subagents.model "${policy}" (cr sets nothing)`,
    };
  if (policy === 'same')
    return {
      policy,
      note: 'subagents run on the model their definition sets, else on the session’s (subagents.model "same")',
    };
  if (policy === 'one-below' && !facts.tierKnown)
    return {
      policy,
      note: `not set: the resumed session’s tier is not in history, so subagents.model "one-below" has nothing to go below`,
    };
  const { model, how } = policyModel(policy, session.tier, config);
  return {
    policy,
    model,
    note: `${model} for subagents whose definition sets no model (subagents.model ${how})`,
  };
}

/** The effort and the subagents' model for a session on this tier and rule. */
export function sessionSettings(session: SessionTier, config: ResolvedConfig, facts: SessionFacts): SessionSettings {
  const effort = effortPlan(session, config, facts);
  const subagents = subagentPlan(session, config, facts);
  return effort ? { effort, subagents } : { subagents };
}

/** The variables cr adds to claude's environment for these settings. */
export function sessionEnv(settings: Partial<SessionSettings>): Record<string, string> {
  return settings.subagents?.model ? { [SUBAGENT_MODEL_VAR]: settings.subagents.model } : {};
}

/** Puts the settings for its tier and rule on a decision (a retry's next attempt gets its own). */
export function setSessionSettings(
  d: SessionTier & Partial<SessionSettings>,
  config: ResolvedConfig,
  facts: SessionFacts,
): void {
  const settings = sessionSettings(d, config, facts);
  d.subagents = settings.subagents;
  if (settings.effort) d.effort = settings.effort;
  else delete d.effort;
}
