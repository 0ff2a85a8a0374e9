import { appendFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES } from '../../src/usage/read-transcripts.js';
import { createEvidenceReader, ownTranscriptFiles, readSessionEvidence } from '../../src/usage/session-evidence.js';
import { assistantLine, tempDir, userLine, writeTranscript } from './transcripts.js';

const S = 'bbbbbbbb-0000-4000-a000-000000000001';

/** The line Claude Code 2.1.332 writes when --fallback-model takes over on overload. */
function fallbackLine(to: string): string {
  return JSON.stringify({
    type: 'system',
    subtype: 'model_fallback',
    content: `Switched to ${to} due to high demand`,
    level: 'warning',
    trigger: 'overloaded',
    originalModel: 'claude-haiku-5-5',
    fallbackModel: to,
    sessionId: S,
    timestamp: '2026-11-20T10:00:00.000Z',
  });
}

const modelCommand = userLine(
  S,
  '<command-name>/model</command-name>\n<command-message>model</command-message>\n<command-args>opus</command-args>',
);

describe('readSessionEvidence', () => {
  it('finds fallback lines and /model commands, and nothing in lines that only quote them', async () => {
    const root = await tempDir();
    const file = await writeTranscript(root, `${S}.jsonl`, [
      userLine(S, 'why did the log say "model_fallback" here?'),
      assistantLine({ sessionId: S, id: 'a', usage: { input: 1, output: 1 }, text: 'a "model_fallback" mention' }),
      fallbackLine('claude-sonnet-5-5'),
      '{"type":"system","subtype":"model_fallback" broken',
      modelCommand,
      JSON.stringify({ type: 'assistant', message: { content: '<command-name>/model</command-name>' } }),
    ]);
    expect(readSessionEvidence([file])).toEqual({ fallbackModels: ['claude-sonnet-5-5'], modelCommands: 1 });
  });

  it('finds a marker on a line that spans two reads, and in a last line without a newline', async () => {
    const root = await tempDir();
    // The fallback line starts 100 bytes before the end of the first read.
    const filler = userLine(S, 'x'.repeat(BLOCK_BYTES - 100 - userLine(S, '').length - 1));
    const file = await writeTranscript(
      root,
      `${S}.jsonl`,
      [filler, fallbackLine('claude-opus-5-5'), modelCommand],
      true,
    );
    expect(readSessionEvidence([file])).toEqual({ fallbackModels: ['claude-opus-5-5'], modelCommands: 1 });
  });

  it('a missing file adds nothing', async () => {
    const root = await tempDir();
    const missing = path.join(root, 'nope.jsonl');
    const file = await writeTranscript(root, `${S}.jsonl`, [modelCommand]);
    expect(readSessionEvidence([missing, file])).toEqual({ fallbackModels: [], modelCommands: 1 });
  });

  it("the session's own files leave out its subagents' folder", () => {
    const own = path.join('/r', '-p', `${S}.jsonl`);
    const sub = path.join('/r', '-p', S, 'subagents', 'agent-1.jsonl');
    expect(ownTranscriptFiles(S, [own, sub])).toEqual([own]);
  });
});

describe('createEvidenceReader', () => {
  it('scans a transcript again only when its size or mtime changed, across runs', async () => {
    const root = await tempDir();
    const cache = path.join(root, 'cache', 'usage-evidence.json');
    const file = await writeTranscript(root, `${S}.jsonl`, [fallbackLine('claude-sonnet-5-5')]);
    const stamp = new Date('2026-11-20T10:00:00Z'); // whole seconds: utimes keeps them exactly
    utimesSync(file, stamp, stamp);
    const first = createEvidenceReader(cache);
    expect(first.read([file])).toEqual({ fallbackModels: ['claude-sonnet-5-5'], modelCommands: 0 });
    first.save();
    // Same size and mtime, other bytes: the cached evidence stands (the file is not read again).
    const other = fallbackLine('claude-opus-5-5').padEnd(statSync(file).size - 1, ' ');
    writeFileSync(file, `${other}\n`);
    utimesSync(file, stamp, stamp);
    expect(createEvidenceReader(cache).read([file]).fallbackModels).toEqual(['claude-sonnet-5-5']);
    // The file grew: scanned again.
    appendFileSync(file, `${modelCommand}\n`);
    const third = createEvidenceReader(cache);
    expect(third.read([file])).toEqual({ fallbackModels: ['claude-opus-5-5'], modelCommands: 1 });
    third.save();
    expect(createEvidenceReader(cache).read([file])).toEqual({ fallbackModels: ['claude-opus-5-5'], modelCommands: 1 });
  });

  it('a damaged cache file is an empty cache', async () => {
    const root = await tempDir();
    const cache = path.join(root, 'usage-evidence.json');
    writeFileSync(cache, '{"v":1,"files":{"x":{"evidence":5}}');
    const file = await writeTranscript(root, `${S}.jsonl`, [modelCommand]);
    expect(createEvidenceReader(cache).read([file])).toEqual({ fallbackModels: [], modelCommands: 1 });
  });
});
