// The history append never loses a record and never writes where it should not: a torn last line
// (a full disk, a killed writer) does not swallow the next record, a short write is undone, and a
// symbolic link, FIFO or device at the history path is refused in one line while claude starts.
import { spawnSync } from 'node:child_process';
import fs, { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendHistoryRecord, HistoryWriteError, readHistory } from '../../src/history/history-store.js';
import type { DecisionRecord } from '../../src/history/records.js';
import { CR_BIN } from '../support/run-cr.js';
import { useWorld, type Sandbox } from '../support/world.js';

const record = (id: string): DecisionRecord => ({
  v: 1,
  type: 'decision',
  id,
  time: '2026-11-26T10:00:00.000Z',
  cwd: '/p',
  kind: 'route',
  tier: 'sonnet',
  model: 'sonnet',
  rule: 'task-type',
  confidence: 0.9,
});

const TORN = '{"v":1,"type":"deci';
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const hasDevFull = existsSync('/dev/full');

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cr-append-'));
  return dir;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('appendHistoryRecord', () => {
  it('after a torn last line, the record starts on a line of its own and every reader keeps it', () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'history.jsonl');
      appendHistoryRecord(file, record('first'));
      fs.appendFileSync(file, TORN);
      appendHistoryRecord(file, record('second'));
      appendHistoryRecord(file, record('third'));
      const read = readHistory(file);
      expect(read.records.map((r) => r.id)).toEqual(['first', 'second', 'third']);
      expect(read.skipped).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a short write (a full disk) is truncated back to the old length and reported', () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'history.jsonl');
      appendHistoryRecord(file, record('first'));
      const before = readFileSync(file, 'utf8');
      const real = fs.writeSync;
      // The file system takes the first 20 bytes, then has no room.
      vi.spyOn(fs, 'writeSync').mockImplementationOnce(((fd: number, data: Buffer) =>
        real(fd, data.subarray(0, 20))) as typeof fs.writeSync);
      expect(() => appendHistoryRecord(file, record('second'))).toThrow(
        /^wrote 20 of \d+ bytes \(is the disk full\?\); the partial record was removed$/,
      );
      expect(readFileSync(file, 'utf8')).toBe(before);
      appendHistoryRecord(file, record('third'));
      expect(readHistory(file)).toEqual({ records: [record('first'), record('third')], skipped: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a short write is left alone when another writer appended meanwhile (its record is not cut); the next record survives', () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'history.jsonl');
      appendHistoryRecord(file, record('first'));
      const real = fs.writeSync;
      vi.spyOn(fs, 'writeSync').mockImplementationOnce(((fd: number, data: Buffer) => {
        const n = real(fd, data.subarray(0, 20));
        fs.appendFileSync(file, `${JSON.stringify(record('other'))}\n`);
        return n;
      }) as typeof fs.writeSync);
      expect(() => appendHistoryRecord(file, record('second'))).toThrow(/the partial line is skipped by readers$/);
      appendHistoryRecord(file, record('third'));
      const read = readHistory(file);
      expect(read.records.map((r) => r.id)).toEqual(['first', 'third']);
      // The torn 20 bytes and the other writer's record share a line: one skipped line.
      expect(read.skipped).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a symbolic link at the history path, dangling or not, and writes nothing through it', () => {
    const dir = tempDir();
    try {
      const target = path.join(dir, 'bashrc');
      writeFileSync(target, 'export PATH=/usr/bin\n');
      const link = path.join(dir, 'history.jsonl');
      symlinkSync(target, link);
      expect(() => appendHistoryRecord(link, record('a'))).toThrow(
        new HistoryWriteError('it is a symbolic link, which cr does not follow'),
      );
      expect(readFileSync(target, 'utf8')).toBe('export PATH=/usr/bin\n');
      const dangling = path.join(dir, 'dangling.jsonl');
      symlinkSync(path.join(dir, 'elsewhere'), dangling);
      expect(() => appendHistoryRecord(dangling, record('a'))).toThrow(/symbolic link/);
      expect(existsSync(path.join(dir, 'elsewhere'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasMkfifo)('refuses a FIFO without blocking, with or without a reader', () => {
    const dir = tempDir();
    try {
      const fifo = path.join(dir, 'history.jsonl');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      expect(() => appendHistoryRecord(fifo, record('a'))).toThrow(
        new HistoryWriteError('it is a FIFO, not a regular file'),
      );
      // A reader holds it open (non-blocking open for reading does not wait for a writer).
      const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      try {
        expect(() => appendHistoryRecord(fifo, record('a'))).toThrow(
          new HistoryWriteError('it is a FIFO, not a regular file'),
        );
      } finally {
        fs.closeSync(reader);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasDevFull)('refuses a device such as /dev/full', () => {
    expect(() => appendHistoryRecord('/dev/full', record('a'))).toThrow(
      new HistoryWriteError('it is a device, not a regular file'),
    );
  });
});

let w: Sandbox;
describe('the built cr', () => {
  useWorld((s) => {
    w = s;
  });
  const historyFile = () => w.env.CR_HISTORY_FILE!;
  const tasks = async () => {
    const r = await w.cr(['history', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { task?: string }[]).map((d) => d.task);
  };

  it('the reported case: a record after a torn line is kept (cr history lists it)', async () => {
    expect((await w.cr(['first'])).exitCode).toBe(0);
    fs.appendFileSync(historyFile(), TORN);
    expect((await w.cr(['second'])).exitCode).toBe(0);
    expect(await tasks()).toEqual(expect.arrayContaining(['first', 'second']));
  });

  it('a symbolic link at the history path: one line why, claude starts, the target is untouched', async () => {
    const target = path.join(w.root, 'bashrc');
    writeFileSync(target, '# mine\n');
    mkdirSync(path.dirname(historyFile()), { recursive: true });
    symlinkSync(target, historyFile());
    const r = await w.cr(['fix the parser']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      `cr: warning: could not write history ${historyFile()} (it is a symbolic link, which cr does not follow); continuing\n`,
    );
    expect((await w.fake.readCall(w.log)).argv.at(-1)).toBe('fix the parser');
    expect(readFileSync(target, 'utf8')).toBe('# mine\n');
  });

  it.skipIf(!hasMkfifo)('a FIFO at the history path: a launch and cr doctor finish, each saying why', async () => {
    mkdirSync(path.dirname(historyFile()), { recursive: true });
    expect(spawnSync('mkfifo', [historyFile()]).status).toBe(0);
    const r = await w.cr(['fix the parser']);
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('(it is a FIFO, not a regular file); continuing');
    expect((await w.fake.readCall(w.log)).argv.at(-1)).toBe('fix the parser');
    const doctor = await w.cr(['doctor']);
    expect(doctor.timedOut).toBe(false);
    expect(doctor.stdout).toMatch(/^✗ history +\S+: it is a FIFO, not a regular file$/m);
  });

  it.skipIf(!hasMkfifo)('a FIFO at the history path: every command that reads it ends, saying why', async () => {
    mkdirSync(path.dirname(historyFile()), { recursive: true });
    expect(spawnSync('mkfifo', [historyFile()]).status).toBe(0);
    // Opened to read, a FIFO waits for a writer: these hung until killed.
    for (const args of [['history'], ['stats'], ['learn'], ['up'], ['explain'], ['-c']]) {
      const r = await w.cr(args);
      expect(r.timedOut, args.join(' ')).toBe(false);
      expect(r.stderr, args.join(' ')).toContain('it is a FIFO, not a regular file');
    }
    const status = spawnSync(process.execPath, [CR_BIN, 'statusline'], {
      env: w.env,
      input: JSON.stringify({ session_id: 'abc', model: { id: 'claude-opus-4-7' } }),
      encoding: 'utf8',
      timeout: 8000,
    });
    expect(status.stdout).toMatch(/^cr: no status \(cannot read history .*: it is a FIFO, not a regular file\)$/m);
  });

  it.skipIf(!hasDevFull)('/dev/full at the history path: a launch and cr doctor finish, each saying why', async () => {
    const env = { CR_HISTORY_FILE: '/dev/full' };
    const r = await w.cr(['fix the parser'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('(it is a device, not a regular file); continuing');
    const doctor = await w.cr(['doctor'], { env });
    expect(doctor.timedOut).toBe(false);
    expect(doctor.stderr).not.toMatch(/^\s+at /m);
    expect(doctor.stdout).toMatch(/^✗ history +\/dev\/full: it is a device, not a regular file$/m);
  });

  // A real full disk: a 64 KB tmpfs in a private mount namespace (gone when the shell exits), where
  // the machine allows one (root with mount rights, or user namespaces).
  const tmpfsCheck = spawnSync('unshare', [
    '--user',
    '--map-root-user',
    '--mount',
    'sh',
    '-c',
    'mount -t tmpfs -o size=64k tmpfs /mnt',
  ]);
  it.skipIf(tmpfsCheck.status !== 0)('on a full tmpfs: the partial record is removed, later records are kept', () => {
    const mount = path.join(w.root, 'small');
    mkdirSync(mount);
    const history = path.join(mount, 'history.jsonl');
    const env = { ...w.env, CR_HISTORY_FILE: history };
    // The history fills most of its 4 KB page (blank lines are no records), then the disk fills up:
    // the next record fits only in part.
    const script = `
      set -e
      mount -t tmpfs -o size=64k tmpfs "$MOUNT"
      cr() { "$NODE" "$CR" "$@"; }
      cr "first"
      size=$(wc -c < "$HISTORY")
      head -c $((4000 - size)) /dev/zero | tr '\\0' '\\n' >> "$HISTORY"
      i=0; while head -c 4096 /dev/zero > "$MOUNT/fill$i" 2>/dev/null; do i=$((i+1)); done
      cr "second"
      rm "$MOUNT"/fill*
      cr "third"
      cr history --json
    `;
    const r = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], {
      env: { ...env, MOUNT: mount, HISTORY: history, NODE: process.execPath, CR: CR_BIN },
      cwd: w.project,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /could not write history .* \(wrote \d+ of \d+ bytes \(is the disk full\?\); the partial record was removed\); continuing/,
    );
    const listed = (JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { task?: string }[]).map((d) => d.task);
    expect(listed).toEqual(expect.arrayContaining(['first', 'third']));
    expect(listed).not.toContain('second');
  });
});
