// Bundles the CLI into dist/ so that start-up reads a few files instead of hundreds.
// Code only some commands need (prompts, stats, commander, zod) is split into chunks loaded on demand.
// The bundle is written to a fresh folder and swapped in with renames, so a cr that is running
// (or a test) never sees a half-written dist/.
//
// The CLI ships as CommonJS (dist/cr.cjs and dist/chunks/*.cjs): bin/cr.js compiles each file with
// vm.Script and keeps V8's code cache for it (see bin/cr.js). esbuild splits only ES modules, so the
// CLI is bundled as ES modules first, then each file is turned into CommonJS: a chunk loaded on
// demand becomes a require() inside a promise, and the first line of dist/cr.cjs names the build (a
// hash of every file), which keys the code cache. The library (dist/index.js) stays an ES module.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

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
  define: { __CR_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
};

/** The first line of dist/cr.cjs: bin/cr.js reads the build's hash from it. */
const BUILD_LINE = '// cr build ';

/**
 * The CLI as CommonJS files: { 'cr.cjs': text, 'chunks/x.cjs': text, … }. Imports of our own
 * chunks are the only ones rewritten; import() of anything else (a user's .mjs config, typescript)
 * stays a real dynamic import.
 */
async function buildCli() {
  const out = await build({
    ...common,
    entryPoints: { cr: 'src/cli.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    write: false,
    metafile: true,
  });
  const files = {};
  for (const file of out.outputFiles) {
    const name = path.relative(path.resolve('dist'), file.path);
    const meta = out.metafile.outputs[path.relative(process.cwd(), file.path)];
    let code = file.text;
    const seen = new Set();
    for (const imported of meta.imports) {
      if (imported.external || seen.has(`${imported.kind} ${imported.path}`)) continue;
      seen.add(`${imported.kind} ${imported.path}`);
      const spec = `./${path.relative(path.dirname(name), path.relative('dist', imported.path))}`;
      const cjs = JSON.stringify(spec.replace(/\.js$/, '.cjs'));
      const [find, replace] = imported.kind === 'dynamic-import'
        ? [`import(${JSON.stringify(spec)})`, `Promise.resolve().then(() => require(${cjs}))`]
        : [`from ${JSON.stringify(spec)}`, `from ${cjs}`];
      const bare = imported.kind === 'import-statement' ? [`import ${JSON.stringify(spec)};`, `import ${cjs};`] : undefined;
      if (!code.includes(find) && !(bare && code.includes(bare[0]))) throw new Error(`build: ${name}: no ${imported.kind} of ${spec} found to rewrite`);
      code = code.replaceAll(find, replace);
      if (bare) code = code.replaceAll(bare[0], bare[1]);
    }
    // A default import of a Node built-in becomes the module itself, not a copy of all its properties
    // (esbuild's __toESM, ~0.1 ms each).
    code = code.replace(/^import (\w+) from "(node:[\w/]+)";$/gm, 'var $1 = require("$2");');
    // The one use of import.meta.url (the usage scan's worker runs its own file) gets the file's URL.
    const banner = code.includes('import.meta.url') ? 'var __crImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' : '';
    const cjs = await transform(code, {
      format: 'cjs',
      platform: 'node',
      target: 'node20.19',
      define: { 'import.meta.url': '__crImportMetaUrl' },
      banner,
      logLevel: 'warning',
    });
    // Strict, as the ES modules were (esbuild's CommonJS output does not say so itself).
    files[name.replace(/\.js$/, '.cjs')] = `"use strict";\n${await routeDynamicImports(name, cjs.code)}`;
  }
  // A chunk that is empty as CommonJS (a module of imports only, such as src/launch-path.ts) is
  // dropped, with every require() of it: loading it would only cost a file read.
  for (const [name, text] of Object.entries(files)) {
    if (text.replace('"use strict";', '').trim() !== '') continue;
    delete files[name];
    const required = new RegExp(`^var \\w+ = require\\("\\./(chunks/)?${path.basename(name).replace('.', '\\.')}"\\);\\n`, 'gm');
    for (const other of Object.keys(files)) files[other] = files[other].replace(required, '');
  }
  for (const [name, text] of Object.entries(files)) {
    for (const [, spec] of text.matchAll(/require\("(\.[^"]+)"\)/g)) {
      if (!files[path.join(path.dirname(name), spec)]) throw new Error(`build: ${name} requires ${spec}, which is not in the bundle`);
    }
  }
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) hash.update(`${name}\0${files[name]}\0`);
  files['cr.cjs'] = `${BUILD_LINE}${hash.digest('hex').slice(0, 16)}\n${files['cr.cjs']}`;
  return files;
}

/**
 * A real import() (a user's .mjs config, typescript) cannot run in code compiled by vm.Script without
 * an experimental option that prints a warning. bin/cr.js passes an import function to each file as
 * `__crImport` instead; a file that Node loads itself (the usage scan's worker) falls back to import().
 */
async function routeDynamicImports(name, code) {
  const routed = code.replace(/(?<![\w$.])import\(/g, '__crImport(');
  if (routed === code) return code;
  // Every replacement must be a call, not text inside a string: a define renames calls, not strings.
  const check = await transform(routed, { minify: true, define: { __crImport: '__crChecked' }, logLevel: 'silent' });
  if (check.code.includes('__crImport(')) throw new Error(`build: ${name}: "import(" inside a string; cannot route its dynamic imports`);
  return `var __crImport = typeof __crImport === "function" ? __crImport : (specifier) => import(specifier);\n${routed}`;
}

try {
  const cli = await buildCli();
  for (const [name, text] of Object.entries(cli)) {
    const file = new URL(name, fresh);
    await mkdir(new URL('./', file), { recursive: true });
    await writeFile(file, text);
  }
  // The library entry is an ES module; some CommonJS dependencies call require() for Node built-ins.
  await build({
    ...common,
    entryPoints: { index: 'src/index.ts' },
    outdir: fresh.pathname,
    splitting: false,
    banner: { js: "import { createRequire as __crCreateRequire } from 'node:module'; const require = __crCreateRequire(import.meta.url);" },
  });
  await rename(dist, old).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(fresh, dist);
} finally {
  await rm(fresh, { recursive: true, force: true });
  await rm(old, { recursive: true, force: true });
}
