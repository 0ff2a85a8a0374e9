// An untrusted project's rule pattern cannot hang cr: patterns run on RE2 (linear time), and one
// RE2 cannot run is refused at config load, naming its key path.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

const rule = (pattern: string) => ({ rules: [{ id: 'words', when: { pattern }, tier: 'haiku' }, 'defaults'] });

describe('catastrophic patterns', () => {
  it('the reported case: ^(\\w+\\s?)*$ on a long task, and claude starts', async () => {
    w.write(path.join(w.project, '.claude-router.json'), rule('^(\\w+\\s?)*$'));
    // A backtracking engine tries 2^n ways to split these words before giving up on the "!".
    const task = `${'word '.repeat(3000)}!`;
    const explained = await w.cr(['--explain', task]);
    expect(explained.timedOut).toBe(false);
    expect(explained.exitCode, explained.stderr).toBe(0);
    expect(explained.stdout).not.toMatch(/rule words/);
    const launched = await w.cr([task]);
    expect(launched.timedOut).toBe(false);
    expect(launched.exitCode, launched.stderr).toBe(0);
    expect((await w.fake.readCall(w.log)).argv.at(-1)).toBe(task);
    // The rule still matches what it should.
    expect((await w.cr(['--explain', 'tidy these words'])).stdout).toMatch(/rule words/);
  });

  it('a pattern RE2 cannot run: exit 2 naming the key path, nothing launched', async () => {
    const file = w.write(path.join(w.project, '.claude-router.json'), rule('(a+)\\1'));
    const r = await w.cr(['fix it']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^cr: error: invalid config in ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: rules\\[0\\]\\.when\\.pattern: not a valid regular expression: .*RE2 syntax`,
      ),
    );
  });
});
