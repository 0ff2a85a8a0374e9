// cr's own output into a file, a pipe or a terminal: the same text, coloured only at a terminal or
// with FORCE_COLOR (NO_COLOR wins).
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CR_BIN } from '../support/run-cr.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
});

const ESC = '\u001b[';
const TASK = 'refactor auth';

/** Runs cr with stdout on `fd` (a file descriptor), or piped when undefined. */
function run(args: string[], opts: { stdout?: number; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CR_BIN, ...args], {
    cwd: w.project,
    env: { ...w.env, ...opts.env },
    stdio: ['ignore', opts.stdout ?? 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function toFile(args: string[], env?: NodeJS.ProcessEnv) {
  const file = path.join(w.root, `out-${Math.random().toString(36).slice(2)}.txt`);
  const fd = openSync(file, 'w');
  try {
    const r = run(args, { stdout: fd, env });
    return { ...r, text: readFileSync(file, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

describe('cr output into a file, a pipe and a terminal', () => {
  it('--explain writes the same text into a file as into a pipe, uncoloured', () => {
    const piped = run(['--explain', TASK]);
    const filed = toFile(['--explain', TASK]);
    expect(piped.status).toBe(0);
    expect(filed.status).toBe(0);
    const sameId = (text: string) => text.replace(/--session-id [0-9a-f-]{36}/, '--session-id ID');
    expect(sameId(filed.text)).toBe(sameId(piped.stdout));
    expect(filed.text).toContain('sonnet');
    expect(filed.text).not.toContain(ESC);
    const json = toFile(['--explain', '--json', TASK]);
    expect(JSON.parse(json.text)).toMatchObject({ tier: 'sonnet' });
  });

  it('FORCE_COLOR colours output into a file; NO_COLOR wins over it', () => {
    expect(toFile(['--explain', TASK], { FORCE_COLOR: '1', NO_COLOR: '' }).text).toContain(`${ESC}1m`);
    expect(toFile(['--explain', TASK], { FORCE_COLOR: '1', NO_COLOR: '1' }).text).not.toContain(ESC);
  });

  it('a notice on stderr goes into a pipe or a file uncoloured, one line', () => {
    // An untrusted project file's profiles: cr prints one line about them on every run.
    writeFileSync(
      path.join(w.project, '.claude-router.json'),
      JSON.stringify({ profiles: { p: { baseUrl: 'http://127.0.0.1:9/p' } } }),
    );
    const piped = run(['--explain', TASK]);
    expect(piped.status).toBe(0);
    expect(piped.stderr).toMatch(/^cr: ignored profiles \(p\) from .* \(not trusted\)[^\n]*\n$/);
    expect(piped.stderr).not.toContain(ESC);
    const errFile = path.join(w.root, 'stderr.txt');
    const fd = openSync(errFile, 'w');
    try {
      const r = spawnSync(process.execPath, [CR_BIN, '--explain', TASK], {
        cwd: w.project,
        env: w.env,
        stdio: ['ignore', 'ignore', fd],
      });
      expect(r.status).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(errFile, 'utf8')).toMatch(/^cr: ignored profiles \(p\) .*\n$/);
  });

  const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasScript)('at a terminal, --explain is coloured without FORCE_COLOR', () => {
    const env = { ...w.env, NO_COLOR: '', FORCE_COLOR: undefined };
    delete env.FORCE_COLOR;
    const command = [process.execPath, CR_BIN, '--explain', TASK].map((s) => `'${s.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: w.project,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${ESC}1m`);
    expect(r.stdout).toContain('sonnet');
  });

  it.skipIf(!hasScript)('at a terminal, a notice on stderr is coloured too', () => {
    writeFileSync(
      path.join(w.project, '.claude-router.json'),
      JSON.stringify({ profiles: { p: { baseUrl: 'http://127.0.0.1:9/p' } } }),
    );
    const env = { ...w.env, NO_COLOR: '', FORCE_COLOR: undefined };
    delete env.FORCE_COLOR;
    const command = [process.execPath, CR_BIN, '--explain', TASK].map((s) => `'${s.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: w.project,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${ESC}33mcr:${ESC}39m ignored profiles (p)`);
  });
});

describe('a reader that goes away', () => {
  it('cr --explain | true: the closed pipe ends cr quietly, exit 0, no stack trace', () => {
    const errFile = path.join(w.root, 'epipe-stderr.txt');
    // `true` exits without reading, long before cr writes: cr's write meets a closed pipe (EPIPE).
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"$0" "$1" --explain "refactor auth" 2>"$2" | true; echo "\${PIPESTATUS[0]}"`,
        process.execPath,
        CR_BIN,
        errFile,
      ],
      { cwd: w.project, env: w.env, encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('0');
    expect(readFileSync(errFile, 'utf8')).toBe('');
  });
});

describe('subcommand help', () => {
  it.each(['agents', 'up', 'shell-init', 'statusline'])('cr %s --help fits COLUMNS=70, its notes too', async (name) => {
    const r = await w.cr([name, '--help'], { env: { COLUMNS: '70' } });
    expect(r.exitCode).toBe(0);
    for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(70);
  });
});
