// The system refuses to start a program whose arguments are too long (E2BIG). The task is one
// argument, so a pasted log can pass the limit: cr says so before anything is recorded, instead of
// failing to start claude as if it were missing.
import { UsageError } from '../errors.js';
import { formatInt } from '../ui/format.js';
import type { ClaudeCommand } from '../decide/build-argv.js';

const fs = process.getBuiltinModule('node:fs');

/** Linux refuses one argument of this many bytes or more, its terminating NUL included (MAX_ARG_STRLEN). */
const LINUX_MAX_ARG_BYTES = 131_072;

/**
 * The bytes arguments and environment may take together (with a NUL and a pointer each): on Linux a
 * quarter of the stack limit, at least 128 KiB and at most 6 MiB (fs/exec.c); on macOS 1 MiB.
 */
function argMax(platform: NodeJS.Platform): number {
  if (platform === 'darwin') return 1024 * 1024;
  let stack = 8 * 1024 * 1024;
  try {
    const soft = /^Max stack size\s+(\S+)/m.exec(fs.readFileSync('/proc/self/limits', 'utf8'))?.[1];
    if (soft) stack = soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    // no /proc: the default stack limit
  }
  return Math.max(LINUX_MAX_ARG_BYTES, Math.min(6 * 1024 * 1024, stack / 4));
}

const bytes = (s: string) => Buffer.byteLength(s) + 1;

/**
 * Throws a usage error (exit 2) when the system would refuse to start `command` with `env` because
 * an argument, or all of them with the environment, is too long. Checks Linux and macOS.
 */
export function assertArgumentsFit(
  command: ClaudeCommand,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): void {
  if (platform !== 'linux' && platform !== 'darwin') return;
  const longest = command.args.reduce((max, arg) => Math.max(max, bytes(arg)), 0);
  const advice = 'put long text in a file and name the file in the task (cr "do what task.md says")';
  if (platform === 'linux' && longest > LINUX_MAX_ARG_BYTES)
    throw new UsageError(
      `too long to pass to claude: one argument is ${formatInt(longest - 1)} bytes, and the system takes at most ${formatInt(LINUX_MAX_ARG_BYTES - 1)} in one; ${advice}`,
    );
  // Most launches are far below every limit: the limit is looked up only for a long command line.
  const strings = [command.command, ...command.args, ...Object.entries(env).map(([k, v]) => `${k}=${v ?? ''}`)];
  const total = strings.reduce((sum, s) => sum + bytes(s) + 8, 8);
  if (total < LINUX_MAX_ARG_BYTES) return;
  const limit = argMax(platform);
  if (total > limit)
    throw new UsageError(
      `too long to pass to claude: the arguments and environment take ${formatInt(total)} bytes, and the system takes at most ${formatInt(limit)}; ${advice}`,
    );
}
