/**
 * What cr knows about claude's own flags, so it can tell a flag's value from the task's words.
 * Taken from `claude --help` (2.1.x). A flag not listed here is passed through as a switch;
 * write `--flag=value` to pass a value to a flag cr does not know.
 */
export type FlagArity = 'switch' | 'value' | 'optional' | 'variadic';

const VALUE_FLAGS = [
  '--agent',
  '--agents',
  '--append-system-prompt',
  '--append-system-prompt-file',
  '--autocompact',
  '--debug-file',
  '--effort',
  '--environment',
  '--fallback-model',
  '--input-format',
  '--json-schema',
  '--max-budget-usd',
  '--max-turns',
  '--name',
  '-n',
  '--output-format',
  '--permission-mode',
  '--permission-prompt-tool',
  '--permission-prompts',
  '--plugin-dir',
  '--plugin-url',
  '--remote-control-session-name-prefix',
  '--session-id',
  '--setting-sources',
  '--settings',
  '--system-prompt',
  '--system-prompt-file',
  '--system-prompt-snapshot',
];
const VARIADIC_FLAGS = [
  '--add-dir',
  '--allowedTools',
  '--allowed-tools',
  '--betas',
  '--disallowedTools',
  '--disallowed-tools',
  '--file',
  '--mcp-config',
  '--tools',
];
/** Optional values are taken only when the next word looks like one (see takesOptionalValue). */
const OPTIONAL_FLAGS = [
  '--resume',
  '-r',
  '--from-pr',
  '--prompt-suggestions',
  '--debug',
  '-d',
  '--cloud',
  '--teleport',
  '--worktree',
  '-w',
  '--remote-control',
];

const ARITY = new Map<string, FlagArity>([
  ...VALUE_FLAGS.map((f) => [f, 'value'] as const),
  ...VARIADIC_FLAGS.map((f) => [f, 'variadic'] as const),
  ...OPTIONAL_FLAGS.map((f) => [f, 'optional'] as const),
]);

export function claudeFlagArity(flag: string): FlagArity {
  return ARITY.get(flag) ?? 'switch';
}

/** Whether the word after an optional-value flag is its value rather than the start of the task. */
export function takesOptionalValue(flag: string, next: string): boolean {
  if (next.startsWith('-') || /\s/.test(next)) return false;
  switch (flag) {
    case '--resume':
    case '-r':
      return true; // a session id or name
    case '--from-pr':
      return /^(\d+|https?:\/\/\S+)$/.test(next);
    case '--prompt-suggestions':
      return /^(true|false|1|0|yes|no|on|off)$/i.test(next);
    default:
      return false; // --debug, --worktree, …: pass their value as --flag=value
  }
}

/** What the pass-through flags tell the router (flags are signals too). */
export interface ClaudeFlags {
  print: boolean;
  planMode: boolean;
  /** --continue, --resume, --from-pr, --teleport: an existing session keeps its model. */
  resume: boolean;
  resumeId?: string;
  continue: boolean;
  sessionId?: string;
  fallbackModel?: string;
  /** --effort: the user's own level, which cr's configured effort never replaces. */
  effort?: string;
  outputFormat: 'text' | 'json' | 'stream-json';
  /** A variadic flag was passed: the prompt must be fenced off with `--`. */
  variadic: boolean;
}

export function readClaudeFlags(args: readonly string[]): ClaudeFlags {
  const flags: ClaudeFlags = {
    print: false,
    planMode: false,
    resume: false,
    continue: false,
    variadic: false,
    outputFormat: 'text',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const arity = claudeFlagArity(name);
    let value = inline;
    if (value === undefined && arity === 'value') value = args[i + 1];
    if (
      value === undefined &&
      arity === 'optional' &&
      args[i + 1] !== undefined &&
      takesOptionalValue(name, args[i + 1]!)
    )
      value = args[i + 1];
    if (arity === 'variadic') flags.variadic = true;
    if (name === '-p' || name === '--print') flags.print = true;
    else if (name === '--permission-mode' && value === 'plan') flags.planMode = true;
    else if (name === '-c' || name === '--continue') {
      flags.resume = true;
      flags.continue = true;
    } else if (name === '-r' || name === '--resume') {
      flags.resume = true;
      if (value !== undefined) flags.resumeId = value;
    } else if (name === '--from-pr' || name === '--teleport') flags.resume = true;
    else if (name === '--session-id' && value !== undefined) flags.sessionId = value;
    else if (name === '--fallback-model' && value !== undefined) flags.fallbackModel = value;
    else if (name === '--effort' && value !== undefined) flags.effort = value;
    else if (name === '--output-format' && (value === 'json' || value === 'stream-json' || value === 'text'))
      flags.outputFormat = value;
    // Short switch clusters such as -pc.
    else if (/^-[a-zA-Z]{2,}$/.test(arg)) {
      if (arg.includes('p')) flags.print = true;
      if (arg.includes('c')) {
        flags.resume = true;
        flags.continue = true;
      }
    }
    if (value !== undefined && inline === undefined && arity !== 'switch') i++;
  }
  return flags;
}
