// Black-box: cr learns from overrides written into a fresh history, through the built CLI and a fake claude.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeClaude } from '../support/fake-claude.js';
import { runCr } from '../support/run-cr.js';
import { useWorld } from '../support/world.js';

// A family the classifier puts on sonnet with high confidence: database migrations.
const MIGRATIONS = [
  'write a database migration that adds a column to the users table',
  'write a database migration adding a status column to orders',
  'database migration: add a nullable column to the invoices table',
];
const NEW_MIGRATION = 'add a database migration that adds a column to the payments table';
const DISSIMILAR = ['add unit tests for the date parser', 'add a dark mode toggle to the settings page'];

interface ExplainJson {
  tier: string;
  rule: string;
  confidence: number;
  signals: { learned?: { tier: string; changed: boolean; reason: string; examples: { task: string; tier: string }[] } };
  trace: { rule: string; fired: boolean; note: string }[];
}

let fake: FakeClaude;
let root: string;
let project: string;
let env: NodeJS.ProcessEnv;

useWorld((w) => {
  ({ fake, root, project, env } = w);
});

async function cr(args: string[], extra: NodeJS.ProcessEnv = {}) {
  return runCr(args, { cwd: project, env: { ...env, ...extra } });
}

async function explain(task: string, extra: NodeJS.ProcessEnv = {}): Promise<ExplainJson> {
  const r = await cr(['--explain', '--json', task], extra);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ExplainJson;
}

async function overrideOpus(task: string, extra: NodeJS.ProcessEnv = {}) {
  const r = await cr(['--opus', task], extra);
  expect(r.exitCode, r.stderr).toBe(0);
}

const historyLines = () => readFileSync(env.CR_HISTORY_FILE!, 'utf8').trim().split('\n').length;

describe('cr learns from your overrides', () => {
  it('three --opus overrides of migration tasks flip a new migration task; dissimilar tasks stay; --forget restores', async () => {
    // Before: the classifier alone, confidently on sonnet.
    const before = await explain(NEW_MIGRATION);
    expect(before).toMatchObject({ tier: 'sonnet', rule: 'task-type' });
    expect(
      before.confidence,
      'the family must be a confident sonnet pick for "3 overrides" to be the documented number',
    ).toBeGreaterThanOrEqual(0.8);
    const dissimilarBefore = await Promise.all(DISSIMILAR.map((t) => explain(t)));

    // One and two overrides are not enough for a confident decision.
    await overrideOpus(MIGRATIONS[0]!);
    expect(await explain(NEW_MIGRATION)).toMatchObject({ tier: 'sonnet', rule: 'task-type' });
    await overrideOpus(MIGRATIONS[1]!);
    const two = await explain(NEW_MIGRATION);
    expect(two).toMatchObject({ tier: 'sonnet', rule: 'task-type' });
    expect(two.signals.learned).toMatchObject({ changed: false });
    expect(two.trace.find((t) => t.rule === 'learned')?.note).toMatch(/you chose opus for 2 similar tasks, not enough/);

    // The third flips it, and the decision names the past tasks.
    await overrideOpus(MIGRATIONS[2]!);
    const after = await explain(NEW_MIGRATION);
    expect(after).toMatchObject({ tier: 'opus', rule: 'learned' });
    expect(after.signals.learned).toMatchObject({ tier: 'opus', changed: true });
    expect(after.signals.learned!.examples.map((e) => e.task).sort()).toEqual([...MIGRATIONS].sort());
    expect(after.signals.learned!.reason).toMatch(/^you chose opus for 3 similar tasks: "/);

    const text = await cr(['--explain', NEW_MIGRATION]);
    expect(text.stdout).toMatch(/rule learned/);
    expect(text.stdout).toMatch(/^why\s+you chose opus for 3 similar tasks/m);
    expect(text.stdout).toMatch(/^learned\s+opus from your past choices \(on its own cr picks sonnet\)/m);
    for (const t of MIGRATIONS) expect(text.stdout).toContain(`"${t}"`);

    // Dissimilar tasks: unchanged.
    for (const [i, t] of DISSIMILAR.entries()) {
      const now = await explain(t);
      expect(now.tier).toBe(dissimilarBefore[i]!.tier);
      expect(now.rule).toBe('task-type');
    }

    // A real launch uses it too: claude gets --model opus.
    const log = fake.logPath('learned');
    expect((await cr([NEW_MIGRATION], { FAKE_CLAUDE_LOG: log })).exitCode).toBe(0);
    expect((await fake.readCall(log)).argv.slice(0, 2)).toEqual(['--model', 'opus']);

    // cr learn --status shows what was learned.
    const status = await cr(['learn']);
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^learning\s+on/m);
    expect(status.stdout).toMatch(/override 3/);
    expect(status.stdout).toMatch(/sonnet → opus\s+3 tasks: .*migration/);
    for (const t of MIGRATIONS) expect(status.stdout).toContain(`"${t.slice(0, 40)}`);
    const statusJson = JSON.parse((await cr(['learn', '--status', '--json'])).stdout) as {
      examples: { byKind: Record<string, number>; byTier: Record<string, number> };
      influential: { task: string }[];
    };
    expect(statusJson.examples.byKind).toMatchObject({ override: 3, agreement: 1 });
    expect(statusJson.influential.map((e) => e.task)).toEqual(expect.arrayContaining(MIGRATIONS));

    // cr learn --forget: the built-in choice again; history untouched.
    const lines = historyLines();
    const forget = await cr(['learn', '--forget']);
    expect(forget.exitCode, forget.stderr).toBe(0);
    expect(forget.stdout).toMatch(/forgot everything learned so far \(4 examples\)/);
    expect(historyLines()).toBe(lines);
    expect(existsSync(path.join(root, 'state', 'claude-router', 'learn-forget.json'))).toBe(true);
    const restored = await explain(NEW_MIGRATION);
    expect(restored).toMatchObject({ tier: 'sonnet', rule: 'task-type' });
    expect(restored.signals.learned).toBeUndefined();
    expect((await cr(['learn'])).stdout).toMatch(/^examples\s+0;? ?.*4 forgotten/m);
  });

  it('learn: false in the project .claude-router.json turns learning off for that repository', async () => {
    for (const t of MIGRATIONS) await overrideOpus(t);
    expect((await explain(NEW_MIGRATION)).tier).toBe('opus');
    writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify({ learn: false }));
    const off = await explain(NEW_MIGRATION);
    expect(off).toMatchObject({ tier: 'sonnet', rule: 'task-type' });
    expect(off.trace.find((t) => t.rule === 'learned')?.note).toBe('learning is off in config');
    expect((await cr(['learn'])).stdout).toMatch(
      /^learning\s+off \(learn: false in project .*\.claude-router\.json\)/m,
    );
    // CR_LEARN=0 does the same from the environment.
    rmSync(path.join(project, '.claude-router.json'));
    expect(await explain(NEW_MIGRATION, { CR_LEARN: '0' })).toMatchObject({ tier: 'sonnet', rule: 'task-type' });
  });

  it('--forget --since forgets only that period', async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (const t of MIGRATIONS) await overrideOpus(t, { CR_NOW: twoDaysAgo });
    expect((await explain(NEW_MIGRATION)).tier).toBe('opus');
    expect((await cr(['learn', '--forget', '--since', '1d'])).stdout).toMatch(/\(0 examples\)/);
    expect((await explain(NEW_MIGRATION)).tier).toBe('opus');
    expect((await cr(['learn', '--forget', '--since', '3d'])).stdout).toMatch(/\(3 examples\)/);
    expect(await explain(NEW_MIGRATION)).toMatchObject({ tier: 'sonnet', rule: 'task-type' });
  });

  it("--forget --since and the status show the user's local time, not UTC", async () => {
    const at = { CR_NOW: '2026-11-26T12:00:00Z', TZ: 'Asia/Tokyo' }; // 21:00 in Tokyo
    await overrideOpus(MIGRATIONS[0]!, { ...at, CR_NOW: '2026-11-25T12:00:00Z' });
    const forget = await cr(['learn', '--forget', '--since', '2026-11-26'], at);
    expect(forget.exitCode, forget.stderr).toBe(0);
    expect(forget.stdout).toContain('since 2026-11-26 00:00'); // Tokyo's midnight, not 2026-11-25T15:00:00.000Z
    expect((await cr(['learn'], at)).stdout).toMatch(/^forgotten\s+2026-11-26 00:00 to 2026-11-26 21:00$/m);
  });

  it.each([
    [['learn', '--since', '7d'], /--since goes with --forget/],
    [['learn', '--forget', '--since', 'last tuesday'], /--since: expected a date/],
    [['learn', '--forget', '--status'], /pick one/],
  ])('bad usage %j exits 2 with one line', async (args, message) => {
    const r = await cr(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('with no history, status says so and launches are not slowed by loading anything', async () => {
    const r = await cr(['learn']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^history\s+none yet/m);
    expect(existsSync(path.join(root, 'cache', 'claude-router', 'learned.json'))).toBe(false);
  });
});
