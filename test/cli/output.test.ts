// Where cr's own output goes: a file or /dev/null is written directly (no stream, no node:tty), a
// pipe or a terminal through process.stdout; colour follows the terminal, FORCE_COLOR and NO_COLOR.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import { descriptorKind, writesToFile, writeStderr } from '../../src/context.js';
import { CR_BIN, crIsBuilt } from '../support/run-cr.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
});

const ESC = '\u001b[';
const TASK = 'refactor auth';

/** Runs cr with stdout on `fd` (a file descriptor), or piped when undefined. */
function run(args: string[], opts: { stdout?: number; env?: NodeJS.ProcessEnv; preload?: string } = {}) {
  const node = opts.preload ? ['-r', opts.preload] : [];
  const r = spawnSync(process.execPath, [...node, CR_BIN, ...args], {
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

describe('writesToFile and descriptorKind', () => {
  it('is true for a regular file and /dev/null, false for a pipe; descriptorKind tells the same apart', () => {
    const file = path.join(w.root, 'f');
    writeFileSync(file, '');
    const fifo = path.join(w.root, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A FIFO opened read-write: opening it so does not wait for a reader (Linux).
    for (const [target, flags, toFile, kind] of [
      [file, 'w', true, 'file'],
      ['/dev/null', 'w', true, 'file'],
      [fifo, 'r+', false, 'pipe'],
    ] as const) {
      const fd = openSync(target, flags);
      try {
        expect(writesToFile(fd), target).toBe(toFile);
        expect(descriptorKind(fd), target).toBe(kind);
      } finally {
        closeSync(fd);
      }
    }
    // A closed or bad descriptor is left to Node.
    expect(writesToFile(-1)).toBe(false);
    expect(descriptorKind(-1)).toBe('other');
  });
});

describe('stderr without process.stderr', () => {
  it('falls back to process.stderr when a write would block, and drops a message to a reader that is gone', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => (written.push(String(text)), true));
    const failing = (code: string) =>
      vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
        throw Object.assign(new Error(code), { code });
      });
    try {
      failing('EAGAIN');
      writeStderr('pipe', 'would block\n');
      expect(written).toEqual(['would block\n']);
      failing('EPIPE');
      writeStderr('pipe', 'nobody reads\n');
      expect(written).toEqual(['would block\n']);
      writeStderr('other', 'socket\n');
      expect(written).toEqual(['would block\n', 'socket\n']);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe.skipIf(!crIsBuilt())('cr output into a file, a pipe and a terminal', () => {
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

  it('--explain into a file or /dev/null loads neither node:tty nor node:net nor node:stream', () => {
    // Start-up cost: those three take ~4 ms to load and a file needs none of them. Compared with what
    // `node -e 0` loads, so that a Node version that loads one of them at boot does not fail this.
    const preload = path.join(w.root, 'modules.cjs');
    writeFileSync(
      preload,
      "process.on('exit', () => require('node:fs').writeSync(2, '\\nMODULES ' + process.moduleLoadList.join(',')));\n",
    );
    const loaded = (stderr: string) => new Set(stderr.split('MODULES ')[1]!.split(','));
    const base = loaded(spawnSync(process.execPath, ['-r', preload, '-e', '0'], { encoding: 'utf8' }).stderr);
    for (const target of [path.join(w.root, 'explain.txt'), '/dev/null']) {
      const fd = openSync(target, 'w');
      try {
        const r = run(['--explain', TASK], { stdout: fd, preload, env: { NO_COLOR: '' } });
        expect(r.status).toBe(0);
        const added = [...loaded(r.stderr)].filter((m) => !base.has(m));
        for (const name of ['tty', 'net', 'stream']) expect(added, target).not.toContain(`NativeModule ${name}`);
      } finally {
        closeSync(fd);
      }
    }
    // A pipe still goes through process.stdout (a net.Socket), as before.
    const piped = run(['--explain', TASK], { preload });
    expect([...loaded(piped.stderr)]).toContain('NativeModule net');
  });

  it('a notice on stderr into a pipe or a file is written without making process.stderr (no node:net, node:stream)', () => {
    // An untrusted project file's profiles: cr prints one line about them on every run.
    writeFileSync(
      path.join(w.project, '.claude-router.json'),
      JSON.stringify({ profiles: { p: { baseUrl: 'http://127.0.0.1:9/p' } } }),
    );
    const preload = path.join(w.root, 'modules2.cjs');
    writeFileSync(
      preload,
      "process.on('exit', () => require('node:fs').writeSync(2, '\\nMODULES ' + process.moduleLoadList.join(',')));\n",
    );
    const loaded = (stderr: string) => new Set(stderr.split('MODULES ')[1]!.split(','));
    const base = loaded(spawnSync(process.execPath, ['-r', preload, '-e', '0'], { encoding: 'utf8' }).stderr);
    const out = openSync(path.join(w.root, 'explain2.txt'), 'w');
    try {
      const piped = run(['--explain', TASK], { stdout: out, preload });
      expect(piped.status).toBe(0);
      expect(piped.stderr).toMatch(/^cr: ignored profiles \(p\) from .* \(not trusted\)/);
      expect(piped.stderr).not.toContain(ESC);
      const added = [...loaded(piped.stderr)].filter((m) => !base.has(m));
      for (const name of ['tty', 'net', 'stream']) expect(added).not.toContain(`NativeModule ${name}`);
    } finally {
      closeSync(out);
    }
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
