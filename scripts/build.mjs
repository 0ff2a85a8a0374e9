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
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const fresh = new URL(`dist.build-${process.pid}/`, root);
const old = new URL(`dist.old-${process.pid}/`, root);
const dist = new URL('dist/', root);

/**
 * The classifier's weights (a 73 KB JSON file) as JSON.parse of a string: V8 parses JSON faster than
 * the same data as an object literal, and the code cache then holds one string instead of thousands.
 */
const jsonAsString = {
  name: 'json-as-string',
  setup(build) {
    build.onLoad({ filter: /classifier-weights\.json$/ }, async (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(await readFile(args.path, 'utf8'))))});`,
      loader: 'js',
    }));
  },
};

/**
 * Work that execa's and chalk's modules do as they load, for things cr never or rarely uses, left out
 * or deferred to first use:
 * creating process.stdin/stdout/stderr (~1 ms: fd 0's stream loads fs streams and fs/promises),
 * human-signals' tables (~0.7 ms) and node:v8 (for IPC only). And the escaped command execa builds
 * for every run (for messages): printable ASCII comes out unchanged (the one character of it that
 * the Unicode classes match is the space, which escapes to itself), so only other text needs those
 * classes, which cost ~0.35 ms to build and compile. Each patch names the exact text it replaces:
 * the build fails if an update of the dependency changed it.
 */
const LAZY_IN_DEPENDENCIES = [
  {
    file: 'execa/lib/utils/standard-stream.js',
    find: 'export const STANDARD_STREAMS = [process.stdin, process.stdout, process.stderr];',
    replace:
      "export const STANDARD_STREAMS = Object.defineProperties([], Object.fromEntries(['stdin', 'stdout', 'stderr'].map((name, fd) => [fd, { get: () => process[name], enumerable: true }])));",
  },
  {
    file: 'execa/lib/ipc/ipc-input.js',
    find: "import {serialize} from 'node:v8';",
    replace: "const serialize = (value) => process.getBuiltinModule('node:v8').serialize(value);",
  },
  {
    file: 'execa/lib/arguments/escape.js',
    find: 'const escapeControlCharacters = line => line.replaceAll(SPECIAL_CHAR_REGEXP, character => escapeControlCharacter(character));',
    replace:
      'const escapeControlCharacters = line => /^[\\x20-\\x7e]*$/.test(line) ? line : line.replaceAll(SPECIAL_CHAR_REGEXP ??= getSpecialCharRegExp(), character => escapeControlCharacter(character));',
  },
  {
    file: 'execa/lib/arguments/escape.js',
    find: 'const SPECIAL_CHAR_REGEXP = getSpecialCharRegExp();',
    replace: 'let SPECIAL_CHAR_REGEXP;',
  },
  // chalk works out a colour level for its default instances at load, with node:tty (which loads
  // node:net and node:stream: ~2.4 ms). cr never uses those instances: every Chalk it makes is given
  // its level (src/ui/colors.ts, from colorEnabled), so chalk's detection is left out.
  {
    file: 'chalk/source/index.js',
    find: "import supportsColor from '#supports-color';",
    replace: 'const supportsColor = {stdout: false, stderr: false};',
  },
  ...['signalsByName', 'signalsByNumber'].map((name) => ({
    file: 'human-signals/build/src/main.js',
    find: `export const ${name}=get${name[0].toUpperCase()}${name.slice(1)}();`,
    replace: `let ${name}Table;\nexport const ${name}=new Proxy({},{get:(_,key)=>(${name}Table??=get${name[0].toUpperCase()}${name.slice(1)}())[key]});`,
  })),
];

const lazyInDependencies = {
  name: 'lazy-in-dependencies',
  setup(build) {
    const files = [...new Set(LAZY_IN_DEPENDENCIES.map((p) => p.file))];
    const filter = new RegExp(
      `node_modules[\\\\/](${files.map((f) => f.replace(/[.]/g, '\\.').replace(/\//g, '[\\\\/]')).join('|')})$`,
    );
    const patched = new Set();
    build.onLoad({ filter }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      for (const patch of LAZY_IN_DEPENDENCIES) {
        if (!args.path.replaceAll('\\', '/').endsWith(`node_modules/${patch.file}`)) continue;
        if (!contents.includes(patch.find))
          throw new Error(`build: ${patch.file} no longer has \`${patch.find}\`: check the patch in scripts/build.mjs`);
        contents = contents.replace(patch.find, patch.replace);
        patched.add(patch);
      }
      return { contents, loader: 'js' };
    });
    build.onEnd((result) => {
      if (result.errors.length === 0 && patched.size !== LAZY_IN_DEPENDENCIES.length)
        throw new Error('build: a patch in LAZY_IN_DEPENDENCIES found no file');
    });
  },
};

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
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'bundle',
  // cosmiconfig loads TypeScript only for a .ts config file; it is not worth 10 MB in the bundle.
  external: ['typescript'],
  define: { __CR_VERSION__: JSON.stringify(pkg.version), __CR_SOURCE_HASH__: JSON.stringify(await sourceHash()) },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [jsonAsString],
};

/** The first line of dist/cr.cjs: bin/cr.js reads the build's hash from it. */
const BUILD_LINE = '// cr build ';

/**
 * The CLI as CommonJS files: { 'cr.cjs': text, 'chunks/x.cjs': text, … }. Imports of our own chunks
 * become require(); import() of anything else (a user's .mjs config, typescript) stays a real
 * dynamic import, made by bin/cr.js (see routeDynamicImports).
 */
async function buildCli() {
  const out = await build({
    ...common,
    entryPoints: { cr: 'src/cli.ts' },
    plugins: [...common.plugins, lazyInDependencies],
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    write: false,
    metafile: true,
  });
  // A chunk with no code (a module of imports only, such as src/launch-path.ts) is left out, with
  // every import of it: loading it would only cost a file read.
  const empty = new Set(out.outputFiles.filter((f) => f.text.trim() === '').map((f) => f.path));
  const files = {};
  for (const file of out.outputFiles) {
    if (empty.has(file.path)) continue;
    const name = path.relative(path.resolve('dist'), file.path);
    const meta = out.metafile.outputs[path.relative(process.cwd(), file.path)];
    let code = file.text;
    const seen = new Set();
    for (const imported of meta.imports) {
      if (imported.external || seen.has(`${imported.kind} ${imported.path}`)) continue;
      seen.add(`${imported.kind} ${imported.path}`);
      const spec = JSON.stringify(`./${path.relative(path.dirname(name), path.relative('dist', imported.path))}`);
      const cjs = spec.replace(/\.js"$/, '.cjs"');
      const rewrites =
        imported.kind === 'dynamic-import'
          ? [[`import(${spec})`, `Promise.resolve().then(() => require(${cjs}))`]]
          : [
              [`from ${spec}`, `from ${cjs}`],
              [`import ${spec};`, empty.has(path.resolve(imported.path)) ? '' : `import ${cjs};`],
            ];
      if (!rewrites.some(([find]) => code.includes(find)))
        throw new Error(`build: ${name}: no ${imported.kind} of ${spec} found to rewrite`);
      for (const [find, replace] of rewrites) code = code.replaceAll(find, replace);
    }
    // A default import of a Node built-in becomes the module itself, not a copy of all its properties
    // (esbuild's __toESM, ~0.1 ms each).
    code = code.replace(/^import (\w+) from "(node:[\w/]+)";$/gm, 'var $1 = require("$2");');
    // The one use of import.meta.url (the usage scan's worker runs its own file) gets the file's URL.
    const banner = code.includes('import.meta.url')
      ? 'var __crImportMetaUrl = require("node:url").pathToFileURL(__filename).href;'
      : '';
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
  for (const [name, text] of Object.entries(files)) {
    for (const [, spec] of text.matchAll(/require\("(\.[^"]+)"\)/g)) {
      if (!files[path.join(path.dirname(name), spec)])
        throw new Error(`build: ${name} requires ${spec}, which is not in the bundle`);
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
  if (check.code.includes('__crImport('))
    throw new Error(`build: ${name}: "import(" inside a string; cannot route its dynamic imports`);
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
    banner: {
      js: "import { createRequire as __crCreateRequire } from 'node:module'; const require = __crCreateRequire(import.meta.url);",
    },
  });
  await rename(dist, old).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(fresh, dist);
} finally {
  await rm(fresh, { recursive: true, force: true });
  await rm(old, { recursive: true, force: true });
}
