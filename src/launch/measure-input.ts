import path from 'node:path';
import type { ContextEstimate } from '../decide/decide.js';

const fs = process.getBuiltinModule('node:fs');

/** Roughly four bytes a token for English text and code: good enough to compare with a threshold. */
export const BYTES_PER_TOKEN = 4;
const MAX_MENTIONED_FILES = 64;

export function estimateTokens(bytes: number): number {
  return Math.ceil(bytes / BYTES_PER_TOKEN);
}

/** Files the task mentions as `@path` that exist under the working directory (never outside it). */
export function mentionedFiles(task: string, cwd: string): { file: string; bytes: number }[] {
  const found: { file: string; bytes: number }[] = [];
  const root = path.resolve(cwd);
  for (const match of task.matchAll(/(?:^|\s)@([^\s"'`]+)/g)) {
    if (found.length >= MAX_MENTIONED_FILES) break;
    const relative = match[1]!.replace(/[,.;:!?)]+$/, '');
    const file = path.resolve(root, relative);
    if (file !== root && !file.startsWith(root + path.sep)) continue;
    try {
      const stat = fs.statSync(file);
      if (stat.isFile() && !found.some((f) => f.file === file)) found.push({ file, bytes: stat.size });
    } catch {
      // Not a file: claude will say so; it adds nothing to the context.
    }
  }
  return found;
}

/**
 * Whether to read stdin before claude starts. Only in print mode, and only from a pipe, file or
 * socket: a terminal belongs to claude, and /dev/null has nothing to measure. `stdinIsTTY` is asked
 * only in print mode (it loads node:tty).
 */
export function shouldReadStdin(print: boolean, stdinIsTTY: () => boolean): boolean {
  if (!print || stdinIsTTY()) return false;
  try {
    const stat = fs.fstatSync(0);
    return stat.isFIFO() || stat.isFile() || stat.isSocket();
  } catch {
    return false;
  }
}

/** Reads all of stdin as bytes (binary-safe), in large chunks. */
export async function readAllStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** How much of a piped prompt is classified: the words that say what to do come first. */
export const STDIN_TASK_BYTES = 8 * 1024;

/**
 * In print mode with no task words claude reads its prompt from stdin, so cr routes on that text:
 * its first STDIN_TASK_BYTES, as UTF-8 (a character cut in two at the end is dropped). Input with
 * a NUL byte is data, not a prompt: no task.
 */
export function taskFromStdin(stdin: Buffer | undefined): string {
  if (!stdin || stdin.length === 0) return '';
  const head = stdin.subarray(0, STDIN_TASK_BYTES);
  if (head.includes(0)) return '';
  const text = head.toString('utf8');
  return (stdin.length > STDIN_TASK_BYTES ? text.replace(/\uFFFD+$/, '') : text).trim();
}

/** The size of what the session starts with: the task, piped input and @-mentioned files. */
export function measureContext(task: string, stdin: Buffer | undefined, cwd: string): ContextEstimate {
  const parts: ContextEstimate['parts'] = [];
  if (task) parts.push({ source: 'task', tokens: estimateTokens(Buffer.byteLength(task)) });
  if (stdin && stdin.length > 0) parts.push({ source: 'stdin', tokens: estimateTokens(stdin.length) });
  for (const { file, bytes } of mentionedFiles(task, cwd)) {
    parts.push({ source: `@${path.relative(cwd, file)}`, tokens: estimateTokens(bytes) });
  }
  return { tokens: parts.reduce((sum, p) => sum + p.tokens, 0), parts };
}
