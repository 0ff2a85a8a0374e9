// A fresh user for black-box tests of the built cr: temp HOME, XDG dirs, a project dir, a fake claude.
// useWorld() gives every test in a file its own world; makeWorld() makes one more by hand.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
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
  cleanup(): void;
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
    cr: (args, extra = {}) => runCr(args, { cwd: extra.cwd ?? project, env: { ...env, ...extra.env }, input: extra.input }),
    write(file, data) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
      return file;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A world plus the file's fake claude and the path its calls are logged to (env.FAKE_CLAUDE_LOG). */
export type Sandbox = World & { fake: FakeClaude; log: string };

/**
 * Registers the hooks for a file (or describe block): one fake claude for all its tests (beforeAll,
 * removed in afterAll) and a fresh world per test (beforeEach, removed after the test). `onEach` gets
 * the world before the test runs; it may return a teardown (e.g. closing a terminal the test opened),
 * which runs after the test, before the world is removed.
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
    let teardown: void | (() => unknown);
    try {
      teardown = onEach({ ...world, fake: fake!, log: world.env.FAKE_CLAUDE_LOG! });
    } catch (e) {
      world.cleanup();
      throw e;
    }
    return async () => {
      try {
        if (teardown) await teardown();
      } finally {
        world.cleanup();
      }
    };
  });
}
