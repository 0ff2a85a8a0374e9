// A fresh user for black-box tests of cr's setup commands: temp HOME, XDG dirs, a project dir, a fake claude.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crEnv, type FakeClaude } from './fake-claude.js';
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

export function makeWorld(fake: FakeClaude, extraEnv: NodeJS.ProcessEnv = {}): World {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cr-cmd-'));
  const home = path.join(root, 'home');
  const project = path.join(home, 'project');
  mkdirSync(project, { recursive: true });
  const env = crEnv(root, fake, { FAKE_CLAUDE_LOG: path.join(root, 'call.json'), ...extraEnv });
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
