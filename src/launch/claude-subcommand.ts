import type { AppContext } from '../context.js';
import { requireClaude } from './find-claude.js';
import { loadConfigFor } from './run-launch.js';

/**
 * `cr mcp list`, `cr update`, …: Claude Code's own subcommands run as `claude <the same words>`,
 * with no --model, no session id and nothing in the history (there is no task to route). The claude
 * started is the one a launch would start (CLAUDE_PATH, a trusted config's claudePath, PATH), its
 * exit code is cr's, and signals are forwarded as for a session.
 */
export async function runClaudeSubcommand(ctx: AppContext, argv: readonly string[]): Promise<number> {
  const { config } = await loadConfigFor(ctx, {});
  const claude = requireClaude({ env: ctx.env, claudePath: config.claudePath, cwd: ctx.cwd, selfPath: ctx.selfPath });
  const { launchClaude } = await import('./launch-claude.js');
  const result = await launchClaude(
    { command: claude.path, args: [...argv] },
    { env: ctx.env, cwd: ctx.cwd, stdinIsTTY: ctx.stdinIsTTY },
  );
  return result.exitCode;
}
