import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { environmentLayer, mergeLayers } from '../../src/config/load-config.js';
import { validateConfig } from '../../src/config/validate-config.js';

describe('validateConfig', () => {
  it('accepts the example config', async () => {
    const { readFileSync } = await import('node:fs');
    const example = JSON.parse(
      readFileSync(new URL('../../.claude-router.example.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(validateConfig(example).problems).toEqual([]);
  });

  it.each([
    [{ nope: 1 }, 'nope', 'unknown key'],
    [{ tiers: { opus: { model: 3 } } }, 'tiers.opus.model', ''],
    [{ tiers: { gpt: {} } }, 'tiers.gpt', 'unknown key'],
    [{ defaultTier: 'mega' }, 'defaultTier', ''],
    [{ schedule: [{ from: '25:00', to: '07:00', maxTier: 'haiku' }] }, 'schedule[0].from', 'HH:MM'],
    [{ schedule: [{ from: '22:00', to: '07:00' }] }, 'schedule[0]', 'at least one of'],
    [
      { schedule: [{ from: '22:00', to: '07:00', maxTier: 'haiku', timezone: 'Mars/Base' }] },
      'schedule[0].timezone',
      'unknown time zone',
    ],
    [{ tiers: { haiku: { profile: 'ghost' } } }, 'tiers.haiku.profile', 'no profile named "ghost"'],
    [{ rules: ['defaults', 'defaults'] }, 'rules[1]', 'listed twice'],
    [{ rules: ['magic'] }, 'rules[0]', 'built-in rule id'],
    [{ rules: [42] }, 'rules[0]', 'built-in rule id'],
    // A rule object's own problem names its key, not only that the entry is neither an id nor a rule.
    [{ rules: [{ id: 'r', when: {}, tier: 'big' }] }, 'rules[0].tier', 'expected one of'],
    [{ rules: [{ id: 'r', when: { classifiedAs: ['gpt'] }, tier: 'opus' }] }, 'rules[0].when.classifiedAs[0]', ''],
    [{ rules: ['defaults', { id: 'r', when: { print: 'yes' }, tier: 'opus' }] }, 'rules[1].when.print', 'boolean'],
    [{ rules: [{ id: 'r', when: {}, tier: 'opus', effort: 'max!' }] }, 'rules[0].effort', ''],
    [{ rules: [{ id: 'r', when: { nope: 1 }, tier: 'opus' }] }, 'rules[0].when.nope', 'unknown key'],
    // Rules no task could meet are refused, not accepted to never fire.
    [
      { rules: [{ id: 'r', when: { families: ['reveiw'] }, tier: 'opus' }] },
      'rules[0].when.families[0]',
      'no family "reveiw"',
    ],
    [{ rules: [{ id: 'r', when: { families: [] }, tier: 'opus' }] }, 'rules[0].when.families', 'never fire'],
    [{ rules: [{ id: 'r', when: { classifiedAs: [] }, tier: 'opus' }] }, 'rules[0].when.classifiedAs', 'never fire'],
    [
      { rules: [{ id: 'r', when: { minTokens: 900, maxTokens: 100 }, tier: 'opus' }] },
      'rules[0].when.minTokens',
      'above maxTokens 100',
    ],
    [{ budget: { daily: 10, onExceed: 'cap:gpt' } }, 'budget.onExceed', ''],
    [{ profiles: { p: { keyEnv: 'sk-live-123' } } }, 'profiles.p.keyEnv', 'environment variable name'],
    [[], '(root)', 'expected an object'],
  ])('%j → %s', (data, path, message) => {
    const { problems } = validateConfig(data);
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem!.message).toContain(message);
  });
});

describe('mergeLayers', () => {
  it('defaults < global < project < environment < flags, with the source of each value', () => {
    const merged = mergeLayers([
      {
        source: 'global',
        file: '/g.json',
        data: { tiers: { opus: { model: 'g-opus' }, haiku: { model: 'g-haiku' } }, ask: 'always' },
      },
      {
        source: 'project',
        file: '/p.json',
        data: { tiers: { haiku: { model: 'p-haiku' } }, schedule: [{ from: '22:00', to: '07:00', maxTier: 'haiku' }] },
      },
      { source: 'environment', data: environmentLayer({ CR_DEFAULT_TIER: 'haiku' }) },
      { source: 'flag', data: { ask: 'never' } },
    ]);
    expect(merged.config.tiers).toEqual({
      opus: { model: 'g-opus' },
      sonnet: { model: 'sonnet' },
      haiku: { model: 'p-haiku' },
    });
    expect(merged.config.defaultTier).toBe('haiku');
    expect(merged.config.ask).toBe('never');
    expect(merged.config.prices).toEqual(DEFAULT_CONFIG.prices);
    expect(merged.sources['tiers.opus.model']).toEqual({ source: 'global', file: '/g.json' });
    expect(merged.sources['tiers.haiku.model']).toEqual({ source: 'project', file: '/p.json' });
    expect(merged.sources['tiers.sonnet.model']).toEqual({ source: 'default' });
    expect(merged.sources.defaultTier).toEqual({ source: 'environment' });
    expect(merged.sources.ask).toEqual({ source: 'flag' });
    expect(merged.sources.schedule).toEqual({ source: 'project', file: '/p.json' });
  });

  it("docs/configuration.md lists the classifier's families, all of them", async () => {
    const { readFileSync } = await import('node:fs');
    const { TASK_FAMILIES } = await import('../../src/decide/classifier/families.js');
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    const listed = /"families" \(the classifier's: ([^)]*)\)/.exec(doc)?.[1];
    expect(listed?.split(', ').map((f) => f.replaceAll('`', ''))).toEqual([...TASK_FAMILIES]);
  });

  it('accepts a rule on every family the classifier names', async () => {
    const { TASK_FAMILIES } = await import('../../src/decide/classifier/families.js');
    const rules = [{ id: 'r', when: { families: [...TASK_FAMILIES], minTokens: 5, maxTokens: 5 }, tier: 'opus' }];
    expect(validateConfig({ rules }).problems).toEqual([]);
  });

  it('lists replace whole; they are not merged item by item', () => {
    const merged = mergeLayers([
      { source: 'global', data: { rules: [{ id: 'a', when: {}, tier: 'haiku' }, 'defaults'] } },
      { source: 'project', data: { rules: ['task-type'] } },
    ]);
    expect(merged.config.rules).toEqual(['task-type']);
  });

  it('does not mutate the defaults', () => {
    mergeLayers([{ source: 'project', data: { tiers: { opus: { model: 'changed' } } } }]);
    expect(DEFAULT_CONFIG.tiers.opus.model).toBe('opus');
  });

  it('rejects bad environment values', () => {
    expect(() => environmentLayer({ CR_DEFAULT_TIER: 'gpt' })).toThrow(/CR_DEFAULT_TIER/);
    expect(() => environmentLayer({ CR_LEARN: 'nah' })).toThrow('CR_LEARN: expected 0, false, 1 or true, got "nah"');
  });

  it('CR_LEARN turns learning off or on; unset or empty leaves the config as it is', () => {
    expect(environmentLayer({ CR_LEARN: '0' })).toEqual({ learn: false });
    expect(environmentLayer({ CR_LEARN: 'false' })).toEqual({ learn: false });
    expect(environmentLayer({ CR_LEARN: '1' })).toEqual({ learn: true });
    expect(environmentLayer({ CR_LEARN: 'true' })).toEqual({ learn: true });
    expect(environmentLayer({ CR_LEARN: '' })).toEqual({});
  });
});

describe('profiles across files', () => {
  it('a project file may name a profile the global file defines; an unknown one is still an error', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { loadConfig } = await import('../../src/config/load-config.js');
    const root = mkdtempSync(path.join(os.tmpdir(), 'cr-profiles-'));
    const home = path.join(root, 'home');
    const project = path.join(home, 'project');
    mkdirSync(project, { recursive: true });
    const globalConfigFile = path.join(root, 'config.json');
    writeFileSync(
      globalConfigFile,
      JSON.stringify({ profiles: { gw: { baseUrl: 'http://127.0.0.1:4000', keyEnv: 'GW_KEY' } } }),
    );
    writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify({ tiers: { haiku: { profile: 'gw' } } }));
    const options = { cwd: project, home, env: {}, globalConfigFile, trustFile: path.join(root, 'trust.json') };
    const loaded = await loadConfig(options);
    expect(loaded.config.tiers.haiku.profile).toBe('gw');
    expect(loaded.untrusted).toBeUndefined();
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ tiers: { haiku: { profile: 'nowhere' } } }),
    );
    await expect(loadConfig(options)).rejects.toThrow(/tiers\.haiku\.profile: no profile named "nowhere"/);
  });

  it('validateConfig accepts inherited profile names', () => {
    expect(validateConfig({ fallbackProfile: 'gw' }).problems).toHaveLength(1);
    expect(validateConfig({ fallbackProfile: 'gw' }, new Set(['gw'])).problems).toEqual([]);
  });
});

describe('findProjectConfigFile', () => {
  it('takes the nearest directory, names in cosmiconfig order, package.json only with a claude-router key, up to home', async () => {
    const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { findProjectConfigFile } = await import('../../src/config/load-config.js');
    const root = mkdtempSync(path.join(os.tmpdir(), 'cr-find-'));
    try {
      const home = path.join(root, 'home');
      const project = path.join(home, 'code', 'project');
      const deep = path.join(project, 'src', 'deep');
      mkdirSync(deep, { recursive: true });
      expect(findProjectConfigFile(deep, home)).toBeUndefined();
      // Above home is never looked at.
      writeFileSync(path.join(root, '.claude-router.json'), '{}');
      expect(findProjectConfigFile(deep, home)).toBeUndefined();
      writeFileSync(path.join(home, '.claude-routerrc.yaml'), '');
      expect(findProjectConfigFile(deep, home)).toBe(path.join(home, '.claude-routerrc.yaml'));
      // A package.json without the key (or a folder named package.json) is not a config file.
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'x' }));
      mkdirSync(path.join(project, 'src', 'package.json'));
      expect(findProjectConfigFile(deep, home)).toBe(path.join(home, '.claude-routerrc.yaml'));
      writeFileSync(path.join(project, 'claude-router.config.ts'), '');
      expect(findProjectConfigFile(deep, home)).toBe(path.join(project, 'claude-router.config.ts'));
      writeFileSync(path.join(project, '.claude-routerrc'), '');
      expect(findProjectConfigFile(deep, home)).toBe(path.join(project, '.claude-routerrc'));
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'x', 'claude-router': {} }));
      expect(findProjectConfigFile(deep, home)).toBe(path.join(project, 'package.json'));
      writeFileSync(path.join(deep, 'claude-router.config.cjs'), '');
      expect(findProjectConfigFile(deep, home)).toBe(path.join(deep, 'claude-router.config.cjs'));
      // Anything else under a config file's name is found, so that reading it says what is wrong.
      mkdirSync(path.join(deep, '.claude-router.json'));
      expect(findProjectConfigFile(deep, home)).toBe(path.join(deep, '.claude-router.json'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
