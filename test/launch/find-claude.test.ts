// findClaude never returns cr itself: not through a symlink, not through a copy of the entry script.
import { chmodSync, copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findClaude } from '../../src/launch/find-claude.js';
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
    expect(onPath((f) => writeFileSync(f, '#!/bin/sh\nexit 0\n'))).toEqual({ path: path.join(root, 'claude'), via: 'PATH' });
  });

  it.each([
    ['a symlink to the entry script', (f: string) => symlinkSync(CR_BIN, f)],
    ['a copy of the entry script', (f: string) => copyFileSync(CR_BIN, f)],
    ['an older entry script that imports dist/cr.js', (f: string) => writeFileSync(f, "#!/usr/bin/env node\nawait import('../dist/cr.js');\n")],
  ])('skips %s', (_name, make) => {
    expect(onPath(make)).toBeUndefined();
  });
});
