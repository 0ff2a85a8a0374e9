// No text from a file, an argument or the environment reaches the terminal raw: escape sequences
// (clear the screen, set the title, ring the bell), C1 controls and bidirectional overrides are shown
// as \xHH / \uHHHH on every human-readable line, whichever command prints it. Only cr's own colours
// stay. JSON output stays valid and means the same.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSafe, visible } from '../../src/ui/format.js';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

const ESC = '\u001b';
/** Clears the screen, sets the window title, rings the bell, a C1 CSI, and a right-to-left override. */
const HOSTILE = `${ESC}[2J${ESC}]0;pwned\u0007\u009b31m\u202Eexe.txt`;
// Everything that must not reach a terminal, once cr's own colour codes are taken out.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const PALETTE = /\u001b\[(?:1|2|22|3[1-6]|39)m/g;

function expectSafe(text: string, what: string): void {
  expect(text.replace(PALETTE, ''), what).not.toMatch(RAW);
}

describe('visible and terminalSafe', () => {
  it('show controls and bidi characters as escapes; tabs, newlines and other text stay', () => {
    expect(visible(`a${ESC}[31mb`)).toBe('a\\x1b[31mb');
    expect(visible('rtl\u202Eoverride \u2066isolate\u2069 \u200f mark')).toBe(
      'rtl\\u202eoverride \\u2066isolate\\u2069 \\u200f mark',
    );
    expect(visible('tab\there\nnext naïve — ok')).toBe('tab\there\nnext naïve — ok');
  });

  it("terminalSafe keeps only the palette's colour codes", () => {
    expect(terminalSafe(`${ESC}[33mwarn${ESC}[39m ${ESC}[8mhidden${ESC}[0m ${ESC}]0;t\u0007`)).toBe(
      `${ESC}[33mwarn${ESC}[39m \\x1b[8mhidden\\x1b[0m \\x1b]0;t\\x07`,
    );
  });

  it('JSON through terminalSafe stays valid and reads back the same', () => {
    const value = { task: `a\u009b b\u202Ec\u007f d${ESC}[2J`, n: 1 };
    expect(JSON.parse(terminalSafe(JSON.stringify(value)))).toEqual(value);
    expectSafe(terminalSafe(JSON.stringify(value)), 'json');
  });
});

describe('every place the fault pass found', () => {
  const colours = [
    ['no colour', { NO_COLOR: '1' }],
    ['colour', { NO_COLOR: '', FORCE_COLOR: '1' }],
  ] as const;

  it.each(colours)('rule ids and schedule names in --explain (%s)', async (_name, env) => {
    w.write(path.join(w.project, '.claude-router.json'), {
      rules: [{ id: `docs${HOSTILE}`, when: { pattern: 'docs' }, tier: 'haiku' }, 'defaults'],
      schedule: [{ name: `always${HOSTILE}`, from: '00:00', to: '23:59', maxTier: 'sonnet' }],
    });
    const r = await w.cr(['--explain', 'update the docs'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('docs\\x1b[2J');
    expectSafe(r.stdout, 'stdout');
    expectSafe(r.stderr, 'stderr');
    if ('FORCE_COLOR' in env) expect(r.stdout).toMatch(PALETTE);
  });

  it('keys in config errors', async () => {
    w.write(path.join(w.project, '.claude-router.json'), { [`bad${HOSTILE}`]: 1 });
    const r = await w.cr(['--explain', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('bad\\x1b[2J');
    expectSafe(r.stderr, 'stderr');
  });

  it('paths in notices (an untrusted project in a hostile directory name)', async () => {
    const dir = path.join(w.home, `proj${HOSTILE}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, '.claude-router.json'), JSON.stringify({ claudePath: '/bin/false' }));
    const r = await w.cr(['--explain', 'x'], { cwd: dir });
    expect(r.stderr).toContain('ignored claudePath from');
    // The suggested command names the directory exactly when copied.
    expect(r.stderr).toContain(`cr trust $'${w.home}/proj\\e[2J\\e]0;pwned\\x07\\xc2\\x9b31m\\xe2\\x80\\xaeexe.txt'`);
    expectSafe(r.stderr, 'stderr');
    expectSafe(r.stdout, 'stdout');
  });

  it('TSV labels in cr check', async () => {
    const file = w.write(path.join(w.root, 'tasks.tsv'), `expect\ttask\nopus${HOSTILE}\tdesign the cache\n`);
    const r = await w.cr(['check', file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('opus\\x1b[2J');
    expectSafe(r.stderr, 'stderr');
  });

  it.each([
    [['--profile', HOSTILE, 'x']],
    [['help', HOSTILE]],
    [['up', '--session', HOSTILE]],
    [['stats', '--since', HOSTILE]],
    [['learn', '--forget', '--since', HOSTILE]],
  ])('arguments echoed in errors: %j', async (args) => {
    const r = await w.cr(args);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('\\x1b[2J');
    expectSafe(r.stderr, 'stderr');
    expectSafe(r.stdout, 'stdout');
  });

  it('an environment variable echoed before the context exists (CR_NOW)', async () => {
    const r = await w.cr(['--explain', 'x'], { env: { CR_NOW: HOSTILE } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('CR_NOW');
    expectSafe(r.stderr, 'stderr');
  });

  it('U+202E and C1 controls in a task: history and explain show them escaped, --json keeps them exactly', async () => {
    const task = `rename the \u202Etxt.exe file \u009b2J now`;
    expect((await w.cr([task])).exitCode).toBe(0);
    for (const args of [['history'], ['explain'], ['history', '--session', String(w.history()[0]!.id)]]) {
      const r = await w.cr(args);
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expectSafe(r.stdout, args.join(' '));
    }
    const json = await w.cr(['history', '--json']);
    expectSafe(json.stdout, 'history --json');
    expect((JSON.parse(json.stdout) as { task: string }[])[0]!.task).toBe(task);
  });

  it('--dry-run quotes a bidi override so that copying the command gives the same bytes', async () => {
    const r = await w.cr(['--dry-run', 'fix \u202Egnp.exe']);
    expect(r.stdout).toContain("$'fix \\xe2\\x80\\xaegnp.exe'");
    expectSafe(r.stdout, 'stdout');
  });
});
