// --ask driven in a real terminal (tmux) with the fake claude: preselected recommendation, a pick recorded, Ctrl-C.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeClaude } from '../support/fake-claude.js';
import { HAS_TMUX, startPty, type Pty } from '../support/pty.js';
import { useWorld, type World } from '../support/world.js';

let fake: FakeClaude;
let w: World;
let pty: Pty | undefined;
useWorld((s) => {
  w = s;
  fake = s.fake;
});

const decisions = () => w.history().filter((r) => r.type === 'decision');

const TASK = 'add a unit test for the date parser';

describe.skipIf(!HAS_TMUX)('--ask at a terminal', () => {
  it('shows the recommendation preselected with its reason; another pick is recorded as an ask with what cr suggested', async () => {
    pty = await startPty({ cwd: w.project, env: w.env, args: ['--ask', TASK] });
    const screen = await pty.waitForScreen(/cr recommends (opus|sonnet|haiku)/);
    const recommended = /cr recommends (opus|sonnet|haiku)/.exec(screen)![1]!;
    // The highlighted line (the pointer) is the recommended tier.
    expect(screen).toMatch(new RegExp(`❯\\s+${recommended} \\(recommended\\)`));
    const pick = recommended === 'opus' ? 'sonnet' : recommended === 'sonnet' ? 'opus' : 'sonnet';
    await pty.sendKeys(recommended === 'opus' ? 'Down' : 'Up');
    await pty.waitForScreen(new RegExp(`❯\\s+${pick}`));
    await pty.sendKeys('Enter');
    expect(await pty.exitCode()).toBe(0);
    const call = await fake.readCall(w.env.FAKE_CLAUDE_LOG);
    expect(call.argv.slice(0, 2)).toEqual(['--model', pick]);
    expect(call.argv.at(-1)).toBe(TASK);
    const [d] = decisions();
    expect(d).toMatchObject({ kind: 'ask', rule: 'ask', tier: pick, model: pick, suggested: { tier: recommended } });
    expect(d!.sessionId).toBe(call.argv[3]);
  });

  it('Enter on the recommendation starts it, recorded as a confirmed ask', async () => {
    pty = await startPty({ cwd: w.project, env: w.env, args: ['--ask', TASK] });
    const screen = await pty.waitForScreen(/cr recommends (opus|sonnet|haiku)/);
    const recommended = /cr recommends (opus|sonnet|haiku)/.exec(screen)![1]!;
    await pty.sendKeys('Enter');
    expect(await pty.exitCode()).toBe(0);
    expect((await fake.readCall(w.env.FAKE_CLAUDE_LOG)).argv.slice(0, 2)).toEqual(['--model', recommended]);
    expect(decisions()).toMatchObject([{ kind: 'ask', tier: recommended, suggested: { tier: recommended } }]);
  });

  it('Ctrl-C at the prompt starts nothing, records nothing, exits 130', async () => {
    pty = await startPty({ cwd: w.project, env: w.env, args: ['--ask', TASK] });
    await pty.waitForScreen(/cr recommends/);
    await pty.sendKeys('C-c');
    expect(await pty.exitCode()).toBe(130);
    expect(existsSync(w.env.FAKE_CLAUDE_LOG!)).toBe(false);
    expect(decisions()).toEqual([]);
  });

  it('config ask "always" under CI: no prompt even at a terminal', async () => {
    w.write(path.join(w.project, '.claude-router.json'), { ask: 'always' });
    pty = await startPty({ cwd: w.project, env: { ...w.env, CI: 'true' }, args: [TASK] });
    expect(await pty.exitCode()).toBe(0);
    expect(await pty.capture(true)).not.toMatch(/recommends/);
    expect(existsSync(w.env.FAKE_CLAUDE_LOG!)).toBe(true);
    expect(decisions()).toMatchObject([{ kind: 'route' }]);
  });

  it('config ask "always" at a terminal: prompts without --ask', async () => {
    w.write(path.join(w.project, '.claude-router.json'), { ask: 'always' });
    pty = await startPty({ cwd: w.project, env: w.env, args: [TASK] });
    await pty.waitForScreen(/cr recommends .*ask is "always" in config|cr recommends/);
    await pty.sendKeys('Enter');
    expect(await pty.exitCode()).toBe(0);
    expect(decisions()).toMatchObject([{ kind: 'ask' }]);
  });

  it('choices show the model only when it is not the tier name; a long reason keeps the answered line within the terminal', async () => {
    const reason = `this rule has a very long description, ${'so long that it cannot fit on one line of the terminal, '.repeat(3)}end`;
    w.write(w.globalFile, {
      tiers: { opus: { model: 'claude-opus-4-7' } },
      rules: [{ id: 'long', description: reason, when: { pattern: 'date parser' }, tier: 'sonnet' }, 'defaults'],
    });
    pty = await startPty({ cwd: w.project, env: w.env, args: ['--ask', TASK], width: 100 });
    const asking = await pty.waitForScreen(/cr recommends sonnet/);
    // One line for the question (it would wrap onto a second one), then the choices.
    expect(asking).toMatch(/^\? cr recommends sonnet — this rule has a very long .*… › ↑\/↓ then Enter$/m);
    expect(asking).toMatch(/^ {2,}opus +claude-opus-4-7$/m);
    expect(asking).toMatch(/^❯\s+sonnet \(recommended\)$/m);
    expect(asking).toMatch(/^ {2,}haiku$/m);
    expect(asking).not.toMatch(/sonnet\s+sonnet|haiku\s+haiku/);
    await pty.sendKeys('Enter');
    expect(await pty.exitCode()).toBe(0);
    const answered = /^. cr recommends .*$/m.exec(await pty.capture(true))?.[0];
    expect(answered).toMatch(/^. cr recommends sonnet — this rule .*… › sonnet \(recommended\)$/);
    expect(answered!.length).toBeLessThan(100);
  });
});
