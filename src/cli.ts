import { CLAUDE_SUBCOMMANDS, isClaudeSubcommand } from './claude-subcommands.js';
import { createContext, isTerminal, type AppContext } from './context.js';
import { SUBCOMMANDS, subcommandName } from './commands/registry.js';
import { CrError, EXIT, UsageError, reentryProblem } from './errors.js';
import { shouldReadStdin } from './launch/measure-input.js';
import { leadingRootOptions, parseLaunchArgs } from './parse-args.js';
import { colorEnabled, PLAIN_PALETTE } from './ui/color-choice.js';
import { terminalSafe } from './ui/format.js';
import { likelyTypoOf } from './typo.js';

declare const __CR_VERSION__: string | undefined;
const VERSION = typeof __CR_VERSION__ === 'string' ? __CR_VERSION__ : '0.0.0-dev';

/** Runs cr and returns the exit code; never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  let ctx: AppContext | undefined;
  try {
    // Claude Code runs the status line several times a minute, always bare, and its line has no
    // colours. Chalk is loaded only when stdout or stderr may be coloured (a terminal, FORCE_COLOR):
    // its import of node:process makes all three standard streams, ~8 ms on Node 22 for output
    // into a pipe or a file (npm run bench, "start-up shortcuts").
    const bareStatusline = argv.length === 1 && argv[0] === 'statusline';
    const mayColor =
      !bareStatusline && (colorEnabled(process.env, isTerminal(1)) || colorEnabled(process.env, isTerminal(2)));
    ctx = createContext(VERSION, mayColor ? (await import('./ui/colors.js')).makePalette : () => PLAIN_PALETTE);
    const loop = reentryProblem(process.env, process.ppid);
    if (loop) throw new CrError(loop, EXIT.notExecutable);
    // A subcommand only as the first word after cr's own options, and only as the exact bare name:
    // "check the login flow" is a task; `cr --config f check` runs check with --config.
    const at = leadingRootOptions(argv);
    const word = argv[at];
    if (word === 'help') {
      return await runHelp(ctx, argv.slice(0, at), argv.slice(at + 1));
    }
    const sub = subcommandName(word);
    if (sub) {
      // The status line, bare: no commander either.
      if (bareStatusline) {
        const { runStatusline } = await import('./commands/statusline.js');
        return await runStatusline(ctx);
      }
      const { runSubcommand } = await import('./program.js');
      return await runSubcommand(ctx, sub, [...argv.slice(0, at), ...argv.slice(at + 1)]);
    }
    // Claude Code's own subcommands: `cr mcp list` is `claude mcp list`, `cr update` is `claude update`
    // (but `cr update the readme` is a task). cr's options do not go with them.
    if (isClaudeSubcommand(argv.slice(at))) {
      if (at > 0)
        throw new UsageError(
          `${word} is Claude Code's own subcommand: run it as cr ${word} … or claude ${word} …, without cr's options`,
        );
      const { runClaudeSubcommand } = await import('./launch/claude-subcommand.js');
      return await runClaudeSubcommand(ctx, argv);
    }
    // claude's -v alone: both versions, each named (cr's own is --version / -V).
    if (argv.length === 1 && argv[0] === '-v') {
      const { printVersions } = await import('./launch/claude-subcommand.js');
      return await printVersions(ctx);
    }
    const request = parseLaunchArgs(argv);
    if (!request.help && !request.version && !request.taskAfterDashDash) refuseMistypedSubcommand(request.task);
    if (request.help) {
      const { printHelp } = await import('./program.js');
      await printHelp(ctx);
      return EXIT.ok;
    }
    if (request.version) {
      ctx.out(`cr ${ctx.version}\n`);
      return EXIT.ok;
    }
    // `cr --explain` alone explains the last decision; with -p and a prompt piped in, that prompt
    // is the task (claude would read it from stdin), and the launch path explains it.
    if (request.explain && !request.task && !promptPipedIn(ctx, request.flags.print)) {
      const { explainLastDecision } = await import('./commands/explain.js');
      return await explainLastDecision(ctx, request);
    }
    // The launch path (the classifier, the rules) is loaded only by a launch, --explain and --dry-run.
    const { runLaunch } = await import('./launch/run-launch.js');
    return await runLaunch(ctx, request);
  } catch (error) {
    return reportError(error, ctx);
  }
}

function promptPipedIn(ctx: AppContext, print: boolean): boolean {
  return shouldReadStdin(print, () => ctx.stdinIsTTY);
}

/**
 * A task of one bare word close to a subcommand's name (`cr histroy`, `cr stat -p`) is a typo, not
 * something to pay a session for. A task of more words is always a task.
 */
function refuseMistypedSubcommand(task: string): void {
  if (!task || /\s/.test(task) || subcommandName(task) || CLAUDE_SUBCOMMANDS.includes(task)) return;
  const meant = likelyTypoOf(task, [...Object.keys(SUBCOMMANDS), 'help']);
  if (meant)
    throw new UsageError(
      `unknown command "${task}"; did you mean "${meant}"? To send it to claude as a task, put it in quotes with other words (cr "${task} …"), or after -- (cr -- ${task})`,
    );
}

/** `cr help [command]`: the help of that subcommand, or the main help. */
async function runHelp(ctx: AppContext, options: readonly string[], words: readonly string[]): Promise<number> {
  if (options.length) throw new UsageError(`help takes no options, got ${options[0]}`);
  const { printHelp, runSubcommand } = await import('./program.js');
  if (words.length === 0) {
    await printHelp(ctx);
    return EXIT.ok;
  }
  if (words[0] === 'help' && words.length === 1) {
    ctx.out(
      'Usage: cr help [command]\n\nthe help of cr, or of one of its commands (cr help check is cr check --help)\n',
    );
    return EXIT.ok;
  }
  const sub = subcommandName(words[0]);
  if (!sub && CLAUDE_SUBCOMMANDS.includes(words[0]!)) {
    throw new UsageError(`${words[0]} is Claude Code's own subcommand: see claude ${words[0]} --help`);
  }
  if (!sub) {
    throw new UsageError(
      `no subcommand "${words[0]}" for help (see cr --help); a task that begins with "help" goes in quotes: cr "help …"`,
    );
  }
  if (words.length > 1) throw new UsageError(`help takes one subcommand name, got ${words.length} words`);
  return await runSubcommand(ctx, sub, ['--help']);
}

function reportError(error: unknown, ctx: AppContext | undefined): number {
  const write = ctx?.err ?? ((s: string) => process.stderr.write(terminalSafe(s)));
  const label = ctx ? ctx.errColor.bad('cr: error:') : 'cr: error:';
  if (error instanceof CrError) {
    write(`${label} ${error.message}\n`);
    for (const line of error.details) write(`  ${line}\n`);
    return error.exitCode;
  }
  // An unexpected failure: one line, and the stack only when asked for.
  const message = error instanceof Error ? error.message : String(error);
  write(`${label} ${message.split('\n')[0]}\n`);
  if (process.env.CR_DEBUG) write(`${(error as Error)?.stack ?? ''}\n`);
  else write('  (set CR_DEBUG=1 for details)\n');
  return EXIT.failure;
}

// Started as a program (not imported by tests): run and exit with the code.
process.exitCode = await main(process.argv.slice(2));
