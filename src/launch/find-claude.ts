import fs from 'node:fs';
import path from 'node:path';
import { CrError, EXIT } from '../errors.js';

export const INSTALL_HINT = 'claude not found: install Claude Code with `npm install -g @anthropic-ai/claude-code`, or set CLAUDE_PATH to the claude binary';

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

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
  // A copied shim still names our bundle (dist/cr.cjs; dist/cr.js before the CommonJS build). Read
  // only its first bytes: the real claude is 400 MB.
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(400);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return /dist\/cr\.c?js/.test(head.subarray(0, n).toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** CLAUDE_PATH, then config `claudePath`, then PATH; never cr itself. Undefined when none is found. */
export function findClaude(options: FindClaudeOptions): FoundClaude | undefined {
  const explicit: [string | undefined, FoundClaude['via']][] = [
    [options.env.CLAUDE_PATH, 'CLAUDE_PATH'],
    [options.claudePath, 'config'],
  ];
  for (const [candidate, via] of explicit) {
    if (!candidate) continue;
    // A bare name ("claude-beta") is looked up on PATH; anything with a slash is a path.
    const file = candidate.includes('/') ? path.resolve(options.cwd, candidate) : searchPath(candidate, options);
    if (file && isExecutableFile(file) && !isCr(file, options.selfPath)) return { path: file, via };
  }
  const onPath = searchPath('claude', options);
  return onPath ? { path: onPath, via: 'PATH' } : undefined;
}

function searchPath(name: string, options: FindClaudeOptions): string | undefined {
  for (const dir of (options.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutableFile(file) && !isCr(file, options.selfPath)) return file;
  }
  return undefined;
}

export function requireClaude(options: FindClaudeOptions): FoundClaude {
  const found = findClaude(options);
  if (!found) {
    const tried = options.env.CLAUDE_PATH ? ` (CLAUDE_PATH=${options.env.CLAUDE_PATH} is not an executable file)` : '';
    throw new CrError(`${INSTALL_HINT}${tried}`, EXIT.notFound);
  }
  return found;
}
