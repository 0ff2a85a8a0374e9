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
    // Two Ctrl-C in a row leave Claude Code's UI; if a turn was still busy the first pair only
    // interrupts it, so try again, then fall back to /exit.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt < 2) {
        await t.sendKeys('C-c');
        await new Promise((r) => setTimeout(r, 250));
        await t.sendKeys('C-c');
      } else {
        await t.type('/exit');
        await new Promise((r) => setTimeout(r, 300));
        await t.sendKeys('Enter');
      }
      const deadline = Date.now() + 4_000;
      while (Date.now() < deadline) {
        if (!(await t.alive())) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error(`claude did not exit; screen:\n${await t.capture()}`);
  }

  /** Starts `cr <args>` in a fresh world's project under tmux, with claude's onboarding done. */
  async function startCr(args: string[]) {
    const { api, env } = world();
    await env.prepareInteractive();
    tmux = await startTmux({
      cwd: env.project,
      env: env.env,
      command: [process.execPath, CR_BIN, ...args],
      socketDir: env.root,
      timeoutSeconds: 60,
    });
    return { api, env, tmux };
  }

  it('cr "<task>" opens the UI on the chosen tier; a typed follow-up goes to the same model and session', async () => {
    const { api, env, tmux } = await startCr(['convert this CSV file to JSON']);
    const [first] = await api.waitForTurns(1, 30_000).catch(async (err: Error) => {
      throw new Error(`${err.message}\nscreen:\n${await tmux.capture()}`);
    });
    // The decision is recorded before claude starts; the UI runs on exactly that tier.
    const [decision] = await decisions(env.historyFile);
    expect(decision).toMatchObject({ kind: 'route', task: 'convert this CSV file to JSON' });
    expect(family(first!.model)).toBe(decision!.tier);
    await tmux.waitForScreen(/INTERACTIVE-REPLY/);
    // Let the first turn settle before typing.
    await new Promise((r) => setTimeout(r, 500));

    await tmux.type('and now sort the keys');
    await new Promise((r) => setTimeout(r, 300));
    await tmux.sendKeys('Enter');
    const turns = await api.waitForTurns(2, 30_000);
    expect(family(turns[1]!.model)).toBe(decision!.tier);
    expect(JSON.stringify(turns[1]!.body?.messages)).toContain('and now sort the keys');
    expect(decision!.print).not.toBe(true);
    await tmux.waitForScreen(/INTERACTIVE-REPLY[\s\S]*INTERACTIVE-REPLY/);
    expect(turns.map((t) => t.sessionId)).toEqual([decision!.sessionId, decision!.sessionId]);

    await quit(tmux);
    const outs = await waitFor('outcome record', async () => {
      const o = await outcomes(env.historyFile);
      return o.length ? o : undefined;
    });
    expect(outs[0]).toMatchObject({ id: decision!.id });
  });

  it('cr --opus with no task opens an empty UI on opus; the prompt typed in goes to opus', async () => {
    const { api, env, tmux } = await startCr(['--opus']);
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
