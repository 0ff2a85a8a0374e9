// Black-box: --ask and config ask never prompt without a terminal or under CI; cr goes on with its pick.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeClaude } from '../support/fake-claude.js';
import { useWorld, type World } from '../support/world.js';

let fake: FakeClaude;
let w: World;
useWorld((s) => {
  w = s;
  fake = s.fake;
});

const decisions = () => w.history().filter((r) => r.type === 'decision');

describe('asking without a terminal', () => {
  it('--ask with stdin and stdout not terminals: no prompt, claude starts on the recommendation', async () => {
    const r = await w.cr(['--ask', 'review the auth module for security holes']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(/recommends/);
    const call = await fake.readCall(w.env.FAKE_CLAUDE_LOG);
    expect(call.argv.slice(0, 2)).toEqual(['--model', 'opus']);
    expect(decisions()).toMatchObject([{ kind: 'route', tier: 'opus' }]);
  });

  it('ask: "always" in config with CI set: no prompt (stdin piped in too)', async () => {
    w.write(path.join(w.project, '.claude-router.json'), { ask: 'always' });
    const r = await w.cr(['convert this CSV to JSON'], { env: { CI: 'true' }, input: Buffer.from('') });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(/recommends/);
    expect((await fake.readCall(w.env.FAKE_CLAUDE_LOG)).argv.slice(0, 2)).toEqual(['--model', 'haiku']);
    expect(decisions()).toMatchObject([{ kind: 'route', tier: 'haiku' }]);
  });
});
