import os from 'node:os';
import { CrError, EXIT, UsageError } from './errors.js';
import { resolvePaths, type CrPaths } from './paths.js';
import { colorEnabled } from './ui/color-choice.js';
import type { Palette } from './ui/colors.js';
import { terminalSafe } from './ui/format.js';

/** Everything from the outside world that commands use, gathered once at the entry point. */
export interface AppContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  home: string;
  paths: CrPaths;
  now: Date;
  /** The zone for schedule windows and calendar days; undefined: the machine's own (see createContext). */
  timeZone: string | undefined;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  columns: number;
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * claude's own output, held while an attempt may be retried: its bytes as claude wrote them, as
   * they reach the terminal when claude writes there itself (not text of cr's to make safe).
   */
  passOn: (stream: 'stdout' | 'stderr', bytes: Uint8Array) => void;
  /** Colours for stdout and for stderr (each follows its own stream). */
  color: Palette;
  errColor: Palette;
  /** cr's own entry script, so that it never launches itself as claude. */
  selfPath?: string;
  version: string;
}

/** A clock override (`CR_NOW`) lets users and tests try time-of-day rules. */
export function resolveNow(env: NodeJS.ProcessEnv): Date {
  if (env.CR_NOW) {
    const t = new Date(env.CR_NOW);
    if (Number.isNaN(t.getTime()))
      throw new UsageError(`CR_NOW: expected an ISO 8601 time such as 2026-11-26T23:30:00, got "${env.CR_NOW}"`);
    return t;
  }
  return new Date();
}

const fs = process.getBuiltinModule('node:fs');

const terminal: (boolean | undefined)[] = [];

/**
 * Whether a descriptor (0, 1, 2) is a terminal, asked once per run: cli.ts asks it of stdout and
 * stderr before it loads chalk, and the context's palettes and TTY flags give the same answer. A
 * pipe, a file or a socket (how Claude Code and scripts connect cr) is told by fstat; only a
 * character device is asked of node:tty, which loads node:net and the streams. With node:fs loaded
 * without its ES module view, this keeps `cr statusline` from loading them at all: ~10 ms on Node 22
 * (npm run bench, "start-up shortcuts").
 */
export function isTerminal(fd: 0 | 1 | 2): boolean {
  return (terminal[fd] ??= askTerminal(fd));
}

function askTerminal(fd: 0 | 1 | 2): boolean {
  let stat;
  try {
    stat = fs.fstatSync(fd);
  } catch {
    return false; // not open at all
  }
  return stat.isCharacterDevice() && process.getBuiltinModule('node:tty').isatty(fd);
}

const guarded = new Set<string>();

/**
 * process.stdout or process.stderr, made on first use (making one loads node:net and the streams:
 * cr statusline writes its line without them), with cr's handler for a reader that went away:
 * `cr --explain … | head` closes the pipe early, which is no error worth a stack trace.
 */
function stdio(name: 'stdout' | 'stderr'): NodeJS.WriteStream {
  const stream = process[name];
  if (!guarded.has(name)) {
    guarded.add(name);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return stream;
}

/**
 * The context of this run. `makePalette`: src/ui/colors.ts's, or PLAIN_PALETTE's for a command
 * that never colours (chalk is then not loaded).
 */
export function createContext(version: string, makePalette: (enabled: boolean) => Palette): AppContext {
  const env = process.env;
  const home = env.HOME || os.homedir();
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    throw new CrError('the current directory no longer exists (deleted or moved): cd to one that does', EXIT.failure);
  }
  let columns: number | undefined;
  let color: Palette | undefined;
  let errColor: Palette | undefined;
  return {
    env,
    cwd,
    home,
    paths: resolvePaths(env, home),
    now: resolveNow(env),
    // Undefined: the machine's own zone. A name only for a context whose TZ is not the process's own (tests).
    get timeZone() {
      return env.TZ && env.TZ !== process.env.TZ ? env.TZ : undefined;
    },
    // isatty, not process.stdin.isTTY: creating the stdin stream would switch the descriptor claude
    // inherits to non-blocking mode.
    get stdinIsTTY() {
      return isTerminal(0);
    },
    get stdoutIsTTY() {
      return isTerminal(1);
    },
    get columns() {
      return (columns ??= (isTerminal(1) ? process.stdout.columns : 0) || Number(env.COLUMNS) || 100);
    },
    // The output boundary: no text from a file, an argument or the environment reaches the
    // terminal raw, wherever a command prints it (terminalSafe keeps the palette's colours).
    out: (text) => stdio('stdout').write(terminalSafe(text)),
    err: (text) => stdio('stderr').write(terminalSafe(text)),
    passOn: (stream, bytes) => stdio(stream).write(bytes),
    get color() {
      return (color ??= makePalette(colorEnabled(env, isTerminal(1))));
    },
    get errColor() {
      return (errColor ??= makePalette(colorEnabled(env, isTerminal(2))));
    },
    selfPath: process.argv[1],
    version,
  };
}
