// Config files that this build of cr has already checked and found valid.
//
// Checking a file loads zod and builds the schema: ~20 ms, more than the rest of a launch. A JSON
// config file says the same thing launch after launch, so once one is valid, cr remembers exactly
// what it checked (the file's parsed contents, the profiles the global file lent it, the build,
// the Node version, whose time zones it checked) in `config-checked.json` in its cache folder, and
// the next launch that reads the same thing skips the check. A valid file's settings are exactly
// its contents (the schema neither adds nor changes values), so nothing but the fact "valid" is
// kept: what is used is always what the file says now. Anything else (another text, another build,
// a missing or damaged list) is checked as before, and the list is best effort: failing to read
// or write it only costs the check.
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';

const fs = process.getBuiltinModule('node:fs');

declare const __CR_SOURCE_HASH__: string | undefined;

export const CHECKED_CONFIGS_FILE = 'config-checked.json';
/** Files a user switches between (global, a few projects); older ones are checked again. */
export const MAX_CHECKED = 16;

/**
 * What a check depends on, as one string; undefined (never remembered) when cr is not a build
 * (the sources under test) or the build is unknown.
 */
export function checkedKey(
  data: unknown,
  inheritedProfiles: ReadonlySet<string>,
  build: string | undefined = typeof __CR_SOURCE_HASH__ === 'string' ? __CR_SOURCE_HASH__ : undefined,
): string | undefined {
  if (!build) return undefined;
  return JSON.stringify([build, process.version, [...inheritedProfiles].sort(), data]);
}

function readList(file: string): string[] {
  try {
    const list = (JSON.parse(fs.readFileSync(file, 'utf8')) as { checked?: unknown }).checked;
    return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

export function wasChecked(cacheDir: string, key: string): boolean {
  return readList(path.join(cacheDir, CHECKED_CONFIGS_FILE)).includes(key);
}

/** Adds `key` (most recent first), atomically; never throws. */
export function rememberChecked(cacheDir: string, key: string): void {
  const file = path.join(cacheDir, CHECKED_CONFIGS_FILE);
  const checked = [key, ...readList(file).filter((k) => k !== key)].slice(0, MAX_CHECKED);
  // Where it cannot be written, the next launch checks the file again.
  writeFileAtomic(file, `${JSON.stringify({ checked })}\n`);
}
