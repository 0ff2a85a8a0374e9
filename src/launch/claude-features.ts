// What the installed claude accepts that not every release has (today: --effort). Found once per
// claude binary from `claude --version` and `claude --help` (by `cr doctor`, or by the first launch
// that needs it) and kept in claude-features.json in cr's cache folder, keyed by the binary's real
// path. An entry holds the binary's size and mtime: an update replaces the file, and so the entry.
// The file is safe to delete.
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';

const fs = process.getBuiltinModule('node:fs');

export interface ClaudeFeatures {
  /** What `claude --version` printed (its first line). */
  version: string;
  /** Whether `claude --help` lists --effort. */
  effort: boolean;
}

interface Entry extends ClaudeFeatures {
  size: number;
  mtimeMs: number;
}

export const FEATURES_FILE = 'claude-features.json';

/** What a claude's --version and --help say it accepts. Pure. */
export function featuresFromHelp(versionText: string, help: string): ClaudeFeatures {
  return {
    version: versionText.trim().split('\n')[0] || 'unknown version',
    effort: /(^|[\s,])--effort(?=[\s,=<[]|$)/m.test(help),
  };
}

/** The binary's real path, size and mtime: what an entry is kept for. */
function stampOf(claudePath: string): { key: string; size: number; mtimeMs: number } | undefined {
  try {
    const key = fs.realpathSync(claudePath);
    const st = fs.statSync(key);
    return { key, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

function readEntries(cacheDir: string): Record<string, Entry> {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(cacheDir, FEATURES_FILE), 'utf8')) as unknown;
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Record<string, Entry>;
  } catch {
    // missing or damaged: nothing known
  }
  return {};
}

/** What is known about this binary, when it has not changed since. */
export function cachedFeatures(cacheDir: string, claudePath: string): ClaudeFeatures | undefined {
  const stamp = stampOf(claudePath);
  if (!stamp) return undefined;
  const entry = readEntries(cacheDir)[stamp.key];
  if (
    !entry ||
    entry.size !== stamp.size ||
    entry.mtimeMs !== stamp.mtimeMs ||
    typeof entry.effort !== 'boolean' ||
    typeof entry.version !== 'string'
  )
    return undefined;
  return { version: entry.version, effort: entry.effort };
}

/** Keeps what was found for this binary (a failure to write only means asking again next time). */
export function rememberFeatures(cacheDir: string, claudePath: string, features: ClaudeFeatures): void {
  const stamp = stampOf(claudePath);
  if (!stamp) return;
  const entries = readEntries(cacheDir);
  entries[stamp.key] = { ...features, size: stamp.size, mtimeMs: stamp.mtimeMs };
  writeFileAtomic(path.join(cacheDir, FEATURES_FILE), `${JSON.stringify(entries, null, 2)}\n`);
}

/** Asks the binary itself (about 0.4 s for the real claude); undefined when it does not answer. */
export function probeFeatures(claudePath: string, env: NodeJS.ProcessEnv, cwd: string): ClaudeFeatures | undefined {
  // Loaded here: only a launch that needs the answer and has none pays for child_process.
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const run = (arg: string) =>
    spawnSync(claudePath, [arg], { env, cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, encoding: 'utf8' });
  const version = run('--version');
  const help = run('--help');
  if (version.status !== 0 || help.status !== 0 || !help.stdout.trim()) return undefined;
  return featuresFromHelp(version.stdout, help.stdout);
}

/** What this claude accepts: from the cache, else asked once and kept. */
export function claudeFeatures(
  cacheDir: string,
  claudePath: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ClaudeFeatures | undefined {
  const known = cachedFeatures(cacheDir, claudePath);
  if (known) return known;
  const found = probeFeatures(claudePath, env, cwd);
  if (found) rememberFeatures(cacheDir, claudePath, found);
  return found;
}
