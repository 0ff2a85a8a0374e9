// Concurrent trust updates keep every entry: 20 `cr trust` runs at once, and a `--revoke` beside
// them is not undone by a run that read the store before it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrustStore, revokeTrust, trustFile, trustFilePath, updateTrustStore } from '../../src/config/trust.js';
import { CrError } from '../../src/errors.js';
import { runCr } from '../support/run-cr.js';
import { useWorld, type Sandbox } from '../support/world.js';

const NOW = new Date('2026-11-26T10:00:00Z');

function withStore(run: (dir: string, store: string) => void): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cr-trust-'));
  try {
    run(dir, path.join(dir, 'state', 'trust.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function project(dir: string, name: string): string {
  const file = path.join(dir, name, '.claude-router.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '{"defaultTier": "haiku"}');
  return file;
}

describe('updateTrustStore', () => {
  it('takes over a lock left behind by a cr that was killed', () => {
    withStore((dir, store) => {
      mkdirSync(path.dirname(store), { recursive: true });
      const lock = `${store}.lock`;
      writeFileSync(lock, '');
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
      trustFile(store, project(dir, 'a'), NOW);
      expect(Object.keys(readTrustStore(store).dirs)).toEqual([path.join(dir, 'a')]);
    });
  });

  it('never rewrites a damaged store (that would drop every entry in it)', () => {
    withStore((dir, store) => {
      mkdirSync(path.dirname(store), { recursive: true });
      writeFileSync(store, '{"v": 1, "dirs": {');
      expect(() => trustFile(store, project(dir, 'a'), NOW)).toThrow(CrError);
      expect(() => trustFile(store, project(dir, 'a'), NOW)).toThrow(/is damaged; not rewriting it/);
      expect(readFileSync(store, 'utf8')).toBe('{"v": 1, "dirs": {');
    });
  });

  it('writes only a changed store and returns what the change returned', () => {
    withStore((dir, store) => {
      expect(revokeTrust(store, path.join(dir, 'a'))).toBe(false);
      expect(() => readFileSync(store)).toThrow();
      trustFile(store, project(dir, 'a'), NOW);
      expect(updateTrustStore(store, (s) => Object.keys(s.dirs).length)).toBe(1);
      expect(revokeTrust(store, path.join(dir, 'a'))).toBe(true);
      expect(readTrustStore(store).dirs).toEqual({});
    });
  });
});

let w: Sandbox;
describe('concurrent cr trust', () => {
  useWorld((s) => {
    w = s;
  });

  it('20 cr trust runs and a --revoke at once: all 20 entries kept, the revoked one gone', async () => {
    const revoked = project(w.home, 'revoked');
    expect((await runCr(['trust', '--yes'], { cwd: path.dirname(revoked), env: w.env })).exitCode).toBe(0);
    const dirs = Array.from({ length: 20 }, (_, i) => path.dirname(project(w.home, `p${i}`)));
    const runs = await Promise.all([
      ...dirs.map((cwd) => runCr(['trust', '--yes'], { cwd, env: w.env, timeoutMs: 60_000 })),
      runCr(['trust', '--revoke'], { cwd: path.dirname(revoked), env: w.env, timeoutMs: 60_000 }),
    ]);
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    const store = readTrustStore(trustFilePath(path.join(w.root, 'state', 'claude-router')));
    expect(Object.keys(store.dirs).sort()).toEqual([...dirs].sort());
  }, 120_000);
});
