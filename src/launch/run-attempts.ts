// The attempts of one launch: record the decision, run claude, record the outcome; in print mode,
// an API or transport failure runs the whole task once more, on the next tier up, then on the
// fallback profile. Output is then held back, so that the user sees only the last attempt's.
import type { AppContext } from '../context.js';
import { apiFailure, type ApiFailure } from '../decide/api-failure.js';
import type { Decision } from '../decide/decide.js';
import { retryStep } from '../decide/retry-policy.js';
import { sessionEnv, setSessionSettings } from '../decide/session-settings.js';
import { CrError } from '../errors.js';
import { randomUUID } from '../random-uuid.js';
import { failureWords, heldByWords } from '../report/decision-words.js';
import { tierAbove } from '../types.js';
import type { LaunchResult } from './launch-claude.js';
import { decisionRecord, outcomeRecord, recordSafely } from './launch-history.js';
import { commandFor, sessionIdFor, type LaunchPlan } from './launch-plan.js';
import { profileEnv, requireProfile } from './profile-env.js';
import { assertArgumentsFit } from './argv-limit.js';

/** One run of claude: its decision, environment and session, and what it continues. */
interface Attempt {
  decision: Decision;
  env: NodeJS.ProcessEnv;
  sessionId?: string;
  /** The decision this one continues: the resumed session's latest, or the failed attempt's. */
  parent?: string;
  /** Whether this attempt is the rerun on the fallback profile (there is no other after it). */
  fellBack: boolean;
}

/** The environment an attempt's profile gives claude; a missing key variable is a CrError (exit 2). */
function envFor(ctx: AppContext, plan: LaunchPlan, decision: Decision): NodeJS.ProcessEnv {
  const profiles = plan.loaded.config.profiles;
  const env = { ...ctx.env, ...sessionEnv(decision) };
  return decision.profile ? profileEnv(env, decision.profile, requireProfile(profiles, decision.profile)) : env;
}

/** Runs the attempts; returns the last one's exit code and when it ended (ctx.now plus the time claude ran). */
export async function runAttempts(
  ctx: AppContext,
  plan: LaunchPlan,
  first: Decision,
  claudePath: string,
): Promise<{ exitCode: number; endedAt: Date }> {
  const capture = plan.retry.retries > 0 || plan.retry.fallback !== undefined;
  let attempt: Attempt = {
    decision: first,
    env: envFor(ctx, plan, first),
    sessionId: plan.sessionId,
    parent: plan.resumed?.id,
    fellBack: false,
  };
  // A task too long for one argument is refused before anything is recorded.
  assertArgumentsFit({ ...commandFor(plan, first, plan.sessionId), command: claudePath }, attempt.env);
  let ranMs = 0;
  for (let n = 0; ; n++) {
    const id = randomUUID();
    let result: LaunchResult;
    try {
      result = await runAttempt(ctx, plan, attempt, id, claudePath, capture);
    } catch (error) {
      // claude did not start (a missing interpreter, no permission): the decision recorded for
      // this attempt gets its outcome, the exit code cr leaves with, so that no run stays open.
      if (error instanceof CrError)
        recordSafely(
          ctx,
          plan.loaded,
          outcomeRecord(id, { exitCode: error.exitCode, durationMs: 0 }, new Date(ctx.now.getTime() + ranMs)),
        );
      throw error;
    }
    ranMs += result.durationMs;
    const endedAt = new Date(ctx.now.getTime() + ranMs);
    recordSafely(ctx, plan.loaded, outcomeRecord(id, result, endedAt));
    if (!capture) {
      hintFallback(ctx, plan, attempt, result);
      return { exitCode: result.exitCode, endedAt };
    }
    const next = nextAttempt(ctx, plan, attempt, result, n, id);
    if (!next) {
      if (result.stdout?.length) ctx.passOn('stdout', result.stdout);
      if (result.stderr?.length) ctx.passOn('stderr', result.stderr);
      return { exitCode: result.exitCode, endedAt };
    }
    attempt = next;
  }
}

/** Records the attempt's decision (before claude starts, so a killed terminal still leaves it) and runs claude. */
async function runAttempt(
  ctx: AppContext,
  plan: LaunchPlan,
  attempt: Attempt,
  id: string,
  claudePath: string,
  capture: boolean,
): Promise<LaunchResult> {
  const record = decisionRecord(ctx, plan.loaded, attempt.decision, id, attempt.sessionId);
  if (attempt.parent) record.parent = attempt.parent;
  recordSafely(ctx, plan.loaded, record);
  const command = { ...commandFor(plan, attempt.decision, attempt.sessionId), command: claudePath };
  const { launchClaude } = await import('./launch-claude.js');
  return launchClaude(command, {
    env: attempt.env,
    cwd: ctx.cwd,
    stdinIsTTY: ctx.stdinIsTTY,
    input: plan.stdin,
    capture,
  });
}

/** Without recovery (interactive, --no-retry): a failed run names the fallback provider to rerun on. */
function hintFallback(ctx: AppContext, plan: LaunchPlan, attempt: Attempt, result: LaunchResult): void {
  const fallback = plan.loaded.config.fallbackProfile;
  if (result.exitCode !== 0 && !result.signal && fallback && attempt.decision.profile !== fallback)
    ctx.err(`${ctx.errColor.warn('cr:')} to rerun on the fallback provider: cr --profile ${fallback} …\n`);
}

/**
 * What follows a finished attempt: the task again after an API or transport failure (the next tier
 * up while retries are left and no ceiling holds it, else once on the fallback profile), or nothing.
 * Says on stderr what it does and why.
 */
function nextAttempt(
  ctx: AppContext,
  plan: LaunchPlan,
  attempt: Attempt,
  result: LaunchResult,
  n: number,
  id: string,
): Attempt | undefined {
  if (result.signal || attempt.fellBack) return undefined;
  const failure = apiFailure({
    exitCode: result.exitCode,
    stdout: result.stdout?.toString('utf8') ?? '',
    stderr: result.stderr?.toString('utf8') ?? '',
    outputFormat: plan.request.flags.outputFormat,
  });
  if (!failure) return undefined;
  const following = n < plan.retry.retries ? tierRetry(ctx, plan, attempt.decision, failure) : undefined;
  const fallback = plan.retry.fallback;
  if (following) return follow(ctx, plan, following, id, false);
  if (!fallback || attempt.decision.profile === fallback) return undefined;
  const { decision } = attempt;
  const on = decision.profile ? `profile ${decision.profile}` : 'the default provider';
  ctx.err(
    `${ctx.errColor.warn('cr:')} ${decision.tier} attempt on ${on} failed (${failureWords(failure)}); retrying once on profile ${fallback}\n`,
  );
  return follow(ctx, plan, { ...decision, profile: fallback, rule: 'retry', kind: 'retry' }, id, true);
}

/** The decision for a retry on the next tier up, or undefined (with a line saying so) when a ceiling holds it. */
function tierRetry(ctx: AppContext, plan: LaunchPlan, decision: Decision, failure: ApiFailure): Decision | undefined {
  const step = retryStep(decision);
  const failed = `${ctx.errColor.warn('cr:')} ${decision.tier} attempt failed (${failureWords(failure)})`;
  if (step.heldBy)
    ctx.err(
      `${failed}; not retrying on ${tierAbove(decision.tier)}: ${heldByWords(step.heldBy, decision)} caps the tier at ${decision.tier}\n`,
    );
  const next = step.tier;
  if (!next) return undefined;
  ctx.err(`${failed}; retrying once on ${next}\n`);
  const { config } = plan.loaded;
  const { request } = plan;
  // A profile that came with the tier follows the tier; one from --profile or a rule stays.
  const profile =
    request.profile ??
    (decision.profile === config.tiers[decision.tier].profile ? config.tiers[next].profile : decision.profile);
  const retry: Decision = { ...decision, tier: next, model: config.tiers[next].model, rule: 'retry', kind: 'retry' };
  if (profile) retry.profile = profile;
  else delete retry.profile;
  setSessionSettings(retry, config, plan.sessionFacts);
  return retry;
}

/** The attempt for a following decision; undefined (with a line) when its profile's key variable is missing. */
function follow(ctx: AppContext, plan: LaunchPlan, decision: Decision, parent: string, fellBack: boolean) {
  let env: NodeJS.ProcessEnv;
  try {
    env = envFor(ctx, plan, decision);
  } catch (error) {
    if (!(error instanceof CrError)) throw error;
    ctx.err(`${ctx.errColor.warn('cr:')} not retrying: ${error.message}\n`);
    return undefined;
  }
  return { decision, env, sessionId: sessionIdFor(plan.request, plan.resumed), parent, fellBack };
}
