import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { trustFilePath } from '../config/trust.js';
import type { AppContext } from '../context.js';
import { EXIT } from '../errors.js';
import { decisions, openHistory, parseHistory } from '../history/history-store.js';
import { readSessionUsage } from '../statusline/session-usage.js';
import { statusLine, type BudgetLeft, type RoutedDecision } from '../statusline/status-line.js';
import type { SubcommandModule } from './registry.js';
import { cutWithEllipsis } from '../ui/format.js';
import { wrappedHelpText } from '../ui/help-text.js';

const fs = process.getBuiltinModule('node:fs');

/** What cr reads of the JSON Claude Code passes to a status line command. */
interface StatusJson {
  session_id?: unknown;
  transcript_path?: unknown;
  cwd?: unknown;
  workspace?: { current_dir?: unknown };
  model?: { id?: unknown };
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

/** Never more than this of the history is read: the session's decisions are at its end. */
const HISTORY_TAIL = 1024 * 1024;
const HISTORY_CHUNK = 64 * 1024;

/**
 * The latest decision for the session, from the end of the history: read backwards in chunks until
 * a decision line names the session. Only that line is parsed; the status line runs often, and the
 * rest of the history is not its business.
 */
export function routedDecision(historyFile: string, sessionId: string): RoutedDecision | undefined {
  let fd: number;
  try {
    fd = openHistory(historyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const needle = Buffer.from(`"sessionId":${JSON.stringify(sessionId)}`);
    const floor = Math.max(0, size - HISTORY_TAIL);
    let end = size;
    let tail = Buffer.alloc(0);
    while (end > floor) {
      const start = Math.max(floor, end - HISTORY_CHUNK);
      const chunk = Buffer.alloc(end - start);
      fs.readSync(fd, chunk, 0, chunk.length, start);
      // The start of the history read before (up to its first line end) completes this chunk's last
      // line; a line cut at the chunk's start does not parse, and is read whole with the next chunk.
      const buffer = Buffer.concat([chunk, tail]);
      // (lastIndexOf with a negative offset would count from the end: stop at 0 instead.)
      for (let at = buffer.lastIndexOf(needle); at >= 0; at = at > 0 ? buffer.lastIndexOf(needle, at - 1) : -1) {
        const lineStart = buffer.lastIndexOf(10, at) + 1;
        const lineEnd = buffer.indexOf(10, at);
        const line = buffer.toString('utf8', lineStart, lineEnd < 0 ? buffer.length : lineEnd);
        const [record] = decisions(parseHistory(line).records);
        if (record?.sessionId === sessionId) return { tier: record.tier, rule: record.rule };
      }
      const firstNewline = buffer.indexOf(10);
      tail = firstNewline < 0 ? buffer : buffer.subarray(0, firstNewline + 1);
      end = start;
    }
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function isDirectory(dir: string | undefined): dir is string {
  return dir !== undefined && (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false);
}

/** The line for this JSON; throws on anything it cannot read (the caller prints the fallback). */
export async function statusFor(ctx: AppContext, input: StatusJson): Promise<string> {
  const sessionId = str(input.session_id);
  if (!sessionId || !/^[\w-]+$/.test(sessionId)) throw new Error('no session_id in the JSON on stdin');
  const cwd = str(input.cwd) ?? str(input.workspace?.current_dir);
  const { config } = await loadConfig({
    cwd: isDirectory(cwd) ? cwd : ctx.cwd,
    home: ctx.home,
    env: ctx.env,
    globalConfigFile: ctx.paths.globalConfigFile,
    trustFile: trustFilePath(ctx.paths.stateDir),
    cacheDir: ctx.paths.cacheDir,
  });
  const given = str(input.transcript_path);
  // Loaded as the launch loads them (the transcript search, the budget check): chunks of their own.
  const transcript =
    given && path.isAbsolute(given) && given.endsWith('.jsonl')
      ? given
      : (await import('../usage/session-context.js')).sessionTranscript(ctx.env, ctx.home, sessionId);
  const usage =
    transcript && fs.existsSync(transcript)
      ? readSessionUsage(transcript, sessionId, ctx.paths.cacheDir)
      : { models: {} };
  // The launch's budget check: every transcript on the machine, through the usage summary. Of the
  // recent transcripts it lists, only this session's is checked for growth: the status line runs
  // several times a minute; the others are caught up by the next launch, its refresh or cr stats.
  const verdict = config.budget
    ? (await import('../launch/budget-check.js')).checkBudget(
        ctx,
        config,
        transcript ? new Set([transcript]) : undefined,
      )
    : undefined;
  const budget: BudgetLeft | undefined = verdict && {
    unit: verdict.unit,
    window: verdict.window,
    limit: verdict.limit,
    spent: verdict.spent,
  };
  return statusLine({
    decision: routedDecision(ctx.paths.historyFile, sessionId),
    usage,
    currentModel: str(input.model?.id),
    prices: config.prices,
    budget,
  });
}

/**
 * One write to stdout, a pipe from Claude Code: without making process.stdout (node:net, node:stream).
 * A pipe that would block gets the line through the stream after all.
 */
function writeLine(ctx: AppContext, text: string): void {
  try {
    fs.writeSync(1, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') ctx.out(text);
  }
}

/** Reads the JSON and prints one line; on any failure a short line instead, and always exit 0. */
export async function runStatusline(ctx: AppContext): Promise<number> {
  let line: string;
  try {
    if (ctx.stdinIsTTY)
      throw new Error('reads the JSON Claude Code passes on stdin (see cr init or cr statusline --help)');
    const text = fs.readFileSync(0, 'utf8');
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      throw new Error('stdin is not JSON');
    }
    if (typeof input !== 'object' || input === null) throw new Error('stdin is not a JSON object');
    line = await statusFor(ctx, input as StatusJson);
  } catch (error) {
    // The status bar shows whatever is printed: a short line, never a stack or an empty bar.
    line = `cr: no status (${cutWithEllipsis(((error as Error).message ?? String(error)).split('\n')[0]!, 100)})`;
    if (ctx.env.CR_DEBUG) ctx.err(`${(error as Error).stack ?? String(error)}\n`);
  }
  writeLine(ctx, `${line}\n`);
  return EXIT.ok;
}

const statuslineCommand: SubcommandModule = {
  name: 'statusline',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('statusline')
      .description("one line for Claude Code's status bar: routed tier and rule, session spend, budget left")
      .addHelpText(
        'after',
        wrappedHelpText(`
Claude Code runs it with the session's JSON on stdin. Turn it on with cr init, or in
~/.claude/settings.json ($CLAUDE_CONFIG_DIR/settings.json):
  "statusLine": { "type": "command", "command": "cr statusline" }
A mark (⚠ opus answering) shows when the session runs on another model than cr routed it to. On
any error it prints "cr: no status (…)" and exits 0, so the status bar never breaks.
`),
      )
      .action(async () => setExit(await runStatusline(ctx)));
  },
};

export default statuslineCommand;
