// Bundles src/ into dist/ with esbuild, as ES modules: dist/cr.js (the CLI, bin/cr.js imports it)
// and dist/index.js (the library). The CLI is split so that code only some commands need
// (subcommands, prompts, zod, the usage scan) sits in dist/chunks/ and loads with import() on demand.
// The bundle is written to a fresh folder and swapped in with renames, so a cr that is running
// (or a test) never sees a half-written dist/.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const fresh = fileURLToPath(new URL(`dist.build-${process.pid}/`, root));
const old = fileURLToPath(new URL(`dist.old-${process.pid}/`, root));
const dist = fileURLToPath(new URL('dist/', root));

/**
 * A hash of everything the bundle is made from (src/ and the locked dependencies), known before
 * bundling: src/config/checked-configs.ts keys what it remembers to it, so that a config file that
 * one build of cr accepted is checked again by any other.
 */
async function sourceHash() {
  const hash = createHash('sha256');
  const src = fileURLToPath(new URL('src/', root));
  const files = (await readdir(src, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(src, path.join(e.parentPath, e.name)).replaceAll(path.sep, '/'))
    .sort();
  for (const file of files) hash.update(`${file}\0${await readFile(path.join(src, file))}\0`);
  hash.update(await readFile(new URL('package-lock.json', root)));
  return hash.digest('hex').slice(0, 16);
}

const common = {
  absWorkingDir: fileURLToPath(root),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'bundle',
  // cosmiconfig loads TypeScript only for a .ts config file; it is not worth 10 MB in the bundle.
  external: ['typescript'],
  define: { __CR_VERSION__: JSON.stringify(pkg.version), __CR_SOURCE_HASH__: JSON.stringify(await sourceHash()) },
  // Bundled CommonJS dependencies (commander, cosmiconfig, prompts) require() Node's built-ins.
  banner: {
    js: "import { createRequire as __crCreateRequire } from 'node:module'; const require = __crCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
};

try {
  await build({
    ...common,
    entryPoints: { cr: 'src/cli.ts' },
    outdir: fresh,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: fresh });
  await rename(dist, old).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(fresh, dist);
} finally {
  await rm(fresh, { recursive: true, force: true });
  await rm(old, { recursive: true, force: true });
}
