import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { buildClaudeArgv } from '../decide/build-argv.js';
import { sessionEnv, sessionSettings } from '../decide/session-settings.js';
import { sessionFacts } from '../launch/session-facts.js';
import { CrError, EXIT, UsageError } from '../errors.js';
import { overBudgetText } from '../report/decision-words.js';
import { decisions, readHistoryTail } from '../history/history-store.js';
import type { DecisionRecord } from '../history/records.js';
import { claudePathFix, describeClaudePathProblem, locateClaude, requireClaude } from '../launch/find-claude.js';
import { formatEnvPrefix, profileEnv, profileSecrets, requireProfile } from '../launch/profile-env.js';
import { decisionRecord, outcomeRecord, recordSafely } from '../launch/launch-history.js';
import { flagLayer, loadConfigFor } from '../config/load-config-for.js';
import { providerJson, providerPrefix, providerView } from '../launch/run-launch.js';
import { parseLaunchArgs } from '../parse-args.js';
import { formatCommand } from '../report/explain.js';
import { shellQuote } from '../ui/shell-quote.js';
import { redactDeep, redactKnownValues } from '../redact.js';
import { isTier, tierAbove, TIERS, type Tier } from '../types.js';
import { formatInt } from '../ui/format.js';
import type { SubcommandModule } from './registry.js';
import { wrappedHelpText } from '../ui/help-text.js';

const { statSync } = process.getBuiltinModule('node:fs');

export interface EscalateTarget {
  /** The decision that started the session. */
  origin: DecisionRecord;
  /** The session's latest decision (an earlier escalation, or the origin). */
  latest: DecisionRecord;
  to: Tier;
}

/**
 * Picks the session to escalate and the tier to move it to. Pure: the history comes in.
 * Without --session: the most recent session cr started in this directory.
 */
export function chooseEscalation(
  history: readonly DecisionRecord[],
  cwd: string,
  sessionId: string | undefined,
  to: Tier | undefined,
): EscalateTarget {
  const withSession = history.filter((r) => r.sessionId);
  const latest = sessionId
    ? withSession.findLast((r) => r.sessionId === sessionId)
    : withSession.findLast((r) => r.cwd === cwd);
  if (!latest) {
    throw new CrError(
      sessionId
        ? `no session ${sessionId} in cr's history`
        : `no session started by cr in ${cwd}; start one with cr "…" first`,
      EXIT.failure,
    );
  }
  const origin = withSession.find((r) => r.sessionId === latest.sessionId) ?? latest;
  const target = to ?? tierAbove(latest.tier);
  if (!target)
    throw new CrError(
      `session ${latest.sessionId} is already on ${latest.tier}, the top tier; use --to to pick another`,
      EXIT.failure,
    );
  if (target === latest.tier) throw new CrError(`session ${latest.sessionId} is already on ${target}`, EXIT.failure);
  return { origin, latest, to: target };
}

/** The directory the session started in (where claude can resume it); a one-line error when it is gone. */
function sessionDirectory(target: EscalateTarget): string {
  const dir = target.origin.cwd || target.latest.cwd;
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new CrError(
      `session ${target.latest.sessionId} started in ${dir}, which no longer exists: claude can only resume it from there`,
      EXIT.failure,
    );
  }
  return dir;
}

async function runEscalate(ctx: AppContext, raw: readonly string[]): Promise<number> {
  let to: Tier | undefined;
  let session: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const arg = raw[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (name === '--to' || name === '--session') {
      const value = inline ?? raw[++i];
      if (!value) throw new UsageError(`${name} needs a value`);
      if (name === '--to') {
        if (!isTier(value)) throw new UsageError(`--to: expected ${TIERS.join(', ')}, got "${value}"`);
        to = value;
      } else session = value;
    } else rest.push(arg);
  }
  const request = parseLaunchArgs(rest, { jsonWith: '--dry-run or --explain' });
  if (request.override || request.flags.resume || request.flags.sessionId) {
    throw new UsageError('cr escalate picks the session and the model itself: use --to TIER and --session ID');
  }
  const history = decisions(readHistoryTail(ctx.paths.historyFile, 4 * 1024 * 1024).records);
  const target = chooseEscalation(history, ctx.cwd, session, to);
  // Claude Code resumes a session only from the directory it started in (its transcript lives under
  // a folder named after that directory): claude runs there, config is read from there, and the
  // escalation is recorded there, as if cr up had been typed in that directory.
  const sessionCwd = sessionDirectory(target);
  const here = sessionCwd === ctx.cwd ? ctx : { ...ctx, cwd: sessionCwd };
  if (request.configFile) request.configFile = path.resolve(ctx.cwd, request.configFile);
  const loaded = await loadConfigFor(here, request, flagLayer(request));
  const sessionId = target.latest.sessionId!;
  const model = loaded.config.tiers[target.to].model;
  // The bigger tier's provider, as a launch on that tier would use (or --profile).
  const profile = request.profile ?? loaded.config.tiers[target.to].profile;
  if (profile) requireProfile(loaded.config.profiles, profile);
  // --to a tier below the session's own is allowed (e.g. to save money), but it is not an escalation: say so.
  if (TIERS.indexOf(target.to) < TIERS.indexOf(target.latest.tier)) {
    ctx.err(
      `${ctx.errColor.warn('cr: warning:')} ${target.to} is below ${target.latest.tier}, the session's tier now: this moves the session down, not up\n`,
    );
  }
  const { found, problem } = locateClaude({
    env: ctx.env,
    claudePath: loaded.config.claudePath,
    cwd: ctx.cwd,
    selfPath: ctx.selfPath,
  });
  const elsewhere = sessionCwd !== ctx.cwd;
  // The new tier's effort and subagents' model, as a launch on that tier gets them.
  const settings = sessionSettings(
    { tier: target.to, rule: 'escalate' },
    loaded.config,
    sessionFacts(here, { kind: 'escalation' }, request.flags, found?.path, true),
  );
  const added = sessionEnv(settings);
  const command = buildClaudeArgv({
    claudePath: found?.path ?? 'claude',
    model,
    fallbackModel: false,
    effort: settings.effort?.passed ? settings.effort.level : undefined,
    claudeArgs: ['--resume', sessionId, ...request.claudeArgs],
    flags: { ...request.flags, resume: true },
    task: request.task,
  });
  // onExceed "block" refuses every start, a tier flag included: a move to another tier too.
  const budget = loaded.config.budget
    ? (await import('../launch/budget-check.js')).checkBudget(ctx, loaded.config)
    : undefined;
  const blocked = budget?.state === 'exceeded' && budget.action === 'block' ? overBudgetText(budget) : undefined;
  if (request.dryRun || request.explain) {
    if (blocked)
      ctx.err(`${ctx.errColor.warn('cr: warning:')} ${blocked}, so claude would not start (onExceed "block")\n`);
    if (problem)
      ctx.err(
        `${ctx.errColor.warn('cr: warning:')} ${describeClaudePathProblem(problem, false)}, so claude would not start; ${claudePathFix(problem)}\n`,
      );
    // As a launch's --dry-run: the profile's environment in front, so the line runs as cr would run it.
    const provider = profile ? providerView(profile, requireProfile(loaded.config.profiles, profile)) : undefined;
    const addedPrefix = Object.keys(added).length ? `${formatEnvPrefix(added, shellQuote)} ` : '';
    const prefix = `${elsewhere ? `cd ${shellQuote(sessionCwd)} && ` : ''}${providerPrefix(provider)}${addedPrefix}`;
    const env = { ...providerJson(provider).env, ...added };
    const json = {
      ...command,
      cwd: sessionCwd,
      from: target.latest.tier,
      to: target.to,
      sessionId,
      profile,
      ...providerJson(provider),
      ...(Object.keys(env).length ? { env } : {}),
    };
    ctx.out(
      request.json
        ? `${JSON.stringify(redactDeep(json, profileSecrets(ctx.env, loaded.config.profiles)))}\n`
        : redactKnownValues(`${prefix}${formatCommand(command)}\n`, profileSecrets(ctx.env, loaded.config.profiles)),
    );
    return EXIT.ok;
  }
  if (blocked) throw new CrError(`not starting claude: ${blocked}`, EXIT.failure);
  const claude =
    found ??
    requireClaude({ env: ctx.env, claudePath: loaded.config.claudePath, cwd: ctx.cwd, selfPath: ctx.selfPath });
  // Before anything is recorded: a profile whose key variable is unset stops here.
  const base = { ...ctx.env, ...added };
  const env = profile ? profileEnv(base, profile, requireProfile(loaded.config.profiles, profile)) : base;
  const cost = await estimateSwitchCost(ctx, sessionId, model, loaded.config.prices).catch(() => undefined);
  ctx.err(
    `${ctx.errColor.warn('cr:')} moving session ${sessionId} from ${target.latest.tier} to ${target.to}: the switch re-reads the whole context without the prompt cache${cost ? ` (about ${cost})` : ''}\n`,
  );
  if (elsewhere)
    ctx.err(`${ctx.errColor.warn('cr:')} session ${sessionId} started in ${sessionCwd}: claude runs there\n`);
  const id = randomUUID();
  const record = decisionRecord(
    here,
    loaded,
    {
      task: request.task,
      tier: target.to,
      model,
      rule: 'escalate',
      kind: 'escalation',
      confidence: 1,
      signals: {
        print: request.flags.print,
        planMode: request.flags.planMode,
        resume: true,
        contextThreshold: loaded.config.longContext.threshold,
      },
      trace: [],
    },
    id,
    sessionId,
  );
  record.parent = target.latest.id;
  if (profile) record.profile = profile;
  record.suggested = { tier: target.latest.tier, rule: target.latest.rule };
  recordSafely(ctx, loaded, record);
  const { launchClaude } = await import('../launch/launch-claude.js');
  const result = await launchClaude(
    { ...command, command: claude.path },
    { env, cwd: sessionCwd, stdinIsTTY: ctx.stdinIsTTY },
  );
  recordSafely(ctx, loaded, outcomeRecord(id, result, new Date(ctx.now.getTime() + result.durationMs)));
  return result.exitCode;
}

/** What one uncached pass over the session's current context costs on the new model, from its transcript. */
async function estimateSwitchCost(
  ctx: AppContext,
  sessionId: string,
  model: string,
  prices: import('../usage/prices.js').Prices,
): Promise<string | undefined> {
  const usage = await import('../usage/session-context.js');
  const tokens = usage.lastContextTokens(ctx.env, ctx.home, sessionId);
  if (!tokens) return undefined;
  const price = usage.inputPriceFor(model, prices);
  if (price === undefined) return `${formatInt(tokens)} tokens`;
  return `$${((tokens * price) / 1e6).toFixed(2)} for ${formatInt(tokens)} tokens of context`;
}

const escalate: SubcommandModule = {
  name: 'escalate',
  aliases: ['up'],
  register(program: Command, ctx: AppContext, setExit, rawArgs) {
    program
      .command('escalate')
      .alias('up')
      .description(
        "continue cr's most recent session in this directory on the next tier up (claude --model <tier> --resume <id>)",
      )
      .argument('[prompt...]', 'what to say to the bigger model')
      .option('--to <tier>', 'the tier to move to (default: the next one up)')
      .option('--session <id>', 'the session to escalate (default: the most recent one cr started here)')
      .option('--dry-run', 'print the claude command; start nothing')
      .option('--json', 'with --dry-run: as JSON')
      .addHelpText(
        'after',
        wrappedHelpText(
          '\nclaude runs in the directory the session started in (Claude Code resumes a session only there), also with --session from elsewhere.',
        ),
      )
      .allowUnknownOption()
      .allowExcessArguments()
      .action(async () => {
        setExit(await runEscalate(ctx, rawArgs));
      });
  },
};

export default escalate;
