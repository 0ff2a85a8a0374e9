// A stand-in for the claude executable: a Node script that records its argv, stdin (base64)
// and selected environment variables to the JSON file named by FAKE_CLAUDE_LOG, then exits
// with FAKE_CLAUDE_EXIT (default 0). Without FAKE_CLAUDE_LOG it records nothing.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface FakeClaudeCall {
  argv: string[];
  /** stdin bytes, base64; empty when stdin was a terminal. */
  stdin: string;
  env: Record<string, string | null>;
  cwd: string;
}

const RECORDED_ENV = [
  'CR_SESSION_ID',
  'CR_DECISION_ID',
  'CR_TIER',
  'ANTHROPIC_MODEL',
  'CLAUDE_CODE_SUBAGENT_MODEL',
  'ANTHROPIC_API_KEY',
  'HOME',
];

const SCRIPT = `#!${process.execPath}
'use strict';
const fs = require('node:fs');
// Read fd 0 to EOF. The parent may have left the shared pipe non-blocking (EAGAIN), so wait and retry.
function readStdin() {
  if (require('node:tty').isatty(0)) return Buffer.alloc(0);
  const chunks = [];
  const buf = Buffer.alloc(65536);
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if (e.code === 'EAGAIN') { Atomics.wait(sleeper, 0, 0, 5); continue; }
      if (e.code === 'EOF' || e.code === 'EBADF' || e.code === 'EINVAL') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}
const stdin = readStdin();
const log = process.env.FAKE_CLAUDE_LOG;
if (log) {
  const env = {};
  for (const k of ${JSON.stringify(RECORDED_ENV)}) env[k] = process.env[k] ?? null;
  const record = { argv: process.argv.slice(2), stdin: stdin.toString('base64'), env, cwd: process.cwd() };
  fs.writeFileSync(log + '.tmp-' + process.pid, JSON.stringify(record));
  fs.renameSync(log + '.tmp-' + process.pid, log);
}
if (process.env.FAKE_CLAUDE_STDOUT) process.stdout.write(process.env.FAKE_CLAUDE_STDOUT);
process.exitCode = Number(process.env.FAKE_CLAUDE_EXIT || 0);
`;

export interface FakeClaude {
  dir: string;
  /** Path of the executable. */
  path: string;
  /** Path FAKE_CLAUDE_LOG should name for one call. */
  logPath(name?: string): string;
  readCall(logPath?: string): Promise<FakeClaudeCall>;
  cleanup(): Promise<void>;
}

export async function makeFakeClaude(): Promise<FakeClaude> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cr-fake-claude-'));
  const file = path.join(dir, 'claude');
  await writeFile(file, SCRIPT);
  await chmod(file, 0o755);
  const logPath = (name = 'call') => path.join(dir, `${name}.json`);
  return {
    dir,
    path: file,
    logPath,
    async readCall(p = logPath()) {
      return JSON.parse(await readFile(p, 'utf8')) as FakeClaudeCall;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Environment for running the built cr against the fake: temp HOME/XDG dirs, nothing inherited that matters. */
export function crEnv(root: string, fake: FakeClaude, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // CI too: a test that wants cr to see CI sets it itself (cr never prompts under CI).
    if (
      !/^(ANTHROPIC_|CLAUDE_|CLAUDECODE|CR_|XDG_|HOME$|NODE_OPTIONS$|VITEST|FAKE_CLAUDE_|CI$)/.test(k) &&
      v !== undefined
    )
      env[k] = v;
  }
  return {
    ...env,
    HOME: path.join(root, 'home'),
    XDG_STATE_HOME: path.join(root, 'state'),
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_CACHE_HOME: path.join(root, 'cache'),
    CR_CACHE_DIR: path.join(root, 'cache', 'claude-router'),
    CR_HISTORY_FILE: path.join(root, 'state', 'history.jsonl'),
    CLAUDE_PATH: fake.path,
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
    ANTHROPIC_API_KEY: 'sk-ant-test-faults',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    NO_COLOR: '1',
    ...extra,
  };
}
