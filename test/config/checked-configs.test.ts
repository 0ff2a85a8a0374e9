// A JSON config file found valid once is not checked again while it says the same thing
// (src/config/checked-configs.ts): launches skip loading zod. What is used is always the file as it
// is now, and anything that could change the verdict makes cr check again.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECKED_CONFIGS_FILE,
  MAX_CHECKED,
  checkedKey,
  rememberChecked,
  wasChecked,
} from '../../src/config/checked-configs.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
});

const example = JSON.parse(
  readFileSync(new URL('../../.claude-router.example.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('what is remembered', () => {
  it('a valid config is exactly its contents: the check adds and changes nothing', () => {
    // (This is what lets a remembered file be used as read.)
    const rich = {
      ...example,
      $schema: 'https://example.com/schema.json',
      fallbackModel: false,
      budget: { daily: 10, weekly: 50, monthly: 150, unit: 'usd', warnAt: 0.8, onExceed: 'cap:haiku' },
      prices: { opus: { input: 5, output: 25, cacheRead: 0.1 }, 'claude-sonnet-4-5': { input: 3, output: 15 } },
      profiles: {
        ...(example.profiles as object),
        local: {
          baseUrl: 'http://127.0.0.1:8080/v1/',
          keyEnv: 'LOCAL_KEY',
          keyAs: 'apiKey',
          models: { haiku: 'small' },
          env: { A: 'b' },
        },
      },
      history: { enabled: true, tasks: 'truncate', truncateAt: 200 },
    };
    for (const data of [example, rich, {}]) {
      const { config, problems } = validateConfig(JSON.parse(JSON.stringify(data)));
      expect(problems).toEqual([]);
      expect(config).toEqual(data);
    }
  });

  it('the key changes with the contents, the lent profiles, the build; the sources under test have none', () => {
    const key = checkedKey({ ask: 'always' }, new Set(['a', 'b']), 'build1')!;
    expect(checkedKey({ ask: 'always' }, new Set(['b', 'a']), 'build1')).toBe(key);
    for (const other of [
      checkedKey({ ask: 'never' }, new Set(['a', 'b']), 'build1'),
      checkedKey({ ask: 'always' }, new Set(['a']), 'build1'),
      checkedKey({ ask: 'always' }, new Set(['a', 'b']), 'build2'),
    ])
      expect(other).not.toBe(key);
    expect(key).toContain(process.version);
    expect(checkedKey({}, new Set())).toBeUndefined();
  });

  it('keeps the most recent keys, survives a damaged list, and never throws', () => {
    const dir = path.join(w.root, 'cache');
    expect(wasChecked(dir, 'k0')).toBe(false);
    for (let i = 0; i <= MAX_CHECKED; i++) rememberChecked(dir, `k${i}`);
    expect(wasChecked(dir, `k${MAX_CHECKED}`)).toBe(true);
    expect(wasChecked(dir, 'k1')).toBe(true);
    expect(wasChecked(dir, 'k0')).toBe(false);
    writeFileSync(path.join(dir, CHECKED_CONFIGS_FILE), '{"checked": [tru');
    expect(wasChecked(dir, 'k1')).toBe(false);
    rememberChecked(dir, 'k1');
    expect(wasChecked(dir, 'k1')).toBe(true);
    const blocked = path.join(w.root, 'not-a-dir');
    writeFileSync(blocked, '');
    expect(() => rememberChecked(path.join(blocked, 'cache'), 'k')).not.toThrow();
  });
});

describe('launches with a config file', () => {
  // A check that passes writes the list of checked files anew (a new file renamed into place): a run
  // that leaves it as it was did not check.
  const listStamp = () => {
    try {
      const stat = statSync(path.join(w.env.CR_CACHE_DIR!, CHECKED_CONFIGS_FILE));
      return `${stat.ino} ${stat.mtimeMs}`;
    } catch {
      return 'none';
    }
  };
  const explain = async () => {
    const before = listStamp();
    const r = await w.cr(['--explain', '--json', 'refactor auth']);
    return { ...r, checked: listStamp() !== before };
  };

  it('checks a file once, then uses it unchecked while it says the same', async () => {
    // A rule of the file's own decides, so the output shows the file was used.
    w.write(path.join(w.project, '.claude-router.json'), {
      rules: [{ id: 'auth-is-haiku', when: { pattern: 'auth' }, tier: 'haiku' }, 'defaults'],
    });
    const first = await explain();
    expect(first.exitCode).toBe(0);
    expect(first.checked).toBe(true);
    const second = await explain();
    expect(second.exitCode).toBe(0);
    expect(second.checked).toBe(false);
    expect(JSON.parse(second.stdout)).toMatchObject({ tier: 'haiku', rule: 'auth-is-haiku' });
    expect(second.stdout.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID')).toBe(
      first.stdout.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID'),
    );
  });

  it('a changed file is checked again: a mistake is still exit 2 with file and key, and never remembered', async () => {
    const file = w.write(path.join(w.project, '.claude-router.json'), { defaultTier: 'haiku' });
    expect((await explain()).exitCode).toBe(0);
    w.write(file, { defaultTier: 'mega' });
    for (let i = 0; i < 2; i++) {
      const bad = await explain();
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toContain(`invalid config in ${file}: defaultTier`);
    }
    w.write(file, { defaultTier: 'haiku' });
    const again = await explain();
    expect(again.exitCode).toBe(0);
    expect(again.checked).toBe(false);
  });

  it('a project file that names a profile of the global file is checked again when the global file drops it', async () => {
    w.write(w.globalFile, { profiles: { cheap: { baseUrl: 'http://127.0.0.1:9/v1' } } });
    const project = w.write(path.join(w.project, '.claude-router.json'), { tiers: { haiku: { profile: 'cheap' } } });
    expect((await explain()).exitCode).toBe(0);
    expect((await explain()).exitCode).toBe(0);
    w.write(w.globalFile, {});
    const dropped = await explain();
    expect(dropped.exitCode).toBe(2);
    expect(dropped.stderr).toContain(`invalid config in ${project}: tiers.haiku.profile: no profile named "cheap"`);
  });

  it('a damaged list only costs the check', async () => {
    w.write(path.join(w.project, '.claude-router.json'), {
      rules: [{ id: 'auth-is-haiku', when: { pattern: 'auth' }, tier: 'haiku' }, 'defaults'],
    });
    expect((await explain()).exitCode).toBe(0);
    const list = path.join(w.env.CR_CACHE_DIR!, CHECKED_CONFIGS_FILE);
    writeFileSync(list, '\u0000garbage');
    const r = await explain();
    expect(r.exitCode).toBe(0);
    expect(r.checked).toBe(true);
    expect(JSON.parse(r.stdout)).toMatchObject({ tier: 'haiku', rule: 'auth-is-haiku' });
  });
});
