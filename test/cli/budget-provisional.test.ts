// The budget check with the usage cache deleted: a launch never waits for every transcript to be
// read. It says the figure is provisional and rebuilds the cache in the background, one rebuild at a
// time; onExceed "block" waits for the exact figure and says why.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCr } from '../support/run-cr.js';
import { useWorld } from '../support/world.js';
import { assistantLine } from '../usage/transcripts.js';

const NOW = '2026-11-26T15:00:00.000Z';
let root: string;
let project: string;
let env: NodeJS.ProcessEnv;

/** $3.00 on Sonnet today. */
function spendToday() {
  const dir = path.join(root, 'claude', 'projects', '-home-project');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 's1.jsonl'),
    `${assistantLine({ sessionId: 's1', id: 'm1', model: 'claude-sonnet-5-5', usage: { input: 500_000, output: 100_000 }, timestamp: '2026-11-26T09:00:00.000Z' })}\n`,
  );
}
const config = (budget: unknown) =>
  writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify({ budget }));
const cacheDir = () => env.CR_CACHE_DIR!;
const usageFiles = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((f) => f.startsWith('usage-')) : []);

async function until(done: () => boolean, ms = 20_000): Promise<boolean> {
  const start = Date.now();
  while (!done() && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 50));
  return done();
}

useWorld(
  (w) => {
    ({ root, project, env } = w);
    spendToday();
  },
  (root) => ({ CR_NOW: NOW, TZ: 'UTC', CLAUDE_CONFIG_DIR: path.join(root, 'claude'), CR_BUDGET_READ_MS: '0' }),
);

describe('budget check without a usage cache', () => {
  it('is provisional, says so once, and the cache is rebuilt in the background', async () => {
    config({ daily: 2, onExceed: 'downgrade' });
    const r = await runCr(['--explain', '--json', 'plan the migration'], { cwd: project, env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr.match(/figure provisional/g)).toHaveLength(1);
    // Nothing read in time: the provisional spend is what was known (nothing), under the limit.
    expect(JSON.parse(r.stdout).signals.budget).toMatchObject({ state: 'ok', spent: 0 });
    // The background rebuild ends and leaves the caches; its lock goes.
    expect(await until(() => usageFiles().includes('usage-budget.bin'))).toBe(true);
    expect(await until(() => !existsSync(path.join(cacheDir(), 'usage-refresh.lock')))).toBe(true);
    // The next launch has the exact figure, without a word about it.
    const next = await runCr(['--explain', '--json', 'plan the migration'], { cwd: project, env });
    expect(next.stderr).not.toMatch(/provisional/);
    expect(JSON.parse(next.stdout).signals.budget).toMatchObject({ state: 'exceeded', spent: 3 });
  });

  it('starts no second rebuild while one holds the lock', async () => {
    config({ daily: 2, onExceed: 'downgrade' });
    mkdirSync(cacheDir(), { recursive: true });
    // A live process holds the lock (this test's own pid).
    writeFileSync(path.join(cacheDir(), 'usage-refresh.lock'), String(process.pid));
    const r = await runCr(['--explain', 'plan the migration'], { cwd: project, env });
    expect(r.stderr).toMatch(/figure provisional/);
    await new Promise((done) => setTimeout(done, 1500));
    // No rebuild ran (it would write the budget summary) and the lock is still the holder's.
    expect(usageFiles()).not.toContain('usage-budget.bin');
    expect(readFileSync(path.join(cacheDir(), 'usage-refresh.lock'), 'utf8')).toBe(String(process.pid));
    rmSync(path.join(cacheDir(), 'usage-refresh.lock'));
  });

  it('onExceed "block" waits for the exact figure and says why', async () => {
    config({ daily: 2, onExceed: 'block' });
    const r = await runCr(['plan the migration'], { cwd: project, env });
    expect(r.stderr).toMatch(/onExceed "block" needs the exact figure/);
    expect(r.stderr).toMatch(/over the daily budget: \$3\.00 of \$2\.00 daily/);
    expect(r.exitCode).toBe(1);
  });
});
