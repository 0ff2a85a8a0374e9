import os from 'node:os';
import tty from 'node:tty';
import { UsageError } from './errors.js';
import { resolvePaths, type CrPaths } from './paths.js';
import { colorEnabled, makePalette, type Palette } from './ui/colors.js';

/** Everything from the outside world that commands use, gathered once at the entry point. */
export interface AppContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  home: string;
  paths: CrPaths;
  now: Date;
  timeZone: string;
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

/** A clock override (`CR_NOW`) lets users and tests try time-of-day rules. */
export function resolveNow(env: NodeJS.ProcessEnv): Date {
  if (env.CR_NOW) {
    const t = new Date(env.CR_NOW);
    if (Number.isNaN(t.getTime())) throw new UsageError(`CR_NOW: expected an ISO 8601 time such as 2026-11-26T23:30:00, got "${env.CR_NOW}"`);
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
  return {
    env,
    cwd: process.cwd(),
    home,
    paths: resolvePaths(env, home),
    now: resolveNow(env),
    // Resolved on first use: Intl costs start-up time and only schedule windows need it.
    get timeZone() {
      return env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    },
    // isatty, not process.stdin.isTTY: creating the stdin stream would switch the descriptor claude
    // inherits to non-blocking mode (and costs start-up time).
    stdinIsTTY: tty.isatty(0),
    stdoutIsTTY: tty.isatty(1),
    // The width, the streams and the colours on first use: a launch usually writes nothing itself,
    // and creating process.stdout and process.stderr costs ~1 ms at a terminal.
    get columns() {
      return (columns ??= (tty.isatty(1) ? process.stdout.columns : 0) || Number(env.COLUMNS) || 100);
    },
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    get color() {
      return (color ??= makePalette(colorEnabled(env, tty.isatty(1))));
    },
    get errColor() {
      return (errColor ??= makePalette(colorEnabled(env, tty.isatty(2))));
    },
    selfPath: process.argv[1],
    version,
  };
}
