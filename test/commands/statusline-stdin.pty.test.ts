// Where cr statusline's input comes from: it reads stdin only when stdin is no terminal. A pipe or a
// file is told apart by fstat, a character device by node:tty: /dev/null is read (as no JSON), and
// a terminal is not read at all, which would wait for typing and hang the status bar.
import { describe, expect, it } from 'vitest';
import { HAS_TMUX, startPty } from '../support/pty.js';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

describe('cr statusline: stdin', () => {
  it('stdin from /dev/null (a character device, no terminal) is read: no JSON, a short line, exit 0', async () => {
    // Without input, the test runner gives cr /dev/null as stdin.
    const r = await w.cr(['statusline']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('cr: no status (stdin is not JSON)\n');
  });

  it.skipIf(!HAS_TMUX)('at a terminal it does not read stdin: it says where its input comes from, exit 0', async () => {
    const pty = await startPty({ cwd: w.project, env: w.env, args: ['statusline'] });
    await pty.waitForScreen(/cr: no status \(reads the JSON Claude Code passes on stdin/);
    expect(await pty.exitCode()).toBe(0);
  });
});
