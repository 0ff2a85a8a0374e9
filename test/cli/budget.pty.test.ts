// onExceed "ask" at a real terminal (tmux): the pick is recorded as made at the budget prompt, and
// learning does not take a choice forced by money as evidence about the task.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_TMUX, startPty } from '../support/pty.js';
import { useWorld, type Sandbox } from '../support/world.js';
import { assistantLine } from '../usage/transcripts.js';

const NOW = '2026-11-26T15:00:00.000Z';
const TASK = 'write the lexer';
let w: Sandbox;

useWorld(
  (s) => {
    w = s;
    // $3.00 on Sonnet today, against a $2.00 daily limit that asks.
    const dir = path.join(s.root, 'claude', 'projects', '-home-project');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 's1.jsonl'),
      `${assistantLine({ sessionId: 's1', id: 'm1', model: 'claude-sonnet-5-5', usage: { input: 500_000, output: 100_000 }, timestamp: '2026-11-26T09:00:00.000Z' })}\n`,
    );
    s.write(path.join(s.project, '.claude-router.json'), { budget: { daily: 2, onExceed: 'ask' } });
  },
  (root) => ({ CR_NOW: NOW, TZ: 'UTC', CLAUDE_CONFIG_DIR: path.join(root, 'claude') }),
);

type Explained = { signals: { learned?: { changed: boolean } }; trace: { rule: string; note: string }[] };
const explain = async (): Promise<Explained> =>
  JSON.parse((await w.cr(['--explain', '--json', TASK])).stdout) as Explained;

describe.skipIf(!HAS_TMUX)('onExceed "ask" at a terminal', () => {
  it('a pick at the budget prompt is recorded with rule "budget" and teaches nothing', async () => {
    // The list runs opus, sonnet, haiku with the recommendation (sonnet) preselected: Down is haiku.
    const pty = await startPty({ cwd: w.project, env: w.env, args: [TASK] });
    await pty.waitForScreen(/over the daily budget: \$3\.00 of \$2\.00 daily; cr recommends sonnet/);
    await pty.sendKeys('Down');
    await pty.waitForScreen(/❯\s+haiku/);
    await pty.sendKeys('Enter');
    expect(await pty.exitCode()).toBe(0);
    expect((await w.fake.readCall(w.log)).argv.slice(0, 2)).toEqual(['--model', 'haiku']);
    const decisions = w.history().filter((r) => r.type === 'decision');
    expect(decisions).toMatchObject([{ kind: 'ask', rule: 'budget', tier: 'haiku', suggested: { tier: 'sonnet' } }]);
    const d = await explain();
    expect(d.signals.learned).toBeUndefined();
    expect(d.trace.find((t) => t.rule === 'learned')!.note).toBe('no similar past choices');
  });

  it('a pick under --ask while under the budget still teaches (the contrast)', async () => {
    w.write(path.join(w.project, '.claude-router.json'), { budget: { daily: 10, onExceed: 'ask' } });
    const pty = await startPty({ cwd: w.project, env: w.env, args: ['--ask', TASK] });
    await pty.waitForScreen(/cr recommends sonnet/);
    await pty.sendKeys('Down');
    await pty.waitForScreen(/❯\s+haiku/);
    await pty.sendKeys('Enter');
    expect(await pty.exitCode()).toBe(0);
    expect(
      w
        .history()
        .filter((r) => r.type === 'decision')
        .at(-1),
    ).toMatchObject({ kind: 'ask', rule: 'ask', tier: 'haiku' });
    expect((await explain()).trace.find((t) => t.rule === 'learned')!.note).toMatch(/you chose haiku/);
  });
});
