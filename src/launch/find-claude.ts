import type { Stats } from 'node:fs';
import path from 'node:path';
import { CrError, EXIT } from '../errors.js';

const fs = process.getBuiltinModule('node:fs');

export const INSTALL_HINT =
  'claude not found: install Claude Code with `npm install -g @anthropic-ai/claude-code`, or set CLAUDE_PATH to the claude binary';

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

export interface FindClaudeOptions {
  env: NodeJS.ProcessEnv;
  claudePath?: string;
  cwd: string;
  /** cr's own entry script: a `claude` that is really cr (a symlink or copy of the shim) is skipped. */
  selfPath?: string;
}

export interface FoundClaude {
  path: string;
  via: 'CLAUDE_PATH' | 'config' | 'PATH';
}

function isCr(file: string, selfPath: string | undefined): boolean {
  if (!selfPath) return false;
  if (realpath(file) === realpath(selfPath)) return true;
  // A copy of bin/cr.js still names our bundle (dist/cr.js). Read only its first bytes: the real
  // claude is 400 MB.
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(400);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return /dist\/cr\.js/.test(head.subarray(0, n).toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A CLAUDE_PATH or config `claudePath` that names no usable claude: cr stops rather than quietly running another. */
export interface ClaudePathProblem {
  via: 'CLAUDE_PATH' | 'config';
  value: string;
  /** Why, for the one line: "does not exist", "is a directory", … */
  reason: string;
  /** As a shell reports a command it cannot run: 127 not found, 126 found but not executable. */
  exitCode: 126 | 127;
}

export interface ClaudeLookup {
  found?: FoundClaude;
  /** Set when the explicit choice (CLAUDE_PATH, else config claudePath) is unusable; `found` is then unset. */
  problem?: ClaudePathProblem;
}

/** Why an explicit path cannot be claude; undefined when it can. */
function pathProblem(
  file: string,
  selfPath: string | undefined,
): Pick<ClaudePathProblem, 'reason' | 'exitCode'> | undefined {
  let st: Stats;
  try {
    st = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'does not exist', exitCode: 127 };
    return { reason: `cannot be read (${code ?? (error as Error).message})`, exitCode: 126 };
  }
  if (st.isDirectory()) return { reason: 'is a directory, not the claude binary', exitCode: 126 };
  if (!st.isFile()) return { reason: 'is not a regular file', exitCode: 126 };
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return { reason: 'is not executable', exitCode: 126 };
  }
  if (isCr(file, selfPath)) return { reason: 'is cr itself, not claude', exitCode: 126 };
  return undefined;
}

/**
 * CLAUDE_PATH, else config `claudePath`, else PATH; never cr itself. An explicit choice that names no
 * usable claude is a problem, never a silent fall back to the next: CLAUDE_PATH wins even when it is
 * wrong, and so does `claudePath` over PATH.
 */
export function locateClaude(options: FindClaudeOptions): ClaudeLookup {
  const explicit: [string | undefined, ClaudePathProblem['via']][] = [
    [options.env.CLAUDE_PATH, 'CLAUDE_PATH'],
    [options.claudePath, 'config'],
  ];
  for (const [candidate, via] of explicit) {
    if (!candidate) continue;
    // A bare name ("claude-beta") is looked up on PATH; anything with a slash is a path.
    if (!candidate.includes('/')) {
      const file = searchPath(candidate, options);
      return file
        ? { found: { path: file, via } }
        : { problem: { via, value: candidate, reason: 'is not on PATH', exitCode: 127 } };
    }
    const file = path.resolve(options.cwd, candidate);
    const problem = pathProblem(file, options.selfPath);
    return problem ? { problem: { via, value: candidate, ...problem } } : { found: { path: file, via } };
  }
  const onPath = searchPath('claude', options);
  return onPath ? { found: { path: onPath, via: 'PATH' } } : {};
}

/** How to fix it, for the end of the line. */
export function claudePathFix(problem: ClaudePathProblem): string {
  return problem.via === 'CLAUDE_PATH'
    ? 'fix it, or unset CLAUDE_PATH to use claude from PATH'
    : 'fix claudePath in your config, or remove it to use claude from PATH';
}

/** One line: which setting, its value, why it cannot be claude, and (unless `fix` is false) how to fix it. */
export function describeClaudePathProblem(problem: ClaudePathProblem, fix = true): string {
  const what = problem.via === 'CLAUDE_PATH' ? `CLAUDE_PATH=${problem.value}` : `config claudePath "${problem.value}"`;
  return `${what} ${problem.reason}${fix ? `; ${claudePathFix(problem)}` : ''}`;
}

function searchPath(name: string, options: FindClaudeOptions): string | undefined {
  for (const dir of (options.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (pathProblem(file, options.selfPath) === undefined) return file;
  }
  return undefined;
}

/** The claude to start, or a CrError: the explicit choice's problem (exit 126/127), or the install hint (127). */
export function requireClaude(options: FindClaudeOptions): FoundClaude {
  const { found, problem } = locateClaude(options);
  if (problem) throw new CrError(describeClaudePathProblem(problem), problem.exitCode);
  if (!found) throw new CrError(INSTALL_HINT, EXIT.notFound);
  return found;
}
