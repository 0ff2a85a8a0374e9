// What a session's own transcript records about model changes: the evidence for the cause of a
// substitution (report/substitution.ts). Read only for the few sessions that ran on a model other
// than the one routed, so this is a plain scan: raw bytes searched for two markers, and only the
// lines that hold one are parsed.
import { sep } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { TranscriptEvidence } from '../report/substitution.js';
import { transcriptBlock } from './read-transcripts.js';
import { MAX_LINE_BYTES } from './transcript-lines.js';

const { closeSync, openSync, readFileSync, readSync, statSync } = process.getBuiltinModule('node:fs');

/** Claude Code 2.1.332 writes `{"type":"system","subtype":"model_fallback","fallbackModel":…}` when it falls back. */
const FALLBACK = Buffer.from('"model_fallback"');
/** A slash command is recorded as a user line whose text starts with its `<command-name>`. */
const MODEL_COMMAND_TEXT = '<command-name>/model</command-name>';
const MODEL_COMMAND = Buffer.from(MODEL_COMMAND_TEXT);
const NL = 0x0a;

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The session's own files among `files` (not those under its `<sessionId>/` folder: subagents). */
export function ownTranscriptFiles(sessionId: string, files: readonly string[]): string[] {
  return files.filter((f) => !f.includes(`${sep}${sessionId}${sep}`));
}

/** The evidence in these transcript files; a file that cannot be read adds none. */
export function readSessionEvidence(files: readonly string[]): TranscriptEvidence {
  const evidence: TranscriptEvidence = { fallbackModels: [], modelCommands: 0 };
  for (const file of files) scanFile(file, evidence);
  return evidence;
}

/** The evidence cache's file name in cr's cache folder. */
export const EVIDENCE_CACHE = 'usage-evidence.json';

/** What one file held when it was scanned, and the size and mtime it had then. */
interface ScannedFile {
  size: number;
  mtimeMs: number;
  evidence: TranscriptEvidence;
}

/**
 * readSessionEvidence with a cache file (in cr's cache folder, named usage-* like the usage caches):
 * a transcript is scanned again only when its size or mtime changed, so a second `cr stats` or
 * `cr history` does not read every substituted session's transcript again. A cache that cannot be
 * read is an empty one; one that cannot be written only costs the next run a scan. `listed`: the
 * size and mtime each file had when the usage index listed it (the usage index's files), so that
 * those are not stat'ed again; a file not in it is stat'ed.
 */
export function createEvidenceReader(
  cacheFile: string,
  listed: ReadonlyMap<string, { size: number; mtimeMs: number }> = new Map(),
): {
  read(files: readonly string[]): TranscriptEvidence;
  save(): void;
} {
  let cached: Record<string, ScannedFile> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(cacheFile, 'utf8'));
    if (isObject(parsed) && isObject(parsed.files)) cached = parsed.files as Record<string, ScannedFile>;
  } catch {
    // no cache yet
  }
  const used: Record<string, ScannedFile> = {};
  let changed = false;
  return {
    read(files) {
      const evidence: TranscriptEvidence = { fallbackModels: [], modelCommands: 0 };
      for (const file of files) {
        let size: number;
        let mtimeMs: number;
        const seen = listed.get(file);
        if (seen) ({ size, mtimeMs } = seen);
        else
          try {
            ({ size, mtimeMs } = statSync(file));
          } catch {
            continue;
          }
        let entry = cached[file];
        if (!entry || entry.size !== size || entry.mtimeMs !== mtimeMs || !validEvidence(entry.evidence)) {
          const found: TranscriptEvidence = { fallbackModels: [], modelCommands: 0 };
          scanFile(file, found);
          entry = { size, mtimeMs, evidence: found };
          changed = true;
        }
        used[file] = entry;
        evidence.fallbackModels.push(...entry.evidence.fallbackModels);
        evidence.modelCommands += entry.evidence.modelCommands;
      }
      return evidence;
    },
    save() {
      // A cache that could not be written only means the next run scans again.
      if (changed) writeFileAtomic(cacheFile, JSON.stringify({ v: 1, files: { ...cached, ...used } }));
    },
  };
}

function validEvidence(e: unknown): e is TranscriptEvidence {
  return (
    isObject(e) &&
    Array.isArray(e.fallbackModels) &&
    e.fallbackModels.every((m) => typeof m === 'string') &&
    Number.isInteger(e.modelCommands)
  );
}

function scanFile(path: string, evidence: TranscriptEvidence): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    const block = transcriptBlock();
    let carry = Buffer.alloc(0);
    let position = 0;
    for (;;) {
      const n = readSync(fd, block, 0, block.length, position);
      if (n === 0) break;
      position += n;
      const buf = carry.length > 0 ? Buffer.concat([carry, block.subarray(0, n)]) : block.subarray(0, n);
      const complete = buf.lastIndexOf(NL) + 1;
      markedLines(buf, complete, evidence);
      // A line longer than the readers' limit is dropped, as they drop it.
      carry = buf.length - complete > MAX_LINE_BYTES ? Buffer.alloc(0) : Buffer.from(buf.subarray(complete));
    }
    markedLines(carry, carry.length, evidence);
  } catch {
    // Unreadable midway: what was found so far stands.
  } finally {
    closeSync(fd);
  }
}

/** The lines in buf[0, end) that hold a marker, parsed and checked. */
function markedLines(buf: Buffer, end: number, evidence: TranscriptEvidence): void {
  for (const needle of [FALLBACK, MODEL_COMMAND]) {
    let from = 0;
    for (;;) {
      const hit = buf.indexOf(needle, from);
      if (hit < 0 || hit >= end) break;
      const start = buf.lastIndexOf(NL, hit) + 1;
      const nl = buf.indexOf(NL, hit);
      const stop = nl < 0 || nl > end ? end : nl;
      from = stop + 1;
      let line: unknown;
      try {
        line = JSON.parse(buf.toString('utf8', start, stop));
      } catch {
        continue;
      }
      if (!isObject(line)) continue;
      if (needle === FALLBACK) {
        if (line.type === 'system' && line.subtype === 'model_fallback' && typeof line.fallbackModel === 'string')
          evidence.fallbackModels.push(line.fallbackModel);
      } else if (line.type === 'user' && runsModelCommand(line.message)) {
        evidence.modelCommands++;
      }
    }
  }
}

function runsModelCommand(message: unknown): boolean {
  if (!isObject(message)) return false;
  const content = message.content;
  if (typeof content === 'string') return content.includes(MODEL_COMMAND_TEXT);
  return (
    Array.isArray(content) &&
    content.some((b) => isObject(b) && typeof b.text === 'string' && b.text.includes(MODEL_COMMAND_TEXT))
  );
}
