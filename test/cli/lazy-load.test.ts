// What only some commands need is loaded when they run: `cr --explain` and a launch load none of the
// libraries for subcommands, config checks and prompts (each costs start-up time); execa only when
// claude is started.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CR_BIN } from '../support/run-cr.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
});

const PRELOAD = fileURLToPath(new URL('../support/loaded-modules.mjs', import.meta.url));
/** Bundled packages that only subcommands, a config check or a prompt use. */
const LAZY_PACKAGES = ['commander', 'zod', 'prompts', 'cosmiconfig'];

/** The bundled packages, and the source files, in the files of dist/ that a run of cr loaded. */
function modulesLoaded(args: string[], env: NodeJS.ProcessEnv = {}): { packages: Set<string>; sources: Set<string> } {
  const list = path.join(w.root, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(process.execPath, ['--import', PRELOAD, CR_BIN, ...args], {
    cwd: w.project,
    env: { ...w.env, ...env, CR_TEST_LOADED_MODULES: list },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const files = readFileSync(list, 'utf8')
    .split('\n')
    .filter((url) => url.includes('/dist/'))
    .map((url) => fileURLToPath(url));
  expect(files.length).toBeGreaterThan(0);
  const packages = new Set<string>();
  const sources = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(name!);
    for (const [, source] of text.matchAll(/^\/\/ (src\/\S+)$/gm)) sources.add(source!);
  }
  return { packages, sources };
}

const packagesLoaded = (args: string[], env?: NodeJS.ProcessEnv): Set<string> => modulesLoaded(args, env).packages;

describe('lazy loading', () => {
  it('cr --explain and a launch load no subcommand, config-check or prompt library', () => {
    for (const args of [['--explain', 'refactor auth'], ['add a /health endpoint']]) {
      const loaded = packagesLoaded(args);
      for (const name of LAZY_PACKAGES) expect(loaded, args.join(' ')).not.toContain(name);
    }
  });

  it('chalk is loaded only when some output may be coloured: a terminal, or FORCE_COLOR', () => {
    // stdout and stderr are pipes here (NO_COLOR is unset for FORCE_COLOR to count).
    expect(packagesLoaded(['--explain', 'refactor auth'])).not.toContain('chalk');
    expect(packagesLoaded(['--explain', 'refactor auth'], { NO_COLOR: '', FORCE_COLOR: '1' })).toContain('chalk');
    expect(packagesLoaded(['add a /health endpoint'], { NO_COLOR: '', FORCE_COLOR: '1' })).toContain('chalk');
    // The tables of cr history and cr stats use the context's palette too.
    expect(packagesLoaded(['history'])).not.toContain('chalk');
    expect(packagesLoaded(['stats'])).not.toContain('chalk');
    expect(packagesLoaded(['history'], { NO_COLOR: '', FORCE_COLOR: '1' })).toContain('chalk');
  });

  it('execa is loaded to start claude, and only then', () => {
    expect(packagesLoaded(['--explain', 'refactor auth'])).not.toContain('execa');
    expect(packagesLoaded(['add a /health endpoint'])).toContain('execa');
  });

  it('a subcommand loads what it needs: cr init --help loads commander', () => {
    expect(packagesLoaded(['init', '--help'])).toContain('commander');
  });

  it('cr statusline, run several times a minute, loads neither the classifier, the --explain report nor chalk', () => {
    const { sources, packages } = modulesLoaded(['statusline']);
    expect(packages).not.toContain('chalk');
    expect(sources).toContain('src/commands/statusline.ts');
    expect(sources).toContain('src/config/load-config.ts');
    for (const source of sources) {
      expect(source).not.toMatch(/^src\/decide\/classif/);
      expect(source).not.toMatch(/^src\/report\/(explain|decision-words|evidence-label)\.ts$/);
    }
  });
});
