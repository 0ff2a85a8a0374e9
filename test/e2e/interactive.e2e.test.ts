// The interactive UI: `cr "<task>"` (no -p) starts the real claude's terminal UI under tmux
// with the chosen model. We read the model family off the API requests, type a follow-up
// with send-keys, then quit and check cr recorded the outcome.
import { afterEach, describe, expect, it } from 'vitest';
import { CR_BIN } from './support/claude-env.js';
import { decisions, family, outcomes } from './support/history.js';
import { startTmux, type TmuxSession } from './support/tmux.js';
import { useWorld } from './support/world.js';

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('interactive claude under tmux through cr', () => {
  const world = useWorld({ text: 'INTERACTIVE-REPLY' });
  let tmux: TmuxSession | undefined;
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
  });

  async function quit(t: TmuxSession): Promise<void> {
    // Two Ctrl-C in a row leave Claude Code's UI.
    await t.sendKeys('C-c');
    await new Promise((r) => setTimeout(r, 300));
    await t.sendKeys('C-c');
    await waitFor('claude to exit', async () => ((await t.alive()) ? undefined : true), 15_000);
  }

  it('cr "<haiku task>" opens the UI on haiku; a typed follow-up also goes to haiku in the same session', async () => {
    const { api, env } = world();
    await env.prepareInteractive();
    tmux = await startTmux({
      cwd: env.project,
      env: env.env,
      command: [process.execPath, CR_BIN, 'convert this CSV file to JSON'],
      socketDir: env.root,
      timeoutSeconds: 60,
    });
    const [first] = await api.waitForTurns(1, 30_000).catch(async (err: Error) => {
      throw new Error(`${err.message}\nscreen:\n${await tmux!.capture()}`);
    });
    expect(family(first!.model)).toBe('haiku');
    await tmux.waitForScreen(/INTERACTIVE-REPLY/);

    await tmux.type('and now sort the keys');
    await new Promise((r) => setTimeout(r, 300));
    await tmux.sendKeys('Enter');
    const turns = await api.waitForTurns(2, 30_000);
    expect(family(turns[1]!.model)).toBe('haiku');
    expect(JSON.stringify(turns[1]!.body?.messages)).toContain('and now sort the keys');

    const [decision] = await decisions(env.historyFile);
    expect(decision).toMatchObject({ tier: 'haiku', task: 'convert this CSV file to JSON' });
    expect(decision!.print).not.toBe(true);
    expect(turns.map((t) => t.sessionId)).toEqual([decision!.sessionId, decision!.sessionId]);

    await quit(tmux);
    const outs = await waitFor('outcome record', async () => {
      const o = await outcomes(env.historyFile);
      return o.length ? o : undefined;
    });
    expect(outs[0]).toMatchObject({ id: decision!.id });
  });

  it('cr --opus with no task opens an empty UI on opus; the prompt typed in goes to opus', async () => {
    const { api, env } = world();
    await env.prepareInteractive();
    tmux = await startTmux({
      cwd: env.project,
      env: env.env,
      command: [process.execPath, CR_BIN, '--opus'],
      socketDir: env.root,
      timeoutSeconds: 60,
    });
    // The prompt box is ready when its ❯ marker is drawn.
    await tmux.waitForScreen(/❯/, 30_000);
    expect(api.turnRequests()).toHaveLength(0);
    await tmux.type('review the session handling');
    await new Promise((r) => setTimeout(r, 300));
    await tmux.sendKeys('Enter');
    const [turn] = await api.waitForTurns(1, 30_000);
    expect(family(turn!.model)).toBe('opus');
    await tmux.waitForScreen(/INTERACTIVE-REPLY/);
    const [decision] = await decisions(env.historyFile);
    expect(decision).toMatchObject({ tier: 'opus', kind: 'override' });
    expect(turn!.sessionId).toBe(decision!.sessionId);
    await quit(tmux);
  });
});
