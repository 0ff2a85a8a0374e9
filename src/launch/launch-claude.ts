import os from 'node:os';
import { execa, type ResultPromise } from 'execa';
import { CrError, EXIT, claudeChildEnv, codeInWords } from '../errors.js';

const fs = process.getBuiltinModule('node:fs');
import type { ClaudeCommand } from '../decide/build-argv.js';

export interface LaunchResult {
  exitCode: number;
  signal?: string;
  durationMs: number;
  /** Captured output, when asked for (print-mode retries). */
  stdout?: Buffer;
  stderr?: Buffer;
}

export interface LaunchOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Bytes to feed claude's stdin instead of inheriting it (print mode with piped input). */
  input?: Buffer;
  /** Capture stdout and stderr instead of passing them through (the caller prints the accepted attempt). */
  capture?: boolean;
  /** Whether cr's stdin is a terminal: the terminal then delivers Ctrl-C to claude itself. */
  stdinIsTTY: boolean;
}

const FORWARDED = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

/** A signal death becomes 128+n, as a shell reports it. */
export function exitCodeForSignal(signal: string): number {
  const n = (os.constants.signals as Record<string, number>)[signal];
  return 128 + (n ?? 1);
}

/**
 * Runs claude with an argv array (never a shell), passes its exit status through untouched, and
 * forwards SIGINT/SIGTERM/SIGHUP while waiting for it. At a terminal, Ctrl-C already reaches claude
 * (same process group), so SIGINT is then not sent a second time; cr just keeps waiting.
 */
export async function launchClaude(command: ClaudeCommand, options: LaunchOptions): Promise<LaunchResult> {
  const started = process.hrtime.bigint();
  // Handlers first: until one is installed a signal has its default effect and would kill cr
  // itself. A signal that comes before the child exists is sent to it once it does.
  let child: ResultPromise | undefined;
  const early: NodeJS.Signals[] = [];
  const handlers = FORWARDED.map((signal) => {
    const handler = () => {
      if (signal === 'SIGINT' && options.stdinIsTTY) return;
      if (child) child.kill(signal);
      else early.push(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    child = execa(command.command, command.args, {
      cwd: options.cwd,
      env: claudeChildEnv(options.env, process.pid),
      extendEnv: false,
      stdin: options.input ? 'pipe' : 'inherit',
      stdout: options.capture ? 'pipe' : 'inherit',
      stderr: options.capture ? 'pipe' : 'inherit',
      input: options.input,
      encoding: 'buffer',
      reject: false,
      stripFinalNewline: false,
      windowsHide: false,
      // claude gets to handle its own signals; cr never kills it on its own.
      cleanup: false,
      forceKillAfterDelay: false,
      maxBuffer: 1024 * 1024 * 1024,
    });
  } catch (error) {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    throw error;
  }
  for (const signal of early) child.kill(signal);
  try {
    const result = await child;
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.failed && result.exitCode === undefined && !result.signal) {
      const code = (result as { code?: string }).code;
      // Caught before the launch where the limit is known (argv-limit.ts); elsewhere, said plainly.
      if (code === 'E2BIG')
        throw new CrError(
          `could not start ${command.command}: its arguments are too long for the system (E2BIG)`,
          EXIT.usage,
        );
      // ENOENT for a file that is there: the program its first line (#!) names is missing.
      const why =
        code === 'ENOENT' && fs.existsSync(command.command)
          ? 'the interpreter its first line (#!) names was not found (ENOENT)'
          : code
            ? codeInWords(code)
            : result.shortMessage;
      throw new CrError(`could not start ${command.command}: ${why}`, code === 'EACCES' ? 126 : 127);
    }
    const launch: LaunchResult = {
      exitCode: result.signal ? exitCodeForSignal(result.signal) : (result.exitCode ?? 1),
      durationMs: Math.round(durationMs),
    };
    if (result.signal) launch.signal = result.signal;
    if (options.capture) {
      launch.stdout = Buffer.from(result.stdout as Uint8Array);
      launch.stderr = Buffer.from(result.stderr as Uint8Array);
    }
    return launch;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}
