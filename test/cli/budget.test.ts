// The budget ceiling at launch: real spend from transcripts, against config limits.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeClaude } from '../support/fake-claude.js';
import { runCr } from '../support/run-cr.js';
import { useWorld } from '../support/world.js';
import { assistantLine } from '../usage/transcripts.js';

const NOW = '2026-11-26T15:00:00.000Z';
let fake: FakeClaude;
let root: string;
let project: string;
let env: NodeJS.ProcessEnv;
let log: string;

/** One session today that spent exactly $3.00 on Sonnet: 500,000 input ($1.50) + 100,000 output ($1.50). */
function spendToday() {
  const dir = path.join(root, 'claude', 'projects', '-home-project');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 's1.jsonl'),
    `${assistantLine({ sessionId: 's1', id: 'm1', model: 'claude-sonnet-5-5', usage: { input: 500_000, output: 100_000 }, timestamp: '2026-11-26T09:00:00.000Z' })}\n`,
  );
}
const config = (budget: unknown) => writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify({ budget }));
const plan = ['--permission-mode', 'plan', 'plan the migration'];

useWorld(
  (w) => {
    ({ fake, root, project, env, log } = w);
    spendToday();
  },
  (root) => ({ CR_NOW: NOW, TZ: 'UTC', CLAUDE_CONFIG_DIR: path.join(root, 'claude') }),
);

describe('budget ceiling', () => {
  it('block: over the daily limit, cr refuses to start (exit 1) with the figures', async () => {
    config({ daily: 2, onExceed: 'block' });
    const r = await runCr(plan, { cwd: project, env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/over the daily budget: \$3\.00 of \$2\.00 daily/);
    expect(existsSync(log)).toBe(false);
  });

  it('downgrade: steps down one tier; cap:haiku caps', async () => {
    config({ daily: 2, onExceed: 'downgrade' });
    await runCr(plan, { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(0, 2)).toEqual(['--model', 'sonnet']);
    config({ daily: 2, onExceed: 'cap:haiku' });
    await runCr(plan, { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(0, 2)).toEqual(['--model', 'haiku']);
  });

  it('under the limit nothing changes; past warnAt one warning line', async () => {
    config({ daily: 10, onExceed: 'block' });
    const ok = await runCr(plan, { cwd: project, env });
    expect(ok.exitCode).toBe(0);
    expect(ok.stderr).toBe('');
    expect((await fake.readCall(log)).argv[1]).toBe('opus');
    config({ daily: 3.5, warnAt: 0.8, onExceed: 'block' });
    const warn = await runCr(plan, { cwd: project, env });
    expect(warn.exitCode).toBe(0);
    expect(warn.stderr).toMatch(/budget: \$3\.00 of \$3\.50 daily spent/);
  });

  it('spend from another day does not count toward today', async () => {
    config({ daily: 2, onExceed: 'block' });
    const r = await runCr(plan, { cwd: project, env: { ...env, CR_NOW: '2026-11-27T15:00:00.000Z' } });
    expect(r.exitCode).toBe(0);
  });

  it('token budgets for subscription users', async () => {
    config({ daily: 500_000, unit: 'tokens', onExceed: 'block' });
    const r = await runCr(plan, { cwd: project, env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/600,000 of 500,000 tokens daily/);
  });

  it('a session cr started is in the budget summary when cr exits, and claude\'s exit code is kept', async () => {
    // A claude that writes its session's transcript (as the real one does) and exits 3.
    const claude = path.join(root, 'transcript-claude');
    writeFileSync(claude, `#!${process.execPath}
const fs = require('node:fs');
const id = process.argv[process.argv.indexOf('--session-id') + 1];
const dir = require('node:path').join(process.env.CLAUDE_CONFIG_DIR, 'projects', '-home-project');
fs.writeFileSync(dir + '/' + id + '.jsonl', ${JSON.stringify(assistantLine({ sessionId: 'SESSION', id: 'm-new', model: 'claude-sonnet-5-5', usage: { input: 1000, output: 10 }, timestamp: '2026-11-26T15:00:01.000Z' }))}.replace('SESSION', id) + '\\n');
process.exit(3);
`);
    chmodSync(claude, 0o755);
    config({ daily: 100, onExceed: 'block' });
    const r = await runCr(plan, { cwd: project, env: { ...env, CLAUDE_PATH: claude } });
    expect(r.exitCode).toBe(3);
    const sessionId = readFileSync(path.join(env.CR_HISTORY_FILE!), 'utf8').match(/"sessionId":"([0-9a-f-]{36})"/)![1]!;
    expect(existsSync(path.join(root, 'claude', 'projects', '-home-project', `${sessionId}.jsonl`))).toBe(true);
    // The summary the next launch reads already lists the new transcript.
    expect(readFileSync(path.join(env.CR_CACHE_DIR!, 'usage-summary.bin')).includes(`${sessionId}.jsonl`)).toBe(true);
  });

  it('--explain shows spend against the limit', async () => {
    config({ daily: 2, onExceed: 'downgrade' });
    const r = await runCr(['--explain', '--json', ...plan], { cwd: project, env });
    const d = JSON.parse(r.stdout) as { tier: string; rule: string; signals: { budget: Record<string, unknown> } };
    expect(d).toMatchObject({ tier: 'sonnet', rule: 'budget' });
    expect(d.signals.budget).toMatchObject({ state: 'exceeded', window: 'daily', spent: 3, limit: 2, unit: 'usd' });
    const text = await runCr(['--explain', ...plan], { cwd: project, env });
    expect(text.stdout).toMatch(/over the daily budget \(\$3\.00 of \$2\.00 daily\): opus → sonnet/);
    expect(readFileSync(path.join(root, 'claude', 'projects', '-home-project', 's1.jsonl'), 'utf8')).toContain('"s1"');
  });
});
