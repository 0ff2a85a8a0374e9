// Finding and reading Claude Code's transcripts. Read-only: files are opened for reading only.
import { join, normalize, relative, sep } from 'node:path';
import { TranscriptLineReader, type UsageConsumer } from './transcript-lines.js';

const { closeSync, fstatSync, openSync, readSync, readdirSync, statSync } = process.getBuiltinModule('node:fs');

/** Where transcripts live, in the order Claude Code uses: CLAUDE_CONFIG_DIR, else both defaults. */
export function transcriptRoots(env: Record<string, string | undefined>, home: string): string[] {
  const configDir = env.CLAUDE_CONFIG_DIR?.trim();
  if (configDir) return [join(configDir, 'projects')];
  return [join(home, '.claude', 'projects'), join(home, '.config', 'claude', 'projects')];
}

export interface TranscriptFile {
  path: string;
  /** The session the file belongs to by its place: `<sessionId>.jsonl` or `<sessionId>/**` (subagents). */
  sessionHint: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** Subagent files sit a few directories below their session; deeper trees are not transcripts. */
const MAX_DEPTH = 6;

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** A directory and its mtime (-1: missing), as seen before it was listed. */
export type DirStamp = [path: string, mtimeMs: number];

/**
 * A path's stat, or undefined when there is nothing to stat there: missing, or a part of its path
 * is a file (ENOTDIR), or it cannot be looked at (EACCES, ELOOP). `throwIfNoEntry` covers ENOENT only.
 */
export function statIfThere(path: string): import('node:fs').Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function dirStamp(dir: string): DirStamp {
  const st = statIfThere(dir);
  return [dir, st ? st.mtimeMs : -1];
}

/**
 * Every `*.jsonl` under `<root>/<project>/`, nested session folders included, sorted by path. With
 * `dirs`, also every directory looked at (roots included), stamped with its mtime before it was read:
 * while no stamp changes, no file was added, removed or renamed (appends change only the file).
 */
export function listTranscriptFiles(roots: readonly string[], dirs?: DirStamp[]): TranscriptFile[] {
  const files: TranscriptFile[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    if (dirs) dirs.push(dirStamp(root));
    const dir = normalize(root);
    listEntries(dir, -1, dir, files, dirs, seen);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The entries of one directory the way listTranscriptFiles lists them: `depth` -1 for a root (only
 * its folders count, as projects), 0 for a project folder, one more per level below. Paths in `seen`
 * are skipped (already listed) and new ones added to it; new folders are listed in full, each
 * stamped in `dirs` before it is read. `session`: the folder under the project that `dir` is in
 * (depth 1 and more), which names the session of every file below it; found from the paths when
 * not given. Paths are built by joining with the separator: `dir` comes normalized from the roots.
 */
export function listEntries(
  dir: string,
  depth: number,
  projectDir: string,
  files: TranscriptFile[],
  dirs: DirStamp[] | undefined,
  seen: Set<string>,
  session?: string,
): void {
  if (depth >= 1 && session === undefined) session = relative(projectDir, dir).split(sep)[0]!;
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  for (const entry of safeReaddir(dir)) {
    const name = entry.name;
    const path = prefix + name;
    if (entry.isDirectory()) {
      if (depth < MAX_DEPTH && !seen.has(path)) {
        seen.add(path);
        if (dirs) dirs.push(dirStamp(path));
        listEntries(path, depth + 1, depth < 0 ? path : projectDir, files, dirs, seen, depth === 0 ? name : session);
      }
    } else if (depth >= 0 && name.endsWith('.jsonl') && (entry.isFile() || entry.isSymbolicLink()) && !seen.has(path)) {
      let st;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (!st.isFile()) continue;
      seen.add(path);
      files.push({
        path,
        sessionHint: session ?? name.slice(0, -'.jsonl'.length),
        size: st.size,
        mtimeMs: st.mtimeMs,
        ino: st.ino,
      });
    }
  }
}

export interface FileReadResult {
  bytesRead: number;
  /** Offset just past the last complete line: where the next incremental read starts. */
  completeOffset: number;
  malformed: number;
  /** 1 when the file ends in an unterminated line that looks like a broken assistant line. */
  tailMalformed: number;
  /** Lines over MAX_LINE_BYTES, skipped unread. */
  tooLong: number;
}

/** Reads go into one buffer of this size: most transcripts take one read, and memory stays small. */
export const BLOCK_BYTES = 1024 * 1024;
let sharedBlock: Buffer | undefined;

/**
 * The one block every transcript read goes into (made on first use): a fresh 1 MB buffer per file
 * costs more than the reading (1,000 transcripts of 112 MB: ~250 ms against ~80 ms with one).
 * Its contents last until the next read.
 */
export function transcriptBlock(): Buffer {
  return (sharedBlock ??= Buffer.allocUnsafe(BLOCK_BYTES));
}

/**
 * Reads `path` from byte `from` to its end, handing each assistant usage line to `consumer`.
 * `size`: the size the listing saw; the file is read up to it (one read for most files, no
 * extra read to find the end: what is appended meanwhile is read next time). Without it, up to the
 * end. `walk`: see TranscriptLineReader.
 */
export function readTranscriptFile(
  path: string,
  from: number,
  consumer: UsageConsumer,
  options: { walk?: boolean; size?: number } = {},
): FileReadResult {
  const reader = new TranscriptLineReader(consumer, options);
  const fd = openSync(path, 'r');
  let bytesRead = 0;
  try {
    const size = options.size ?? fstatSync(fd).size;
    const block = transcriptBlock();
    let position = from;
    while (position < size || options.size === undefined) {
      const n = readSync(fd, block, 0, block.length, position);
      if (n === 0) break;
      reader.feed(block, 0, n);
      position += n;
      bytesRead += n;
    }
  } finally {
    closeSync(fd);
  }
  const { tailMalformed } = reader.finish();
  return {
    bytesRead,
    completeOffset: from + reader.completeBytes,
    malformed: reader.malformed,
    tailMalformed,
    tooLong: reader.tooLong,
  };
}
