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

const ALL = [
  '--default-tier',
  'opus',
  '--opus-model',
  'claude-opus-4-7',
  '--hours',
  '09:00-18:00',
  '--days',
  'mon-fri',
  '--hours-max-tier',
  'sonnet',
  '--budget',
  '20',
  '--budget-period',
  'weekly',
  '--on-exceed',
  'ask',
  '--history-tasks',
  'truncate',
  '--ask',
  'low-confidence',
];

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
      schedule: [
        {
          name: 'working hours',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          from: '09:00',
          to: '18:00',
          maxTier: 'sonnet',
        },
      ],
      budget: { weekly: 20, unit: 'usd', onExceed: 'ask' },
    });
    expect(r.stdout).toContain(`wrote ${file}`);
    expect(r.stdout).toContain('"claude-opus-4-7"');
    const shown = await w.cr(['config', '--json']);
    expect(
      (JSON.parse(shown.stdout) as { sources: Record<string, { source: string }> }).sources['tiers.opus.model']!.source,
    ).toBe('project');
  });

  it('writes the global file (creating its directory) with --global --yes', async () => {
    const r = await w.cr(['init', '--global', '--yes']);
    expect(r.exitCode).toBe(0);
    expect(validateConfig(JSON.parse(readFileSync(w.globalFile, 'utf8'))).problems).toEqual([]);
    expect(existsSync(path.join(w.project, '.claude-router.json'))).toBe(false);
    // The next steps are commands as typed, each with cr.
    expect(r.stdout).toContain('(zsh: cr shell-init zsh, fish: cr shell-init fish | source)');
  });

  it('never overwrites an existing file without --force', async () => {
    const file = path.join(w.project, '.claude-router.json');
    writeFileSync(file, '{ "defaultTier": "haiku" }\n');
    const r = await w.cr(['init', '--project', '--yes']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      `${file} exists; not changing it (add --force to update it with these answers; settings cr init does not ask about are kept)`,
    );
    expect(readFileSync(file, 'utf8')).toBe('{ "defaultTier": "haiku" }\n');
    const forced = await w.cr(['init', '--project', '--yes', '--force', '--default-tier', 'opus']);
    expect(forced.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).defaultTier).toBe('opus');
  });

  it('--project will not hide a project config under another name (.claude-routerrc), even with --force', async () => {
    const rc = path.join(w.project, '.claude-routerrc');
    writeFileSync(rc, '{ "defaultTier": "haiku" }\n');
    for (const extra of [[], ['--force']]) {
      const r = await w.cr(['init', '--project', '--yes', ...extra]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(`${rc} is this project's config; a new .claude-router.json would be read instead`);
    }
    expect(existsSync(path.join(w.project, '.claude-router.json'))).toBe(false);
    expect(readFileSync(rc, 'utf8')).toBe('{ "defaultTier": "haiku" }\n');
    // The global file hides nothing: it is written.
    expect((await w.cr(['init', '--global', '--yes'])).exitCode).toBe(0);
  });

  it('--project will not write a file that package.json\'s "claude-router" key would keep from being read', async () => {
    const pkg = path.join(w.project, 'package.json');
    const text = '{ "name": "x", "claude-router": { "defaultTier": "haiku" } }\n';
    writeFileSync(pkg, text);
    const r = await w.cr(['init', '--project', '--yes', '--force']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${pkg} has a "claude-router" key, this project's config, which is read before`);
    expect(existsSync(path.join(w.project, '.claude-router.json'))).toBe(false);
    expect(readFileSync(pkg, 'utf8')).toBe(text);
    // A package.json without the key is no config: the file is written.
    writeFileSync(pkg, '{ "name": "x" }\n');
    expect((await w.cr(['init', '--project', '--yes'])).exitCode).toBe(0);
  });

  it('--force keeps what cr init does not ask about and what no flag changed; says what it kept', async () => {
    const before = {
      defaultTier: 'haiku',
      tiers: { haiku: { model: 'claude-haiku-4-5', profile: 'cheap' } },
      rules: [{ id: 'changelog', when: { pattern: 'changelog' }, tier: 'haiku' }, 'defaults'],
      profiles: { cheap: { baseUrl: 'https://example.test/api', keyEnv: 'CHEAP_KEY' } },
      budget: { weekly: 50, unit: 'usd', warnAt: 0.5, onExceed: 'cap:sonnet' },
      history: { tasks: 'truncate', truncateAt: 40 },
    };
    w.write(w.globalFile, before);
    const r = await w.cr(['init', '--global', '--yes', '--force', '--default-tier', 'opus']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`updated ${w.globalFile}`);
    expect(r.stdout).toContain('kept as they were: rules, profiles');
    const after = JSON.parse(readFileSync(w.globalFile, 'utf8')) as Record<string, unknown>;
    expect(after).toEqual({
      ...before,
      defaultTier: 'opus',
      tiers: {
        opus: { model: 'opus' },
        sonnet: { model: 'sonnet' },
        haiku: { model: 'claude-haiku-4-5', profile: 'cheap' },
      },
      ask: 'never',
    });
    // An explicit "none" removes the budget, and says so.
    const none = await w.cr(['init', '--global', '--yes', '--force', '--budget', 'none']);
    expect(none.stdout).toContain('removed by your answers: budget');
    expect(JSON.parse(readFileSync(w.globalFile, 'utf8'))).not.toHaveProperty('budget');
    expect(JSON.parse(readFileSync(w.globalFile, 'utf8')).rules).toEqual(before.rules);
  });

  it.each([
    ['cap:haiku', []],
    ['block', ['--budget-unit', 'usd']],
    ['ask', ['--budget-period', 'weekly']],
  ])(
    "--budget alone on a file's weekly budget (onExceed %s) keeps its period and onExceed",
    async (onExceed, extra) => {
      const file = w.write(path.join(w.project, '.claude-router.json'), { budget: { weekly: 50, onExceed } });
      const r = await w.cr(['init', '--project', '--yes', '--force', '--budget', '60', ...extra]);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(readFileSync(file, 'utf8')).budget).toEqual({ weekly: 60, unit: 'usd', onExceed });
      expect(r.stdout).not.toContain('removed by your answers');
    },
  );

  it("a budget flag overrides only its own setting: --on-exceed keeps the file's period and unit", async () => {
    const file = w.write(path.join(w.project, '.claude-router.json'), {
      budget: { monthly: 9_000_000, unit: 'tokens', warnAt: 0.5, onExceed: 'block' },
    });
    const r = await w.cr(['init', '--project', '--yes', '--force', '--budget', '8000000', '--on-exceed', 'ask']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).budget).toEqual({
      monthly: 8_000_000,
      unit: 'tokens',
      warnAt: 0.5,
      onExceed: 'ask',
    });
    expect(r.stdout).not.toContain('removed by your answers');
  });

  it('a new unit replaces the limit of the same period and reports only the other periods as removed', async () => {
    const file = w.write(path.join(w.project, '.claude-router.json'), {
      budget: { weekly: 50, monthly: 150, onExceed: 'block' },
    });
    const r = await w.cr(['init', '--project', '--yes', '--force', '--budget', '5000000', '--budget-unit', 'tokens']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).budget).toEqual({
      weekly: 5_000_000,
      unit: 'tokens',
      onExceed: 'block',
    });
    expect(r.stdout).toContain('removed by your answers: budget.monthly (in usd)\n');
  });

  it("--hours alone keeps the existing window's days and maxTier", async () => {
    const file = path.join(w.project, '.claude-router.json');
    const first = await w.cr([
      'init',
      '--project',
      '--yes',
      '--hours',
      '09:00-12:00',
      '--days',
      'sat,sun',
      '--hours-max-tier',
      'haiku',
    ]);
    expect(first.exitCode).toBe(0);
    const r = await w.cr(['init', '--project', '--yes', '--force', '--hours', '10:00-16:00']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).schedule).toEqual([
      { name: 'working hours', days: ['sat', 'sun'], from: '10:00', to: '16:00', maxTier: 'haiku' },
    ]);
    expect(r.stdout).not.toContain('removed by your answers');
    // Every day stays every day; a flag still changes only its own setting.
    w.write(file, { schedule: [{ name: 'working hours', from: '22:00', to: '06:00', maxTier: 'opus' }] });
    await w.cr(['init', '--project', '--yes', '--force', '--hours', '21:00-05:00', '--hours-max-tier', 'sonnet']);
    expect(JSON.parse(readFileSync(file, 'utf8')).schedule).toEqual([
      { name: 'working hours', from: '21:00', to: '05:00', maxTier: 'sonnet' },
    ]);
  });

  it('without a file the flag defaults are still the built-in ones', async () => {
    const r = await w.cr(['init', '--project', '--yes', '--hours', '09:00-17:00', '--budget', '5']);
    expect(r.exitCode).toBe(0);
    const written = JSON.parse(readFileSync(path.join(w.project, '.claude-router.json'), 'utf8'));
    expect(written.schedule).toEqual([
      {
        name: 'working hours',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        from: '09:00',
        to: '17:00',
        maxTier: 'sonnet',
      },
    ]);
    expect(written.budget).toEqual({ daily: 5, unit: 'usd', onExceed: 'downgrade' });
  });

  it('a project file may keep naming a profile of the global file', async () => {
    w.write(w.globalFile, { profiles: { cheap: { baseUrl: 'https://example.test/api' } } });
    const file = w.write(path.join(w.project, '.claude-router.json'), { tiers: { haiku: { profile: 'cheap' } } });
    const r = await w.cr(['init', '--project', '--yes', '--force']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).tiers.haiku).toEqual({ model: 'haiku', profile: 'cheap' });
  });

  it.each([
    ['invalid JSON', '{ "defaultTier": "haiku", }', /is not a valid config \(invalid JSON: /],
    [
      'an unknown key',
      '{ "defaultTeir": "haiku", "rules": ["defaults"] }\n',
      /is not a valid config \(defaultTeir: unknown key\)/,
    ],
    ['a bad value', '{ "budget": { "daily": 0 } }', /is not a valid config \(budget\.daily: /],
  ])('an existing file with %s is never rewritten: one line, exit 2', async (_name, text, message) => {
    w.write(w.globalFile, text);
    const r = await w.cr(['init', '--global', '--yes', '--force']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`cr: error: ${w.globalFile} is not a valid config`);
    expect(r.stderr).toContain('cr init does not rewrite it');
    expect(r.stdout).toBe('');
    expect(readFileSync(w.globalFile, 'utf8')).toBe(text);
  });

  it('without a terminal and with answers missing: exit 2, names the missing flags, writes nothing', async () => {
    const r = await w.cr(['init', '--project', '--default-tier', 'sonnet']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /cannot ask \(stdin is not a terminal\); missing --opus-model\/--sonnet-model\/--haiku-model, --hours, --budget, --history-tasks, --ask/,
    );
    expect(r.stderr).toMatch(/--yes/);
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(w.project, '.claude-router.json'))).toBe(false);
  });

  it.each([
    [['--hours', '9 to 5'], /--hours: expected working hours as HH:MM-HH:MM/],
    [['--default-tier', 'gpt'], /--default-tier.*opus, sonnet, haiku/],
    [['--global', '--project'], /choose one: --global or --project/],
    [
      ['--project', '--budget-period', 'weekly', '--on-exceed', 'block'],
      /^cr: error: --budget-period, --on-exceed need --budget <limit>\n$/,
    ],
    [['--hours-max-tier', 'haiku'], /^cr: error: --hours-max-tier needs --hours HH:MM-HH:MM\n$/],
    [['--days', 'xyz'], /^cr: error: --days: expected days as/],
    [['--days', 'mon-fri'], /^cr: error: --days needs --hours HH:MM-HH:MM\n$/],
    [['--hours', 'none', '--days', 'all'], /^cr: error: --days needs --hours HH:MM-HH:MM \(not --hours none\)\n$/],
    [['--budget', '0'], /^cr: error: --budget: expected a budget as a positive number or "none", got "0"\n$/],
    [['--budget', '5', '--on-exceed', 'cap:mega'], /--on-exceed.*cap:sonnet/],
  ])('bad answer %j: exit 2 with one clear line', async (args, message) => {
    const r = await w.cr(['init', '--yes', ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(w.globalFile)).toBe(false);
    expect(existsSync(path.join(w.project, '.claude-router.json'))).toBe(false);
  });

  it('--on-exceed takes the cap values the config takes', async () => {
    const r = await w.cr(['init', '--global', '--yes', '--budget', '5', '--on-exceed', 'cap:haiku']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(w.globalFile, 'utf8')).budget).toEqual({
      daily: 5,
      unit: 'usd',
      onExceed: 'cap:haiku',
    });
  });
});
