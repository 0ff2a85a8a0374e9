// Black-box: cr init --statusline writes Claude Code's statusLine setting, merged into the user's
// settings file (other keys kept); an invalid settings file is never rewritten.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CR_BIN } from '../support/run-cr.js';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

const INIT = ['init', '--global', '--yes'];
const settingsFile = () => path.join(w.home, '.claude', 'settings.json');
const readSettings = (file = settingsFile()) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('cr init --statusline', () => {
  it('creates the settings file with the command; this cr by its full path when `cr` on PATH is not it', async () => {
    const r = await w.cr([...INIT, '--statusline']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('~/.claude/settings.json:\n+ "statusLine": {"type":"command","command":');
    expect(readSettings()).toEqual({
      statusLine: { type: 'command', command: `${process.execPath} ${CR_BIN} statusline` },
    });
  });

  it('`cr statusline` when `cr` on PATH is this cr', async () => {
    const bin = path.join(w.root, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(CR_BIN, path.join(bin, 'cr'));
    const r = await w.cr([...INIT, '--statusline'], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(r.exitCode).toBe(0);
    expect(readSettings().statusLine).toEqual({ type: 'command', command: 'cr statusline' });
  });

  it('merges into an existing file: every other key stays, the old status line is shown as replaced', async () => {
    mkdirSync(path.dirname(settingsFile()), { recursive: true });
    const before = {
      model: 'opus',
      permissions: { allow: ['Bash(npm test)'] },
      statusLine: { type: 'command', command: 'ccusage statusline' },
    };
    writeFileSync(settingsFile(), JSON.stringify(before));
    const r = await w.cr([...INIT, '--statusline']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('- "statusLine": {"type":"command","command":"ccusage statusline"}\n+ "statusLine": ');
    const after = readSettings();
    expect(after).toEqual({
      ...before,
      statusLine: { type: 'command', command: expect.stringMatching(/statusline$/) },
    });
    // Asked again: already there, nothing to do.
    const again = await w.cr([...INIT, '--force', '--statusline']);
    expect(again.stdout).toContain("~/.claude/settings.json already shows cr's status line");
  });

  it('an invalid settings file is never rewritten: one line, exit 1 (cr’s own config is still written)', async () => {
    mkdirSync(path.dirname(settingsFile()), { recursive: true });
    writeFileSync(settingsFile(), '{ "model": "opus", }');
    const r = await w.cr([...INIT, '--statusline']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^cr: error: not changing ~\/\.claude\/settings\.json: not valid JSON/);
    expect(readFileSync(settingsFile(), 'utf8')).toBe('{ "model": "opus", }');
    expect(existsSync(w.globalFile)).toBe(true);
  });

  it('CLAUDE_CONFIG_DIR moves the settings file; a symbolic link to it stays a link', async () => {
    const configDir = path.join(w.root, 'claude-config');
    const real = path.join(w.root, 'dotfiles', 'settings.json');
    mkdirSync(path.dirname(real), { recursive: true });
    mkdirSync(configDir, { recursive: true });
    writeFileSync(real, '{"theme": "dark"}\n');
    symlinkSync(real, path.join(configDir, 'settings.json'));
    const r = await w.cr([...INIT, '--statusline'], { env: { CLAUDE_CONFIG_DIR: configDir } });
    expect(r.exitCode).toBe(0);
    expect(readSettings(real)).toMatchObject({ theme: 'dark', statusLine: { type: 'command' } });
    expect(existsSync(settingsFile())).toBe(false);
  });

  it('without --statusline and no terminal: a hint, and Claude Code’s settings are left alone', async () => {
    const r = await w.cr(INIT);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('cr init --statusline');
    expect(existsSync(settingsFile())).toBe(false);
    await w.cr([...INIT, '--force', '--no-statusline']);
    expect(existsSync(settingsFile())).toBe(false);
  });
});
