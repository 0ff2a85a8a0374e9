// Black-box: cr init without a terminal — flags for every answer, --yes, no silent overwrite, clear errors.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
});

const ALL = ['--default-tier', 'opus', '--opus-model', 'claude-opus-4-7', '--hours', '09:00-18:00', '--days', 'mon-fri', '--hours-max-tier', 'sonnet', '--budget', '20', '--budget-period', 'weekly', '--on-exceed', 'ask', '--history-tasks', 'truncate', '--ask', 'low-confidence'];

describe('cr init with flags (no terminal)', () => {
  it('writes a valid project file with every answer, shows it, and cr reads it', async () => {
    const r = await w.cr(['init', '--project', ...ALL]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const file = path.join(w.project, '.claude-router.json');
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(validateConfig(written).problems).toEqual([]);
    expect(written).toEqual({
      defaultTier: 'opus',
      tiers: { opus: { model: 'claude-opus-4-7' }, sonnet: { model: 'sonnet' }, haiku: { model: 'haiku' } },
      ask: 'low-confidence',
      history: { tasks: 'truncate' },
      schedule: [{ name: 'working hours', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00', maxTier: 'sonnet' }],
      budget: { weekly: 20, unit: 'usd', onExceed: 'ask' },
    });
    expect(r.stdout).toContain(`wrote ${file}`);
    expect(r.stdout).toContain('"claude-opus-4-7"');
    const shown = await w.cr(['config', '--json']);
    expect((JSON.parse(shown.stdout) as { sources: Record<string, { source: string }> }).sources['tiers.opus.model']!.source).toBe('project');
  });

  it('writes the global file (creating its directory) with --global --yes', async () => {
    const r = await w.cr(['init', '--global', '--yes']);
    expect(r.exitCode).toBe(0);
    expect(validateConfig(JSON.parse(readFileSync(w.globalFile, 'utf8'))).problems).toEqual([]);
    expect(existsSync(path.join(w.project, '.claude-router.json'))).toBe(false);
  });

  it('never overwrites an existing file without --force', async () => {
    const file = path.join(w.project, '.claude-router.json');
    writeFileSync(file, '{ "defaultTier": "haiku" }\n');
    const r = await w.cr(['init', '--project', '--yes']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${file} exists; not replacing it (add --force to replace it)`);
    expect(readFileSync(file, 'utf8')).toBe('{ "defaultTier": "haiku" }\n');
    const forced = await w.cr(['init', '--project', '--yes', '--force', '--default-tier', 'opus']);
    expect(forced.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).defaultTier).toBe('opus');
  });

  it('without a terminal and with answers missing: exit 2, names the missing flags, writes nothing', async () => {
    const r = await w.cr(['init', '--project', '--default-tier', 'sonnet']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/cannot ask \(stdin is not a terminal\); missing --opus-model\/--sonnet-model\/--haiku-model, --hours, --budget, --history-tasks, --ask/);
    expect(r.stderr).toMatch(/--yes/);
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(w.project, '.claude-router.json'))).toBe(false);
  });

  it.each([
    [['--hours', '9 to 5'], /--hours: expected working hours as HH:MM-HH:MM/],
    [['--default-tier', 'gpt'], /--default-tier.*opus, sonnet, haiku/],
    [['--global', '--project'], /choose one: --global or --project/],
  ])('bad answer %j: exit 2 with one clear line', async (args, message) => {
    const r = await w.cr(['init', '--yes', ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(w.globalFile)).toBe(false);
  });
});
