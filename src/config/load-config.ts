import type { Stats } from 'node:fs';
import path from 'node:path';
import { CrError, EXIT, fsErrorWords } from '../errors.js';
import { isTier } from '../types.js';
import { checkedKey, rememberChecked, wasChecked } from './checked-configs.js';
import { DEFAULT_CONFIG, REPLACED_WHOLE, type ResolvedConfig } from './defaults.js';
import { familyOfModel } from '../usage/prices.js';
import type { ConfigFile, PriceSetting } from './schema.js';
import { isCodeConfig, isFileTrusted, stripUntrusted, type UntrustedNotice } from './trust.js';
import { loadUserPatternEngine } from '../decide/user-pattern.js';
import type { Loader } from 'cosmiconfig';

const fs = process.getBuiltinModule('node:fs');

/** Project config files, in the order cosmiconfig would look for them in each directory. */
export const PROJECT_CONFIG_NAMES = [
  'package.json',
  '.claude-router.json',
  '.claude-routerrc',
  '.claude-routerrc.json',
  '.claude-routerrc.yaml',
  '.claude-routerrc.yml',
  '.claude-routerrc.js',
  '.claude-routerrc.mjs',
  '.claude-routerrc.cjs',
  'claude-router.config.json',
  'claude-router.config.js',
  'claude-router.config.mjs',
  'claude-router.config.cjs',
  'claude-router.config.ts',
] as const;

export type ConfigSource = 'default' | 'global' | 'project' | 'file' | 'environment' | 'flag';

export interface ConfigLayer {
  source: ConfigSource;
  /** The file it came from, for file layers. */
  file?: string;
  data: ConfigFile;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Where each leaf value came from, keyed by dotted path ("tiers.opus.model"). */
  sources: Record<string, { source: ConfigSource; file?: string }>;
  layers: ConfigLayer[];
  /** Set when an untrusted project file had settings that were ignored (see trust.ts). */
  untrusted?: UntrustedNotice;
}

export interface LoadConfigOptions {
  cwd: string;
  home: string;
  env: NodeJS.ProcessEnv;
  globalConfigFile: string;
  /** --config FILE: replaces the project search (the global file still applies underneath). */
  explicitFile?: string;
  /** Settings from command-line flags, the top layer. */
  flags?: ConfigFile;
  /**
   * The user's trust store (trust.json). A project file (found by the search, not given with
   * --config) that is not trusted there loses claudePath, profiles and the like, and a JS/TS
   * project file is not loaded at all. Without a store nothing is trusted.
   */
  trustFile?: string;
  /** cr's cache folder: JSON files found valid before are not checked again (see checked-configs.ts). */
  cacheDir?: string;
}

/**
 * Whether a package.json is a project config: it has a "claude-router" key, or cannot be read or
 * parsed but names the key (a broken config is an error, not "no config"). One that cannot be read
 * at all might hold it, so it counts too: reading it then says why it cannot be.
 */
/** Whether a package.json is a config file: it has a "claude-router" key (or cannot be read to tell). */
export function isPackageConfig(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return true;
  }
  if (!text.includes('"claude-router"')) return false;
  try {
    return (JSON.parse(stripBom(text)) as Record<string, unknown> | null)?.['claude-router'] !== undefined;
  } catch {
    return true;
  }
}

/**
 * The nearest project config file, from cwd up to the home directory (or the root outside it).
 * Each name is looked up (as cosmiconfig does) rather than each directory listed: the cost stays
 * 14 lookups a directory however many entries it has (a listing of /tmp or a crowded home takes
 * milliseconds). Anything there under a config file's name counts (a directory too: reading it is
 * then a config error), except a package.json that is not a regular file or has no "claude-router" key.
 */
export function findProjectConfigFile(cwd: string, home: string): string | undefined {
  let dir = path.resolve(cwd);
  const stop = path.resolve(home);
  for (;;) {
    for (const name of PROJECT_CONFIG_NAMES) {
      const file = path.join(dir, name);
      let stat: Stats | undefined;
      try {
        stat = fs.statSync(file, { throwIfNoEntry: false });
      } catch {
        // a folder that cannot be searched: no config file here
      }
      if (!stat) continue;
      if (name === 'package.json' && !(stat.isFile() && isPackageConfig(file))) continue;
      return file;
    }
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) return undefined;
    dir = parent;
  }
}

/** A file read with JSON.parse: its data is plain JSON (YAML and code may give dates, functions…). */
const isJsonFile = (file: string) => file.endsWith('.json');

/** A byte order mark (some Windows editors write one) is not part of the text. */
const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** A config file that exists but cannot be read: a config error (exit 2) naming the file. */
export function readFailure(file: string, error: unknown): CrError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new CrError(`config file not found: ${file}`, EXIT.usage);
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  // "EIO: i/o error, read" → "i/o error": the code's words without the system call.
  const reason =
    fsErrorWords(code) ?? (message.replace(/^[A-Z]+: /, '').replace(/, \w+( '[^']*')?$/, '') || 'cannot be read');
  return new CrError(`cannot read config file ${file}: ${reason}`, EXIT.usage);
}

/** Whether a config file is there: missing is false, anything else that stops a look is a config error. */
function configFileExists(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw readFailure(file, error);
  }
}

/** The text of a config file; anything but a regular file (a directory, a FIFO that would block) is a config error. */
function readConfigText(file: string): string {
  let stat: Stats;
  let text: string;
  try {
    stat = fs.statSync(file);
    text = stat.isFile() ? fs.readFileSync(file, 'utf8') : '';
  } catch (error) {
    throw readFailure(file, error);
  }
  if (stat.isDirectory()) throw new CrError(`cannot read config file ${file}: it is a directory`, EXIT.usage);
  if (!stat.isFile()) throw new CrError(`cannot read config file ${file}: not a regular file`, EXIT.usage);
  return stripBom(text);
}

/**
 * One line for an error of cosmiconfig's YAML, JavaScript and TypeScript loaders. A YAML error's
 * message is several lines ("YAML Error in FILE:", the reason with its place, a snippet); js-yaml's
 * error has the reason and the place (0-based) on their own.
 */
function loaderFailure(file: string, error: unknown): CrError {
  if (
    typeof (error as NodeJS.ErrnoException | undefined)?.code === 'string' &&
    (error as NodeJS.ErrnoException).syscall
  )
    return readFailure(file, error);
  const yaml = error as { name?: string; reason?: unknown; mark?: { line?: unknown; column?: unknown } } | undefined;
  if (yaml?.name === 'YAMLException' && typeof yaml.reason === 'string') {
    const { line, column } = yaml.mark ?? {};
    const where =
      typeof line === 'number' && typeof column === 'number' ? ` at line ${line + 1}, column ${column + 1}` : '';
    return new CrError(`invalid YAML in ${file}${where}: ${yaml.reason}`, EXIT.usage);
  }
  // Drop a leading "… Error in FILE:" line and code frames ("> 1 | {…", "    |   ^"); keep the
  // first line that says something.
  const lines = (error instanceof Error ? error.message : String(error)).split('\n').map((l) => l.trim());
  if (lines[0]?.endsWith(`${file}:`)) lines.shift();
  const first = lines.find((l) => l !== '' && !/^(>\s*)?\d*\s*\|/.test(l))?.replace(`${file}: `, '');
  return new CrError(`${file}: ${first ?? 'cannot be read'}`, EXIT.usage);
}

/**
 * JSON.parse's message with the line and column of its "at position N" (Node 20 gives only the
 * position; 22 and later add "(line L column C)" themselves, and then it is left as it is).
 */
export function jsonErrorWithPlace(message: string, text: string): string {
  const at = / at position (\d+)$/.exec(message);
  if (!at) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}

/** Deeper than any setting goes (rules[0].when.families[0] is 4 levels): deeper data is a mistake or an attack. */
const MAX_CONFIG_DEPTH = 32;
/** More values than any real config has; it also stops a YAML alias bomb (aliases share, walks multiply). */
const MAX_CONFIG_VALUES = 100_000;

/**
 * Refuses data nested deeper or larger than a config can be, before anything walks it recursively
 * (validation, merging, JSON.stringify), which would overflow the stack or never finish.
 */
function checkConfigSize(file: string, data: unknown): void {
  let values = 0;
  const walk = (value: unknown, depth: number) => {
    if (++values > MAX_CONFIG_VALUES)
      throw new CrError(`invalid config in ${file}: more than ${MAX_CONFIG_VALUES} values`, EXIT.usage);
    if (typeof value !== 'object' || value === null) return;
    if (depth >= MAX_CONFIG_DEPTH)
      throw new CrError(`invalid config in ${file}: nested more than ${MAX_CONFIG_DEPTH} levels deep`, EXIT.usage);
    for (const child of Object.values(value)) walk(child, depth + 1);
  };
  walk(data, 0);
}

/**
 * The data of one config file, not yet validated. JSON (package.json: its "claude-router" key) is
 * parsed here; YAML and code go through cosmiconfig's loaders, called directly: cosmiconfig's own
 * search would also load its "meta config" (.config/config.js, package.json's "cosmiconfig" key) from
 * the working directory and follow `$import`, and that runs code from wherever cr is started.
 * JavaScript and TypeScript files run only when `mayRunCode` (the user's own file or a trusted one).
 * An empty file and one that says `null` both mean "no settings".
 */
async function readConfigFile(file: string, mayRunCode: boolean): Promise<unknown> {
  if (!configFileExists(file)) throw new CrError(`config file not found: ${file}`, EXIT.usage);
  if (isCodeConfig(file) && !mayRunCode) throw new CrError(`not running ${file}: it is not trusted`, EXIT.usage);
  const text = readConfigText(file);
  let data: unknown;
  if (text.trim() === '') return {};
  if (isJsonFile(file)) {
    try {
      data = JSON.parse(text) as unknown;
    } catch (error) {
      throw new CrError(`${file}: invalid JSON: ${jsonErrorWithPlace((error as Error).message, text)}`, EXIT.usage);
    }
    if (path.basename(file) === 'package.json') data = (data as Record<string, unknown> | null)?.['claude-router'];
  } else {
    // cosmiconfig is CommonJS: its named export sits on `default` once bundled.
    const mod = (await import('cosmiconfig')) as typeof import('cosmiconfig') & {
      default?: typeof import('cosmiconfig');
    };
    const loaders: Readonly<Record<string, Loader | undefined>> = mod.defaultLoaders ?? mod.default!.defaultLoaders;
    const loader = loaders[path.extname(file) || 'noExt'];
    if (!loader) throw new CrError(`${file}: not a config file cr can read`, EXIT.usage);
    try {
      data = await loader(file, text);
    } catch (error) {
      throw loaderFailure(file, error);
    }
  }
  checkConfigSize(file, data);
  return data ?? {};
}

/** Whether config data has a rule with a pattern (which needs the pattern engine, see user-pattern.ts). */
function hasUserPatterns(data: unknown): boolean {
  const rules = isPlainObject(data) ? data.rules : undefined;
  return (
    Array.isArray(rules) &&
    rules.some((rule) => isPlainObject(rule) && isPlainObject(rule.when) && rule.when.pattern !== undefined)
  );
}

async function readValidatedLayer(
  file: string,
  source: ConfigSource,
  mayRunCode: boolean,
  inheritedProfiles: ReadonlySet<string> = new Set(),
  cacheDir?: string,
): Promise<ConfigLayer> {
  const data = await readConfigFile(file, mayRunCode);
  if (hasUserPatterns(data)) await loadUserPatternEngine();
  const key = cacheDir && isJsonFile(file) ? checkedKey(data, inheritedProfiles) : undefined;
  // A valid file's settings are its contents (checked-configs.ts).
  if (key && wasChecked(cacheDir!, key)) return { source, file, data: data as ConfigFile };
  // zod is loaded only when there is a file to validate.
  const { validateConfig } = await import('./validate-config.js');
  const { config, problems } = validateConfig(data, inheritedProfiles);
  if (!config) {
    // In package.json the settings sit under "claude-router": a path names that key.
    const where = (p: { path: string }) =>
      path.basename(file) !== 'package.json'
        ? p.path
        : p.path === '(root)'
          ? 'claude-router'
          : `claude-router.${p.path}`;
    const first = problems[0]!;
    throw new CrError(
      `invalid config in ${file}: ${where(first)}: ${first.message}`,
      EXIT.usage,
      problems.slice(1).map((p) => `${file}: ${where(p)}: ${p.message}`),
    );
  }
  if (key) rememberChecked(cacheDir!, key);
  return { source, file, data: config };
}

/** Settings the environment may set; each is validated like a config file. */
export function environmentLayer(env: NodeJS.ProcessEnv): ConfigFile {
  const data: ConfigFile = {};
  if (env.CLAUDE_PATH) data.claudePath = env.CLAUDE_PATH;
  if (env.CR_DEFAULT_TIER) {
    if (!isTier(env.CR_DEFAULT_TIER))
      throw new CrError(`CR_DEFAULT_TIER: expected opus, sonnet or haiku, got "${env.CR_DEFAULT_TIER}"`, EXIT.usage);
    data.defaultTier = env.CR_DEFAULT_TIER;
  }
  if (env.CR_ASK) {
    if (!['never', 'low-confidence', 'always'].includes(env.CR_ASK))
      throw new CrError(`CR_ASK: expected never, low-confidence or always, got "${env.CR_ASK}"`, EXIT.usage);
    data.ask = env.CR_ASK as ConfigFile['ask'];
  }
  if (env.CR_LEARN) {
    if (env.CR_LEARN === '0' || env.CR_LEARN === 'false') data.learn = false;
    else if (env.CR_LEARN === '1' || env.CR_LEARN === 'true') data.learn = true;
    else throw new CrError(`CR_LEARN: expected 0, false, 1 or true, got "${env.CR_LEARN}"`, EXIT.usage);
  }
  return data;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges layers in order, later winning; records the source of every leaf. Pure. */
/** A deep copy of plain JSON data (config values are JSON): cheaper than structuredClone at start-up. */
function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copyJson(v);
    return out as T;
  }
  return value;
}

/** Walks the layers the way mergeLayers merges them, calling `leaf` for every value a layer sets. */
function walkLayers(
  layers: readonly ConfigLayer[],
  leaf: (target: Record<string, unknown>, key: string, keyPath: string, value: unknown, layer: ConfigLayer) => void,
  result: Record<string, unknown>,
): void {
  const apply = (
    target: Record<string, unknown>,
    data: Record<string, unknown>,
    prefix: string,
    layer: ConfigLayer,
  ) => {
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined || key === '$schema') continue;
      const keyPath = prefix ? `${prefix}.${key}` : key;
      if (isPlainObject(value) && !REPLACED_WHOLE.has(keyPath)) {
        if (!isPlainObject(target[key])) target[key] = {};
        apply(target[key] as Record<string, unknown>, value, keyPath, layer);
      } else leaf(target, key, keyPath, value, layer);
    }
  };
  for (const layer of layers) apply(result, layer.data as Record<string, unknown>, '', layer);
}

/** Where each leaf value came from. Only `cr config` and `cr doctor` need it, so it is computed on demand. */
function sourcesOf(layers: readonly ConfigLayer[]): LoadedConfig['sources'] {
  const sources: LoadedConfig['sources'] = {};
  const markDefaults = (value: unknown, prefix: string) => {
    if (isPlainObject(value) && !REPLACED_WHOLE.has(prefix)) {
      for (const [k, v] of Object.entries(value)) markDefaults(v, prefix ? `${prefix}.${k}` : k);
    } else sources[prefix] = { source: 'default' };
  };
  markDefaults(DEFAULT_CONFIG, '');
  walkLayers(
    layers,
    (_target, _key, keyPath, _value, layer) => {
      for (const existing of Object.keys(sources)) if (existing.startsWith(`${keyPath}.`)) delete sources[existing];
      sources[keyPath] = layer.file ? { source: layer.source, file: layer.file } : { source: layer.source };
    },
    copyJson(DEFAULT_CONFIG) as unknown as Record<string, unknown>,
  );
  return sources;
}

/**
 * Price entries merge key by key, so a file may give only part of one. An entry for a tier has the
 * default under it; one for a model id takes what it lacks of input and output from its family's
 * (merged) entry, as priceForModel would have fallen back to it (its cache multipliers stay the
 * defaults, as for a complete entry). validateConfig rejects a partial entry with no family.
 */
function completePrices(prices: Record<string, PriceSetting>): void {
  for (const [key, entry] of Object.entries(prices)) {
    if (entry.input !== undefined && entry.output !== undefined) continue;
    const family = familyOfModel(key);
    const base = family && family !== key ? (prices[family] ?? DEFAULT_CONFIG.prices[family]) : undefined;
    const input = entry.input ?? base?.input;
    const output = entry.output ?? base?.output;
    if (input === undefined || output === undefined) {
      throw new CrError(`prices.${key}: needs both input and output (no default price for "${key}")`, EXIT.usage);
    }
    prices[key] = { ...entry, input, output };
  }
}

/** Merges layers in order, later winning; `sources` tells where every leaf came from. Pure. */
export function mergeLayers(layers: readonly ConfigLayer[]): LoadedConfig {
  const result = copyJson(DEFAULT_CONFIG) as unknown as Record<string, unknown>;
  walkLayers(
    layers,
    (target, key, _keyPath, value) => {
      target[key] = copyJson(value);
    },
    result,
  );
  completePrices(result.prices as Record<string, PriceSetting>);
  let sources: LoadedConfig['sources'] | undefined;
  const kept = [...layers];
  return {
    config: result as unknown as ResolvedConfig,
    get sources() {
      return (sources ??= sourcesOf(kept));
    },
    layers: kept,
  };
}

/** defaults < global file < project file (or --config FILE) < environment < flags. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const layers: ConfigLayer[] = [];
  const { cacheDir } = options;
  // The user's own files (the global one, one named with --config) may be code; a project file found
  // by the search runs only once trusted.
  if (configFileExists(options.globalConfigFile))
    layers.push(await readValidatedLayer(options.globalConfigFile, 'global', true, undefined, cacheDir));
  const projectFile = options.explicitFile
    ? path.resolve(options.cwd, options.explicitFile)
    : findProjectConfigFile(options.cwd, options.home);
  let untrusted: UntrustedNotice | undefined;
  // A project file may name profiles that the user's global file defines.
  const globalProfiles = new Set(layers.flatMap((l) => Object.keys(l.data.profiles ?? {})));
  if (projectFile && projectFile !== options.globalConfigFile) {
    if (options.explicitFile)
      layers.push(await readValidatedLayer(projectFile, 'file', true, globalProfiles, cacheDir));
    else if (isCodeConfig(projectFile)) {
      if (isFileTrusted(options.trustFile, projectFile))
        layers.push(await readValidatedLayer(projectFile, 'project', true, globalProfiles, cacheDir));
      else
        untrusted = {
          file: projectFile,
          dir: path.dirname(projectFile),
          ignored: ['the whole file (JavaScript/TypeScript config runs code)'],
        };
    } else {
      const layer = await readValidatedLayer(projectFile, 'project', false, globalProfiles, cacheDir);
      const stripped = stripUntrusted(layer.data, globalProfiles);
      if (stripped.ignored.length > 0 && !isFileTrusted(options.trustFile, projectFile)) {
        layer.data = stripped.data;
        untrusted = { file: projectFile, dir: path.dirname(projectFile), ignored: stripped.ignored };
      }
      layers.push(layer);
    }
  }
  layers.push({ source: 'environment', data: environmentLayer(options.env) });
  if (options.flags) layers.push({ source: 'flag', data: options.flags });
  const loaded = mergeLayers(layers);
  if (untrusted) loaded.untrusted = untrusted;
  return loaded;
}
