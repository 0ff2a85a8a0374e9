#!/usr/bin/env node
// The Node versions CI and `npm run bench` run cr under besides the machine's own, pinned here.
// Each is the `node` package from the npm registry (its install step fetches the binary, the
// node-<os>-<arch> package, from the registry too), installed once into .cache/node-<version>/
// under the repository. `node scripts/node-versions.mjs 22` prints the path of Node 22's binary,
// installing it first when it is not there yet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PINNED = { 22: '22.23.3', 24: '24.21.0' };

const CACHE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.cache');

/** The path of the pinned Node binary of `major` (22, 24), installed on first use. Throws when it cannot be. */
export function nodeBinary(major) {
  const version = PINNED[major];
  if (!version) throw new Error(`no pinned Node ${major} (pinned: ${Object.keys(PINNED).join(', ')})`);
  const dir = path.join(CACHE, `node-${version}`);
  const binary = path.join(dir, 'node_modules', 'node', 'bin', 'node');
  if (reportsVersion(binary, version)) return binary;
  // Installed into a temp folder renamed into place: an interrupted install is never taken for one.
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', partial, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node@${version}`],
    { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (npm.status !== 0 || !reportsVersion(path.join(partial, 'node_modules', 'node', 'bin', 'node'), version)) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw new Error(`could not install node@${version} from the npm registry:\n${npm.stderr || npm.error}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return binary;
}

function reportsVersion(binary, version) {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === `v${version}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const major = process.argv[2];
  if (!major || process.argv.length > 3) {
    process.stderr.write(`usage: node scripts/node-versions.mjs <major> (pinned: ${Object.keys(PINNED).join(', ')})\n`);
    process.exit(2);
  }
  try {
    process.stdout.write(`${nodeBinary(major)}\n`);
  } catch (error) {
    process.stderr.write(`node-versions: ${error.message}\n`);
    process.exit(1);
  }
}
