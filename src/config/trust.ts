// Trust: settings that change where requests go or what runs (the claude binary, profiles, code in
// JavaScript/TypeScript config files) count only from the user's own files and from project
// directories the user trusted with `cr trust`. Trust is keyed by the directory and the sha256 of the
// config file's content, so a changed file needs trusting again.
import path from 'node:path';
import { CrError, EXIT, fsErrorWords } from '../errors.js';
import type { ConfigFile } from './schema.js';
import { shellQuote } from '../ui/shell-quote.js';

const fs = process.getBuiltinModule('node:fs');

export interface TrustEntry {
  /** The config file that was trusted. */
  file: string;
  sha256: string;
  time: string;
}

export interface TrustStore {
  v: 1;
  /** Directory (of the config file) → what was trusted there. */
  dirs: Record<string, TrustEntry>;
}

/** What an untrusted project file lost, for the one-line notice. */
export interface UntrustedNotice {
  file: string;
  dir: string;
  ignored: string[];
}

export function trustFilePath(stateDir: string): string {
  return path.join(stateDir, 'trust.json');
}

/** Config files that cosmiconfig runs as code. */
export function isCodeConfig(file: string): boolean {
  return /\.(?:js|mjs|cjs|ts|mts|cts)$/.test(file);
}

export function hashFile(file: string): string {
  // node:crypto is loaded only here: it costs ~2 ms, and most launches have no project file to hash.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The store in `text`, or undefined when it is not one. */
function parseTrustStore(text: string): TrustStore | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<TrustStore>;
    if (parsed && typeof parsed.dirs === 'object' && parsed.dirs !== null && !Array.isArray(parsed.dirs))
      return { v: 1, dirs: parsed.dirs };
  } catch {
    // not JSON
  }
  return undefined;
}

/** The store, or an empty one when there is none or it cannot be read (then nothing is trusted). */
export function readTrustStore(storeFile: string): TrustStore {
  try {
    return parseTrustStore(fs.readFileSync(storeFile, 'utf8')) ?? { v: 1, dirs: {} };
  } catch {
    return { v: 1, dirs: {} }; // missing or unreadable: trust nothing
  }
}

/** The store to update: empty when there is none; one that cannot be read or parsed is an error, never overwritten. */
function readTrustStoreForUpdate(storeFile: string): TrustStore {
  let text: string;
  try {
    text = fs.readFileSync(storeFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { v: 1, dirs: {} };
    throw new CrError(
      `cannot read the trust store ${storeFile}: ${fsErrorWords((error as NodeJS.ErrnoException).code) ?? (error as Error).message}`,
      EXIT.failure,
    );
  }
  const store = parseTrustStore(text);
  if (!store)
    throw new CrError(`the trust store ${storeFile} is damaged; not rewriting it (fix or remove it)`, EXIT.failure);
  return store;
}

/** Writes the store atomically (temporary file, then rename), readable by the user only. */
export function writeTrustStore(storeFile: string, store: TrustStore): void {
  fs.mkdirSync(path.dirname(storeFile), { recursive: true, mode: 0o700 });
  const tmp = `${storeFile}.tmp-${process.pid}-${Date.now()}`;
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, storeFile);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** Whether `file` is trusted in `store` as it is now: same directory, same file, same content hash. Pure. */
export function isTrusted(store: TrustStore, file: string, sha256: string): boolean {
  const entry = store.dirs[path.dirname(path.resolve(file))];
  return entry !== undefined && entry.file === path.resolve(file) && entry.sha256 === sha256;
}

/** Reads the store and hashes the file: is this project file trusted as it is now? */
export function isFileTrusted(storeFile: string | undefined, file: string): boolean {
  if (!storeFile || !fs.existsSync(storeFile)) return false;
  const store = readTrustStore(storeFile);
  if (!store.dirs[path.dirname(path.resolve(file))]) return false;
  return isTrusted(store, file, hashFile(file));
}

/** How long one update of the store may hold its lock before another cr takes it as left behind. */
const LOCK_STALE_MS = 10_000;
/** How long an update waits for the lock: past LOCK_STALE_MS, so that a lock left behind is taken over. */
const LOCK_WAIT_MS = 15_000;

/** Sleeps without a busy loop (trust updates are synchronous, and waiting is rare). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Reads the store, lets `change` update it, and writes it back, holding a lock file beside the store
 * (created with O_EXCL) the whole time: concurrent `cr trust` and `cr trust --revoke` runs each see
 * the others' updates, so none is lost or undone. A lock older than any update takes (its cr was
 * killed) is taken over. The store is written only when `change` changed it. Returns what `change` returned.
 */
export function updateTrustStore<T>(storeFile: string, change: (store: TrustStore) => T): T {
  fs.mkdirSync(path.dirname(storeFile), { recursive: true, mode: 0o700 });
  const lock = `${storeFile}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const since = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
    if (since !== undefined && Date.now() - since > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
    else if (Date.now() > deadline)
      throw new CrError(`the trust store is locked by another cr (${lock}); try again`, EXIT.failure);
    else sleep(5 + Math.random() * 20);
  }
  try {
    const store = readTrustStoreForUpdate(storeFile);
    const before = JSON.stringify(store);
    const result = change(store);
    if (JSON.stringify(store) !== before) writeTrustStore(storeFile, store);
    return result;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Records `file` (as its content is now) as trusted; returns the entry. */
export function trustFile(storeFile: string, file: string, now: Date): TrustEntry {
  const resolved = path.resolve(file);
  const entry: TrustEntry = { file: resolved, sha256: hashFile(resolved), time: now.toISOString() };
  updateTrustStore(storeFile, (store) => {
    store.dirs[path.dirname(resolved)] = entry;
  });
  return entry;
}

/** Removes a directory's trust; false when it had none. */
export function revokeTrust(storeFile: string, dir: string): boolean {
  const key = path.resolve(dir);
  return updateTrustStore(storeFile, (store) => {
    if (!store.dirs[key]) return false;
    delete store.dirs[key];
    return true;
  });
}

/**
 * A project layer without the settings only trusted files may make: `claudePath`, `profiles`,
 * `fallbackProfile`, and references (tiers, rules, schedule windows) to profiles that only this
 * file defines. References to the user's own profiles (`trustedProfiles`) stay. Pure.
 */
export function stripUntrusted(
  data: ConfigFile,
  trustedProfiles: ReadonlySet<string>,
): { data: ConfigFile; ignored: string[] } {
  const ignored: string[] = [];
  const out: ConfigFile = structuredClone(data);
  if (out.claudePath !== undefined) {
    ignored.push('claudePath');
    delete out.claudePath;
  }
  if (out.profiles !== undefined) {
    const names = Object.keys(out.profiles);
    ignored.push(names.length ? `profiles (${names.join(', ')})` : 'profiles');
    delete out.profiles;
  }
  if (out.fallbackProfile !== undefined) {
    ignored.push('fallbackProfile');
    delete out.fallbackProfile;
  }
  const references: string[] = [];
  const drop = (holder: { profile?: string } | undefined, where: string) => {
    if (holder?.profile !== undefined && !trustedProfiles.has(holder.profile)) {
      references.push(where);
      delete holder.profile;
    }
  };
  for (const [tier, settings] of Object.entries(out.tiers ?? {})) drop(settings, `tiers.${tier}.profile`);
  (out.rules ?? []).forEach((rule, i) => {
    if (typeof rule !== 'string') drop(rule, `rules[${i}].profile`);
  });
  (out.schedule ?? []).forEach((window, i) => drop(window, `schedule[${i}].profile`));
  // A window that only named a profile would now do nothing: leave it out rather than invalid.
  if (out.schedule)
    out.schedule = out.schedule.filter(
      (w) => w.maxTier !== undefined || w.defaultTier !== undefined || w.profile !== undefined,
    );
  ignored.push(...references);
  return { data: out, ignored };
}

/** The one line cr prints about an untrusted project file. */
export function formatUntrustedNotice(notice: UntrustedNotice): string {
  // Quoted as a shell needs it ($'…' for control characters), so that the command copies exactly.
  return `ignored ${notice.ignored.join(', ')} from ${notice.file} (not trusted); if you trust it: cr trust ${shellQuote(notice.dir)}`;
}
