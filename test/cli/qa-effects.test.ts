// Black-box: what cr does around a launch when its surroundings are wrong — a CLAUDE_PATH or
// claudePath that names no claude, a history that cannot be read or written, dates that are no
// dates — and the small print of cr up and cr doctor.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

const lines = (text: string) => text.split('\n').filter(Boolean);
const claudeRan = () => existsSync(w.log);

describe('a CLAUDE_PATH that names no claude', () => {
  const cases: [string, (root: string) => string, number, RegExp][] = [
    ['missing', (root) => path.join(root, 'nonexistent'), 127, /does not exist/],
    ['a directory', (root) => root, 126, /is a directory/],
    [
      'not executable',
      (root) => {
        const file = path.join(root, 'not-executable');
        writeFileSync(file, '#!/bin/sh\nexit 0\n');
        chmodSync(file, 0o644);
        return file;
      },
      126,
      /is not executable/,
    ],
  ];

  it.each(cases)(
    '%s: one line naming CLAUDE_PATH, exit 126 or 127, claude from PATH not started, nothing recorded',
    async (_what, make, code, why) => {
      const bad = make(w.root);
      // The fake is on PATH too: cr must not fall back to it.
      const r = await w.cr(['--sonnet', 'refactor auth'], {
        env: { CLAUDE_PATH: bad, PATH: `${w.fake.dir}:${process.env.PATH}` },
      });
      expect(r.exitCode).toBe(code);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^cr: error: CLAUDE_PATH=${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
      expect(r.stderr).toMatch(why);
      expect(claudeRan()).toBe(false);
      expect(w.history()).toEqual([]);
    },
  );

  it('a bare name not on PATH: exit 127', async () => {
    const r = await w.cr(['--sonnet', 'x'], {
      env: { CLAUDE_PATH: 'claude-nowhere', PATH: `${w.fake.dir}:${process.env.PATH}` },
    });
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toBe(
      'cr: error: CLAUDE_PATH=claude-nowhere is not on PATH; fix it, or unset CLAUDE_PATH to use claude from PATH\n',
    );
    expect(claudeRan()).toBe(false);
  });

  it('--dry-run and --explain still show the decision (exit 0) with one warning line', async () => {
    const bad = path.join(w.root, 'nonexistent');
    for (const flag of ['--dry-run', '--explain']) {
      const r = await w.cr([flag, '--sonnet', 'refactor auth'], { env: { CLAUDE_PATH: bad } });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/--model sonnet/);
      expect(r.stderr).toBe(
        `cr: warning: CLAUDE_PATH=${bad} does not exist, so claude would not start; fix it, or unset CLAUDE_PATH to use claude from PATH\n`,
      );
    }
  });

  it('cr doctor gives the reason on the claude line', async () => {
    const r = await w.cr(['doctor', '--json'], { env: { CLAUDE_PATH: w.root } });
    expect(r.exitCode).toBe(1);
    const claude = (
      JSON.parse(r.stdout) as { checks: { name: string; status: string; summary: string }[] }
    ).checks.find((c) => c.name === 'claude')!;
    expect(claude).toMatchObject({
      status: 'fail',
      summary: `CLAUDE_PATH=${w.root} is a directory, not the claude binary`,
    });
  });

  it('config claudePath is held to the same rule; a good CLAUDE_PATH still wins over a bad one', async () => {
    w.write(w.globalFile, { claudePath: path.join(w.root, 'gone', 'claude') });
    const bad = await w.cr(['--sonnet', 'x'], { env: { CLAUDE_PATH: '', PATH: `${w.fake.dir}:${process.env.PATH}` } });
    expect(bad.exitCode).toBe(127);
    expect(bad.stderr).toBe(
      `cr: error: config claudePath "${path.join(w.root, 'gone', 'claude')}" does not exist; fix claudePath in your config, or remove it to use claude from PATH\n`,
    );
    expect(claudeRan()).toBe(false);
    const good = await w.cr(['--sonnet', 'x']);
    expect(good.exitCode).toBe(0);
    expect(claudeRan()).toBe(true);
  });
});

describe('a history that cannot be written or read', () => {
  it('a launch warns once (not for the decision and again for the outcome) and still starts claude', async () => {
    const dir = path.join(w.root, 'history-dir');
    mkdirSync(dir);
    const r = await w.cr(['--sonnet', 'x'], { env: { CR_HISTORY_FILE: dir, FAKE_CLAUDE_EXIT: '3' } });
    expect(r.exitCode).toBe(3);
    expect(claudeRan()).toBe(true);
    // Read first, for what was learned; the same folder then fails the writes, unsaid again.
    expect(r.stderr).toBe(`cr: warning: could not read history ${dir} (it is a directory, EISDIR); continuing\n`);
  });

  it('--explain says that the history, and so what was learned, could not be read', async () => {
    const dir = path.join(w.root, 'history-dir');
    mkdirSync(dir);
    const r = await w.cr(['--explain', 'migrate the billing tables'], { env: { CR_HISTORY_FILE: dir } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^cr → /);
    expect(r.stderr).toBe(`cr: warning: could not read history ${dir} (it is a directory, EISDIR); continuing\n`);
  });

  it('a history whose folder is a file: the warning says so in words, and claude starts', async () => {
    const file = path.join(w.root, 'afile');
    writeFileSync(file, '');
    const history = path.join(file, 'history.jsonl');
    const r = await w.cr(['--sonnet', 'x'], { env: { CR_HISTORY_FILE: history } });
    expect(r.exitCode).toBe(0);
    expect(claudeRan()).toBe(true);
    expect(r.stderr).toBe(
      `cr: warning: could not write history ${history} (a part of its path is a file, not a directory, EEXIST); continuing\n`,
    );
  });

  it('a launch that resumes (-c) warns once and still starts claude', async () => {
    const dir = path.join(w.root, 'history-dir');
    mkdirSync(dir);
    const r = await w.cr(['-c'], { env: { CR_HISTORY_FILE: dir } });
    expect(r.exitCode).toBe(0);
    expect(claudeRan()).toBe(true);
    expect(lines(r.stderr)).toEqual([
      `cr: warning: could not read history ${dir} (it is a directory, EISDIR); continuing`,
    ]);
  });

  it.each([['history'], ['stats'], ['learn'], ['learn', '--forget'], ['up'], ['explain']])(
    'cr %s: one line naming the file and why, exit 1',
    async (...args) => {
      const dir = path.join(w.root, 'history-dir');
      mkdirSync(dir);
      const r = await w.cr(args, { env: { CR_HISTORY_FILE: dir } });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(`cr: error: cannot read history ${dir}: it is a directory, EISDIR\n`);
      expect(r.stdout).toBe('');
    },
  );

  it('cr doctor says why on the history line', async () => {
    const dir = path.join(w.root, 'history-dir');
    mkdirSync(dir);
    const r = await w.cr(['doctor', '--json'], { env: { CR_HISTORY_FILE: dir } });
    expect(r.exitCode).toBe(1);
    const h = (JSON.parse(r.stdout) as { checks: { name: string; status: string; summary: string }[] }).checks.find(
      (c) => c.name === 'history',
    )!;
    expect(h.status).toBe('fail');
    expect(h.summary).toBe(`${dir}: cannot read (it is a directory, EISDIR)`);
  });
});

describe('cr stats and cr learn dates', () => {
  const env = { CR_NOW: '2026-11-26T12:00:00Z', TZ: 'UTC' };
  it.each([
    [['--since', '2026-13-45'], '--since: 2026-13-45 is not a valid date'],
    [['--since', '2026-02-30'], '--since: 2026-02-30 is not a valid date'],
    [['--until', '2026-11-31'], '--until: 2026-11-31 is not a valid date'],
    [['--days', '7', '--since', '2026-11-01'], '--days and --since both set the start of the period: use one'],
    [['--since', '2027-01-01'], '--since is in the future: the period ends now'],
    [['--since', '2026-11-02', '--until', '2026-11-01'], '--since must be before --until'],
    // Out of a Date's range it was "Invalid time value" (exit 1).
    [['--days', '1e9'], '--days: 1e9 days go back before 1970'],
    [['--since', '999999999d'], '--since: 999999999d goes back before 1970'],
    [
      ['--since', 'last tuesday'],
      '--since: expected a date (2026-11-01), a time (2026-11-01T09:00) or a span back from now (12h, 7d, 2w), got "last tuesday"',
    ],
  ])('stats %j: a usage error (exit 2)', async (args, message) => {
    const r = await w.cr(['stats', ...args], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`cr: error: ${message}\n`);
  });

  it('--until shows the inclusive day typed; --since takes a span as cr learn does', async () => {
    const until = await w.cr(['stats', '--since', '2026-10-01', '--until', '2026-11-01'], { env });
    expect(until.exitCode).toBe(0);
    expect(lines(until.stdout)[0]).toMatch(/^cr stats 2026-10-01 → 2026-11-01 /);
    const span = await w.cr(['stats', '--since', '7d'], { env });
    expect(span.exitCode).toBe(0);
    expect(lines(span.stdout)[0]).toMatch(/^cr stats 2026-11-19 → 2026-11-26 /);
  });

  it('cr learn --forget --since rejects an impossible date as cr stats does', async () => {
    const r = await w.cr(['learn', '--forget', '--since', '2026-02-30'], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('cr: error: --since: 2026-02-30 is not a valid date\n');
    const far = await w.cr(['learn', '--forget', '--since', '999999999d'], { env });
    expect(far.exitCode).toBe(2);
    expect(far.stderr).toBe('cr: error: --since: 999999999d goes back before 1970\n');
  });
});

describe('cr up and cr doctor wording', () => {
  it('cr up --to a smaller tier says it moves the session down', async () => {
    expect((await w.cr(['--sonnet', 'fix the test'])).exitCode).toBe(0);
    const down = await w.cr(['up', '--to', 'haiku', '--dry-run']);
    expect(down.exitCode).toBe(0);
    expect(down.stderr).toBe(
      "cr: warning: haiku is below sonnet, the session's tier now: this moves the session down, not up\n",
    );
    expect((await w.cr(['up', '--dry-run'])).stderr).toBe('');
  });

  it('doctor names where the project-file search stopped', async () => {
    const inside = await w.cr(['doctor']);
    expect(inside.stdout).toMatch(/project file: none found from here up to your home directory/);
    const outside = await w.cr(['doctor'], { cwd: w.root });
    expect(outside.stdout).toMatch(/project file: none found from here up to the root directory/);
  });
});

describe('cr check', () => {
  it('a file that is not there: one line in words, exit 2', async () => {
    const r = await w.cr(['check', 'nosuch.tsv']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('cr: error: cannot read nosuch.tsv: no such file or directory\n');
  });
});
