// cr agents --write at a real terminal (tmux): the change is shown, then asked about; no keeps the file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_TMUX, startPty } from '../support/pty.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
});

const HELPER = `---
name: helper
description: Converts CSV files to JSON
model: opus
---
Convert.
`;

function helperFile(): string {
  const file = path.join(w.project, '.claude', 'agents', 'helper.md');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, HELPER);
  return file;
}

describe.skipIf(!HAS_TMUX)('cr agents --write at a terminal', () => {
  it('shows the diff, asks, and writes on yes', async () => {
    const file = helperFile();
    const pty = await startPty({ cwd: w.project, env: w.env, args: ['agents', '--write'] });
    const screen = await pty.waitForScreen(/Set model: in 1 file\?/);
    expect(screen).toContain('   4 - model: opus');
    expect(screen).toContain('   4 + model: haiku');
    await pty.type('y');
    expect(await pty.exitCode()).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(HELPER.replace('model: opus', 'model: haiku'));
  });

  it('no (the default) writes nothing', async () => {
    const file = helperFile();
    const pty = await startPty({ cwd: w.project, env: w.env, args: ['agents', '--write'] });
    await pty.waitForScreen(/Set model: in 1 file\?/);
    await pty.sendKeys('Enter');
    expect(await pty.exitCode()).toBe(0);
    expect(await pty.capture(true)).toContain('nothing written');
    expect(readFileSync(file, 'utf8')).toBe(HELPER);
  });
});
