// Where cr statusline's input comes from: it reads stdin only when stdin is no terminal. A pipe or a
// file is told apart by fstat, a character device by node:tty: /dev/null is read (as no JSON), and
// a terminal is not read at all, which would wait for typing and hang the status bar.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CR_BIN } from '../support/run-cr.js';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

describe('cr statusline: stdin', () => {
  it('stdin from /dev/null (a character device, no terminal) is read: no JSON, a short line, exit 0', async () => {
    // Without input, the test runner gives cr /dev/null as stdin.
    const r = await w.cr(['statusline']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('cr: no status (stdin is not JSON)\n');
  });

  it.skipIf(!hasScript)('at a terminal it does not read stdin: it says where its input comes from, exit 0', () => {
    // script(1) runs cr with a pseudo-terminal as stdin and stdout; read, it would give cr nothing
    // (script's own stdin is /dev/null) and the line would say "stdin is not JSON".
    const command = [process.execPath, CR_BIN, 'statusline'].map((s) => `'${s.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: w.project,
      env: w.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^cr: no status \(reads the JSON Claude Code passes on stdin \(see cr init or cr statusline --help\)\)\r?$/m,
    );
  });
});
