import type { Dirent, Stats } from 'node:fs';
// One session's usage for the status line, read incrementally: the session's transcript and its
// subagents' files under `<sessionId>/`, each from the offset the last call stopped at. What was read
// is kept in a small cache file per session (statusline/<sessionId>.json in cr's cache folder): the
// offset of each file, the message ids seen (a message can be written more than once), the tokens
// per model, and the model of the session's last answer. A file that was replaced or shrank is read
// again from the start, with the rest of the session.
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { addCounts, emptyCounts, type TokenCounts } from '../usage/prices.js';
import { readTranscriptFile } from '../usage/read-transcripts.js';

const fs = process.getBuiltinModule('node:fs');

export interface SessionUsage {
  /** Tokens per model id, every message counted once. */
  models: Record<string, TokenCounts>;
  /** The model of the last answer in the session's own transcript (not a subagent's). */
  answering?: string;
}

interface FileMark {
  ino: number;
  offset: number;
}

interface CacheData extends SessionUsage {
  v: 1;
  files: Record<string, FileMark>;
  seen: string[];
}

const CACHE_VERSION = 1;
/** Cache files of sessions not seen for this long are removed when a new session starts one. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;
/** Subagent files sit in `<sessionId>/subagents/`; a little deeper is allowed, no more. */
const MAX_DEPTH = 3;

/** The session's transcript files: the main one first, then its subagents' in path order. */
export function sessionFiles(transcript: string, sessionId: string): string[] {
  const files = [transcript];
  const walk = (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && depth < MAX_DEPTH) walk(full, depth + 1);
      else if (e.isFile() && e.name.endsWith('.jsonl')) files.push(full);
    }
  };
  walk(path.join(path.dirname(transcript), sessionId), 0);
  return files;
}

export function cacheFile(cacheDir: string, sessionId: string): string {
  return path.join(cacheDir, 'statusline', `${sessionId}.json`);
}

function emptyCache(): CacheData {
  return { v: CACHE_VERSION, files: {}, seen: [], models: {} };
}

/** Removes the cache files of sessions that have not been shown for KEEP_MS. */
function pruneOld(dir: string, now: number): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > KEEP_MS) fs.rmSync(file, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

function readCache(file: string): CacheData | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheData;
    if (data.v === CACHE_VERSION && Array.isArray(data.seen) && typeof data.files === 'object' && data.models)
      return data;
  } catch {
    // none yet, or damaged: read the session from the start
  }
  return undefined;
}

/**
 * The session's usage so far, reading only what was added since the last call. `cacheDir`
 * undefined: nothing kept (every call reads everything).
 */
export function readSessionUsage(transcript: string, sessionId: string, cacheDir: string | undefined): SessionUsage {
  const cachePath = cacheDir ? cacheFile(cacheDir, sessionId) : undefined;
  const cached = cachePath ? readCache(cachePath) : undefined;
  // The first look at a session: a good moment to drop the files of sessions long over.
  if (cachePath && !cached) pruneOld(path.dirname(cachePath), Date.now());
  let cache = cached ?? emptyCache();
  const files = sessionFiles(transcript, sessionId);
  const stats = new Map<string, Stats>();
  for (const file of files) {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st) stats.set(file, st);
  }
  // A replaced or shrunk file: its old counts cannot be taken out, so the session is read anew.
  const stale = [...stats].some(([file, st]) => {
    const mark = cache.files[file];
    return mark !== undefined && (mark.ino !== st.ino || st.size < mark.offset);
  });
  if (stale) cache = emptyCache();
  const seen = new Set(cache.seen);
  let changed = stale;
  for (const [file, st] of stats) {
    const mark = cache.files[file] ?? { ino: st.ino, offset: 0 };
    if (st.size === mark.offset && cache.files[file]) continue;
    const main = file === transcript;
    const result = readTranscriptFile(
      file,
      mark.offset,
      (entry) => {
        if (entry.key !== undefined) {
          if (seen.has(entry.key)) return;
          seen.add(entry.key);
        }
        addCounts((cache.models[entry.model] ??= emptyCounts()), entry.tokens);
        if (main) cache.answering = entry.model;
      },
      { walk: false },
    );
    cache.files[file] = { ino: st.ino, offset: result.completeOffset };
    changed = true;
  }
  if (changed && cachePath) {
    cache.seen = [...seen];
    writeFileAtomic(cachePath, JSON.stringify(cache));
  }
  return cache.answering === undefined
    ? { models: cache.models }
    : { models: cache.models, answering: cache.answering };
}
