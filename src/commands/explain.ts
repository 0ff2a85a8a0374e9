import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { decide } from '../decide/decide.js';
import { readClaudeFlags } from '../decide/claude-flags.js';
import { CrError, EXIT, UsageError } from '../errors.js';
import { decisions, readHistoryTail } from '../history/history-store.js';
import { flagLayer, loadConfigFor } from '../config/load-config-for.js';
import { runLaunch } from '../launch/run-launch.js';
import { parseLaunchArgs, type LaunchRequest } from '../parse-args.js';
import { redactSecrets } from '../redact.js';
import { decisionReasons } from '../report/decision-words.js';
import { decisionJson } from '../report/explain.js';
import type { SubcommandModule } from './registry.js';
import { visible } from '../ui/format.js';

const fs = process.getBuiltinModule('node:fs');

/** `cr explain --from FILE`: one task per line in, one decision per line out. */
async function explainFromFile(
  ctx: AppContext,
  file: string,
  json: boolean,
  configFile: string | undefined,
): Promise<number> {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CrError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      EXIT.usage,
    );
  }
  const { config } = await loadConfigFor(ctx, { configFile });
  const flags = readClaudeFlags([]);
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const task = raw.trim();
    if (!task) continue;
    const decision = decide({ task, flags, config, now: ctx.now, timeZone: () => ctx.timeZone });
    const shown = { ...decision, task: redactSecrets(decision.task) };
    lines.push(
      json
        ? JSON.stringify(decisionJson(shown, undefined))
        : `${ctx.color.tier(decision.tier, decision.tier.padEnd(6))}  ${decision.confidence.toFixed(2)}  ${decision.rule.padEnd(12)}  ${visible(shown.task ?? '')}`,
    );
    if (lines.length >= 1000) {
      ctx.out(`${lines.join('\n')}\n`);
      lines.length = 0;
    }
  }
  if (lines.length) ctx.out(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** `cr explain` / `cr --explain` with no task: the most recent decision in history, and what cr would say now. */
export async function explainLastDecision(ctx: AppContext, request: LaunchRequest): Promise<number> {
  const last = decisions(readHistoryTail(ctx.paths.historyFile).records).at(-1);
  if (!last)
    throw new CrError(
      `no decisions in history yet (${ctx.paths.historyFile}); give a task: cr explain "…"`,
      EXIT.failure,
    );
  const { config } = await loadConfigFor(ctx, request, flagLayer(request));
  const now = last.task
    ? decide({ task: last.task, flags: readClaudeFlags([]), config, now: ctx.now, timeZone: () => ctx.timeZone })
    : undefined;
  if (request.json) {
    ctx.out(`${JSON.stringify({ decision: last, now: now ? decisionJson(now, undefined) : undefined }, null, 2)}\n`);
    return EXIT.ok;
  }
  const p = ctx.color;
  const label = (s: string) => p.dim(s.padEnd(10));
  const out = [
    `${p.heading('last decision')} → ${p.tier(last.tier)}  ${p.dim(`${last.model ?? 'session model'} · rule ${last.rule} · ${last.kind} · ${last.time}`)}`,
    `${label('task')}${last.task !== undefined ? visible(last.task) : p.dim(config.history.tasks === 'none' ? '(not stored: history.tasks is "none")' : '(none: started without a task)')}`,
  ];
  if (last.suggested)
    out.push(`${label('suggested')}cr picked ${last.suggested.tier} (${last.suggested.rule}); you chose ${last.tier}`);
  if (last.sessionId) out.push(`${label('session')}${last.sessionId}`);
  if (now) {
    out.push(`${label('now')}cr would pick ${p.tier(now.tier)} (${now.rule}): ${decisionReasons(now)[0] ?? ''}`);
  }
  ctx.out(`${out.join('\n')}\n`);
  return EXIT.ok;
}

const explain: SubcommandModule = {
  name: 'explain',
  register(program: Command, ctx: AppContext, setExit, rawArgs) {
    program
      .command('explain')
      .description('show which model cr would pick and why; start nothing (same as cr --explain)')
      .argument('[task...]', 'the task; with none, the most recent decision in history')
      .option('--json', 'print the decision as JSON')
      .option('--from <file>', 'one task per line ("-" for stdin); with --json prints JSON Lines')
      .option('--config <file>', 'use this config file')
      .allowUnknownOption()
      .allowExcessArguments()
      .passThroughOptions()
      .action(async (_task: string[], options: { json?: boolean; from?: string; config?: string }) => {
        if (options.from !== undefined) {
          if (_task.length)
            throw new UsageError(
              `--from takes every task from ${options.from}: no task words or claude flags with it, got "${_task[0]}"`,
            );
          setExit(await explainFromFile(ctx, options.from, Boolean(options.json), options.config));
          return;
        }
        // Everything else reads exactly like cr --explain, claude flags included.
        const request = parseLaunchArgs(['--explain', ...rawArgs]);
        setExit(request.task ? await runLaunch(ctx, request) : await explainLastDecision(ctx, request));
      });
  },
};

export default explain;
