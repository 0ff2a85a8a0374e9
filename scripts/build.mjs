// Bundles the CLI into dist/ so that start-up reads a few files instead of hundreds.
// Code only some commands need (prompts, stats, commander) is split into chunks loaded on demand.
// The bundle is written to a fresh folder and swapped in with renames, so a cr that is running
// (or a test) never sees a half-written dist/.
import { build } from 'esbuild';
import { readFile, rename, rm } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const fresh = new URL(`dist.build-${process.pid}/`, root);
const old = new URL(`dist.old-${process.pid}/`, root);
const dist = new URL('dist/', root);

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'bundle',
  // cosmiconfig loads TypeScript only for a .ts config file; it is not worth 10 MB in the bundle.
  external: ['typescript'],
  // Some CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __crCreateRequire } from 'node:module'; const require = __crCreateRequire(import.meta.url);" },
  define: { __CR_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
};

try {
  // The CLI: the launch path in as few files as possible, everything else in chunks loaded on
  // demand. The library entry is built on its own so that it does not split the CLI's chunks.
  await build({ ...common, entryPoints: { cr: 'src/cli.ts' }, outdir: fresh.pathname, splitting: true, chunkNames: 'chunks/[name]-[hash]' });
  await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: fresh.pathname, splitting: false });
  await rename(dist, old).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(fresh, dist);
} finally {
  await rm(fresh, { recursive: true, force: true });
  await rm(old, { recursive: true, force: true });
}
