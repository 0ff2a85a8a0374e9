import fs from 'node:fs';
import os from 'node:os';
import { UsageError } from './errors.js';
import { resolvePaths, type CrPaths } from './paths.js';
import { colorEnabled, makePalette, type Palette } from './ui/colors.js';
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
  /** Colours for stdout and for stderr (each follows its own stream). */
  color: Palette;
  errColor: Palette;
  /** cr's own entry script, so that it never launches itself as claude. */
  selfPath?: string;
  version: string;
}

/** Whether a descriptor is a terminal; node:tty is loaded on the first call. */
export function isatty(fd: number): boolean {
  return process.getBuiltinModule('node:tty').isatty(fd);
}

/**
 * What a descriptor is, asked with one fstat instead of by making Node's stream for it (which loads
 * node:stream, and node:net for a pipe or a terminal: ~3 ms for stderr's one-line notice). 'file': a
 * regular file or /dev/null; 'terminal': another character device; 'pipe': a FIFO or a socket
 * (Node's 'pipe' for a child's stdio is a socket pair); 'other': a closed or bad descriptor, or
 * Windows — left to Node's stream.
 */
export type DescriptorKind = 'file' | 'terminal' | 'pipe' | 'other';
export function descriptorKind(fd: number): DescriptorKind {
  if (process.platform === 'win32') return 'other';
  try {
    const st = fs.fstatSync(fd);
    if (st.isFile()) return 'file';
    if (st.isFIFO() || st.isSocket()) return 'pipe';
    if (st.isCharacterDevice()) return st.rdev === fs.statSync('/dev/null').rdev ? 'file' : 'terminal';
    return 'other';
  } catch {
    return 'other';
  }
}

/**
 * Whether a descriptor is a regular file or /dev/null: for those Node's own stdout stream is a
 * SyncWriteStream, i.e. one fs.writeSync per write, which cr can do without the stream. Anything else
 * (terminal, pipe, socket, closed) is left to process.stdout.
 */
export function writesToFile(fd: number): boolean {
  return descriptorKind(fd) === 'file';
}

/**
 * Writes to stderr as Node's own stream would on Linux for a file, a terminal or a pipe (one
 * synchronous write each), without making the stream. A descriptor that would block (a pipe set to
 * non-blocking by another program) or that fails otherwise gets the text through process.stderr;
 * a reader that is gone (EPIPE) is not an error for a message.
 */
export function writeStderr(kind: DescriptorKind, text: string): void {
  if (kind !== 'other') {
    try {
      fs.writeSync(2, text);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    }
  }
  process.stderr.write(text);
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

export function createContext(version: string): AppContext {
  const env = process.env;
  const home = env.HOME || os.homedir();
  let columns: number | undefined;
  let color: Palette | undefined;
  let errColor: Palette | undefined;
  let stdinIsTTY: boolean | undefined;
  let stdoutToFile: boolean | undefined;
  let stderr: DescriptorKind | undefined;
  const errKind = () => (stderr ??= descriptorKind(2));
  const toFile = () => (stdoutToFile ??= writesToFile(1));
  const stdoutIsTTY = () => !toFile() && process.stdout.isTTY === true;
  return {
    env,
    cwd: process.cwd(),
    home,
    paths: resolvePaths(env, home),
    now: resolveNow(env),
    // Undefined: the machine's own zone, whose calendar fields Date gives without Intl (~15 ms the
    // first time). A name only for a context whose TZ is not the process's own (tests).
    get timeZone() {
      return env.TZ && env.TZ !== process.env.TZ ? env.TZ : undefined;
    },
    // isatty, not process.stdin.isTTY: creating the stdin stream would switch the descriptor claude
    // inherits to non-blocking mode (and costs start-up time). Asked on first use: node:tty loads
    // node:net and node:stream (~2.4 ms), which `cr --explain` into a file or pipe never needs.
    get stdinIsTTY() {
      return (stdinIsTTY ??= isatty(0));
    },
    get stdoutIsTTY() {
      return stdoutIsTTY();
    },
    // The width, the streams and the colours on first use: a launch usually writes nothing itself,
    // and creating process.stdout and process.stderr costs ~1 ms at a terminal. Whether stdout and
    // stderr are terminals is asked of their streams, which are made to be written to anyway. Output
    // to a file or /dev/null is written as Node's stream for it would write it, without the stream
    // (which loads node:stream, ~1.8 ms).
    get columns() {
      return (columns ??= (stdoutIsTTY() ? process.stdout.columns : 0) || Number(env.COLUMNS) || 100);
    },
    // The output boundary: no text from a file, an argument or the environment reaches the
    // terminal raw, wherever a command prints it (terminalSafe keeps the palette's colours).
    out: (text) => {
      if (toFile()) fs.writeSync(1, terminalSafe(text));
      else process.stdout.write(terminalSafe(text));
    },
    err: (text) => writeStderr(errKind(), terminalSafe(text)),
    get color() {
      return (color ??= makePalette(colorEnabled(env, stdoutIsTTY())));
    },
    get errColor() {
      const kind = errKind();
      return (errColor ??= makePalette(
        colorEnabled(env, kind === 'terminal' || (kind === 'other' && process.stderr.isTTY === true)),
      ));
    },
    selfPath: process.argv[1],
    version,
  };
}
