import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeClaude } from '../support/fake-claude.js';
import { runCr } from '../support/run-cr.js';
import { useWorld } from '../support/world.js';

let fake: FakeClaude;
let root: string;
let project: string;
let env: NodeJS.ProcessEnv;

useWorld((w) => {
  ({ fake, root, project, env } = w);
});

const GOOD =
  'expect\ttask\nhaiku\tconvert this CSV to JSON\nopus\treview this pull request for correctness and security issues\nsonnet\twrite unit tests for the date utils\n';

describe('cr check', () => {
  it('all agree: a summary line, exit 0', async () => {
    writeFileSync(path.join(project, 'tasks.tsv'), GOOD);
    const r = await runCr(['check', 'tasks.tsv'], { cwd: project, env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(
      '✓ 3/3 agree (100.0%, need 100.0%) · recall haiku 1/1, sonnet 1/1, opus 1/1 · 0 severe',
    );
  });

  it('a disagreement is printed with its explanation; below --min exits 1, at or above passes', async () => {
    writeFileSync(path.join(project, 'tasks.tsv'), `${GOOD}opus\tconvert this YAML to TOML\n`);
    const r = await runCr(['check', 'tasks.tsv'], { cwd: project, env });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/✗ tasks\.tsv:5 expected opus, cr picks haiku \(severe\)  convert this YAML to TOML/);
    expect(r.stdout).toMatch(/why .+/);
    expect(r.stdout).toMatch(/3\/4 agree \(75\.0%, need 100\.0%\).* 1 severe/);
    expect((await runCr(['check', 'tasks.tsv', '--min', '75'], { cwd: project, env })).exitCode).toBe(0);
    const json = JSON.parse(
      (await runCr(['check', 'tasks.tsv', '--json', '--min', '80%'], { cwd: project, env })).stdout,
    );
    expect(json).toMatchObject({
      total: 4,
      agreed: 3,
      severe: 1,
      passed: false,
      min: 0.8,
      minPercent: 80,
      agreement: 0.75,
      agreementPercent: 75,
    });
    expect(json.disagreements[0]).toMatchObject({ line: 5, expect: 'opus', tier: 'haiku' });
  });

  it('with no file it checks the examples in config, so custom rules count', async () => {
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({
        rules: [{ id: 'yaml-is-opus', when: { pattern: 'yaml' }, tier: 'opus' }, 'defaults'],
        examples: [
          { task: 'convert this YAML to TOML', expect: 'opus' },
          { task: 'convert this CSV to JSON', expect: 'haiku' },
        ],
      }),
    );
    const r = await runCr(['check'], { cwd: project, env });
    expect(r.stdout).toMatch(/2\/2 agree/);
    expect(r.exitCode).toBe(0);
  });

  it('says when a schedule window lowered tasks at this time of day, and how many', async () => {
    writeFileSync(path.join(project, 'tasks.tsv'), GOOD);
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ schedule: [{ name: 'night', from: '22:00', to: '07:00', timezone: 'UTC', maxTier: 'sonnet' }] }),
    );
    const at = (time: string) => ({ cwd: project, env: { ...env, CR_NOW: `2026-11-26T${time}Z` } });
    const night = await runCr(['check', 'tasks.tsv'], at('23:30:00'));
    expect(night.exitCode).toBe(1);
    expect(night.stdout).toContain(
      'note: schedule "night" 22:00–07:00 UTC lowered 1 of these tasks at this time of day; outside it the result differs',
    );
    expect(JSON.parse((await runCr(['check', 'tasks.tsv', '--json'], at('23:30:00'))).stdout).loweredBySchedule).toBe(
      1,
    );
    const day = await runCr(['check', 'tasks.tsv'], at('12:00:00'));
    expect(day.exitCode).toBe(0);
    expect(day.stdout).not.toContain('note:');
  });

  it('bad input is a usage error (exit 2) naming the line', async () => {
    writeFileSync(path.join(project, 'bad.tsv'), 'opus\treview\nmega\tx\n');
    const r = await runCr(['check', 'bad.tsv'], { cwd: project, env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/bad\.tsv: line 2: expected "opus", "sonnet" or "haiku"/);
    expect((await runCr(['check', 'missing.tsv'], { cwd: project, env })).exitCode).toBe(2);
    expect((await runCr(['check'], { cwd: project, env })).stderr).toMatch(/nothing to check/);
    expect((await runCr(['check', 'bad.tsv', '--min', 'lots'], { cwd: project, env })).exitCode).toBe(2);
  });

  it('"check the login flow" as one argument is a task, not the subcommand', async () => {
    const r = await runCr(['--dry-run', '--json', 'check the login flow'], { cwd: project, env });
    expect(JSON.parse(r.stdout).args.at(-1)).toBe('check the login flow');
    const launched = await runCr(['check the login flow'], {
      cwd: project,
      env: { ...env, FAKE_CLAUDE_LOG: path.join(root, 'c.json') },
    });
    expect(launched.exitCode).toBe(0);
    expect((await fake.readCall(path.join(root, 'c.json'))).argv.at(-1)).toBe('check the login flow');
  });

  it('--min is a percentage: a fraction-looking value is refused with the percentage to write', async () => {
    writeFileSync(path.join(project, 'tasks.tsv'), `${GOOD}opus\tconvert this YAML to TOML\n`);
    for (const [value, hint] of [
      ['0.9', '--min 90'],
      ['.5', '--min 50'],
      ['1.0', '--min 100'],
    ] as const) {
      const r = await runCr(['check', 'tasks.tsv', '--min', value], { cwd: project, env });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`write ${hint}`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const pct = await runCr(['check', 'tasks.tsv', '--min', '0.9%'], { cwd: project, env });
    expect(pct.exitCode).toBe(0);
    expect(pct.stdout).toMatch(/need 0\.9%/);
    for (const value of ['', '101', '-5', '90%%', '1e2']) {
      expect((await runCr(['check', 'tasks.tsv', '--min', value], { cwd: project, env })).exitCode).toBe(2);
    }
    expect((await runCr(['check', 'tasks.tsv', '--min', '0'], { cwd: project, env })).exitCode).toBe(0);
  });

  it('a line with no tab is reported as such', async () => {
    writeFileSync(path.join(project, 'bad.tsv'), 'expect\ttask\nhaiku convert this CSV to JSON\nopus\n');
    const r = await runCr(['check', 'bad.tsv'], { cwd: project, env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/bad\.tsv: line 2: no tab/);
    expect(r.stderr).toMatch(/bad\.tsv: line 3: no tab/);
    expect(r.stderr).not.toMatch(/after the tab/);
  });

  it('cr --config FILE check uses that config, as cr check --config FILE does', async () => {
    const config = path.join(root, 'team.json');
    writeFileSync(
      config,
      JSON.stringify({
        rules: [{ id: 'yaml-is-opus', when: { pattern: 'yaml' }, tier: 'opus' }, 'defaults'],
        examples: [{ task: 'convert this YAML to TOML', expect: 'opus' }],
      }),
    );
    for (const args of [
      ['--config', config, 'check'],
      [`--config=${config}`, 'check'],
      ['check', '--config', config],
    ]) {
      const r = await runCr(args, {
        cwd: project,
        env: { ...env, FAKE_CLAUDE_LOG: path.join(root, 'must-not-run.json') },
      });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/1\/1 agree/);
    }
    expect(existsSync(path.join(root, 'must-not-run.json'))).toBe(false);
  });
});
