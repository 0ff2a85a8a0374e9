// A cloned repository runs no code of its own through cr's config loading. cosmiconfig's search
// looks in many places and also reads its own "meta config" (.config/config.*, package.json's and
// package.yaml's "cosmiconfig" key, which may add search places) from the working directory, and
// follows `$import`: each of those places holds here a file that writes a marker when run. Each case
// first shows that cosmiconfig's own search runs it (so the case is real), then that no cr command
// does, while a trusted JavaScript config still runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCr } from '../support/run-cr.js';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

/** Code that writes `marker` when run, for a file with this name. */
function markerCode(file: string, marker: string): string {
  const target = JSON.stringify(marker);
  if (/\.(mjs|ts)$/.test(file))
    return `import fs from 'node:fs';\nfs.writeFileSync(${target}, 'ran');\nexport default {};\n`;
  return `require('node:fs').writeFileSync(${target}, 'ran');\nmodule.exports = {};\n`;
}

interface Place {
  /** What is planted: file name → content (MARKER_CODE: the marker code for that name). */
  files: Record<string, string>;
}
const CODE = 'MARKER_CODE';
const TRIGGER = { '.claude-routerrc.yaml': 'defaultTier: haiku\n' };
const EXTENSIONS = ['js', 'ts', 'cjs', 'mjs'];

const PLACES: Record<string, Place> = {
  // cosmiconfig's meta config: code there runs, and data there adds search places (here: code).
  ...Object.fromEntries(
    EXTENSIONS.map((ext) => [`.config/config.${ext}`, { files: { ...TRIGGER, [`.config/config.${ext}`]: CODE } }]),
  ),
  // (cosmiconfig 9 takes the meta config's "cosmiconfig" key, and in a package file that key's own
  // "cosmiconfig" key.)
  ...Object.fromEntries(
    ['json', 'yaml', 'yml'].map((ext) => [
      `.config/config.${ext} adding a search place`,
      {
        files: {
          ...TRIGGER,
          [`.config/config.${ext}`]:
            ext === 'json'
              ? '{"cosmiconfig": {"searchPlaces": ["evil.cjs"]}}'
              : 'cosmiconfig:\n  searchPlaces:\n    - evil.cjs\n',
          'evil.cjs': CODE,
        },
      },
    ]),
  ),
  'package.json "cosmiconfig" key adding a search place': {
    files: {
      ...TRIGGER,
      'package.json': '{"name": "x", "cosmiconfig": {"cosmiconfig": {"searchPlaces": ["evil.cjs"]}}}',
      'evil.cjs': CODE,
    },
  },
  'package.yaml "cosmiconfig" key adding a search place': {
    files: {
      ...TRIGGER,
      'package.yaml': 'name: x\ncosmiconfig:\n  cosmiconfig:\n    searchPlaces:\n      - evil.cjs\n',
      'evil.cjs': CODE,
    },
  },
  // cosmiconfig's search places for claude-router that run code.
  ...Object.fromEntries(
    EXTENSIONS.flatMap((ext) => [
      [`.claude-routerrc.${ext}`, { files: { [`.claude-routerrc.${ext}`]: CODE } }],
      [`.config/claude-routerrc.${ext}`, { files: { [`.config/claude-routerrc.${ext}`]: CODE } }],
      [`claude-router.config.${ext}`, { files: { [`claude-router.config.${ext}`]: CODE } }],
    ]),
  ),
  // Data places, each with `$import` of code (cosmiconfig follows it).
  ...Object.fromEntries(
    [
      ['.claude-routerrc', '$import: ./evil.cjs\n'],
      ['.claude-routerrc.json', '{"$import": "./evil.cjs"}'],
      ['.claude-routerrc.yaml', '$import: ./evil.cjs\n'],
      ['.claude-routerrc.yml', '$import: ./evil.cjs\n'],
      ['.config/claude-routerrc', '$import: ../evil.cjs\n'],
      ['.config/claude-routerrc.json', '{"$import": "../evil.cjs"}'],
      ['.config/claude-routerrc.yaml', '$import: ../evil.cjs\n'],
      ['.config/claude-routerrc.yml', '$import: ../evil.cjs\n'],
      ['package.json', '{"name": "x", "claude-router": {"$import": "./evil.cjs"}}'],
    ].map(([name, content]) => [`${name} with $import`, { files: { [name!]: content!, 'evil.cjs': CODE } }]),
  ),
};

function plant(place: Place, dir: string, marker: string): void {
  for (const [name, content] of Object.entries(place.files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content === CODE ? markerCode(name, marker) : content);
  }
}

/** Runs cosmiconfig's own search for claude-router in each of `dirs` (as cr once did), in one child process. */
function cosmiconfigSearch(dirs: readonly string[]): void {
  const script = `
    const { cosmiconfig } = require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules', 'cosmiconfig'))});
    (async () => {
      for (const dir of ${JSON.stringify(dirs)}) {
        process.chdir(dir); // the meta config is read from the working directory
        await cosmiconfig('claude-router').search().catch(() => {});
      }
    })();`;
  spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH }, timeout: 120_000 });
}

describe('no code runs from a directory the user has not trusted', () => {
  it(`every place cosmiconfig looks (${Object.keys(PLACES).length} cases): cosmiconfig's search runs it, cr --explain does not`, async () => {
    const cases = Object.keys(PLACES).map((name, i) => ({
      name,
      dir: path.join(w.home, `case-${i}`),
      marker: path.join(w.root, `marker-${i}`),
    }));
    for (const c of cases) plant(PLACES[c.name]!, c.dir, c.marker);
    cosmiconfigSearch(cases.map((c) => c.dir));
    const failures: string[] = [];
    for (const c of cases) {
      if (!existsSync(c.marker))
        failures.push(`${c.name}: cosmiconfig's search did not run it (the case proves nothing)`);
      rmSync(c.marker, { force: true });
    }
    // Four at a time.
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async (c) => {
          const r = await runCr(['--explain', 'hi'], { cwd: c.dir, env: w.env });
          if (existsSync(c.marker)) failures.push(`${c.name}: cr --explain ran it`);
          if (/^\s+at /m.test(r.stderr)) failures.push(`${c.name}: a stack trace: ${r.stderr}`);
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('the reported case (.config/config.js beside a YAML config): no command runs it', async () => {
    const marker = path.join(w.root, 'PWNED');
    plant(PLACES['.config/config.js']!, w.project, marker);
    for (const args of [['hi'], ['--explain', 'hi'], ['--dry-run', 'hi'], ['doctor'], ['config'], ['trust', '--yes']]) {
      const r = await w.cr(args);
      expect(r.stderr, args.join(' ')).not.toMatch(/^\s+at /m);
      expect(existsSync(marker), args.join(' ')).toBe(false);
    }
    // The YAML config itself is read.
    const explained = await w.cr(['--explain', 'hi']);
    expect(explained.stdout).toMatch(/haiku/);
  });

  it('$import is not followed: an unknown key, exit 2, nothing run', async () => {
    const marker = path.join(w.root, 'imported');
    plant(PLACES['.claude-routerrc.yaml with $import']!, w.project, marker);
    const r = await w.cr(['--explain', 'hi']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('$import: unknown key');
    expect(existsSync(marker)).toBe(false);
  });

  it('a JavaScript project config runs once trusted, and not before', async () => {
    const marker = path.join(w.root, 'trusted-ran');
    const file = path.join(w.project, 'claude-router.config.cjs');
    writeFileSync(
      file,
      `${markerCode(file, marker).replace('module.exports = {}', "module.exports = { defaultTier: 'haiku' }")}`,
    );
    const before = await w.cr(['--explain', 'hi']);
    expect(before.stderr).toContain(`ignored the whole file (JavaScript/TypeScript config runs code) from ${file}`);
    expect(existsSync(marker)).toBe(false);
    expect((await w.cr(['trust', '--yes'])).exitCode).toBe(0);
    expect(existsSync(marker)).toBe(false);
    const after = await w.cr(['--explain', 'hi']);
    expect(after.exitCode, after.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(after.stdout).toMatch(/haiku/);
  });
});
