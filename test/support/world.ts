// A fresh user for black-box tests of the built cr: temp HOME, XDG dirs, a project dir, a fake claude.
// useWorld() gives every test in a file its own world; makeWorld() makes one more by hand.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, onTestFinished } from 'vitest';
import { crEnv, makeFakeClaude, type FakeClaude } from './fake-claude.js';
import { runCr, type CrRun } from './run-cr.js';

export interface World {
  root: string;
  home: string;
  project: string;
  env: NodeJS.ProcessEnv;
  globalFile: string;
  cr(args: readonly string[], extra?: { env?: NodeJS.ProcessEnv; cwd?: string; input?: Buffer }): Promise<CrRun>;
  write(file: string, data: unknown): string;
  /** The records in env.CR_HISTORY_FILE, oldest first; none if there is no file. */
  history(): Record<string, unknown>[];
  cleanup(): void;
}

/** The records in the history file cr is given by `env` (CR_HISTORY_FILE), oldest first; none if there is no file. */
export function historyRecords(env: NodeJS.ProcessEnv): Record<string, unknown>[] {
  const file = env.CR_HISTORY_FILE!;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Extra variables for cr's environment, fixed or computed from the world's root. */
export type ExtraEnv = NodeJS.ProcessEnv | ((root: string) => NodeJS.ProcessEnv);

/** `<root>/home/project` as cwd; HOME, XDG dirs and history under `<root>`; FAKE_CLAUDE_LOG is `<root>/call.json`. */
export function makeWorld(fake: FakeClaude, extraEnv: ExtraEnv = {}): World {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cr-cmd-'));
  const home = path.join(root, 'home');
  const project = path.join(home, 'project');
  mkdirSync(project, { recursive: true });
  const extra = typeof extraEnv === 'function' ? extraEnv(root) : extraEnv;
  const env = crEnv(root, fake, { FAKE_CLAUDE_LOG: path.join(root, 'call.json'), ...extra });
  return {
    root,
    home,
    project,
    env,
    globalFile: path.join(root, 'config', 'claude-router', 'config.json'),
    cr: (args, extra = {}) =>
      runCr(args, { cwd: extra.cwd ?? project, env: { ...env, ...extra.env }, input: extra.input }),
    write(file, data) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
      return file;
    },
    history: () => historyRecords(env),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A world plus the file's fake claude and the path its calls are logged to (env.FAKE_CLAUDE_LOG). */
export type Sandbox = World & { fake: FakeClaude; log: string };

/**
 * Registers the hooks for a file (or describe block): one fake claude for all its tests (beforeAll,
 * removed in afterAll) and a fresh world per test (beforeEach, removed when the test has finished).
 * `onEach` gets the world before the test runs; it may return a teardown. Teardowns and anything a
 * test registers with onTestFinished (startPty does) run first, newest first, then the world goes.
 */
export function useWorld(onEach: (w: Sandbox) => void | (() => unknown), extraEnv?: ExtraEnv): void {
  let fake: FakeClaude | undefined;
  beforeAll(async () => {
    fake = await makeFakeClaude();
  });
  afterAll(async () => {
    await fake?.cleanup();
  });
  beforeEach(() => {
    const world = makeWorld(fake!, extraEnv);
    onTestFinished(() => world.cleanup());
    const teardown = onEach({ ...world, fake: fake!, log: world.env.FAKE_CLAUDE_LOG! });
    if (typeof teardown === 'function') onTestFinished(async () => void (await teardown()));
  });
}
