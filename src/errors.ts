/** Exit codes cr uses itself; claude's own codes pass through untouched. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** claude was found but cannot be run: not executable, a directory, or cr itself. */
  notExecutable: 126,
  notFound: 127,
  interrupted: 130,
} as const;

/** An error meant for the user: one clear line, and the exit code it carries. Only the entry point exits. */
export class CrError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    /** Extra lines printed after the message (e.g. every config problem). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CrError';
  }
}

export class UsageError extends CrError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.usage, details);
    this.name = 'UsageError';
  }
}

/**
 * A file system error code in words, for one-line messages about a file cr could not read or write
 * (the config, the history): undefined for a code not listed.
 */
export function fsErrorWords(code: string | undefined): string | undefined {
  return code === undefined ? undefined : FS_ERROR_WORDS[code];
}

/** An error code with its words in front when there are some: "permission denied, EACCES". */
export function codeInWords(code: string): string {
  const words = fsErrorWords(code);
  return words ? `${words}, ${code}` : code;
}

const FS_ERROR_WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is not a directory',
  // From making the folder a file goes in (mkdir -p): a part of the path exists as a file.
  EEXIST: 'a part of its path is a file, not a directory',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

/**
 * Set in the environment of every claude cr starts (launch-claude.ts): the starting cr's pid, and
 * how many cr-started claudes deep this one is. A `claude` on PATH that is a wrapper script running
 * cr again would otherwise start cr, which starts the wrapper, and so on without end.
 */
export const CLAUDE_PARENT_VAR = 'CR_CLAUDE_PARENT';
export const CLAUDE_DEPTH_VAR = 'CR_CLAUDE_DEPTH';
/** Deeper than this, a cr-started claude running cr is taken for a loop (a session run in a session is depth 2). */
export const MAX_CLAUDE_DEPTH = 6;

/**
 * Why this cr must not run, when it was started as the claude of another cr: directly (a wrapper
 * that execs cr: the parent process is that cr), or MAX_CLAUDE_DEPTH levels down. Pure; undefined
 * otherwise, which is every run not started under a cr-started claude.
 */
export function reentryProblem(env: NodeJS.ProcessEnv, parentPid: number): string | undefined {
  const parent = env[CLAUDE_PARENT_VAR];
  if (parent === undefined) return undefined;
  const fix = 'point CLAUDE_PATH or config claudePath at the real claude';
  if (parent === String(parentPid))
    return `cr was started as the claude that cr runs (the claude it found runs cr again): ${fix}`;
  if (Number(env[CLAUDE_DEPTH_VAR]) >= MAX_CLAUDE_DEPTH)
    return `cr is ${MAX_CLAUDE_DEPTH} sessions deep, each started by a cr, which looks like a claude that runs cr again: ${fix}`;
  return undefined;
}

/** The environment for a claude that this process (`pid`) starts: see CLAUDE_PARENT_VAR. */
export function claudeChildEnv(env: NodeJS.ProcessEnv, pid: number): NodeJS.ProcessEnv {
  const depth = Number(env[CLAUDE_DEPTH_VAR]);
  return {
    ...env,
    [CLAUDE_PARENT_VAR]: String(pid),
    [CLAUDE_DEPTH_VAR]: String(Number.isInteger(depth) && depth > 0 ? depth + 1 : 1),
  };
}
