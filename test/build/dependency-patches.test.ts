// scripts/build.mjs patches a few of execa's load-time steps (LAZY_IN_DEPENDENCIES). The bundled
// execa must behave as the package does: same escaped command, same signal descriptions, same stdio.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { execa as original } from 'execa';
import { describe, expect, it } from 'vitest';
import { crIsBuilt, REPO_ROOT } from '../support/run-cr.js';

const chunks = path.join(REPO_ROOT, 'dist', 'chunks');

describe.skipIf(!crIsBuilt())('the bundled execa', () => {
  const load = () => {
    const file = readdirSync(chunks).find((f) => /^execa-.*\.cjs$/.test(f));
    return (createRequire(import.meta.url)(path.join(chunks, file!)) as { execa: typeof original }).execa;
  };

  it.each([
    ['plain ASCII', ['--model', 'sonnet', 'add a /health endpoint']],
    ['quotes and shell characters', ["it's $HOME `x` && y", '"q"']],
    ['control characters', ['tab\there', 'line\nbreak', 'bell\u0007', 'del\u007f']],
    ['other scripts and spaces', ['café → naïve', 'no\u00a0break', 'zero\u200bwidth', '😀']],
  ])('escapes the command as execa does: %s', async (_name, args) => {
    const bundled = load();
    const [a, b] = await Promise.all([
      bundled('/bin/echo', args, { reject: false }),
      original('/bin/echo', args, { reject: false }),
    ]);
    expect(a.escapedCommand).toBe(b.escapedCommand);
    expect(a.stdout).toBe(b.stdout);
  });

  it('describes a signal death as execa does', async () => {
    const bundled = load();
    const [a, b] = await Promise.all([
      bundled('/bin/sh', ['-c', 'kill -TERM $$'], { reject: false }),
      original('/bin/sh', ['-c', 'kill -TERM $$'], { reject: false }),
    ]);
    expect(a.signal).toBe('SIGTERM');
    expect(a.signalDescription).toBe(b.signalDescription);
    expect(a.shortMessage).toBe(b.shortMessage);
  });

  it('pipes a stream and inherits the standard streams', async () => {
    const bundled = load();
    const r = await bundled('/bin/cat', [], { input: 'piped', stdout: 'pipe', stderr: 'inherit' });
    expect(r.stdout).toBe('piped');
  });
});
