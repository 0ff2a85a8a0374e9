// The cr init wizard driven in a real terminal (tmux): keys in, the written file checked.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { HAS_TMUX, startPty, type Pty } from '../support/pty.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
let pty: Pty | undefined;
useWorld((s) => {
  w = s;
});

describe.skipIf(!HAS_TMUX)('cr init at a terminal', () => {
  it.for([
    ['coloured', {}],
    ['not coloured under NO_COLOR', { NO_COLOR: '1' }],
  ] as const)('its questions are %s', async ([, extra]) => {
    const { NO_COLOR: _, ...env } = w.env; // the test world sets it
    pty = await startPty({ cwd: w.project, env: { ...env, ...extra }, args: ['init'] });
    await pty.waitForScreen(/Where should the config go\?/);
    const colours = (await pty.capture(false, true)).match(/\u001b\[[0-9;]*m/g) ?? [];
    if ('NO_COLOR' in extra) expect(colours).toEqual([]);
    else expect(colours.length).toBeGreaterThan(0);
    await pty.sendKeys('C-c');
    expect(await pty.exitCode()).toBe(130);
  });

  it('asks every question and writes what was chosen', async () => {
    pty = await startPty({ cwd: w.project, env: w.env, args: ['init'] });
    const answer = async (question: RegExp, ...keys: (string | { type: string })[]) => {
      await pty!.waitForScreen(question);
      for (const k of keys) {
        if (typeof k === 'string') await pty!.sendKeys(k);
        else await pty!.type(k.type);
      }
    };
    await answer(/Where should the config go\?/, 'Down', 'Enter');
    await answer(/Default tier/, 'Enter');
    await answer(/\? Models/, 'Down', 'Enter');
    await answer(/Model for opus/, { type: 'claude-opus-4-7' }, 'Enter');
    await answer(/Model for sonnet/, { type: 'claude-sonnet-4-6' }, 'Enter');
    await answer(/Model for haiku/, 'Enter');
    await answer(/Working hours/, { type: '09:00-17:00' }, 'Enter');
    await answer(/On which days\?/, 'Down', 'Enter');
    await answer(/Highest tier during 09:00–17:00/, 'Down', 'Enter');
    await answer(/\? Budget/, 'Down', 'Enter');
    await answer(/Counted in/, 'Enter');
    await answer(/Daily limit in USD/, { type: '15' }, 'Enter');
    await answer(/When it is spent/, 'Down', 'Enter');
    await answer(/History: how to store your tasks/, 'Down', 'Down', 'Enter');
    await answer(/Ask before starting claude\?/, 'Down', 'Enter');
    // Last, Claude Code's status line: the change to its settings shown, then asked about.
    const offer = await pty.waitForScreen(/Show cr's status line in Claude Code\?/);
    expect(offer).toMatch(
      /~\/\.claude\/settings\.json:\n\+ "statusLine": \{"type":"command","command":"[^"]*statusline"\}/,
    );
    await pty.type('y');
    expect(await pty.exitCode()).toBe(0);
    const settings = JSON.parse(readFileSync(path.join(w.home, '.claude', 'settings.json'), 'utf8'));
    expect(settings.statusLine).toEqual({ type: 'command', command: expect.stringMatching(/ statusline$/) });
    const file = path.join(w.project, '.claude-router.json');
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(validateConfig(written).problems).toEqual([]);
    expect(written).toEqual({
      defaultTier: 'sonnet',
      tiers: { opus: { model: 'claude-opus-4-7' }, sonnet: { model: 'claude-sonnet-4-6' }, haiku: { model: 'haiku' } },
      ask: 'low-confidence',
      history: { tasks: 'none' },
      schedule: [{ name: 'working hours', from: '09:00', to: '17:00', maxTier: 'haiku' }],
      budget: { daily: 15, unit: 'usd', onExceed: 'ask' },
    });
    expect(await pty.capture(true)).toContain(`wrote ${file}`);
  });

  it('a bad answer is asked again, not accepted', async () => {
    pty = await startPty({
      cwd: w.project,
      env: w.env,
      args: [
        'init',
        '--global',
        '--default-tier',
        'sonnet',
        '--opus-model',
        'opus',
        '--budget',
        'none',
        '--history-tasks',
        'full',
        '--ask',
        'never',
      ],
    });
    await pty.waitForScreen(/Working hours/);
    await pty.type('9 to 5');
    await pty.sendKeys('Enter');
    await pty.waitForScreen(/expected working hours as HH:MM-HH:MM/, 8000);
    await pty.sendKeys('BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
    await pty.sendKeys('Enter');
    await pty.waitForScreen(/Show cr's status line in Claude Code\?/);
    await pty.sendKeys('Enter');
    expect(await pty.exitCode()).toBe(0);
    expect(JSON.parse(readFileSync(w.globalFile, 'utf8')).schedule).toBeUndefined();
  });

  it('an existing file: asks before updating it; "no" keeps it and writes nothing', async () => {
    const file = path.join(w.project, '.claude-router.json');
    writeFileSync(file, '{ "defaultTier": "haiku" }\n');
    pty = await startPty({ cwd: w.project, env: w.env, args: ['init', '--project'] });
    await pty.waitForScreen(/exists\. Update it with your answers\?/);
    await pty.type('n');
    expect(await pty.exitCode()).toBe(0);
    expect(await pty.capture(true)).toMatch(/kept .*nothing written/);
    expect(readFileSync(file, 'utf8')).toBe('{ "defaultTier": "haiku" }\n');
  });

  it('an existing file: "yes" and Enter to every question keep its settings (answers preselected from it)', async () => {
    const before = {
      defaultTier: 'haiku',
      tiers: { opus: { model: 'claude-opus-4-7' }, sonnet: { model: 'claude-sonnet-4-6' }, haiku: { model: 'haiku' } },
      ask: 'always',
      history: { tasks: 'truncate' },
      schedule: [{ name: 'working hours', days: ['sat', 'sun'], from: '10:00', to: '16:00', maxTier: 'haiku' }],
      budget: { weekly: 7, unit: 'usd', onExceed: 'cap:haiku' },
      rules: ['defaults'],
      learn: false,
    };
    w.write(w.globalFile, before);
    pty = await startPty({ cwd: w.project, env: w.env, args: ['init', '--global'], width: 250 });
    await pty.waitForScreen(/exists\. Update it with your answers\? \(rules, learn stay as they are\)/, 8000);
    await pty.type('y');
    for (const question of [
      /Default tier/,
      /\? Models/,
      /Model for opus/,
      /Model for sonnet/,
      /Model for haiku/,
      /Working hours/,
      /On which days\?/,
      /Highest tier during 10:00–16:00/,
      /\? Budget/,
      /Counted in/,
      /Weekly limit in USD/,
      /When it is spent/,
      /History: how to store/,
      /Ask before starting claude\?/,
      /Show cr's status line in Claude Code\?/,
    ]) {
      await pty.waitForScreen(question, 4000).catch(async () => {
        throw new Error(`no ${question}:\n${await pty!.capture()}`);
      });
      await pty.sendKeys('Enter');
    }
    expect(await pty.exitCode()).toBe(0);
    expect(JSON.parse(readFileSync(w.globalFile, 'utf8'))).toEqual(before);
    expect(await pty.capture(true)).toMatch(/kept as they were: rules, learn/);
  });

  it('an invalid existing file: one line, exit 2, before any question; the file stays', async () => {
    w.write(w.globalFile, '{ "ask": "sometimes" }');
    pty = await startPty({ cwd: w.project, env: w.env, args: ['init', '--global'], width: 250 });
    expect(await pty.exitCode()).toBe(2);
    // With the scrollback: tmux's "Pane is dead" line at the bottom can scroll the first line off.
    const screen = await pty.capture(true);
    expect(screen).toMatch(
      /cr: error: .*config\.json is not a valid config \(ask: .*\); fix or remove it first: cr init does not rewrite it\n/,
    );
    expect(screen).not.toMatch(/Where should|Default tier/);
    expect(readFileSync(w.globalFile, 'utf8')).toBe('{ "ask": "sometimes" }');
  });

  it('Ctrl-C stops the wizard with exit 130 and writes nothing', async () => {
    pty = await startPty({ cwd: w.project, env: w.env, args: ['init'] });
    await pty.waitForScreen(/Where should the config go\?/);
    await pty.sendKeys('C-c');
    expect(await pty.exitCode()).toBe(130);
    expect(existsSync(w.globalFile)).toBe(false);
    expect(existsSync(path.join(w.project, '.claude-router.json'))).toBe(false);
  });
});
