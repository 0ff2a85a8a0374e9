import { Command, CommanderError, Help } from 'commander';
import type { AppContext } from './context.js';
import { SUBCOMMANDS, type SubcommandModule } from './commands/registry.js';
import { UsageError } from './errors.js';
import { ROOT_OPTIONS } from './parse-args.js';

/** Examples after the option list: [command line, what it does]. */
const EXAMPLES: readonly (readonly [string, string])[] = [
  ['cr "refactor the auth layer"', 'pick a model and start claude with the task'],
  ['cr --explain "convert this CSV to JSON"', 'show the decision and why; start nothing'],
  ['cr -p "sort these imports"', 'claude flags pass through (-p: print mode)'],
  ['cr --opus "review the payment module"', 'choose the model yourself'],
  ['cr --dry-run --json "add tests"', 'print the exact claude command as JSON'],
  ['cr', 'start claude on the default tier'],
];
const SUBCOMMAND_RULE =
  "A subcommand is recognised only as the first word after cr's own options, and only by its exact name; cr's options before it go to the subcommand:";
const SUBCOMMAND_EXAMPLES: readonly (readonly [string, string])[] = [
  ['cr check tasks.tsv', 'runs the check subcommand'],
  ['cr --config team.json check', 'same as cr check --config team.json'],
  ['cr help check', 'the help of check (same as cr check --help)'],
  ['cr "check the login flow"', 'one argument with spaces is always a task'],
];
const PASS_THROUGH =
  'Options cr does not know, and everything after --, go to claude unchanged; a task that begins with "-" (cr "-v is noisy") reaches claude after --, as the prompt.';
/** Where an example's description starts; a longer command puts it on the next line. */
const EXAMPLE_COLUMN = 39;

/** The examples, wrapped to the help's width as commander wraps the option list. */
function examplesText(help: Help): string {
  const width = help.helpWidth ?? 80;
  // In a narrow terminal the descriptions go under their commands, as in the option list.
  const column = width - EXAMPLE_COLUMN >= MIN_DESCRIPTION_WIDTH ? EXAMPLE_COLUMN : 4;
  const item = ([command, what]: readonly [string, string]) => {
    const pad = ' '.repeat(column);
    const lines = help.boxWrap(what, width - column).split('\n');
    const head = `  ${command}`;
    const first = head.length < column ? [head.padEnd(column) + lines[0]] : [head, pad + lines[0]];
    return [...first, ...lines.slice(1).map((line) => pad + line)].join('\n');
  };
  return [
    '',
    'Examples:',
    ...EXAMPLES.map(item),
    '',
    help.boxWrap(SUBCOMMAND_RULE, width),
    ...SUBCOMMAND_EXAMPLES.map(item),
    help.boxWrap(PASS_THROUGH, width),
    '',
  ].join('\n');
}

/** Descriptions narrower than this go under their option or command instead of beside it. */
const MIN_DESCRIPTION_WIDTH = 24;

/** Help wrapped to the terminal's width (or COLUMNS), as cr's other output. */
function helpConfig(ctx: AppContext): Partial<Help> {
  return {
    helpWidth: ctx.columns,
    minWidthToWrap: MIN_DESCRIPTION_WIDTH,
    // Continued lines of the usage line up under its first, after "Usage: ".
    styleUsage(this: Help, usage: string) {
      return this.boxWrap(usage, (this.helpWidth ?? 80) - 7).replaceAll('\n', `\n${' '.repeat(7)}`);
    },
    formatItem(this: Help, term: string, termWidth: number, description: string, helper: Help) {
      const width = this.helpWidth ?? 80;
      if (!description || width - termWidth - 4 >= MIN_DESCRIPTION_WIDTH)
        return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
      return [
        `  ${term}`,
        ...helper
          .boxWrap(description, width - 4)
          .split('\n')
          .map((line) => `    ${line}`),
      ].join('\n');
    },
  };
}

/**
 * The whole command-line interface as a commander program: used for help, completion and running
 * subcommands. The main command itself is parsed by parseLaunchArgs from the same option list.
 */
export async function buildProgram(
  ctx: AppContext,
  only?: string,
  rawArgs: readonly string[] = [],
): Promise<{ program: Command; exitCode: () => number }> {
  let code = 0;
  const program = new Command('cr')
    .description('Pick the right Claude model for the task, then start Claude Code')
    .usage('[options] [task words…] [claude options] [-- claude args]')
    .argument('[task...]', 'what you want Claude to do')
    .helpOption(false)
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out(s),
      writeErr: (s) => ctx.err(s),
      outputError: () => undefined,
    })
    .configureHelp(helpConfig(ctx));
  program.addHelpText('after', () => examplesText(program.createHelp()));
  for (const option of ROOT_OPTIONS) program.option(option.flags, option.description);
  const names = only ? [only] : Object.keys(SUBCOMMANDS);
  const modules: SubcommandModule[] = await Promise.all(names.map((name) => SUBCOMMANDS[name]!()));
  for (const mod of modules) mod.register(program, ctx, (c) => (code = c), rawArgs);
  for (const sub of program.commands) {
    // The root's own -h/--help is listed among ROOT_OPTIONS; subcommands get commander's.
    sub.helpOption('-h, --help', 'show help');
    sub
      .exitOverride()
      .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s), outputError: () => undefined });
    sub.configureHelp(helpConfig(ctx));
  }
  return { program, exitCode: () => code };
}

/** Runs one subcommand with commander; its parse errors become usage errors (exit 2). */
export async function runSubcommand(ctx: AppContext, name: string, argv: readonly string[]): Promise<number> {
  const { program, exitCode } = await buildProgram(ctx, name, argv);
  try {
    await program.parseAsync([name, ...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version'
      )
        return 0;
      const message = error.message.replace(/^error: /, '');
      // `cr check the login flow`: words the subcommand does not take were likely a task.
      if (error.code === 'commander.excessArguments') {
        const words = [name, ...argv.filter((a) => !a.startsWith('-'))].join(' ');
        throw new UsageError(
          `${message.replace(/\.$/, '')}; to route it as a task, quote it: cr ${quoteTask(words)} (see cr ${name} --help)`,
        );
      }
      throw new UsageError(`${message} (see cr ${name} --help)`);
    }
    throw error;
  }
  return exitCode();
}

/** A task as one shell word: in double quotes when that is safe, else in single quotes. */
function quoteTask(task: string): string {
  return /["$`\\!]/.test(task) ? `'${task.replaceAll("'", `'\\''`)}'` : `"${task}"`;
}

export async function printHelp(ctx: AppContext): Promise<void> {
  const { program } = await buildProgram(ctx);
  ctx.out(program.helpInformation());
  ctx.out(examplesText(program.createHelp()));
}
