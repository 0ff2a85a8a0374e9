// A `claude` that runs cr again (a wrapper script on PATH or in CLAUDE_PATH) must stop at once, not
// start cr after cr without end; cr run inside a cr-started session is not affected.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CR_BIN } from '../support/run-cr.js';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

function script(name: string, body: string): string {
  const file = path.join(w.root, 'bin', name);
  mkdirSync(path.dirname(file), { recursive: true });
  // A fuse, so that a broken guard fails the test (exit 99) rather than leaving a loop running.
  const count = path.join(w.root, `${name}.count`);
  const fuse = `n=$(cat ${count} 2>/dev/null || echo 0); n=$((n + 1)); echo $n > ${count}; [ $n -gt 20 ] && exit 99`;
  writeFileSync(file, `#!/bin/sh\n${fuse}\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const runsCr = `${JSON.stringify(process.execPath)} ${JSON.stringify(CR_BIN)}`;

describe('a claude that runs cr again', () => {
  it('exec cr "$@": the cr it starts stops with exit 126 and says why; one decision recorded', async () => {
    const wrapper = script('claude', `exec ${runsCr} "$@"`);
    const r = await w.cr(['-p', 'tidy the readme'], { env: { CLAUDE_PATH: wrapper } });
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(126);
    expect(r.stderr).toContain('cr was started as the claude that cr runs');
    expect(r.stderr).toContain('point CLAUDE_PATH or config claudePath at the real claude');
    expect(w.history().filter((rec) => rec.type === 'decision')).toHaveLength(1);
  });

  it('cr "$@" from a shell that stays: stopped a few levels down, exit 126', async () => {
    const wrapper = script('claude', `${runsCr} "$@"`);
    const r = await w.cr(['-p', 'tidy the readme'], { env: { CLAUDE_PATH: wrapper } });
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(126);
    expect(r.stderr).toMatch(/cr is 6 sessions deep/);
    expect(w.history().filter((rec) => rec.type === 'decision').length).toBeLessThanOrEqual(6);
  });

  it('cr run by the claude of a session (a session in a session) starts its own claude', async () => {
    const inner = path.join(w.root, 'inner.json');
    const outer = script(
      'outer-claude',
      `CLAUDE_PATH=${JSON.stringify(w.fake.path)} FAKE_CLAUDE_LOG=${JSON.stringify(inner)} ${runsCr} -p "list the files"`,
    );
    const r = await w.cr(['-p', 'plan the work'], { env: { CLAUDE_PATH: outer } });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const call = await w.fake.readCall(inner);
    expect(call.argv).toContain('list the files');
  });
});
