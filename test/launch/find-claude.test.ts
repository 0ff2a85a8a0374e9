// locateClaude never finds cr itself: not through a symlink, not through a copy of the entry script.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateClaude, requireClaude } from '../../src/launch/find-claude.js';

const findClaude = (options: Parameters<typeof locateClaude>[0]) => locateClaude(options).found;
import { CR_BIN } from '../support/run-cr.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function onPath(make: (file: string) => void) {
  root = mkdtempSync(path.join(os.tmpdir(), 'cr-find-claude-'));
  const file = path.join(root, 'claude');
  make(file);
  chmodSync(file, 0o755);
  return findClaude({ env: { PATH: root }, cwd: root, selfPath: CR_BIN });
}

describe('findClaude', () => {
  it('finds an executable claude on PATH', () => {
    expect(onPath((f) => writeFileSync(f, '#!/bin/sh\nexit 0\n'))).toEqual({
      path: path.join(root, 'claude'),
      via: 'PATH',
    });
  });

  it.each([
    ['a symlink to the entry script', (f: string) => symlinkSync(CR_BIN, f)],
    ['a copy of the entry script', (f: string) => copyFileSync(CR_BIN, f)],
    [
      'an older entry script that imports dist/cr.js',
      (f: string) => writeFileSync(f, "#!/usr/bin/env node\nawait import('../dist/cr.js');\n"),
    ],
  ])('skips %s', (_name, make) => {
    expect(onPath(make)).toBeUndefined();
  });
});

describe('an explicit claude (CLAUDE_PATH, config claudePath) that is no claude', () => {
  function setup() {
    root = mkdtempSync(path.join(os.tmpdir(), 'cr-find-claude-'));
    const good = path.join(root, 'claude');
    writeFileSync(good, '#!/bin/sh\nexit 0\n');
    chmodSync(good, 0o755);
    const plain = path.join(root, 'plain');
    writeFileSync(plain, '');
    chmodSync(plain, 0o644);
    mkdirSync(path.join(root, 'dir'));
    return { good, plain, env: { PATH: root } };
  }

  it.each([
    ['missing', 'nope', 'does not exist', 127],
    ['a directory', 'dir', 'is a directory, not the claude binary', 126],
    ['not executable', 'plain', 'is not executable', 126],
  ])(
    'CLAUDE_PATH %s: a problem, no fall back to PATH; requireClaude throws with its exit code',
    (_what, name, reason, exitCode) => {
      const { env } = setup();
      const value = path.join(root, name);
      const options = { env: { ...env, CLAUDE_PATH: value }, cwd: root, selfPath: CR_BIN };
      expect(locateClaude(options)).toEqual({ problem: { via: 'CLAUDE_PATH', value, reason, exitCode } });
      expect(findClaude(options)).toBeUndefined();
      expect(() => requireClaude(options)).toThrow(
        expect.objectContaining({
          exitCode,
          message: `CLAUDE_PATH=${value} ${reason}; fix it, or unset CLAUDE_PATH to use claude from PATH`,
        }),
      );
    },
  );

  it('CLAUDE_PATH pointing at cr itself is a problem too', () => {
    setup();
    expect(locateClaude({ env: { CLAUDE_PATH: CR_BIN }, cwd: root, selfPath: CR_BIN }).problem).toMatchObject({
      reason: 'is cr itself, not claude',
      exitCode: 126,
    });
  });

  it('a bad config claudePath is a problem; a good CLAUDE_PATH wins over it; a bare name is looked up on PATH', () => {
    const { good, env } = setup();
    expect(locateClaude({ env, claudePath: './dir', cwd: root }).problem).toMatchObject({
      via: 'config',
      value: './dir',
      exitCode: 126,
    });
    expect(locateClaude({ env: { ...env, CLAUDE_PATH: good }, claudePath: './dir', cwd: root })).toEqual({
      found: { path: good, via: 'CLAUDE_PATH' },
    });
    expect(locateClaude({ env: { ...env, CLAUDE_PATH: 'claude' }, cwd: root })).toEqual({
      found: { path: good, via: 'CLAUDE_PATH' },
    });
    expect(locateClaude({ env: { ...env, CLAUDE_PATH: 'claude-beta' }, cwd: root }).problem).toMatchObject({
      reason: 'is not on PATH',
      exitCode: 127,
    });
  });
});
