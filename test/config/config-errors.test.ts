// Config files that cannot be used: every one is exit 2 with one line naming the file and the
// reason (unreadable, YAML syntax), every bad key of a file at once; and partial price entries,
// which merge with the default of their family instead of being errors.
import fs, { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECKED_CONFIGS_FILE } from '../../src/config/checked-configs.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { loadConfig, mergeLayers, readFailure } from '../../src/config/load-config.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { CrError, EXIT } from '../../src/errors.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
});

afterEach(() => {
  vi.restoreAllMocks();
});

const isRoot = process.getuid?.() === 0;
const options = () => ({
  cwd: w.project,
  home: w.home,
  env: {},
  globalConfigFile: w.globalFile,
  trustFile: path.join(w.root, 'trust.json'),
});

/** The CrError loadConfig rejects with (fails the test when it resolves or throws something else). */
async function configError(promise: Promise<unknown>): Promise<CrError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrError);
  expect((error as CrError).exitCode).toBe(EXIT.usage);
  expect((error as CrError).message).not.toContain('\n');
  return error as CrError;
}

describe('a config file that cannot be read is a config error naming it', () => {
  it('the global file is a directory (EISDIR)', async () => {
    mkdirSync(w.globalFile, { recursive: true });
    const error = await configError(loadConfig(options()));
    expect(error.message).toBe(`cannot read config file ${w.globalFile}: it is a directory`);
  });

  it('--config names a directory, JSON or YAML (cosmiconfig reads the YAML)', async () => {
    for (const name of ['dir.json', 'dir.yaml']) {
      const dir = path.join(w.root, name);
      mkdirSync(dir);
      const error = await configError(loadConfig({ ...options(), explicitFile: dir }));
      expect(error.message).toBe(`cannot read config file ${dir}: it is a directory`);
    }
  });

  it.each([
    ['EACCES', 'permission denied'],
    ['EIO', 'input/output error'],
    ['EWHATEVER', 'something odd'],
  ])('the project file found by the search fails to read with %s', async (code, reason) => {
    const file = w.write(path.join(w.project, '.claude-router.json'), { defaultTier: 'haiku' });
    const real = fs.readFileSync;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, o?: unknown) => {
      if (p === file)
        throw Object.assign(new Error(`${code}: something odd, open '${file}'`), { code, syscall: 'open' });
      return real(p, o as BufferEncoding);
    }) as typeof fs.readFileSync);
    const error = await configError(loadConfig(options()));
    expect(error.message).toBe(`cannot read config file ${file}: ${reason}`);
  });

  it('readFailure: a file gone since it was found is "not found"', () => {
    const error = readFailure('/x/c.json', Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
    expect(error.message).toBe('config file not found: /x/c.json');
    expect(error.exitCode).toBe(EXIT.usage);
  });
});

describe('a broken project config found by the search is a config error naming it, never ignored', () => {
  it("a directory under a config file's name", async () => {
    const dir = path.join(w.project, '.claude-router.json');
    mkdirSync(dir);
    const error = await configError(loadConfig(options()));
    expect(error.message).toBe(`cannot read config file ${dir}: it is a directory`);
  });

  it("a FIFO under a config file's name is not opened (it would block)", async () => {
    const fifo = path.join(w.project, '.claude-routerrc');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return; // no mkfifo here
    const error = await configError(loadConfig(options()));
    expect(error.message).toBe(`cannot read config file ${fifo}: not a regular file`);
  });

  it('an invalid package.json that holds the key', async () => {
    const pkg = w.write(
      path.join(w.project, 'package.json'),
      '{"name": "x", "claude-router": {"defaultTier": "haiku"},}',
    );
    const error = await configError(loadConfig(options()));
    expect(error.message).toMatch(new RegExp(`^${pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: invalid JSON: `));
  });

  it('a problem in package.json names the "claude-router" key it is under', async () => {
    const pkg = w.write(path.join(w.project, 'package.json'), { name: 'x', 'claude-router': { defaultTier: 'mega' } });
    const error = await configError(loadConfig(options()));
    expect(error.message.startsWith(`invalid config in ${pkg}: claude-router.defaultTier: `)).toBe(true);
    w.write(pkg, { name: 'x', 'claude-router': 5 });
    expect((await configError(loadConfig(options()))).message).toMatch(/: claude-router: expected an object/);
  });

  it('an unreadable package.json (it might hold the key)', async () => {
    const pkg = w.write(path.join(w.project, 'package.json'), { name: 'x', 'claude-router': { defaultTier: 'haiku' } });
    const real = fs.readFileSync;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, o?: unknown) => {
      if (p === pkg)
        throw Object.assign(new Error(`EACCES: permission denied, open '${pkg}'`), { code: 'EACCES', syscall: 'open' });
      return real(p, o as BufferEncoding);
    }) as typeof fs.readFileSync);
    const error = await configError(loadConfig(options()));
    expect(error.message).toBe(`cannot read config file ${pkg}: permission denied`);
  });

  it("a package.json without the key, broken or not, is not cr's: the search goes on", async () => {
    w.write(path.join(w.project, 'package.json'), '{"name": "x",');
    w.write(path.join(w.home, '.claude-router.json'), { defaultTier: 'haiku' });
    expect((await loadConfig(options())).config.defaultTier).toBe('haiku');
  });

  it.each([
    ['JSON', '.claude-router.json', `{"tiers": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['JSON in package.json', 'package.json', `{"claude-router": {"rules": ${'['.repeat(5_000)}${']'.repeat(5_000)}}}`],
    ['YAML', '.claude-routerrc.yaml', `rules: ${'['.repeat(50)}${']'.repeat(50)}\n`],
  ])('deep nesting (%s): exit 2 naming the file, no stack overflow', async (_kind, name, text) => {
    const file = w.write(path.join(w.project, name), text);
    const error = await configError(loadConfig(options()));
    expect(error.message).toBe(`invalid config in ${file}: nested more than 32 levels deep`);
  });

  it('a YAML alias bomb: exit 2 naming the file, without expanding it', async () => {
    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`,
      );
    }
    const file = w.write(path.join(w.project, '.claude-routerrc.yaml'), `${levels.join('\n')}\n`);
    const error = await configError(loadConfig(options()));
    expect(error.message).toBe(`invalid config in ${file}: more than 100000 values`);
  });
});

describe('YAML errors', () => {
  it.each([
    ['defaultTier: [haiku\n', 'line 2, column 1: unexpected end of the stream within a flow collection'],
    ['a: 1\n  b: 2\n', 'line 2, column 4: bad indentation of a mapping entry'],
  ])('%j: one line with the place and the reason', async (text, where) => {
    const file = w.write(path.join(w.project, '.claude-routerrc'), text);
    const error = await configError(loadConfig(options()));
    expect(error.message).toBe(`invalid YAML in ${file} at ${where}`);
  });
});

describe('empty and null files mean "no settings"', () => {
  it.each([
    ['.claude-router.json', ''],
    ['.claude-router.json', 'null\n'],
    ['.claude-routerrc.yaml', ''],
    ['.claude-routerrc.yaml', '# only a comment\n'],
    ['.claude-routerrc.yaml', 'null\n'],
    ['.claude-routerrc', '~\n'],
  ])('%s %j', async (name, text) => {
    w.write(path.join(w.project, name), text);
    const loaded = await loadConfig(options());
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
  });

  it.each(['[]', '3', '"opus"', 'true'])('%s is still an error', async (text) => {
    const file = w.write(path.join(w.project, '.claude-router.json'), text);
    const error = await configError(loadConfig(options()));
    expect(error.message).toBe(`invalid config in ${file}: (root): expected an object of settings`);
  });
});

describe('every problem of a file at once', () => {
  it('schema problems and the checks beyond the schema come out together', () => {
    const { config, problems } = validateConfig({
      nope: 1,
      tiers: { haiku: { profile: 'ghost' } },
      rules: [
        { id: 'a', when: { pattern: '(' }, tier: 'haiku' },
        { id: 'a', when: {}, tier: 'mega' },
      ],
      schedule: [{ from: '22:00', to: '7', timezone: 'Mars/Base' }],
      prices: { gpt: { input: 1 } },
    });
    expect(config).toBeUndefined();
    expect(problems.map((p) => p.path).sort()).toEqual([
      'nope',
      'prices.gpt.output',
      'rules[0].when.pattern',
      'rules[1].id',
      'rules[1].tier',
      'schedule[0]',
      'schedule[0].timezone',
      'schedule[0].to',
      'tiers.haiku.profile',
    ]);
  });

  it('one problem a key path: a value the schema rejects is not checked again', () => {
    expect(validateConfig({ fallbackProfile: '' }).problems).toHaveLength(1);
    expect(validateConfig({ tiers: { haiku: { profile: 3 } } }).problems).toHaveLength(1);
    expect(
      validateConfig({ schedule: [{ from: '22:00', to: '07:00', maxTier: 'haiku', timezone: 5 }] }).problems,
    ).toHaveLength(1);
  });

  it('checks beyond the schema still run on shapes the schema rejects, without throwing', () => {
    for (const data of [
      { rules: 'x' },
      { rules: [null, 3, { when: 'x' }] },
      { schedule: [null, 'x'] },
      { tiers: [] },
      { prices: { gpt: 3 } },
      { profiles: 'x', fallbackProfile: 'p' },
    ]) {
      expect(() => validateConfig(data)).not.toThrow();
      expect(validateConfig(data).problems.length).toBeGreaterThan(0);
    }
  });
});

describe('partial price entries', () => {
  it('are valid for a family or a model id of one, and the check adds nothing to the file', () => {
    const data = { prices: { opus: { input: 6 }, 'claude-sonnet-4-5': { output: 1 }, haiku: { cacheRead: 0.2 } } };
    const { config, problems } = validateConfig(structuredClone(data));
    expect(problems).toEqual([]);
    expect(config).toEqual(data);
  });

  it('need input and output for a model of no known family', () => {
    const { problems } = validateConfig({ prices: { 'gpt-5': {} } });
    expect(problems.map((p) => p.path)).toEqual(['prices.gpt-5.input', 'prices.gpt-5.output']);
    expect(problems[0]!.message).toMatch(/no default price/);
    expect(validateConfig({ prices: { 'gpt-5': { input: 1, output: 2 } } }).problems).toEqual([]);
  });

  it('merge with the default of their family; a model id takes the merged family entry', () => {
    const merged = mergeLayers([
      { source: 'global', data: { prices: { sonnet: { input: 4, output: 20 } } } },
      {
        source: 'project',
        data: {
          prices: {
            opus: { input: 6 },
            'claude-sonnet-4-5': { output: 1 },
            'claude-opus-4-7': { input: 2, output: 9 },
          },
        },
      },
    ]);
    expect(merged.config.prices.opus).toEqual({ ...DEFAULT_CONFIG.prices.opus, input: 6 });
    expect(merged.config.prices.sonnet).toEqual({ ...DEFAULT_CONFIG.prices.sonnet, input: 4, output: 20 });
    expect(merged.config.prices['claude-sonnet-4-5']).toEqual({ input: 4, output: 1 });
    // A complete entry is used as written.
    expect(merged.config.prices['claude-opus-4-7']).toEqual({ input: 2, output: 9 });
    expect(merged.sources['prices.opus.input']).toEqual({ source: 'project' });
    expect(merged.sources['prices.opus.output']).toEqual({ source: 'default' });
    expect(DEFAULT_CONFIG.prices.opus!.input).toBe(5);
  });

  it('an entry with nothing to merge with that got past validation is still a config error', () => {
    expect(() => mergeLayers([{ source: 'flag', data: { prices: { 'gpt-5': { input: 1 } } } }])).toThrow(
      /prices\.gpt-5: needs both input and output/,
    );
  });
});

describe('the built cr', () => {
  const oneLine = (stderr: string) => {
    expect(stderr).not.toMatch(/CR_DEBUG|\n\s+at /);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  };

  it('an unreadable global file: exit 2, one line naming it', async () => {
    mkdirSync(w.globalFile, { recursive: true });
    const r = await w.cr(['--dry-run', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`cr: error: cannot read config file ${w.globalFile}: it is a directory`);
    oneLine(r.stderr);
  });

  it.skipIf(isRoot)('a project file without read permission: exit 2, one line naming it', async () => {
    const file = w.write(path.join(w.project, '.claude-router.json'), { defaultTier: 'haiku' });
    chmodSync(file, 0o000);
    try {
      const r = await w.cr(['--dry-run', 'x']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`cr: error: cannot read config file ${file}: permission denied`);
      oneLine(r.stderr);
    } finally {
      chmodSync(file, 0o600);
    }
  });

  it('a YAML syntax error: exit 2, the place and the reason, the file untouched', async () => {
    const text = 'defaultTier: [haiku\n';
    const file = w.write(path.join(w.project, '.claude-routerrc'), text);
    const before = statSync(file).mtimeMs;
    const r = await w.cr(['--dry-run', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      `cr: error: invalid YAML in ${file} at line 2, column 1: unexpected end of the stream within a flow collection`,
    );
    oneLine(r.stderr);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it("a broken package.json is named when it holds the key, and is none of cr's business otherwise", async () => {
    const pkg = w.write(path.join(w.project, 'package.json'), '{"name":"x",}');
    w.write(path.join(w.project, '.claude-routerrc.yaml'), 'defaultTier: haiku\n');
    const other = await w.cr(['--explain', 'x']);
    expect(other.exitCode, other.stderr).toBe(0);
    expect(other.stdout).toContain('haiku');
    w.write(pkg, '{"name":"x", "claude-router": {"defaultTier": "haiku"},}');
    const r = await w.cr(['--dry-run', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`cr: error: ${pkg}: invalid JSON: `);
    oneLine(r.stderr);
  });

  it('every bad key path of a file in one run, the file untouched', async () => {
    const text = JSON.stringify({
      nope: 1,
      rules: [{ id: 'a', when: { pattern: '(' }, tier: 'haiku' }],
      schedule: [{ from: '22:00', to: '07:00', maxTier: 'haiku', timezone: 'Mars/Base' }],
    });
    const file = w.write(path.join(w.project, '.claude-router.json'), text);
    const r = await w.cr(['--dry-run', 'x']);
    expect(r.exitCode).toBe(2);
    for (const key of [
      'nope: unknown key',
      'rules[0].when.pattern: not a valid regular expression',
      'schedule[0].timezone: unknown time zone "Mars/Base"',
    ]) {
      expect(r.stderr).toContain(`${file}: ${key}`);
    }
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a partial price entry is used merged, first checked and then remembered', async () => {
    const file = w.write(path.join(w.project, '.claude-router.json'), {
      prices: { opus: { input: 6 }, 'claude-sonnet-4-5': { output: 1 } },
    });
    const text = readFileSync(file, 'utf8');
    // A check that passes writes the list of checked files anew: a run that leaves it alone did not check.
    const list = path.join(w.env.CR_CACHE_DIR!, CHECKED_CONFIGS_FILE);
    const listStamp = () => (existsSync(list) ? `${statSync(list).ino} ${statSync(list).mtimeMs}` : 'none');
    const runs = [];
    const checked = [];
    for (let i = 0; i < 2; i++) {
      const before = listStamp();
      runs.push(await w.cr(['config', '--json']));
      checked.push(listStamp() !== before);
    }
    for (const r of runs) {
      expect(r.exitCode).toBe(0);
      const prices = (JSON.parse(r.stdout) as { config: { prices: Record<string, unknown> } }).config.prices;
      expect(prices.opus).toEqual({ ...DEFAULT_CONFIG.prices.opus, input: 6 });
      expect(prices['claude-sonnet-4-5']).toEqual({ input: 3, output: 1 });
    }
    expect(checked).toEqual([true, false]);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('JSON config files', () => {
  it('an error says the line and column; a byte order mark is not an error', async () => {
    const { jsonErrorWithPlace } = await import('../../src/config/load-config.js');
    const text = '{\n  "a": 1,\n  b: 2}';
    let message = '';
    try {
      JSON.parse(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(jsonErrorWithPlace(message, text)).toMatch(/line 3 column 3\)$/);
    expect(jsonErrorWithPlace('Unexpected end of JSON input', '{')).toBe('Unexpected end of JSON input');
  });

  it('a file that starts with a byte order mark loads', async () => {
    const file = path.join(w.root, 'bom.json');
    writeFileSync(file, '\ufeff{ "defaultTier": "haiku" }');
    const loaded = await loadConfig({ ...options(), explicitFile: file });
    expect(loaded.config.defaultTier).toBe('haiku');
    writeFileSync(file, '\ufeff{ "defaultTier": "haiku", }');
    expect((await configError(loadConfig({ ...options(), explicitFile: file }))).message).toMatch(
      /invalid JSON: .*\(line 1 column \d+\)$/,
    );
  });
});
