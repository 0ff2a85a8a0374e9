import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AppContext } from '../context.js';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import type { ConfigFile, ProfileConfig } from '../config/schema.js';
import { buildClaudeArgv, needsNewSessionId, type ClaudeCommand } from '../decide/build-argv.js';
import { decide, type Decision } from '../decide/decide.js';
import { judgeAttempt, retryStep } from '../decide/retry-policy.js';
import { tierAbove } from '../types.js';
import { classifyOutage } from '../decide/outage.js';
import { formatUntrustedNotice, trustFilePath } from '../config/trust.js';
import { CrError, EXIT } from '../errors.js';
import { appendHistoryRecord, decisions, historyErrorReason, readHistoryTail } from '../history/history-store.js';
import { HISTORY_SCHEMA, type DecisionRecord, type HistoryRecord, type OutcomeRecord } from '../history/records.js';
import type { LaunchResult } from './launch-claude.js';
import type { LaunchRequest } from '../parse-args.js';
import { redactDeep, redactKnownValues, redactSecrets } from '../redact.js';
import { decisionJson, formatCommand, renderExplain, shellQuote, type ProviderView } from '../report/explain.js';
import {
  formatEnvPrefix,
  profileEnv,
  profileEnvRemoved,
  profileEnvShown,
  profileSecrets,
  requireProfile,
} from './profile-env.js';
import { claudePathFix, describeClaudePathProblem, locateClaude, requireClaude } from './find-claude.js';
import { measureContext, readAllStdin, shouldReadStdin } from './measure-input.js';
import { zoneClock } from './zone-clock.js';
import { whyNoPrompt } from '../ui/prompt.js';

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

/** Command-line flags that are settings too: the top configuration layer. */
export function flagLayer(request: LaunchRequest): ConfigFile {
  const flags: ConfigFile = {};
  if (request.ask) flags.ask = 'always';
  if (!request.history) flags.history = { enabled: false };
  if (!request.retry) flags.retry = { enabled: false };
  return flags;
}

export async function loadConfigFor(
  ctx: AppContext,
  request: { configFile?: string },
  flags?: ConfigFile,
): Promise<LoadedConfig> {
  const loaded = await loadConfig({
    cwd: ctx.cwd,
    home: ctx.home,
    env: ctx.env,
    globalConfigFile: ctx.paths.globalConfigFile,
    explicitFile: request.configFile,
    flags,
    trustFile: trustFilePath(ctx.paths.stateDir),
    cacheDir: ctx.paths.cacheDir,
  });
  if (loaded.untrusted) ctx.err(`${ctx.errColor.warn('cr:')} ${formatUntrustedNotice(loaded.untrusted)}\n`);
  return loaded;
}

/** The task as the privacy setting allows, never with anything that looks like a secret. */
export function taskForHistory(
  task: string,
  history: LoadedConfig['config']['history'],
  known: readonly string[] = [],
): string | undefined {
  if (history.tasks === 'none' || task === '') return undefined;
  const clean = redactKnownValues(task, known);
  if (history.tasks === 'truncate' && clean.length > history.truncateAt)
    return `${clean.slice(0, history.truncateAt - 1)}…`;
  return clean;
}

/** Runs (contexts) that have already said history could not be read or written: they say it once. */
const historyWarned = new WeakSet<AppContext>();

/** One warning a run about the history file, however many reads and writes fail. */
export function warnHistoryOnce(ctx: AppContext, what: 'read' | 'write', error: unknown): void {
  if (historyWarned.has(ctx)) return;
  historyWarned.add(ctx);
  ctx.err(
    `${ctx.errColor.warn('cr: warning:')} could not ${what} history ${ctx.paths.historyFile} (${historyErrorReason(error)}); continuing\n`,
  );
}

/** Appends to history; a failure is a warning (once a run) and never stops claude from starting. */
export function recordSafely(ctx: AppContext, loaded: LoadedConfig, record: HistoryRecord): void {
  if (!loaded.config.history.enabled) return;
  try {
    appendHistoryRecord(ctx.paths.historyFile, record);
  } catch (error) {
    warnHistoryOnce(ctx, 'write', error);
  }
}

/** The record appended after claude exits: its exit status and how long it ran. */
export function outcomeRecord(id: string, result: LaunchResult, endedAt: Date): OutcomeRecord {
  const record: OutcomeRecord = {
    v: HISTORY_SCHEMA,
    type: 'outcome',
    id,
    time: endedAt.toISOString(),
    exitCode: result.exitCode,
    durationMs: result.durationMs,
  };
  if (result.signal) record.signal = result.signal;
  return record;
}

export function decisionRecord(
  ctx: AppContext,
  loaded: LoadedConfig,
  decision: Decision,
  id: string,
  sessionId: string | undefined,
): DecisionRecord {
  const record: DecisionRecord = {
    v: HISTORY_SCHEMA,
    type: 'decision',
    id,
    time: ctx.now.toISOString(),
    cwd: ctx.cwd,
    kind: decision.kind,
    tier: decision.tier,
    model: decision.model,
    rule: decision.rule,
    confidence: Number(decision.confidence.toFixed(4)),
  };
  const task = taskForHistory(decision.task, loaded.config.history, profileSecrets(ctx.env, loaded.config.profiles));
  if (task !== undefined) record.task = task;
  if (sessionId) record.sessionId = sessionId;
  if (decision.suggested) record.suggested = decision.suggested;
  if (decision.profile) record.profile = decision.profile;
  if (decision.signals.print) record.print = true;
  return record;
}

/**
 * The decision that started a resumed session: the session named by --resume <id>, or for
 * --continue the latest session cr started in this directory. Undefined when history does not know
 * it, or cannot be read (a warning: claude still starts).
 */
export function findResumedDecision(ctx: AppContext, flags: LaunchRequest['flags']): DecisionRecord | undefined {
  let tail;
  try {
    tail = readHistoryTail(ctx.paths.historyFile, 1024 * 1024);
  } catch (error) {
    warnHistoryOnce(ctx, 'read', error);
    return undefined;
  }
  const records = decisions(tail.records).filter((r) => r.sessionId);
  const sessionId =
    flags.resumeId ?? (flags.continue ? records.findLast((r) => r.cwd === ctx.cwd)?.sessionId : undefined);
  return sessionId ? records.find((r) => r.sessionId === sessionId) : undefined;
}

export async function runLaunch(ctx: AppContext, request: LaunchRequest): Promise<number> {
  const started = Date.now();
  const loaded = await loadConfigFor(ctx, request, flagLayer(request));
  const { config } = loaded;
  // Piped input in print mode is read once: measured here, then fed to every attempt byte for byte.
  const stdin = shouldReadStdin(request.flags.print, () => ctx.stdinIsTTY) ? await readAllStdin() : undefined;
  const resumed = request.flags.resume ? findResumedDecision(ctx, request.flags) : undefined;
  // Learning from past overrides: loaded only when on, with a task, and once there is a history.
  const learn =
    config.learn && request.task.trim() && existsSync(ctx.paths.historyFile)
      ? (await import('../learn/index.js')).loadLearner(ctx.paths, ctx.now)?.learn
      : undefined;
  const decision = decide({
    task: request.task,
    flags: request.flags,
    config,
    override: request.override,
    profile: request.profile,
    now: ctx.now,
    timeZone: () => ctx.timeZone,
    clock: zoneClock,
    context: measureContext(request.task, stdin, ctx.cwd),
    learn,
    resumed: resumed?.sessionId ? { tier: resumed.tier, sessionId: resumed.sessionId } : undefined,
    budget: config.budget ? (await import('./budget-check.js')).checkBudget(ctx, config) : undefined,
  });
  const lookup = locateClaude({ env: ctx.env, claudePath: config.claudePath, cwd: ctx.cwd, selfPath: ctx.selfPath });
  const found = lookup.found;
  // --explain and --dry-run still show the decision; they say that claude would not start.
  const warnClaudePath = () => {
    if (lookup.problem)
      ctx.err(
        `${ctx.errColor.warn('cr: warning:')} ${describeClaudePathProblem(lookup.problem, false)}, so claude would not start; ${claudePathFix(lookup.problem)}\n`,
      );
  };
  const commandFor = (model: string | null, sessionId: string | undefined): ClaudeCommand =>
    buildClaudeArgv({
      claudePath: found?.path ?? 'claude',
      model,
      sessionId: needsNewSessionId(request.flags) ? sessionId : undefined,
      fallbackModel: config.fallbackModel,
      claudeArgs: request.claudeArgs,
      flags: request.flags,
      task: decision.task,
    });
  const newSessionId = () =>
    needsNewSessionId(request.flags)
      ? randomUUID()
      : (request.flags.sessionId ?? request.flags.resumeId ?? resumed?.sessionId);
  let sessionId = newSessionId();
  const redacted = (command: ClaudeCommand): ClaudeCommand => ({
    command: command.command,
    args: command.args.map(redactSecrets),
  });
  // Key values from the environment never reach the screen: explain and dry-run show the profile, its base URL and "$KEY_VAR".
  const known = profileSecrets(ctx.env, config.profiles);
  const provider = decision.profile
    ? providerView(decision.profile, requireProfile(config.profiles, decision.profile))
    : undefined;

  if (request.explain) {
    warnClaudePath();
    const shown = { ...decision, task: redactSecrets(decision.task) };
    const command = redacted(commandFor(decision.model, sessionId));
    if (request.json)
      ctx.out(`${JSON.stringify(redactDeep(decisionJson(shown, command, provider), known), null, 2)}\n`);
    else ctx.out(redactKnownValues(renderExplain(shown, command, ctx.color, ctx.columns, provider), known));
    return EXIT.ok;
  }
  // Going over the budget is never quieter than getting close to it: a tier it lowered is said, by a
  // launch and by --dry-run (so the printed command's model is explained). A schedule window's cap
  // stays quiet: it is the routine the user configured; --explain shows it.
  const budgetLowered =
    config.budget && decision.rule === 'budget'
      ? (await import('./budget-check.js')).budgetMovedLine(decision)
      : undefined;
  if (request.dryRun) {
    warnClaudePath();
    // A dry run succeeds (exit 0), but says when the budget would refuse the launch.
    if (decision.blocked)
      ctx.err(
        `${ctx.errColor.warn('cr: warning:')} ${decision.blocked}, so claude would not start (onExceed "block")\n`,
      );
    else if (
      decision.kind !== 'override' &&
      decision.signals.budget?.state === 'exceeded' &&
      decision.signals.budget.action === 'ask'
    ) {
      const noPrompt = whyNoPrompt(ctx);
      ctx.err(
        noPrompt
          ? `${ctx.errColor.warn('cr: warning:')} ${decision.ask}, so claude would not start here (${noPrompt}, so nothing can ask for the tier; onExceed "ask"): choose it with --opus, --sonnet or --haiku\n`
          : `${ctx.errColor.warn('cr: warning:')} ${decision.ask}, so claude would start only once you choose the tier at a prompt (onExceed "ask")\n`,
      );
    }
    if (budgetLowered) ctx.err(`${ctx.errColor.warn('cr:')} ${budgetLowered}\n`);
    const command = redacted(commandFor(decision.model, sessionId));
    const json = provider ? { ...command, profile: provider.name, ...providerJson(provider) } : command;
    ctx.out(
      request.json
        ? `${JSON.stringify(redactDeep(json, known))}\n`
        : redactKnownValues(`${providerPrefix(provider)}${formatCommand(command)}\n`, known),
    );
    return EXIT.ok;
  }
  if (decision.blocked) throw new CrError(`not starting claude: ${decision.blocked}`, EXIT.failure);
  for (const warning of decision.warnings) ctx.err(`${ctx.errColor.warn('cr:')} ${warning}\n`);
  if (budgetLowered) ctx.err(`${ctx.errColor.warn('cr:')} ${budgetLowered}\n`);
  const claude =
    found ?? requireClaude({ env: ctx.env, claudePath: config.claudePath, cwd: ctx.cwd, selfPath: ctx.selfPath });
  // --ask, config `ask` or a budget set to "ask": the user picks the tier (only at a terminal, never under CI).
  const chosen = decision.ask ? await askAndMark(decision) : decision;
  const { launchClaude } = await import('./launch-claude.js');

  /**
   * The prompt's pick. One made because the budget asked is recorded with rule "budget" (kind
   * "ask"): a choice forced by money says nothing about the task, and learning skips it.
   */
  async function askAndMark(d: Decision): Promise<Decision> {
    const { askForTier, budgetAsks } = await import('./ask-tier.js');
    const picked = await askForTier(ctx, d, config);
    return picked.kind === 'ask' && budgetAsks(d) ? { ...picked, rule: 'budget' } : picked;
  }

  // Failure recovery: in print mode a failed or refused answer is retried on the next tier up, then
  // an outage (connection error, 5xx, overloaded) once on the fallback profile.
  // Output is held back so that the user sees only the accepted attempt.
  const recover = config.retry.enabled && request.flags.print && request.flags.outputFormat !== 'stream-json';
  const retries = recover ? config.retry.max : 0;
  const fallback = recover ? config.fallbackProfile : undefined;
  // Each attempt's environment comes from its profile; a missing key variable stops cr before launch.
  const envFor = (a: Decision): NodeJS.ProcessEnv =>
    a.profile ? profileEnv(ctx.env, a.profile, requireProfile(config.profiles, a.profile)) : ctx.env;
  const envForRetry = (a: Decision): NodeJS.ProcessEnv | undefined => {
    try {
      return envFor(a);
    } catch (error) {
      if (!(error instanceof CrError)) throw error;
      ctx.err(`${ctx.errColor.warn('cr:')} not retrying: ${error.message}\n`);
      return undefined;
    }
  };
  let attempt: Decision = chosen;
  let attemptEnv = envFor(attempt);
  let parent = resumed?.id;
  let fellBack = false;
  try {
    return await runAttempts();
  } finally {
    // The session's usage goes into the budget summary now rather than before the next launch.
    if (config.budget)
      (await import('./budget-check.js')).refreshBudgetSummary(ctx, config, ctx.now.getTime() + (Date.now() - started));
  }

  async function runAttempts(): Promise<number> {
    for (let n = 0; ; n++) {
      const id = randomUUID();
      const record = decisionRecord(ctx, loaded, attempt, id, sessionId);
      if (parent) record.parent = parent;
      recordSafely(ctx, loaded, record);
      const command = { ...commandFor(attempt.model, sessionId), command: claude.path };
      const result = await launchClaude(command, {
        env: attemptEnv,
        cwd: ctx.cwd,
        stdinIsTTY: ctx.stdinIsTTY,
        input: stdin,
        capture: retries > 0 || fallback !== undefined,
      });
      recordSafely(ctx, loaded, outcomeRecord(id, result, new Date(ctx.now.getTime() + (Date.now() - started))));
      if (retries === 0 && fallback === undefined) {
        if (
          result.exitCode !== 0 &&
          !result.signal &&
          config.fallbackProfile &&
          attempt.profile !== config.fallbackProfile
        ) {
          ctx.err(
            `${ctx.errColor.warn('cr:')} to rerun on the fallback provider: cr --profile ${config.fallbackProfile} …\n`,
          );
        }
        return result.exitCode;
      }
      const stdout = result.stdout?.toString('utf8') ?? '';
      const verdict = judgeAttempt({ exitCode: result.exitCode, stdout, outputFormat: request.flags.outputFormat });
      const step = retryStep(attempt);
      const next = step.tier;
      let following: Decision | undefined;
      if (verdict.retry && n < retries && step.heldBy && !result.signal && !fellBack) {
        ctx.err(
          `${ctx.errColor.warn('cr:')} ${attempt.tier} attempt failed (${verdict.reason}); not retrying on ${tierAbove(attempt.tier)}: ${step.heldBy} caps the tier at ${attempt.tier}\n`,
        );
      }
      if (verdict.retry && n < retries && next && !result.signal && !fellBack) {
        ctx.err(
          `${ctx.errColor.warn('cr:')} ${attempt.tier} attempt failed (${verdict.reason}); retrying once on ${next}\n`,
        );
        // A profile that came with the tier follows the tier; one from --profile or a rule stays.
        const profile =
          request.profile ??
          (attempt.profile === config.tiers[attempt.tier].profile ? config.tiers[next].profile : attempt.profile);
        following = {
          ...attempt,
          tier: next,
          model: config.tiers[next].model,
          rule: 'retry',
          kind: 'retry',
          reasons: [`retry after a failed ${attempt.tier} attempt: ${verdict.reason}`, ...attempt.reasons],
        };
        if (profile) following.profile = profile;
        else delete following.profile;
      } else if (fallback && !fellBack && !result.signal && attempt.profile !== fallback) {
        const outage = classifyOutage({
          exitCode: result.exitCode,
          stdout,
          stderr: result.stderr?.toString('utf8') ?? '',
          outputFormat: request.flags.outputFormat,
        });
        if (outage.outage) {
          ctx.err(
            `${ctx.errColor.warn('cr:')} ${attempt.tier} attempt on ${attempt.profile ? `profile ${attempt.profile}` : 'the default provider'} failed (${outage.reason}); retrying once on profile ${fallback}\n`,
          );
          following = {
            ...attempt,
            profile: fallback,
            rule: 'retry',
            kind: 'retry',
            reasons: [`fallback to profile ${fallback}: ${outage.reason}`, ...attempt.reasons],
          };
          fellBack = true;
        }
      }
      const followingEnv = following ? envForRetry(following) : undefined;
      if (!following || !followingEnv) {
        if (result.stdout) process.stdout.write(result.stdout);
        if (result.stderr) process.stderr.write(result.stderr);
        return result.exitCode;
      }
      attempt = following;
      attemptEnv = followingEnv;
      parent = id;
      sessionId = newSessionId();
    }
  }
}
