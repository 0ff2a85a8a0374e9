import { UsageError } from './errors.js';
import { claudeFlagArity, readClaudeFlags, takesOptionalValue, type ClaudeFlags } from './decide/claude-flags.js';
import { isTier, type Tier } from './types.js';

/** One of cr's own options on the main command. The commander program (help, completion) is built from this list. */
export interface RootOption {
  flags: string;
  long: string;
  short?: string;
  value?: string;
  description: string;
}

export const ROOT_OPTIONS: readonly RootOption[] = [
  { flags: '--explain', long: '--explain', description: 'show the decision and why; start nothing' },
  { flags: '--dry-run', long: '--dry-run', description: 'print the exact claude command; start nothing' },
  { flags: '--json', long: '--json', description: 'machine-readable output (with --explain or --dry-run)' },
  {
    flags: '--model <tier|id>',
    long: '--model',
    value: '<tier|id>',
    description: 'use this tier (opus, sonnet, haiku) or model id; overrides routing',
  },
  { flags: '--opus', long: '--opus', description: 'same as --model opus' },
  { flags: '--sonnet', long: '--sonnet', description: 'same as --model sonnet' },
  { flags: '--haiku', long: '--haiku', description: 'same as --model haiku' },
  { flags: '--ask', long: '--ask', description: 'choose the tier at a prompt, the recommendation preselected' },
  {
    flags: '--profile <name>',
    long: '--profile',
    value: '<name>',
    description: 'start claude with this provider profile from config',
  },
  {
    flags: '--config <file>',
    long: '--config',
    value: '<file>',
    description: 'use this config file instead of searching for one',
  },
  { flags: '--no-history', long: '--no-history', description: 'do not record this decision' },
  {
    flags: '--no-retry',
    long: '--no-retry',
    description: 'in print mode, do not retry a failed run on the next tier up',
  },
  { flags: '-V, --version', long: '--version', short: '-V', description: 'print the version of cr' },
  { flags: '-h, --help', long: '--help', short: '-h', description: 'show help' },
];

/** The main command, parsed once at the boundary. */
export interface LaunchRequest {
  task: string;
  /** Everything for claude, in the order given. */
  claudeArgs: string[];
  flags: ClaudeFlags;
  explain: boolean;
  dryRun: boolean;
  json: boolean;
  ask: boolean;
  help: boolean;
  version: boolean;
  history: boolean;
  retry: boolean;
  override?: { model?: string; tier?: Tier };
  profile?: string;
  configFile?: string;
  /** Task words came after `--`, where the user fenced them off as the prompt: never a mistyped command. */
  taskAfterDashDash?: boolean;
}

function findRootOption(name: string): RootOption | undefined {
  return ROOT_OPTIONS.find((o) => o.long === name || o.short === name);
}

/**
 * How many words at the start of argv are cr's own options (with their values): the word after them
 * is where a subcommand name may stand. Stops at anything else, `--` and claude's flags included.
 */
export function leadingRootOptions(argv: readonly string[]): number {
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-' || arg === '--') break;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const own = findRootOption(eq > 0 ? arg.slice(0, eq) : arg);
    if (!own) break;
    i += own.value && eq < 0 ? 2 : 1;
  }
  return Math.min(i, argv.length);
}

/**
 * Splits argv into cr's options, claude's pass-through flags (with their values) and the task words.
 * Unknown options and everything after `--` go to claude unchanged and in order, except a word
 * that begins with "-" and has a space in it: no option does, so that is task text, anywhere.
 * `options.jsonWith`: for a subcommand parsing its words here, what its --json goes with (the error).
 */
export function parseLaunchArgs(argv: readonly string[], options: { jsonWith?: string } = {}): LaunchRequest {
  const request: LaunchRequest = {
    task: '',
    claudeArgs: [],
    flags: readClaudeFlags([]),
    explain: false,
    dryRun: false,
    json: false,
    ask: false,
    help: false,
    version: false,
    history: true,
    retry: true,
  };
  const taskWords: string[] = [];
  const tierFlags: Tier[] = [];
  // After `--` cr's own options are not read: options go to claude unchanged, and other words are
  // the prompt, as claude reads them there, so they are the task.
  let passThrough = false;
  const dashDash = argv.indexOf('--');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--' && !passThrough) {
      passThrough = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      taskWords.push(arg);
      if (passThrough) request.taskAfterDashDash = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    // No option has a space in its name: "-p is a flag" is the task (claude gets it after `--`).
    if (/\s/.test(name)) {
      taskWords.push(arg);
      continue;
    }
    const own = passThrough ? undefined : findRootOption(name);
    if (own) {
      let value: string | undefined;
      if (own.value) {
        value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '') throw new UsageError(`${own.long} needs a value ${own.value}`);
      } else if (eq > 0) {
        throw new UsageError(`${own.long} takes no value`);
      }
      switch (own.long) {
        case '--explain':
          request.explain = true;
          break;
        case '--dry-run':
          request.dryRun = true;
          break;
        case '--json':
          request.json = true;
          break;
        case '--ask':
          request.ask = true;
          break;
        case '--no-history':
          request.history = false;
          break;
        case '--no-retry':
          request.retry = false;
          break;
        case '--version':
          request.version = true;
          break;
        case '--help':
          request.help = true;
          break;
        case '--profile':
          request.profile = value;
          break;
        case '--config':
          request.configFile = value;
          break;
        case '--model':
          request.override = isTier(value) ? { tier: value } : { model: value! };
          break;
        default:
          tierFlags.push(own.long.slice(2) as Tier);
      }
      continue;
    }
    // claude's flag: keep it and its value(s) together, in order.
    request.claudeArgs.push(arg);
    if (eq > 0) continue;
    const arity = claudeFlagArity(name);
    const next = argv[i + 1];
    if (next === undefined) {
      if (arity === 'value') throw new UsageError(`${name} needs a value`);
      continue;
    }
    if (arity === 'value' || arity === 'variadic' || (arity === 'optional' && takesOptionalValue(name, next))) {
      request.claudeArgs.push(next);
      i++;
    }
    // A list (`--add-dir a b -- "task"`): with a `--` further on, as claude wants it, every word up
    // to it or to the next option is a value; without one, the flag takes one word and the rest is
    // the task (claude then gets the prompt after a `--`).
    if (arity === 'variadic' && !passThrough && dashDash > i)
      while (i + 1 < dashDash && !argv[i + 1]!.startsWith('-')) request.claudeArgs.push(argv[++i]!);
  }
  const tiers = [...new Set(tierFlags)];
  if (tiers.length > 1 || (tiers.length === 1 && request.override)) {
    throw new UsageError(
      `choose one model: ${[...tiers.map((t) => `--${t}`), ...(request.override ? ['--model'] : [])].join(', ')}`,
    );
  }
  if (tiers.length === 1) request.override = { tier: tiers[0]! };
  request.task = taskWords.join(' ');
  request.flags = readClaudeFlags(request.claudeArgs);
  if (request.flags.sessionId && request.flags.resume) {
    throw new UsageError('--session-id cannot be combined with --resume or --continue');
  }
  if (!request.help && !request.version) {
    if (request.explain && request.dryRun)
      throw new UsageError('--explain and --dry-run: pick one (--explain shows the command too)');
    if (request.json && !request.explain && !request.dryRun) {
      // A subcommand that parses its words here (cr escalate) names what --json goes with for it.
      throw new UsageError(
        options.jsonWith
          ? `--json goes with ${options.jsonWith}`
          : '--json goes with --explain or --dry-run (or a subcommand: cr explain --json, cr check --json)',
      );
    }
  }
  return request;
}
