// What a session's own transcript records about model changes: the evidence for the cause of a
// substitution (report/substitution.ts). Read only for the few sessions that ran on a model other
// than the one routed, so this is a plain scan: raw bytes searched for two markers, and only the
// lines that hold one are parsed.
import { closeSync, openSync, readSync } from 'node:fs';
import { sep } from 'node:path';
import type { TranscriptEvidence } from '../report/substitution.js';
import { BLOCK_BYTES } from './read-transcripts.js';
import { MAX_LINE_BYTES } from './transcript-lines.js';

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

function scanFile(path: string, evidence: TranscriptEvidence): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    const block = Buffer.allocUnsafe(BLOCK_BYTES);
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
