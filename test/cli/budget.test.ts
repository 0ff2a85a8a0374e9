// The budget ceiling at launch: real spend from transcripts, against config limits.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const config = (budget: unknown) =>
  writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify({ budget }));
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

  it('block holds a tier flag too, and --explain says to change the budget, not to add a flag', async () => {
    config({ daily: 2, onExceed: 'block' });
    expect((await runCr(['--opus', 'fix the parser'], { cwd: project, env })).exitCode).toBe(1);
    expect(existsSync(log)).toBe(false);
    const explained = await runCr(['--explain', 'fix the parser'], { cwd: project, env });
    expect(explained.stdout).toMatch(
      /to change\s+nothing starts while over the daily budget: .*; raise budget\.daily or change budget\.onExceed/,
    );
    expect(explained.stdout).not.toMatch(/add --(sonnet|opus|haiku)/);
  });

  it('block holds cr up too: nothing starts or is recorded; --dry-run says it would not start', async () => {
    expect((await runCr(['--haiku', 'convert this CSV to JSON'], { cwd: project, env })).exitCode).toBe(0);
    const before = readFileSync(env.CR_HISTORY_FILE!, 'utf8');
    rmSync(log, { force: true });
    config({ daily: 2, onExceed: 'block' });
    const up = await runCr(['up', '--to', 'opus'], { cwd: project, env });
    expect(up.exitCode).toBe(1);
    expect(up.stderr).toBe('cr: error: not starting claude: over the daily budget: $3.00 of $2.00 daily\n');
    expect(existsSync(log)).toBe(false);
    expect(readFileSync(env.CR_HISTORY_FILE!, 'utf8')).toBe(before);
    const dry = await runCr(['up', '--dry-run'], { cwd: project, env });
    expect(dry.exitCode).toBe(0);
    expect(dry.stderr).toContain('so claude would not start (onExceed "block")');
  });

  it('downgrade: steps down one tier; cap:haiku caps', async () => {
    config({ daily: 2, onExceed: 'downgrade' });
    await runCr(plan, { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(0, 2)).toEqual(['--model', 'sonnet']);
    config({ daily: 2, onExceed: 'cap:haiku' });
    await runCr(plan, { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(0, 2)).toEqual(['--model', 'haiku']);
  });

  it("going over says so: one stderr line when the budget lowers the tier, in the warnAt line's style", async () => {
    config({ daily: 2, onExceed: 'downgrade' });
    const down = await runCr(plan, { cwd: project, env });
    expect(down.exitCode).toBe(0);
    expect(down.stderr).toBe('cr: budget: $3.00 of $2.00 daily spent: opus → sonnet (onExceed "downgrade")\n');
    config({ daily: 2, onExceed: 'cap:haiku' });
    const capped = await runCr(plan, { cwd: project, env });
    expect(capped.stderr).toBe('cr: budget: $3.00 of $2.00 daily spent: opus → haiku (onExceed "cap:haiku")\n');
  });

  it('a small limit shows with enough precision to read: $0.004, not $0.00', async () => {
    config({ daily: 0.004, onExceed: 'downgrade' });
    const r = await runCr(plan, { cwd: project, env });
    expect(r.stderr).toBe('cr: budget: $3.00 of $0.004 daily spent: opus → sonnet (onExceed "downgrade")\n');
  });

  it('no budget line when the budget did not move the tier: a pick already under the cap, a tier flag, under the limit', async () => {
    config({ daily: 2, onExceed: 'cap:sonnet' });
    const under = await runCr(['write unit tests for the date utils'], { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(0, 2)).not.toEqual(['--model', 'opus']);
    expect(under.stderr).toBe('');
    config({ daily: 2, onExceed: 'downgrade' });
    const flagged = await runCr(['--opus', ...plan], { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(0, 2)).toEqual(['--model', 'opus']);
    expect(flagged.stderr).toBe('');
    config({ daily: 10, onExceed: 'downgrade' });
    expect((await runCr(plan, { cwd: project, env })).stderr).toBe('');
  });

  it("a schedule window's cap stays quiet at launch (the configured routine); --explain says how to lift it", async () => {
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ schedule: [{ name: 'day', from: '00:00', to: '23:59', maxTier: 'sonnet' }] }),
    );
    const r = await runCr(plan, { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(0, 2)).toEqual(['--model', 'sonnet']);
    expect(r.stderr).toBe('');
    const text = await runCr(['--explain', 'audit the payment service for injection vulnerabilities'], {
      cwd: project,
      env,
    });
    expect(text.stdout).toMatch(
      /\nto change schedule "day" 00:00–23:59 caps opus at sonnet\n +add --opus to run it on opus anyway \(a tier flag overrides the schedule cap\)\n/,
    );
    expect(text.stdout).not.toMatch(/say why it is hard/);
  });

  it('--dry-run over a blocking budget prints the command, warns that claude would not start, exits 0', async () => {
    config({ daily: 2, onExceed: 'block' });
    const r = await runCr(['--dry-run', ...plan], { cwd: project, env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/--model opus/);
    expect(r.stderr).toBe(
      'cr: warning: over the daily budget: $3.00 of $2.00 daily, so claude would not start (onExceed "block")\n',
    );
    expect(existsSync(log)).toBe(false);
    config({ daily: 2, onExceed: 'ask' });
    const ask = await runCr(['--dry-run', ...plan], { cwd: project, env });
    expect(ask.exitCode).toBe(0);
    // No terminal here: nothing could ask, so the launch would refuse, and the dry run says that.
    expect(ask.stderr).toMatch(
      /^cr: warning: over the daily budget: .*, so claude would not start here \(stdin is not a terminal, so nothing can ask for the tier; onExceed "ask"\): choose it with --opus, --sonnet or --haiku\n$/,
    );
    expect((await runCr(plan, { cwd: project, env })).exitCode).toBe(1);
    config({ daily: 2, onExceed: 'downgrade' });
    const lowered = await runCr(['--dry-run', ...plan], { cwd: project, env });
    expect(lowered.stdout).toMatch(/--model sonnet/);
    expect(lowered.stderr).toBe('cr: budget: $3.00 of $2.00 daily spent: opus → sonnet (onExceed "downgrade")\n');
    // Under the limit a dry run says nothing.
    config({ daily: 10, onExceed: 'block' });
    expect((await runCr(['--dry-run', ...plan], { cwd: project, env })).stderr).toBe('');
  });

  it('--explain over the budget: the hint names the flag that overrides it and the settings that lift it', async () => {
    config({ daily: 2, onExceed: 'cap:haiku' });
    const r = await runCr(['--explain', 'audit the payment service for injection vulnerabilities'], {
      cwd: project,
      env,
    });
    expect(r.stdout).toMatch(
      /\nto change over the budget \(\$3\.00 of \$2\.00 daily\), onExceed "cap:haiku" moved opus to haiku\n +add --opus to run it on opus anyway \(a tier flag overrides the budget\)\n +or raise budget\.daily or change budget\.onExceed in config\n/,
    );
    expect(r.stdout).not.toMatch(/add --sonnet/);
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

  it("a session cr started is in the budget summary when cr exits, and claude's exit code is kept", async () => {
    // A claude that writes its session's transcript (as the real one does) and exits 3.
    const claude = path.join(root, 'transcript-claude');
    writeFileSync(
      claude,
      `#!${process.execPath}
const fs = require('node:fs');
const id = process.argv[process.argv.indexOf('--session-id') + 1];
const dir = require('node:path').join(process.env.CLAUDE_CONFIG_DIR, 'projects', '-home-project');
fs.writeFileSync(dir + '/' + id + '.jsonl', ${JSON.stringify(assistantLine({ sessionId: 'SESSION', id: 'm-new', model: 'claude-sonnet-5-5', usage: { input: 1000, output: 10 }, timestamp: '2026-11-26T15:00:01.000Z' }))}.replace('SESSION', id) + '\\n');
process.exit(3);
`,
    );
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
