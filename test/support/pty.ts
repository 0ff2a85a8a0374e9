// Drives the real cr in a pseudo-terminal: a private tmux server (test/e2e/support/tmux.ts) per test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { startTmux, type TmuxSession } from '../e2e/support/tmux.js';
import { CR_BIN } from './run-cr.js';

export const HAS_TMUX = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
if (!HAS_TMUX) console.warn('PTY tests skipped: tmux is not installed (apt-get install tmux)');

function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface Pty extends TmuxSession {
  /** Waits for cr to end and returns its exit code (the wrapper records it). */
  exitCode(timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Runs `cr ARGS` (or any argv with `raw`) at a terminal; the wrapper prints and records the exit code.
 * Call it inside a test: the terminal is closed when the test finishes (before useWorld removes its world).
 */
export async function startPty(opts: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  args?: readonly string[];
  raw?: readonly string[];
  width?: number;
}): Promise<Pty> {
  const socketDir = mkdtempSync(path.join(os.tmpdir(), 'crpty-'));
  const exitFile = path.join(socketDir, 'exit-code');
  // The short sleep lets tmux keep the pane (remain-on-exit) before a fast program is done.
  const command = opts.raw ?? [
    'sh',
    '-c',
    `sleep 0.3; ${[process.execPath, CR_BIN, ...(opts.args ?? [])].map(shQuote).join(' ')}; code=$?; echo "EXIT:$code"; echo "$code" > ${shQuote(exitFile)}`,
  ];
  const session = await startTmux({
    cwd: opts.cwd,
    env: { TERM: 'xterm-256color', ...opts.env },
    command,
    socketDir,
    width: opts.width ?? 120,
    height: 40,
    timeoutSeconds: 60,
  });
  const pty: Pty = Object.assign(session, {
    async exitCode(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (existsSync(exitFile)) {
          const text = readFileSync(exitFile, 'utf8').trim();
          if (text) return Number(text);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`cr did not exit within ${timeoutMs} ms; screen:\n${await session.capture()}`);
    },
    async close() {
      await session.kill();
      rmSync(socketDir, { recursive: true, force: true });
    },
  });
  onTestFinished(() => pty.close());
  return pty;
}
