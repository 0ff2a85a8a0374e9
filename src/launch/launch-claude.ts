import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { CrError } from '../errors.js';
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

/** As a shell reports a command it cannot run: 126 found but not executable, else 127. */
function couldNotStart(command: ClaudeCommand, error: NodeJS.ErrnoException): CrError {
  return new CrError(
    `could not start ${command.command}: ${error.code ?? error.message}`,
    error.code === 'EACCES' ? 126 : 127,
  );
}

/**
 * Runs claude with an argv array (never a shell), passes its exit status through untouched, and
 * forwards SIGINT/SIGTERM/SIGHUP while waiting for it. At a terminal, Ctrl-C already reaches claude
 * (same process group), so SIGINT is then not sent a second time; cr just keeps waiting.
 * node:child_process rather than execa: loading execa costs a launch ~20 ms (see docs/performance.md).
 */
export async function launchClaude(command: ClaudeCommand, options: LaunchOptions): Promise<LaunchResult> {
  const started = process.hrtime.bigint();
  // Handlers first: until one is installed a signal has its default effect and would kill cr
  // itself. One that comes while claude is being started runs once the event loop turns again, by
  // which time the child exists.
  let child: ChildProcess | undefined;
  const handlers = FORWARDED.map((signal) => {
    const handler = () => {
      if (signal === 'SIGINT' && options.stdinIsTTY) return;
      child?.kill(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const removeHandlers = () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
  try {
    child = spawn(command.command, command.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [
        options.input ? 'pipe' : 'inherit',
        options.capture ? 'pipe' : 'inherit',
        options.capture ? 'pipe' : 'inherit',
      ],
    });
  } catch (error) {
    removeHandlers();
    throw couldNotStart(command, error as NodeJS.ErrnoException);
  }
  const running = child;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  running.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  running.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  // claude may exit without reading all of its input: that is its business, not an error of cr's.
  running.stdin?.on('error', () => {});
  running.stdin?.end(options.input);
  try {
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      running.once('error', reject);
      running.once('close', (code, signal) => resolve({ code, signal }));
    }).catch((error: NodeJS.ErrnoException) => {
      throw couldNotStart(command, error);
    });
    const launch: LaunchResult = {
      exitCode: ended.signal ? exitCodeForSignal(ended.signal) : (ended.code ?? 1),
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
    };
    if (ended.signal) launch.signal = ended.signal;
    if (options.capture) {
      launch.stdout = Buffer.concat(stdout);
      launch.stderr = Buffer.concat(stderr);
    }
    return launch;
  } finally {
    removeHandlers();
  }
}
