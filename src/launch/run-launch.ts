import type { AppContext } from '../context.js';
import type { LoadedConfig } from '../config/load-config.js';
import { flagLayer, loadConfigFor } from '../config/load-config-for.js';
import type { ProfileConfig } from '../config/schema.js';
import type { ClaudeCommand } from '../decide/build-argv.js';
import { decide, type BudgetVerdict, type ContextEstimate, type Decision, type DecideInput } from '../decide/decide.js';
import { retryPlan, retryStep } from '../decide/retry-policy.js';
import { sessionEnv, setSessionSettings } from '../decide/session-settings.js';
import { CrError, EXIT } from '../errors.js';
import { assertHistoryReadable } from '../history/history-store.js';
import type { LaunchRequest } from '../parse-args.js';
import { redactDeep, redactKnownValues, redactSecrets } from '../redact.js';
import { askText, blockedText, budgetMovedLine, decisionWarnings } from '../report/decision-words.js';
import { decisionJson, formatCommand, renderExplain, type ProviderView } from '../report/explain.js';
import { shellQuote } from '../ui/shell-quote.js';
import { formatEnvPrefix, profileEnvRemoved, profileEnvShown, profileSecrets, requireProfile } from './profile-env.js';
import { claudePathFix, describeClaudePathProblem, locateClaude, requireClaude } from './find-claude.js';
import { findResumedDecision, warnHistoryOnce } from './launch-history.js';
import { commandFor, sessionIdFor, type LaunchPlan } from './launch-plan.js';
import { runAttempts } from './run-attempts.js';
import { measureContext, readAllStdin, shouldReadStdin, taskFromStdin } from './measure-input.js';
import { zoneClock } from './zone-clock.js';
import { sessionFacts } from './session-facts.js';
import { whyNoPrompt } from '../ui/prompt.js';

const { existsSync } = process.getBuiltinModule('node:fs');

/** A profile as --explain and --dry-run show it: what it sets (secrets as references) and what it removes. */
export function providerView(name: string, profile: ProfileConfig): ProviderView {
  const unset = profileEnvRemoved(profile);
  return { name, env: profileEnvShown(profile), ...(unset.length ? { unset } : {}) };
}

/** What a printed (--dry-run) command puts in front for a profile: `env -u …` and its variables, or nothing. */
export function providerPrefix(provider: ProviderView | undefined): string {
  return provider ? `${formatEnvPrefix(provider.env, shellQuote, provider.unset)} ` : '';
}

/** The same for --dry-run --json: the profile's variables and those it removes. */
export function providerJson(provider: ProviderView | undefined): { env?: Record<string, string>; unset?: string[] } {
  return provider ? { env: provider.env, ...(provider.unset ? { unset: provider.unset } : {}) } : {};
}

/**
 * `cr "task"`, `cr --explain`, `cr --dry-run`: resolve the config, measure the input, check the
 * budget, decide, then explain, print the command, or run claude (record, retry).
 */
export async function runLaunch(ctx: AppContext, request: LaunchRequest): Promise<number> {
  const loaded = await loadConfigFor(ctx, request, flagLayer(request));
  const input = await measureInput(ctx, request);
  const budget = await checkBudget(ctx, loaded);
  const plan = await decideLaunch(ctx, request, loaded, input, budget);
  if (request.explain) return explainLaunch(ctx, plan);
  if (request.dryRun) return printDryRun(ctx, plan);
  const claudePath = prepareStart(ctx, plan);
  const first = await confirmTier(ctx, plan);
  const outcome = await runAttempts(ctx, plan, first, claudePath);
  // The session's usage goes into the budget summary now rather than before the next launch.
  if (loaded.config.budget)
    (await import('./budget-check.js')).refreshBudgetSummary(ctx, loaded.config, outcome.endedAt.getTime());
  return outcome.exitCode;
}

/** Piped input in print mode, and the size of what the session starts with. */
async function measureInput(
  ctx: AppContext,
  request: LaunchRequest,
): Promise<{ stdin?: Buffer; context: ContextEstimate }> {
  const stdin = shouldReadStdin(request.flags.print, () => ctx.stdinIsTTY) ? await readAllStdin() : undefined;
  return { stdin, context: measureContext(request.task, stdin, ctx.cwd) };
}

/** Real spend against the budget, when one is set (src/launch/budget-check.ts). */
async function checkBudget(ctx: AppContext, loaded: LoadedConfig): Promise<BudgetVerdict | undefined> {
  return loaded.config.budget ? (await import('./budget-check.js')).checkBudget(ctx, loaded.config) : undefined;
}

/** The decision, with what the edges know (past choices, the resumed session), and what starting it takes. */
async function decideLaunch(
  ctx: AppContext,
  request: LaunchRequest,
  loaded: LoadedConfig,
  input: { stdin?: Buffer; context: ContextEstimate },
  budget: BudgetVerdict | undefined,
): Promise<LaunchPlan> {
  const { config } = loaded;
  // `echo "convert this CSV" | cr -p`: the prompt claude reads is the task to route and record.
  const task = request.task || (request.flags.print ? taskFromStdin(input.stdin) : '');
  const resumed = request.flags.resume ? findResumedDecision(ctx, request.flags) : undefined;
  // Learning from past overrides: loaded only when on, with a task, and once there is a history.
  const learn = config.learn && task.trim() && existsSync(ctx.paths.historyFile) ? await loadLearned(ctx) : undefined;
  const decision = decide({
    task,
    flags: request.flags,
    config,
    override: request.override,
    profile: request.profile,
    now: ctx.now,
    timeZone: () => ctx.timeZone,
    clock: zoneClock,
    context: input.context,
    learn,
    resumed: resumed?.sessionId ? { tier: resumed.tier, sessionId: resumed.sessionId } : undefined,
    budget,
  });
  const claude = locateClaude({ env: ctx.env, claudePath: config.claudePath, cwd: ctx.cwd, selfPath: ctx.selfPath });
  // The effort and the subagents' model go with the tier: a retry on another tier works them out again.
  const facts = sessionFacts(ctx, decision, request.flags, claude.found?.path, resumed !== undefined);
  setSessionSettings(decision, config, facts);
  return {
    request,
    loaded,
    decision,
    stdin: input.stdin,
    resumed,
    claude,
    sessionFacts: facts,
    provider: decision.profile
      ? providerView(decision.profile, requireProfile(config.profiles, decision.profile))
      : undefined,
    secrets: profileSecrets(ctx.env, config.profiles),
    retry: retryPlan(config, request.flags),
    sessionId: sessionIdFor(request, resumed),
  };
}

/**
 * What the learner says of tasks, from the history. A history that is there but cannot be read (a
 * folder, no permission) is said once, as for a write: the learned rule then has nothing to go on.
 */
async function loadLearned(ctx: AppContext): Promise<DecideInput['learn']> {
  try {
    assertHistoryReadable(ctx.paths.historyFile);
  } catch (error) {
    warnHistoryOnce(ctx, 'read', error);
    return undefined;
  }
  return (await import('../learn/index.js')).loadLearner(ctx.paths, ctx.now)?.learn;
}

/** The command as --explain and --dry-run show it: nothing that looks like a secret. */
function shownCommand(plan: LaunchPlan): ClaudeCommand {
  const command = commandFor(plan, plan.decision, plan.sessionId);
  return { command: command.command, args: command.args.map(redactSecrets) };
}

/**
 * --explain and --dry-run still show the decision when claude cannot be found, or when the profile
 * takes its key from a variable that is not set; they say that it would not start.
 */
function warnWouldNotStart(ctx: AppContext, plan: LaunchPlan): void {
  const problem = plan.claude.problem;
  if (problem)
    ctx.err(
      `${ctx.errColor.warn('cr: warning:')} ${describeClaudePathProblem(problem, false)}, so claude would not start; ${claudePathFix(problem)}\n`,
    );
  const name = plan.decision.profile;
  const keyEnv = name === undefined ? undefined : plan.loaded.config.profiles[name]?.keyEnv;
  if (keyEnv && !ctx.env[keyEnv])
    ctx.err(
      `${ctx.errColor.warn('cr: warning:')} profile "${name}" takes its key from ${keyEnv}, which is not set, so claude would not start; export ${keyEnv} or pick another profile\n`,
    );
}

/** --explain: the decision, why, and the command; nothing starts. */
function explainLaunch(ctx: AppContext, plan: LaunchPlan): number {
  warnWouldNotStart(ctx, plan);
  const shown = { ...plan.decision, task: redactSecrets(plan.decision.task) };
  const command = shownCommand(plan);
  const retry = { ...plan.retry, ...retryStep(plan.decision) };
  if (plan.request.json)
    ctx.out(
      `${JSON.stringify(redactDeep(decisionJson(shown, command, plan.provider, retry), plan.secrets), null, 2)}\n`,
    );
  else
    ctx.out(
      redactKnownValues(renderExplain(shown, command, ctx.color, ctx.columns, plan.provider, retry), plan.secrets),
    );
  return EXIT.ok;
}

/** --dry-run: the exact command (with the profile's environment in front); nothing starts. */
function printDryRun(ctx: AppContext, plan: LaunchPlan): number {
  const { decision, provider } = plan;
  warnWouldNotStart(ctx, plan);
  // A dry run succeeds (exit 0), but says when the budget would refuse the launch.
  if (decision.blocked)
    ctx.err(
      `${ctx.errColor.warn('cr: warning:')} ${blockedText(decision)}, so claude would not start (onExceed "block")\n`,
    );
  else if (decision.kind !== 'override' && decision.ask === 'budget') {
    const noPrompt = whyNoPrompt(ctx);
    ctx.err(
      noPrompt
        ? `${ctx.errColor.warn('cr: warning:')} ${askText(decision)}, so claude would not start here (${noPrompt}, so nothing can ask for the tier; onExceed "ask"): choose it with --opus, --sonnet or --haiku\n`
        : `${ctx.errColor.warn('cr: warning:')} ${askText(decision)}, so claude would start only once you choose the tier at a prompt (onExceed "ask")\n`,
    );
  }
  warnBudgetLowered(ctx, decision);
  const command = shownCommand(plan);
  // The subagents' model is set in claude's environment: shown before the command, as a profile's variables are.
  const added = sessionEnv(decision);
  const addedPrefix = Object.keys(added).length ? `${formatEnvPrefix(added, shellQuote)} ` : '';
  const env = { ...providerJson(provider).env, ...added };
  const json = {
    ...command,
    ...(provider ? { profile: provider.name, ...providerJson(provider) } : {}),
    ...(Object.keys(env).length ? { env } : {}),
  };
  ctx.out(
    plan.request.json
      ? `${JSON.stringify(redactDeep(json, plan.secrets))}\n`
      : redactKnownValues(`${providerPrefix(provider)}${addedPrefix}${formatCommand(command)}\n`, plan.secrets),
  );
  return EXIT.ok;
}

/**
 * Going over the budget is never quieter than getting close to it: a tier it lowered is said, by a
 * launch and by --dry-run (so the printed command's model is explained). A schedule window's cap
 * stays quiet: it is the routine the user configured; --explain shows it.
 */
function warnBudgetLowered(ctx: AppContext, decision: Decision): void {
  const line = budgetMovedLine(decision);
  if (line) ctx.err(`${ctx.errColor.warn('cr:')} ${line}\n`);
}

/**
 * Before claude starts: a blocking budget stops here, warnings are said, and claude must be found.
 * Returns the path of the claude to start.
 */
function prepareStart(ctx: AppContext, plan: LaunchPlan): string {
  const { decision } = plan;
  if (decision.blocked) throw new CrError(`not starting claude: ${blockedText(decision)}`, EXIT.failure);
  for (const warning of decisionWarnings(decision)) ctx.err(`${ctx.errColor.warn('cr:')} ${warning}\n`);
  warnBudgetLowered(ctx, decision);
  const { config } = plan.loaded;
  const found =
    plan.claude.found ??
    requireClaude({ env: ctx.env, claudePath: config.claudePath, cwd: ctx.cwd, selfPath: ctx.selfPath });
  return found.path;
}

/**
 * With --ask, config `ask` or a budget set to "ask", the user picks the tier (only at a terminal,
 * never under CI). A pick made because the budget asked is recorded with rule "budget" (kind
 * "ask"): a choice forced by money says nothing about the task, and learning skips it.
 */
async function confirmTier(ctx: AppContext, plan: LaunchPlan): Promise<Decision> {
  const { decision } = plan;
  if (!decision.ask) return decision;
  const { askForTier, budgetAsks } = await import('./ask-tier.js');
  const picked = await askForTier(ctx, decision, plan.loaded.config);
  const chosen = picked.kind === 'ask' && budgetAsks(decision) ? { ...picked, rule: 'budget' } : picked;
  if (chosen !== decision) setSessionSettings(chosen, plan.loaded.config, plan.sessionFacts);
  return chosen;
}
