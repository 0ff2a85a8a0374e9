#!/usr/bin/env node
'use strict';
// cr's entry point: runs dist/cr.cjs (the CLI bundle, CommonJS files in dist/, see scripts/build.mjs)
// with a V8 code cache, so that a run after the first skips parsing and compiling most of cr's code.
// (src/launch/find-claude.ts knows a copy of this file as cr by "dist/cr.cjs" in its first bytes.)
//
// The cache lives in cr's cache folder (CR_CACHE_DIR, else $XDG_CACHE_HOME/claude-router, else
// ~/.cache/claude-router, as src/paths.ts says), one file per bundle file under
// code-cache/<build>-<node version>-<arch>/, where <build> is the hash of the bundle that the build
// writes on the first line of dist/cr.cjs. Files are written when cr exits, so that they hold the
// functions the run compiled: when one was missing, damaged or refused by V8, and when a kind of
// run (launch, explain, a subcommand) used it for the first time, which adds that run's code to it.
// Each is written to a temp file renamed into place, so that concurrent runs never read half a file.
// Failing to read or write the cache is never an error: cr then compiles as it would without one.
// The folder is safe to delete at any time; folders of other builds go after a day.
// CR_DEBUG_CACHE=1 prints to stderr one line per file loaded, "code cache: hit|miss|rejected <file>",
// and one per file written.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const DIST = path.join(__dirname, '..', 'dist');
const BUILD_LINE = '// cr build ';
/** Cache folders of other builds or Node versions are removed once this old (on the next write). */
const STALE_MS = 24 * 60 * 60 * 1000;
const debug = process.env.CR_DEBUG_CACHE === '1';

/** One folder per build, Node version and architecture (null: no cache); undefined until the entry is read. */
let cacheFolder;
/** Every file loaded with a cache folder: { script, name, cacheFile, kinds (undefined: no usable cache) }. */
const loaded = [];
const modules = new Map();

function cacheRoot() {
  const env = process.env;
  if (env.CR_CACHE_DIR) return path.join(env.CR_CACHE_DIR, 'code-cache');
  const xdgCache = env.XDG_CACHE_HOME || path.join(env.HOME || require('node:os').homedir(), '.cache');
  return path.join(xdgCache, 'claude-router', 'code-cache');
}

const HEADER = 'cr code cache ';
/** Kinds of run a file's cache takes code from (see runKind in src/cli.ts): a guard, there are fewer. */
const MAX_KINDS = 16;

/**
 * { data, kinds } from a cache file, 'damaged', or undefined when there is none. The file is a header
 * line naming the kinds of run whose code it holds, then the data V8 made, twice: V8 checks the
 * data's length, version and flags but not its bytes (damaged bytes can abort the process), and
 * comparing two copies is a complete check that costs less than loading a hash (node:crypto or
 * node:zlib take 1.5–2.5 ms to load; the copies take ~0.2 ms to read and compare).
 */
function readCache(file) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const eol = bytes.indexOf(10);
  const header = eol > 0 ? bytes.toString('latin1', 0, eol) : '';
  const half = (bytes.length - eol - 1) / 2;
  const data = bytes.subarray(eol + 1, eol + 1 + half);
  if (
    !header.startsWith(HEADER) ||
    !(half > 0) ||
    !Number.isInteger(half) ||
    !data.equals(bytes.subarray(eol + 1 + half))
  )
    return 'damaged';
  return { data, kinds: header.slice(HEADER.length).split(',') };
}

function writeCache({ script, name, cacheFile: file }, kinds) {
  const tmp = `${file}.${process.pid}.tmp`;
  let fd;
  try {
    const created = fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    if (created) removeStaleFolders(path.dirname(path.dirname(file)), path.dirname(file));
    fd = fs.openSync(tmp, 'wx', 0o600);
    const data = script.createCachedData();
    fs.writeFileSync(fd, Buffer.concat([Buffer.from(`${HEADER}${kinds.join(',')}\n`, 'latin1'), data, data]));
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
    if (debug) process.stderr.write(`code cache: wrote ${name} for ${kinds.join(', ')}\n`);
  } catch (error) {
    if (debug) process.stderr.write(`code cache: not written ${file} (${error.code ?? error.message})\n`);
    try {
      if (fd !== undefined) {
        fs.closeSync(fd);
        fs.rmSync(tmp, { force: true });
      }
    } catch {
      // a failed write leaves no cache: the next run compiles again
    }
  }
}

/**
 * At exit: a file's cache is written when it was missing or refused, and written anew (with this
 * run's code added to what came from the cache) the first time a new kind of run used it.
 */
function saveCaches(entry) {
  const kind = /^[a-z-]{1,24}$/.test(entry.runKind) ? entry.runKind : 'other';
  for (const file of loaded) {
    if (!file.kinds) writeCache(file, [kind]);
    else if (!file.kinds.includes(kind) && file.kinds.length < MAX_KINDS) writeCache(file, [...file.kinds, kind]);
  }
}

/** Removes other builds' and Node versions' folders that have not been written to for a day. */
function removeStaleFolders(root, keep) {
  try {
    for (const name of fs.readdirSync(root)) {
      const folder = path.join(root, name);
      if (folder !== keep && Date.now() - fs.statSync(folder).mtimeMs > STALE_MS)
        fs.rmSync(folder, { recursive: true, force: true });
    }
  } catch {
    // another run removed it first
  }
}

/** require() inside the bundle: our own files through the cache, anything else through Node. */
function requireFrom(dir) {
  const req = (id) => (id.startsWith('./') || id.startsWith('../') ? load(path.join(dir, id)) : require(id));
  req.resolve = require.resolve;
  req.cache = require.cache;
  req.main = require.main;
  return req;
}

const importModule = (specifier) => import(specifier);

function load(file) {
  const known = modules.get(file);
  if (known) return known.exports;
  const module = { exports: {} };
  modules.set(file, module);
  const source = fs.readFileSync(file, 'utf8');
  // Without the build's hash (a bundle not made by scripts/build.mjs) there is no safe key: no cache.
  cacheFolder ??= source.startsWith(BUILD_LINE)
    ? path.join(
        cacheRoot(),
        `${source.slice(BUILD_LINE.length, source.indexOf('\n'))}-${process.version}-${process.arch}`,
      )
    : null;
  const name = path.relative(DIST, file);
  const cacheFile = cacheFolder && path.join(cacheFolder, `${name.replaceAll(path.sep, '-')}.v8`);
  const cached = cacheFile ? readCache(cacheFile) : undefined;
  // __crImport: the bundle's import() of files that are not ours (a user's .mjs config), see scripts/build.mjs.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __crImport) {${source}\n})`,
    {
      filename: file,
      cachedData: typeof cached === 'object' ? cached.data : undefined,
    },
  );
  const state = cached === undefined ? 'miss' : cached === 'damaged' || script.cachedDataRejected ? 'rejected' : 'hit';
  if (debug) process.stderr.write(`code cache: ${state} ${name}\n`);
  // Written at exit (saveCaches): the cache then holds the functions this run compiled, not only the top level.
  if (cacheFile) loaded.push({ script, name, cacheFile, kinds: state === 'hit' ? cached.kinds : undefined });
  const dir = path.dirname(file);
  script.runInThisContext().call(module.exports, module.exports, requireFrom(dir), module, file, dir, importModule);
  return module.exports;
}

const entry = load(path.join(DIST, 'cr.cjs'));
process.once('exit', () => saveCaches(entry));
