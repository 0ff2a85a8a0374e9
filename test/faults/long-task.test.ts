// A task longer than the system lets one argument be is refused before anything is recorded, with
// exit 2 and one line saying what to do, instead of "could not start … E2BIG" (exit 127, as if claude
// were missing) after a decision without an outcome.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertArgumentsFit } from '../../src/launch/argv-limit.js';
import { useWorld, type Sandbox } from '../support/world.js';

const command = (task: string) => ({ command: '/usr/bin/claude', args: ['--model', 'sonnet', task] });

describe('assertArgumentsFit', () => {
  it('Linux: one argument of 131,071 bytes passes, one more byte does not (counted in UTF-8)', () => {
    expect(() => assertArgumentsFit(command('x'.repeat(131_071)), {}, 'linux')).not.toThrow();
    expect(() => assertArgumentsFit(command('x'.repeat(131_072)), {}, 'linux')).toThrow(
      /^too long to pass to claude: one argument is 131,072 bytes, and the system takes at most 131,071 in one; put long text in a file/,
    );
    expect(() => assertArgumentsFit(command('é'.repeat(65_536)), {}, 'linux')).toThrow(/131,072 bytes/);
  });

  it('counts the environment with the arguments against the total limit', () => {
    const env = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`BIG_${i}`, 'y'.repeat(100_000)]));
    expect(() => assertArgumentsFit(command('fix it'), env, 'linux')).toThrow(
      /the arguments and environment take 3,000,\d{3} bytes, and the system takes at most/,
    );
    expect(() => assertArgumentsFit(command('fix it'), { BIG: 'y'.repeat(100_000) }, 'linux')).not.toThrow();
  });

  it('macOS has no limit for one argument, 1 MiB for all of them', () => {
    expect(() => assertArgumentsFit(command('x'.repeat(500_000)), {}, 'darwin')).not.toThrow();
    expect(() => assertArgumentsFit(command('x'.repeat(1_100_000)), {}, 'darwin')).toThrow(/at most 1,048,576/);
  });
});

let w: Sandbox;
describe.skipIf(process.platform !== 'linux')('the built cr', () => {
  useWorld((s) => {
    w = s;
  });

  // One argument cannot be this long even for cr; the words of an unquoted $(cat log) are joined into
  // one task.
  const words = (n: number) => [
    'summarise',
    'this',
    'log:',
    ...Array.from({ length: n }, () => ['line', 'of', 'log']).flat(),
  ];

  it('the reported case: a task beyond the limit is exit 2 with one line, nothing recorded, claude not started', async () => {
    const r = await w.cr(words(12_000));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^cr: error: too long to pass to claude: one argument is 144,019 bytes, .*\n$/);
    expect(w.history()).toEqual([]);
    expect(existsSync(w.log)).toBe(false);
  });

  it('a long task within the limit reaches claude exactly', async () => {
    const r = await w.cr(words(10_000));
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await w.fake.readCall(w.log)).argv.at(-1)).toBe(words(10_000).join(' '));
  });
});
