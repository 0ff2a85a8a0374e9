import type { AppContext } from '../context.js';
import { CrError, EXIT } from '../errors.js';
import { requireClaude } from './find-claude.js';
import { loadConfigFor } from '../config/load-config-for.js';

/**
 * `cr mcp list`, `cr update`, …: Claude Code's own subcommands run as `claude <the same words>`,
 * with no --model, no session id and nothing in the history (there is no task to route). The claude
 * started is the one a launch would start (CLAUDE_PATH, a trusted config's claudePath, PATH), its
 * exit code is cr's, and signals are forwarded as for a session.
 */
export async function runClaudeSubcommand(ctx: AppContext, argv: readonly string[]): Promise<number> {
  const claude = requireClaude({
    env: ctx.env,
    claudePath: await claudePathFromConfig(ctx),
    cwd: ctx.cwd,
    selfPath: ctx.selfPath,
  });
  const { launchClaude } = await import('./launch-claude.js');
  const result = await launchClaude(
    { command: claude.path, args: [...argv] },
    { env: ctx.env, cwd: ctx.cwd, stdinIsTTY: ctx.stdinIsTTY },
  );
  return result.exitCode;
}

/**
 * `cr -v`: claude's -v, said as whose version it is, after cr's own:
 * "cr 0.1.0" then "claude 2.1.332 (Claude Code)". Nothing is routed or recorded.
 */
export async function printVersions(ctx: AppContext): Promise<number> {
  ctx.out(`cr ${ctx.version}\n`);
  const claude = requireClaude({
    env: ctx.env,
    claudePath: await claudePathFromConfig(ctx),
    cwd: ctx.cwd,
    selfPath: ctx.selfPath,
  });
  const { execa } = await import('execa');
  const result = await execa(claude.path, ['--version'], {
    env: ctx.env,
    extendEnv: false,
    cwd: ctx.cwd,
    stdin: 'ignore',
    reject: false,
    timeout: 10_000,
  });
  const line = String(result.stdout ?? '')
    .trim()
    .split('\n')[0];
  if (result.exitCode !== 0 || !line) {
    ctx.err(
      `claude --version failed (${result.timedOut ? 'timed out' : `exit ${result.exitCode ?? result.signal}`})\n`,
    );
    return result.exitCode || EXIT.failure;
  }
  ctx.out(`claude ${line}\n`);
  return EXIT.ok;
}

/**
 * The config's claudePath, for running claude's own commands (which route nothing): a config that
 * cannot be read or is invalid is said once on stderr and left out (CLAUDE_PATH and PATH still
 * apply), so that `cr mcp list` or `cr -v` still reach claude while the config is being fixed.
 */
async function claudePathFromConfig(ctx: AppContext): Promise<string | undefined> {
  try {
    return (await loadConfigFor(ctx, {})).config.claudePath;
  } catch (error) {
    if (!(error instanceof CrError)) throw error;
    ctx.err(`${ctx.errColor.warn('cr: warning:')} config not used (${error.message}); looking for claude without it\n`);
    return undefined;
  }
}
