// Runs a terminal program inside a private tmux server (its own socket), so tests can
// type into it and read its screen, and always tear it down.
import { execa } from 'execa';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface TmuxSession {
  socket: string;
  name: string;
  sendKeys(...keys: string[]): Promise<void>;
  /** Types text literally (no key-name lookup). */
  type(text: string): Promise<void>;
  /**
   * The visible screen; with `scrollback`, the lines that scrolled off above it too; with `escapes`,
   * the colours and other attributes as the escape sequences that set them.
   */
  capture(scrollback?: boolean, escapes?: boolean): Promise<string>;
  /** Polls the screen until `pattern` shows up. */
  waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** True while the session (and so the program) is alive. */
  alive(): Promise<boolean>;
  kill(): Promise<void>;
}

export interface TmuxOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** argv of the program to run. */
  command: readonly string[];
  /** Hard cap for the program (via `timeout --foreground`), seconds. */
  timeoutSeconds?: number;
  width?: number;
  height?: number;
  /** Where the private tmux socket lives (defaults to a temp dir given by the caller's env). */
  socketDir: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `roots` and all their descendants, from /proc (Linux). */
function descendants(roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the ppid is the 2nd field after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const queue = [...roots];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export async function startTmux(opts: TmuxOptions): Promise<TmuxSession> {
  const socket = path.join(opts.socketDir, `tmux-${randomUUID().slice(0, 8)}.sock`);
  const name = `cr-e2e-${randomUUID().slice(0, 8)}`;
  const tmux = (args: string[], reject = true) =>
    execa('tmux', ['-S', socket, ...args], {
      env: opts.env,
      extendEnv: false,
      stdin: 'ignore',
      timeout: 10_000,
      reject,
    });
  const cmd = ['timeout', '--foreground', String(opts.timeoutSeconds ?? 60), ...opts.command].map(shellQuote).join(' ');
  // -f /dev/null: ignore any user tmux.conf. The server starts with opts.env, and the
  // session's program inherits it.
  await execa(
    'tmux',
    [
      '-f',
      '/dev/null',
      '-S',
      socket,
      'new-session',
      '-d',
      '-s',
      name,
      '-x',
      String(opts.width ?? 120),
      '-y',
      String(opts.height ?? 40),
      '-c',
      opts.cwd,
      cmd,
    ],
    { env: opts.env, extendEnv: false, stdin: 'ignore', timeout: 10_000 },
  );
  // Keep the pane after the program exits so the last screen can still be read.
  await tmux(['set-option', '-t', name, 'remain-on-exit', 'on'], false);

  const session: TmuxSession = {
    socket,
    name,
    async sendKeys(...keys) {
      await tmux(['send-keys', '-t', name, ...keys]);
    },
    async type(text) {
      await tmux(['send-keys', '-t', name, '-l', text]);
    },
    async capture(scrollback = false, escapes = false) {
      const r = await tmux(
        ['capture-pane', '-p', ...(escapes ? ['-e'] : []), ...(scrollback ? ['-S', '-'] : []), '-t', name],
        false,
      );
      return r.exitCode === 0 ? String(r.stdout) : '';
    },
    async waitForScreen(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let screen = '';
      while (Date.now() < deadline) {
        screen = await session.capture();
        if (pattern.test(screen)) return screen;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`tmux: ${pattern} did not appear within ${timeoutMs} ms; screen:\n${screen}`);
    },
    async alive() {
      const r = await tmux(['list-panes', '-t', name, '-F', '#{pane_dead}'], false);
      return r.exitCode === 0 && String(r.stdout).trim() === '0';
    },
    async kill() {
      // Note the whole process tree first, so that nothing (cr writing its outcome record,
      // claude writing its transcript) outlives the test and writes into a removed temp dir.
      const panes = await tmux(['list-panes', '-a', '-F', '#{pane_pid}'], false);
      const roots = String(panes.stdout ?? '')
        .split('\n')
        .map((l) => Number(l.trim()))
        .filter((n) => n > 0);
      const tree = descendants(roots);
      await tmux(['kill-server'], false);
      const deadline = Date.now() + 5_000;
      while (tree.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      for (const pid of tree.filter(isAlive)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
  };
  return session;
}
