// The facts the session settings (src/decide/session-settings.ts) depend on, gathered at the edge:
// the user's environment and flags, and what the installed claude accepts.
import type { AppContext } from '../context.js';
import type { Decision } from '../decide/decide.js';
import { SUBAGENT_MODEL_VAR, type SessionFacts } from '../decide/session-settings.js';
import type { ClaudeFlags } from '../decide/claude-flags.js';
import { claudeFeatures } from './claude-features.js';

export function sessionFacts(
  ctx: Pick<AppContext, 'env' | 'cwd' | 'paths'>,
  decision: Pick<Decision, 'kind'>,
  flags: Pick<ClaudeFlags, 'effort'>,
  /** The claude that would start; undefined when none was found. */
  claudePath: string | undefined,
  /** Whether history knows the tier of the session being resumed. */
  resumedKnown: boolean,
): SessionFacts {
  const userModel = ctx.env[SUBAGENT_MODEL_VAR]?.trim();
  let effort: ReturnType<SessionFacts['claudeEffort']> | undefined;
  return {
    ...(userModel ? { userSubagentModel: userModel } : {}),
    ...(flags.effort !== undefined ? { userEffort: flags.effort } : {}),
    tierKnown: decision.kind !== 'resume' || resumedKnown,
    claudeEffort: () => (effort ??= claudeAcceptsEffort(ctx, claudePath)),
  };
}

function claudeAcceptsEffort(
  ctx: Pick<AppContext, 'env' | 'cwd' | 'paths'>,
  claudePath: string | undefined,
): ReturnType<SessionFacts['claudeEffort']> {
  if (!claudePath) return { accepted: undefined, why: 'claude was not found' };
  const features = claudeFeatures(ctx.paths.cacheDir, claudePath, ctx.env, ctx.cwd);
  if (!features)
    return { accepted: undefined, why: '`claude --help` did not answer, so cr cannot tell whether it takes --effort' };
  return features.effort ? { accepted: true } : { accepted: false, why: `claude ${features.version} has no --effort` };
}
