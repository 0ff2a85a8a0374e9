// Tab completion in a real bash (under tmux) after eval "$(cr shell-init bash)".
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CR_BIN } from '../support/run-cr.js';
import { HAS_TMUX, startPty, type Pty } from '../support/pty.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
let pty: Pty | undefined;
useWorld((s) => {
  w = s;
});

describe.skipIf(!HAS_TMUX)('bash completion at a terminal', () => {
  it('completes subcommands after "cr ", --mo to --model, and tiers after --model', async () => {
    const bin = path.join(w.root, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'cr'), `#!/bin/sh\nexec "${process.execPath}" "${CR_BIN}" "$@"\n`);
    chmodSync(path.join(bin, 'cr'), 0o755);
    const rc = path.join(w.root, 'bashrc');
    writeFileSync(rc, "PS1='PROMPT$ '\nHISTFILE=/dev/null\n");
    const env = { ...w.env, PATH: `${bin}:/usr/bin:/bin`, INPUTRC: '/dev/null' };
    pty = await startPty({ cwd: w.project, env, raw: ['bash', '--noprofile', '--rcfile', rc, '-i'] });
    await pty.waitForScreen(/PROMPT\$/);
    // (tmux trims trailing spaces from the screen, so "cr --model " reads as "cr --model".)
    await pty.type('eval "$(cr shell-init bash)" && echo LOADED');
    await pty.sendKeys('Enter');
    await pty.waitForScreen(/^LOADED$/m);

    await pty.type('cr ');
    await pty.sendKeys('Tab', 'Tab');
    // Wait for the list itself: "shell-init" is already on screen in the eval line above, so
    // each word is looked for as a whole word that only the completion list can show.
    const listed = ['init', 'doctor', 'config', 'explain'].map((word) => `(?=[\\s\\S]*(?<![\\w-])${word}\\b)`);
    await pty.waitForScreen(new RegExp(listed.join('')));
    await pty.sendKeys('C-u');

    await pty.type('cr --mo');
    await pty.sendKeys('Tab');
    await pty.waitForScreen(/PROMPT\$ cr --model$/m);
    await pty.sendKeys('Tab', 'Tab');
    const tiers = await pty.waitForScreen(/haiku\s+opus\s+sonnet/);
    expect(tiers).toMatch(/PROMPT\$ cr --model$/m);
    await pty.type('so');
    await pty.sendKeys('Tab');
    await pty.waitForScreen(/PROMPT\$ cr --model sonnet$/m);
    await pty.sendKeys('C-u');

    await pty.type('cr init --history-t');
    await pty.sendKeys('Tab');
    await pty.waitForScreen(/PROMPT\$ cr init --history-tasks$/m);
    await pty.type('tr');
    await pty.sendKeys('Tab');
    await pty.waitForScreen(/PROMPT\$ cr init --history-tasks truncate$/m);
  });
});

describe.skipIf(!HAS_TMUX || spawnSync('sh', ['-c', 'command -v zsh']).status !== 0)(
  'zsh completion at a terminal',
  () => {
    it("completes Claude Code's own subcommands as the first word, under the alias and for cr", async () => {
      const bin = path.join(w.root, 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(path.join(bin, 'cr'), `#!/bin/sh\nexec "${process.execPath}" "${CR_BIN}" "$@"\n`);
      chmodSync(path.join(bin, 'cr'), 0o755);
      const env = { ...w.env, PATH: `${bin}:/usr/bin:/bin`, ZDOTDIR: w.home };
      writeFileSync(path.join(w.home, '.zshrc'), "PS1='PROMPT> '\nunsetopt BEEP\n");
      pty = await startPty({ cwd: w.project, env, raw: ['zsh', '-i'] });
      await pty.waitForScreen(/PROMPT>/);
      await pty.type('eval "$(cr shell-init zsh --alias)" && echo LOADED');
      await pty.sendKeys('Enter');
      await pty.waitForScreen(/^LOADED$/m);
      await pty.type('claude mc');
      await pty.sendKeys('Tab');
      await pty.waitForScreen(/PROMPT> claude mcp$/m);
      await pty.sendKeys('C-u');
      await pty.type('cr mc');
      await pty.sendKeys('Tab');
      await pty.waitForScreen(/PROMPT> cr mcp$/m);
    });
  },
);
