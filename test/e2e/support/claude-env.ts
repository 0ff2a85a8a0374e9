// Builds a sealed environment for running the real `claude` (directly or through `cr`)
// against the loopback stand-in: throwaway HOME and XDG dirs, offline switches, no
// inheritance of the developer's ANTHROPIC_* / HOME / CLAUDE_* settings.
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options, type Result } from 'execa';
import { assertDistIsCurrent } from '../../support/built-dist.js';

function findRepoRoot(): string {
  for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = start;
    for (;;) {
      if (existsSync(path.join(dir, 'bin', 'cr.js')) && existsSync(path.join(dir, 'package.json'))) return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

export const REPO_ROOT = findRepoRoot();
export const CLAUDE_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'claude');
export const CR_BIN = path.join(REPO_ROOT, 'bin', 'cr.js');

assertDistIsCurrent();

/** 40 characters; claude remembers approved keys by their last 20. */
export const TEST_API_KEY = 'sk-ant-test-000000000000000000000000000000000000';

/** Variables never passed through from the developer's environment. */
const BLOCKED =
  /^(ANTHROPIC_|CLAUDE_|CLAUDECODE|CR_|XDG_|HOME$|AWS_|GOOGLE_|VERTEX|OTEL_|HTTPS?_PROXY$|NO_PROXY$|NODE_OPTIONS$|VITEST|TMUX|CI$)/i;

export interface ClaudeEnv {
  /** Root temp dir; everything below is removed by cleanup(). */
  root: string;
  home: string;
  /** A project dir to use as cwd. */
  project: string;
  historyFile: string;
  env: NodeJS.ProcessEnv;
  /** `$HOME/.claude/projects/<slug(cwd)>` */
  transcriptDir(cwd?: string): string;
  transcriptPath(sessionId: string, cwd?: string): string;
  /** Writes $HOME/.claude.json with what interactive mode needs to skip its dialogs. */
  prepareInteractive(cwd?: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** claude's project dir name: every character other than a letter or digit becomes '-'. */
export function projectSlug(cwd: string): string {
  return cwd.replace(/[^A-Za-z0-9]/g, '-');
}

export async function makeClaudeEnv(baseUrl: string, extra: NodeJS.ProcessEnv = {}): Promise<ClaudeEnv> {
  // realpath: on some systems /tmp is a symlink and claude uses the resolved cwd.
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'cr-e2e-')));
  const home = path.join(root, 'home');
  const project = path.join(root, 'project');
  const xdgState = path.join(root, 'state');
  const xdgConfig = path.join(root, 'config');
  const xdgCache = path.join(root, 'cache');
  await Promise.all([home, project, xdgState, xdgConfig, xdgCache].map((d) => mkdir(d, { recursive: true })));
  const historyFile = path.join(xdgState, 'cr-history.jsonl');

  const inherited: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!BLOCKED.test(k) && v !== undefined) inherited[k] = v;
  }
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    USER: process.env.USER ?? 'root',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: TEST_API_KEY,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_MAX_RETRIES: '0',
    CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
    CLAUDE_PATH: CLAUDE_BIN,
    CR_HISTORY_FILE: historyFile,
    XDG_STATE_HOME: xdgState,
    XDG_CONFIG_HOME: xdgConfig,
    XDG_CACHE_HOME: xdgCache,
    CR_CACHE_DIR: path.join(xdgCache, 'claude-router'),
    ...extra,
  };

  const transcriptDir = (cwd = project): string => path.join(home, '.claude', 'projects', projectSlug(cwd));

  return {
    root,
    home,
    project,
    historyFile,
    env,
    transcriptDir,
    transcriptPath: (sessionId, cwd = project) => path.join(transcriptDir(cwd), `${sessionId}.jsonl`),
    async prepareInteractive(cwd = project) {
      const config = {
        hasCompletedOnboarding: true,
        numStartups: 5,
        theme: 'dark',
        customApiKeyResponses: { approved: [TEST_API_KEY.slice(-20)], rejected: [] },
        projects: {
          [cwd]: {
            hasTrustDialogAccepted: true,
            hasCompletedProjectOnboarding: true,
            allowedTools: [],
          },
        },
      };
      await writeFile(path.join(home, '.claude.json'), JSON.stringify(config, null, 2));
    },
    async cleanup() {
      await rm(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Runs a command with stdin from /dev/null and never throws on a non-zero exit. It gets its own
 * process group, and on time-out the whole group is killed: a cr that hangs takes its claude with it.
 */
export async function run(file: string, args: readonly string[], opts: RunOptions): Promise<Result<Options>> {
  const child = execa(file, args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    stdin: 'ignore',
    detached: true,
    reject: false,
    stripFinalNewline: false,
  });
  const timer = setTimeout(() => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, opts.timeoutMs ?? 45_000);
  try {
    return (await child) as unknown as Result<Options>;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the real claude binary directly. */
export function runClaude(args: readonly string[], opts: RunOptions): Promise<Result<Options>> {
  return run(CLAUDE_BIN, args, opts);
}

/** Runs the built cr CLI (`node bin/cr.js …`). */
export function runCr(args: readonly string[], opts: RunOptions): Promise<Result<Options>> {
  return run(process.execPath, [CR_BIN, ...args], opts);
}
