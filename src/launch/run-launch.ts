import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import type { ConfigFile } from '../config/schema.js';
import { buildClaudeArgv, needsNewSessionId, type ClaudeCommand } from '../decide/build-argv.js';
import { decide, type Decision } from '../decide/decide.js';
import { CrError, EXIT } from '../errors.js';
import { appendHistoryRecord } from '../history/history-store.js';
import { HISTORY_SCHEMA, type DecisionRecord, type HistoryRecord } from '../history/records.js';
import type { LaunchRequest } from '../parse-args.js';
import { redactSecrets } from '../redact.js';
import { decisionJson, formatCommand, renderExplain } from '../report/explain.js';
import { findClaude, requireClaude } from './find-claude.js';

/** Command-line flags that are settings too: the top configuration layer. */
export function flagLayer(request: LaunchRequest): ConfigFile {
  const flags: ConfigFile = {};
  if (request.ask) flags.ask = 'always';
  if (!request.history) flags.history = { enabled: false };
  if (!request.retry) flags.retry = { enabled: false };
  return flags;
}

export async function loadConfigFor(ctx: AppContext, request: { configFile?: string }, flags?: ConfigFile): Promise<LoadedConfig> {
  return loadConfig({
    cwd: ctx.cwd,
    home: ctx.home,
    env: ctx.env,
    globalConfigFile: ctx.paths.globalConfigFile,
    explicitFile: request.configFile,
    flags,
  });
}

/** The task as the privacy setting allows, never with anything that looks like a secret. */
export function taskForHistory(task: string, history: LoadedConfig['config']['history']): string | undefined {
  if (history.tasks === 'none' || task === '') return undefined;
  const clean = redactSecrets(task);
  if (history.tasks === 'truncate' && clean.length > history.truncateAt) return `${clean.slice(0, history.truncateAt - 1)}…`;
  return clean;
}

/** Appends to history; a failure is a warning and never stops claude from starting. */
export function recordSafely(ctx: AppContext, loaded: LoadedConfig, record: HistoryRecord): void {
  if (!loaded.config.history.enabled) return;
  try {
    appendHistoryRecord(ctx.paths.historyFile, record);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    ctx.err(`${ctx.errColor.warn('cr: warning:')} could not write history to ${ctx.paths.historyFile} (${reason}); continuing\n`);
  }
}

export function decisionRecord(ctx: AppContext, loaded: LoadedConfig, decision: Decision, id: string, sessionId: string | undefined): DecisionRecord {
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
  const task = taskForHistory(decision.task, loaded.config.history);
  if (task !== undefined) record.task = task;
  if (sessionId) record.sessionId = sessionId;
  if (decision.suggested) record.suggested = decision.suggested;
  if (decision.profile) record.profile = decision.profile;
  if (decision.signals.print) record.print = true;
  return record;
}

export async function runLaunch(ctx: AppContext, request: LaunchRequest): Promise<number> {
  const loaded = await loadConfigFor(ctx, request, flagLayer(request));
  const { config } = loaded;
  const decision = decide({
    task: request.task,
    flags: request.flags,
    config,
    override: request.override,
    profile: request.profile,
    now: ctx.now,
    timeZone: () => ctx.timeZone,
  });
  const found = findClaude({ env: ctx.env, claudePath: config.claudePath, cwd: ctx.cwd, selfPath: ctx.selfPath });
  const sessionId = needsNewSessionId(request.flags) ? randomUUID() : request.flags.sessionId ?? request.flags.resumeId;
  const command: ClaudeCommand = buildClaudeArgv({
    claudePath: found?.path ?? 'claude',
    model: decision.model,
    sessionId: needsNewSessionId(request.flags) ? sessionId : undefined,
    fallbackModel: config.fallbackModel,
    claudeArgs: request.claudeArgs,
    flags: request.flags,
    task: decision.task,
  });
  const shown: ClaudeCommand = { command: command.command, args: command.args.map(redactSecrets) };

  if (request.explain) {
    if (request.json) ctx.out(`${JSON.stringify(decisionJson({ ...decision, task: redactSecrets(decision.task) }, shown), null, 2)}\n`);
    else ctx.out(renderExplain({ ...decision, task: redactSecrets(decision.task) }, shown, ctx.color, ctx.columns));
    return EXIT.ok;
  }
  if (request.dryRun) {
    if (request.json) ctx.out(`${JSON.stringify(shown)}\n`);
    else ctx.out(`${formatCommand(shown)}\n`);
    return EXIT.ok;
  }
  if (decision.blocked) throw new CrError(`not starting claude: ${decision.blocked}`, EXIT.failure);
  for (const warning of decision.warnings) ctx.err(`${ctx.errColor.warn('cr:')} ${warning}\n`);
  const claude = found ?? requireClaude({ env: ctx.env, claudePath: config.claudePath, cwd: ctx.cwd, selfPath: ctx.selfPath });

  const id = randomUUID();
  recordSafely(ctx, loaded, decisionRecord(ctx, loaded, decision, id, sessionId));
  const { launchClaude } = await import('./launch-claude.js');
  const result = await launchClaude({ ...command, command: claude.path }, { env: ctx.env, cwd: ctx.cwd, stdinIsTTY: ctx.stdinIsTTY });
  recordSafely(ctx, loaded, {
    v: HISTORY_SCHEMA,
    type: 'outcome',
    id,
    time: new Date(ctx.now.getTime() + result.durationMs).toISOString(),
    exitCode: result.exitCode,
    ...(result.signal ? { signal: result.signal } : {}),
    durationMs: result.durationMs,
  });
  return result.exitCode;
}
