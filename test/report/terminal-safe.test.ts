// Task text with control characters (an escape sequence in a pasted log, say) is shown, never sent
// to the terminal: --explain, --dry-run and cr history print it as \xHH, and the command line quotes
// it so that copying it gives back the same bytes.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/ui/shell-quote.js';
import { visible } from '../../src/ui/format.js';
import { runCr } from '../support/run-cr.js';
import { historyRecords, useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

const ESC = '\u001b';
const HOSTILE = `fix the ${ESC}[2J${ESC}]0;pwned\u0007 parser\rnow\u009b31m`;

describe('visible', () => {
  it('shows control characters as \\xHH and leaves text, tabs and newlines alone', () => {
    expect(visible(`a${ESC}[31mb`)).toBe('a\\x1b[31mb');
    expect(visible('tab\there\nnext')).toBe('tab\there\nnext');
    expect(visible('del\u007f c1\u009b')).toBe('del\\u007f c1\\u009b');
    expect(visible('naïve — ok')).toBe('naïve — ok');
  });
});

describe('shellQuote', () => {
  const bash = spawnSync('bash', ['-c', 'true']).status === 0;
  it.skipIf(!bash)('gives back the same word through bash, with no raw control character in the quoted form', () => {
    for (const word of [
      HOSTILE,
      "it's",
      'two\nlines',
      'tab\tbed',
      'back\\slash',
      'plain',
      '',
      '-p',
      `c1 \u0085 ${ESC}`,
    ]) {
      const quoted = shellQuote(word);
      if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(word))
        expect(quoted).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      // Exact whatever the locale: C1 controls are written as their UTF-8 bytes, not \u escapes.
      for (const locale of ['C', 'C.UTF-8']) {
        const r = spawnSync('bash', ['-c', `printf '%s' ${quoted}`], {
          encoding: 'utf8',
          env: { ...process.env, LC_ALL: locale },
        });
        expect(r.stdout, locale).toBe(word);
      }
    }
  });
});

describe('cr prints hostile task text safely', () => {
  it('--explain and --dry-run send no control character of the task to the terminal; claude still gets it exactly', async () => {
    const env = { ...w.env, NO_COLOR: '1' };
    const explained = await runCr(['--explain', HOSTILE], { cwd: w.project, env });
    expect(explained.exitCode).toBe(0);
    expect(explained.stdout).not.toContain(ESC);
    expect(explained.stdout).not.toContain('\u0007');
    expect(explained.stdout).toContain('\\x1b[2J');
    const dry = await runCr(['--dry-run', HOSTILE], { cwd: w.project, env });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).not.toMatch(/[\u0007\u001b\u009b\r]/);
    expect(dry.stdout).toContain("$'fix the \\e[2J");

    const launched = await runCr([HOSTILE], { cwd: w.project, env });
    expect(launched.exitCode).toBe(0);
    expect((await w.fake.readCall(w.log)).argv.at(-1)).toBe(HOSTILE);

    const listed = await runCr(['history'], { cwd: w.project, env });
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout).not.toMatch(/[\u0007\u001b\u009b]/);
    const id = String(historyRecords(env).find((r) => r.type === 'decision')?.id);
    const shown = await runCr(['history', '--session', id], { cwd: w.project, env });
    expect(shown.stdout).not.toMatch(/[\u0007\u001b\u009b\r]/);
    expect(shown.stdout).toContain('\\x1b]0;pwned\\x07');
  });

  it('cr check and cr explain --from show a hostile row as text', async () => {
    const env = { ...w.env, NO_COLOR: '1' };
    const file = path.join(w.root, 'hostile.tsv');
    writeFileSync(file, `expect\ttask\nhaiku\t${HOSTILE} and design the whole architecture\n`);
    const checked = await runCr(['check', file], { cwd: w.project, env });
    expect(checked.stdout).toContain('\\x1b[2J');
    expect(checked.stdout).not.toMatch(/[\u0007\u001b\u009b\r]/);
    const tasks = path.join(w.root, 'tasks.txt');
    writeFileSync(tasks, `${HOSTILE}\n`);
    const listed = await runCr(['explain', '--from', tasks], { cwd: w.project, env });
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout).toContain('\\x1b[2J');
    expect(listed.stdout).not.toMatch(/[\u0007\u001b\u009b\r]/);
  });

  it("a learned example quoted on --explain's rules line is shown as text too", async () => {
    const env = { ...w.env, NO_COLOR: '1', CR_LEARN: '1' };
    const hostile = `review the \u001b]8;;http://x\u0007auth\u001b]8;;\u0007 module \u009b31msecurity\u007f`;
    for (let i = 0; i < 3; i++) expect((await runCr(['--opus', hostile], { cwd: w.project, env })).exitCode).toBe(0);
    const r = await runCr(['--explain', 'review the auth module security'], { cwd: w.project, env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/learned/);
    expect(r.stdout).toContain('\\x1b]8;;http://x\\x07');
    expect(r.stdout).not.toMatch(/[\u0007\u001b\u009b\u007f]/);
  });
});
