// The V8 code cache bin/cr.js keeps for the bundle: written after a run, used by the next, rewritten
// when damaged, and never a reason for a launch to fail or print anything.
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCr } from '../support/run-cr.js';
import { useWorld } from '../support/world.js';

let root: string;
let project: string;
let env: NodeJS.ProcessEnv;
let log: string;

useWorld((w) => {
  ({ root, project, env, log } = w);
});

const codeCache = () => path.join(env.CR_CACHE_DIR!, 'code-cache');
/** The one folder of this build, Node version and architecture. */
function cacheFolder(): string {
  const folders = readdirSync(codeCache());
  expect(folders).toHaveLength(1);
  expect(folders[0]).toMatch(new RegExp(`^[0-9a-f]{16}-${process.version.replaceAll('.', '\\.')}-${process.arch}$`));
  return path.join(codeCache(), folders[0]!);
}
const cacheFiles = () => readdirSync(cacheFolder()).sort();
/** "code cache: <state> <file>" lines, as { file: state }. */
function states(stderr: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stderr.split('\n')) {
    const m = /^code cache: (hit|miss|rejected) (\S+)$/.exec(line);
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}
const debug = { CR_DEBUG_CACHE: '1' };
// Without history every run loads the same files (with history, later runs also load the learner).
const launch = (extra: NodeJS.ProcessEnv = {}) =>
  runCr(['--no-history', 'add a /health endpoint'], { cwd: project, env: { ...env, ...extra } });

describe('the launch path', () => {
  // Each file Node loads costs start-up time: src/launch-path.ts keeps the launch path in one chunk.
  // A module that the entry and a lazily loaded module share, and that is not on that path, becomes
  // a chunk of its own that every run loads.
  it("is three files for `cr --explain`: the entry, one chunk and esbuild's helper chunk", async () => {
    const r = await runCr(['--explain', 'refactor auth'], { cwd: project, env: { ...env, ...debug } });
    expect(r.exitCode).toBe(0);
    const loaded = Object.keys(states(r.stderr)).sort();
    expect(loaded).toHaveLength(3);
    expect(loaded).toContain('cr.cjs');
    const sizes = loaded
      .filter((f) => f.startsWith('chunks/chunk-'))
      .map((f) => statSync(path.join(REPO_ROOT, 'dist', f)).size)
      .sort((a, b) => a - b);
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toBeLessThan(10_000); // esbuild's helpers
    expect(sizes[1]).toBeGreaterThan(100_000); // the launch path
  });

  it('a budget in the config adds the budget check and the usage code: three more files, not a chunk per shared module', async () => {
    writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify({ budget: { daily: 5 } }));
    // The first run checks the file (the schema code) and remembers it; the second is every later run.
    expect((await runCr(['--explain', 'refactor auth'], { cwd: project, env })).exitCode).toBe(0);
    const r = await runCr(['--explain', 'refactor auth'], { cwd: project, env: { ...env, ...debug } });
    expect(r.exitCode).toBe(0);
    const loaded = Object.keys(states(r.stderr));
    expect(loaded.filter((f) => f.startsWith('chunks/budget-check-'))).toHaveLength(1);
    expect(loaded).toHaveLength(6);
  });
});

describe('the code cache', () => {
  it('is written by the first run, one file per bundle file loaded, and used by the second', async () => {
    const first = await launch(debug);
    expect(first.exitCode).toBe(0);
    const loaded = Object.keys(states(first.stderr));
    expect(loaded).toContain('cr.cjs');
    expect(loaded.length).toBeGreaterThan(2);
    expect(Object.values(states(first.stderr)).every((s) => s === 'miss')).toBe(true);
    expect(cacheFiles()).toEqual(loaded.map((f) => `${f.replaceAll('/', '-')}.v8`).sort());
    expect(readFileSync(path.join(cacheFolder(), 'cr.cjs.v8')).subarray(0, 20).toString('latin1')).toBe(
      'cr code cache launch',
    );

    const second = await launch(debug);
    expect(second.exitCode).toBe(0);
    expect(states(second.stderr)).toEqual(Object.fromEntries(loaded.map((f) => [f, 'hit'])));
    // A hit writes nothing.
    const mtimes = cacheFiles().map((f) => statSync(path.join(cacheFolder(), f)).mtimeMs);
    await launch();
    expect(cacheFiles().map((f) => statSync(path.join(cacheFolder(), f)).mtimeMs)).toEqual(mtimes);
  });

  it('adds the code of a new kind of run to the files it shares with earlier runs, once', async () => {
    const explain = (extra: NodeJS.ProcessEnv = {}) =>
      runCr(['--no-history', '--explain', 'refactor auth'], { cwd: project, env: { ...env, ...extra } });
    const first = await explain(debug);
    const shared = Object.keys(states(first.stderr));
    const size = (f: string) => statSync(path.join(cacheFolder(), `${f.replaceAll('/', '-')}.v8`)).size;
    const before = Object.fromEntries(shared.map((f) => [f, size(f)]));
    // A launch hits the files explain cached, and writes them again with the code it compiled too.
    const launched = await launch(debug);
    expect(Object.fromEntries(shared.map((f) => [f, states(launched.stderr)[f]]))).toEqual(
      Object.fromEntries(shared.map((f) => [f, 'hit'])),
    );
    for (const f of shared) expect(launched.stderr).toContain(`code cache: wrote ${f} for explain, launch\n`);
    const launchChunk = shared.find((f) => f.startsWith('chunks/chunk-') && before[f]! > 100_000)!;
    expect(size(launchChunk)).toBeGreaterThan(before[launchChunk]!);
    // Both kinds known now: neither writes again.
    for (const r of [await launch(debug), await explain(debug)]) {
      expect(Object.values(states(r.stderr)).every((s) => s === 'hit')).toBe(true);
      expect(r.stderr).not.toContain('code cache: wrote');
    }
  });

  it('says nothing unless CR_DEBUG_CACHE=1', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await launch();
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('');
    }
  });

  it('rejects a damaged or truncated file, still runs, and writes it anew', async () => {
    await launch();
    const files = cacheFiles();
    files.forEach((f, i) => {
      const file = path.join(cacheFolder(), f);
      const data = readFileSync(file);
      if (i % 2 === 0) {
        // Same length, bytes changed: V8 alone would take it (and could abort the process).
        for (let k = Math.floor(data.length / 8); k < data.length / 4; k += 97) data[k] = data[k]! ^ 0x5a;
        writeFileSync(file, data);
      } else writeFileSync(file, data.subarray(0, Math.floor(data.length / 3)));
    });
    const damaged = await launch({ ...debug, FAKE_CLAUDE_EXIT: '3' });
    expect(damaged.exitCode).toBe(3);
    expect(Object.values(states(damaged.stderr)).every((s) => s === 'rejected')).toBe(true);
    expect(JSON.parse(readFileSync(log, 'utf8')).argv).toContain('add a /health endpoint');

    const after = await launch(debug);
    expect(Object.values(states(after.stderr)).every((s) => s === 'hit')).toBe(true);
  });

  it('never stops a launch when the cache cannot be written: same exit code, no output', async () => {
    // A regular file where the cache folder would go: not even root can create the folder.
    const blocker = path.join(root, 'not-a-folder');
    writeFileSync(blocker, '');
    const unwritable = { CR_CACHE_DIR: path.join(blocker, 'claude-router') };
    for (const code of ['0', '7']) {
      const r = await launch({ ...unwritable, FAKE_CLAUDE_EXIT: code });
      expect(r.exitCode).toBe(Number(code));
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('');
    }
    const explained = await runCr(['--explain', 'refactor auth'], { cwd: project, env: { ...env, ...unwritable } });
    expect(explained.exitCode).toBe(0);
    expect(explained.stdout).toContain('refactor auth');
    expect(explained.stderr).toBe('');
  });

  it('stays whole when 32 processes write it at once', async () => {
    const runs = await Promise.all(Array.from({ length: 32 }, () => launch()));
    expect(runs.map((r) => r.exitCode)).toEqual(runs.map(() => 0));
    expect(readdirSync(cacheFolder()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const next = await launch(debug);
    expect(Object.values(states(next.stderr)).every((s) => s === 'hit')).toBe(true);
  }, 60_000);

  it('removes folders of other builds once they are a day old, and keeps newer ones', async () => {
    const old = path.join(codeCache(), `0000000000000000-${process.version}-${process.arch}`);
    const recent = path.join(codeCache(), `1111111111111111-${process.version}-${process.arch}`);
    for (const folder of [old, recent]) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'cr.cjs.v8'), 'x');
    }
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    await launch();
    const folders = readdirSync(codeCache());
    expect(folders).not.toContain(path.basename(old));
    expect(folders).toContain(path.basename(recent));
    expect(folders).toHaveLength(2);
  });
});
