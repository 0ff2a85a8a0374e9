/**
 * Claude Code's own subcommands (claude 2.1: `claude --help`). The shell alias hands every one of
 * them to claude (src/report/completion.ts). `agents`, `doctor` and `config` are also cr's own
 * subcommands.
 */
export const CLAUDE_SUBCOMMANDS: readonly string[] = [
  'agents',
  'attach',
  'auth',
  'auto-mode',
  'config',
  'doctor',
  'gateway',
  'import',
  'install',
  'kill',
  'logs',
  'mcp',
  'migrate-installer',
  'plugin',
  'plugins',
  'purge',
  'respawn',
  'rm',
  'setup-token',
  'stop',
  'ultrareview',
  'update',
  'upgrade',
];

/**
 * The ones no task would begin with ("mcp list", "plugin install x"): `cr mcp list` runs
 * `claude mcp list` whatever follows. The others are ordinary words that a task may begin with
 * (`cr update the readme`, `cr install the missing deps`, `cr auth is broken`): cr hands them to
 * claude only alone (`cr update`), and otherwise reads a task.
 */
const UNMISTAKABLE = new Set([
  'mcp',
  'plugin',
  'plugins',
  'setup-token',
  'migrate-installer',
  'auto-mode',
  'ultrareview',
  'gateway',
]);

/**
 * Whether these words (cr's argv, no options before them) are a Claude Code subcommand to hand to
 * claude unchanged. `agents`, `doctor` and `config` are cr's own and never are.
 */
const CR_OWN = new Set(['agents', 'doctor', 'config']);

export function isClaudeSubcommand(words: readonly string[]): boolean {
  const first = words[0];
  if (first === undefined || CR_OWN.has(first) || !CLAUDE_SUBCOMMANDS.includes(first)) return false;
  return UNMISTAKABLE.has(first) || words.length === 1;
}
