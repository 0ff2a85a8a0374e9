/**
 * Claude Code's own subcommands (claude 2.1: `claude --help`). `cr mcp list` hands them to claude
 * unchanged, as the shell alias does: claude would run the subcommand whatever model cr put in front
 * of it, so there is no decision to make or record. `doctor` and `config` are cr's own subcommands
 * (`cr doctor`, `cr config`); through the alias they still reach claude.
 */
export const CLAUDE_SUBCOMMANDS: readonly string[] = [
  'agents', 'attach', 'auth', 'auto-mode', 'config', 'doctor', 'gateway', 'import', 'install', 'kill', 'logs', 'mcp',
  'migrate-installer', 'plugin', 'plugins', 'purge', 'respawn', 'rm', 'setup-token', 'stop', 'ultrareview', 'update', 'upgrade',
];
