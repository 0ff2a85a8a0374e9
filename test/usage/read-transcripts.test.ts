import { readFile, stat, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTranscriptFiles, readTranscriptFile, transcriptRoots } from '../../src/usage/read-transcripts.js';
import { MAX_LINE_BYTES, TranscriptLineReader, type UsageEntry } from '../../src/usage/transcript-lines.js';
import { scanTranscripts } from '../../src/usage/usage-cache.js';
import { sessionUsage, usageCells } from '../../src/usage/usage-index.js';
import { assistantLine, tempDir, userLine, writeTranscript } from './transcripts.js';

describe('transcriptRoots', () => {
  it('uses CLAUDE_CONFIG_DIR/projects when set, else both default places', () => {
    expect(transcriptRoots({ CLAUDE_CONFIG_DIR: '/x/cfg' }, '/home/u')).toEqual(['/x/cfg/projects']);
    expect(transcriptRoots({}, '/home/u')).toEqual(['/home/u/.claude/projects', '/home/u/.config/claude/projects']);
    expect(transcriptRoots({ CLAUDE_CONFIG_DIR: ' ' }, '/home/u')).toHaveLength(2);
  });
});

const S1 = 'aaaaaaaa-1111-4111-a111-111111111111';
const S2 = 'bbbbbbbb-2222-4222-a222-222222222222';

describe('scanning transcripts', () => {
  it('finds nested subagent files and names their session by folder', async () => {
    const root = await tempDir();
    await writeTranscript(root, `${S1}.jsonl`, [userLine(S1, 'hi')]);
    await writeTranscript(root, `${S1}/subagents/agent-1.jsonl`, [userLine(S1, 'sub')]);
    await writeTranscript(root, `${S1}/subagents/deeper/agent-2.jsonl`, [userLine(S1, 'sub')]);
    await writeTranscript(root, `notes.txt`, ['x']);
    const files = listTranscriptFiles([root, path.join(root, 'missing')]);
    expect(files.map((f) => path.relative(root, f.path))).toEqual([
      `-home-dev-proj/${S1}.jsonl`,
      `-home-dev-proj/${S1}/subagents/agent-1.jsonl`,
      `-home-dev-proj/${S1}/subagents/deeper/agent-2.jsonl`,
    ]);
    expect(new Set(files.map((f) => f.sessionHint))).toEqual(new Set([S1]));
    // A root written with a trailing separator or a detour lists the same normalized paths.
    const name = path.basename(root);
    for (const same of [
      `${root}${path.sep}`,
      `${root}${path.sep}..${path.sep}${name}`,
      `${path.dirname(root)}${path.sep}.${path.sep}${name}`,
    ]) {
      expect(listTranscriptFiles([same]).map((f) => [f.path, f.sessionHint])).toEqual(
        files.map((f) => [f.path, f.sessionHint]),
      );
    }
  });

  it('reports exact totals: dedupe, replays, subagents, odd lines, malformed lines', async () => {
    const root = await tempDir();
    const a = assistantLine({
      sessionId: S1,
      id: 'msg_a',
      usage: { input: 10, output: 100, write5m: 1000, write1h: 50, read: 5000 },
      timestamp: '2026-11-20T10:00:00Z',
    });
    const b = assistantLine({
      sessionId: S1,
      model: 'claude-opus-4-7',
      id: 'msg_b',
      usage: { input: 7, output: 70, read: 700 },
      timestamp: '2026-11-20T10:20:00Z',
    });
    // Same message id but another request: a different API call, counted.
    const b2 = assistantLine({
      sessionId: S1,
      model: 'claude-opus-4-7',
      id: 'msg_b',
      requestId: 'req_other',
      usage: { input: 1, output: 2 },
    });
    const noSplit = assistantLine({
      sessionId: S1,
      id: 'msg_c',
      usage: { input: 3, output: 30, write5m: 300, noSplit: true },
    });
    const spaced = JSON.stringify(
      JSON.parse(assistantLine({ sessionId: S1, id: 'msg_d', usage: { input: 4, output: 40 } })),
      null,
      1,
    ).replace(/\n/g, ' ');
    const synthetic = assistantLine({
      sessionId: S1,
      model: '<synthetic>',
      id: 'msg_syn',
      usage: { input: 0, output: 0 },
    });
    const sub = assistantLine({
      sessionId: S1,
      model: 'claude-haiku-4-5-20251001',
      id: 'msg_sub',
      usage: { input: 2, output: 20 },
    });
    const other = assistantLine({ sessionId: S2, id: 'msg_s2', usage: { input: 1000, output: 2000 } });
    await writeTranscript(root, `${S1}.jsonl`, [
      '{"type":"summary","summary":"x"}',
      userLine(S1, 'please help the assistant with "usage"'),
      a,
      a, // streaming repeat
      b,
      b2,
      '{"type":"assistant","message":{"usage":', // truncated: malformed
      'garbage "assistant" "usage" \u0000\u0001\uFFFD', // binary-ish: malformed
      noSplit,
      '{"type":"system","subtype":"api_error","level":"error"}',
      '{"type":"some-future-type","assistant":"usage"}',
      spaced,
      synthetic,
      '',
    ]);
    // The subagent file replays msg_a (counted once) and adds its own message.
    await writeTranscript(root, `${S1}/subagents/agent-1.jsonl`, [a, sub]);
    // Another session, resumed into a new file that replays its message.
    await writeTranscript(root, `${S2}.jsonl`, [other]);
    await writeTranscript(root, `cccccccc-3333-4333-a333-333333333333.jsonl`, [other]);

    const index = scanTranscripts([root]);
    expect(index.malformedLines).toBe(2);
    const sessions = sessionUsage(index);
    const s1 = sessions.get(S1)!;
    expect(s1.byModel).toEqual({
      'claude-sonnet-5-5': {
        input: 17,
        output: 170,
        cacheWrite5m: 1300,
        cacheWrite1h: 50,
        cacheRead: 5000,
        messages: 3,
      },
      'claude-opus-4-7': { input: 8, output: 72, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 700, messages: 2 },
      'claude-haiku-4-5-20251001': {
        input: 2,
        output: 20,
        cacheWrite5m: 0,
        cacheWrite1h: 0,
        cacheRead: 0,
        messages: 1,
      },
    });
    expect(s1.files).toHaveLength(2);
    expect(s1.cwd).toBe('/home/dev/proj');
    expect(new Date(s1.firstMs).toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(sessions.get(S2)!.byModel['claude-sonnet-5-5']).toMatchObject({ input: 1000, output: 2000, messages: 1 });
    expect(sessions.has('cccccccc-3333-4333-a333-333333333333')).toBe(false);
    // Per quarter hour: 10:00 and 10:15 buckets are apart.
    const quarters = new Set(usageCells(index).map((c) => c.quarter));
    expect(quarters.size).toBe(2);
  });

  it('never writes to transcripts', async () => {
    const root = await tempDir();
    const file = await writeTranscript(root, `${S1}.jsonl`, [
      assistantLine({ sessionId: S1, id: 'm', usage: { input: 1, output: 1 } }),
    ]);
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    scanTranscripts([root]);
    const after = await stat(file);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('skips a line over the size cap without buffering it, and counts it', async () => {
    const root = await tempDir();
    const huge = `{"type":"assistant","x":"${'a'.repeat(MAX_LINE_BYTES + 10)}"}`;
    const ok = assistantLine({ sessionId: S1, id: 'after', usage: { input: 5, output: 6 } });
    await writeTranscript(root, `${S1}.jsonl`, [huge, ok]);
    const index = scanTranscripts([root]);
    expect(index.malformedLines).toBe(0);
    expect(index.tooLongLines).toBe(1);
    expect(sessionUsage(index).get(S1)!.byModel['claude-sonnet-5-5']).toMatchObject({ input: 5, output: 6 });
  });

  it('skips and counts a line whose token counts are not whole numbers in range (1e308, negative, text)', async () => {
    const root = await tempDir();
    const ok = assistantLine({ sessionId: S1, id: 'fine', usage: { input: 5, output: 6 } });
    const bad = [
      ok.replace('"id":"fine"', '"id":"huge"').replace('"output_tokens":6', '"output_tokens":1e308'),
      ok.replace('"id":"fine"', '"id":"neg"').replace('"output_tokens":6', '"output_tokens":-6'),
      ok.replace('"id":"fine"', '"id":"frac"').replace('"output_tokens":6', '"output_tokens":6.5'),
      ok.replace('"id":"fine"', '"id":"text"').replace('"output_tokens":6', '"output_tokens":"6"'),
      ok.replace('"id":"fine"', '"id":"big"').replace('"output_tokens":6', '"output_tokens":9007199254740993'),
    ];
    expect(bad.every((b) => b !== ok)).toBe(true);
    await writeTranscript(root, `${S1}.jsonl`, [...bad, ok]);
    const index = scanTranscripts([root]);
    expect(index.malformedLines).toBe(bad.length);
    const usage = sessionUsage(index).get(S1)!.byModel['claude-sonnet-5-5']!;
    expect(usage).toMatchObject({ input: 5, output: 6, messages: 1 });
  });

  it('handles lines split across blocks and a long line that still fits', async () => {
    const entries: UsageEntry[] = [];
    const reader = new TranscriptLineReader((e) => entries.push(e));
    const long = assistantLine({
      sessionId: S1,
      id: 'long',
      usage: { input: 9, output: 9 },
      text: 'x'.repeat(3_000_000),
    });
    const text = Buffer.from(
      `${userLine(S1, 'a')}\n${long}\n${assistantLine({ sessionId: S1, id: 'z', usage: { input: 1, output: 1 } })}\n`,
    );
    for (let i = 0; i < text.length; i += 65_537) reader.feed(text, i, Math.min(text.length, i + 65_537));
    expect(reader.finish().tailMalformed).toBe(0);
    expect(entries.map((e) => e.key)).toEqual(['long:req_long', 'z:req_z']);
    expect(reader.completeBytes).toBe(text.length);
  });

  it('leaves an unterminated last line for later, counting a broken one as malformed', async () => {
    const root = await tempDir();
    const ok = assistantLine({ sessionId: S1, id: 'ok', usage: { input: 1, output: 1 } });
    const partial = assistantLine({ sessionId: S1, id: 'partial', usage: { input: 2, output: 2 } });
    const file = await writeTranscript(root, `${S1}.jsonl`, [ok, partial.slice(0, -20)], true);
    const seen: string[] = [];
    const r = readTranscriptFile(file, 0, (e) => seen.push(e.key!));
    expect(seen).toEqual(['ok:req_ok']);
    expect(r.tailMalformed).toBe(1);
    expect(r.completeOffset).toBe(ok.length + 1);
    // A complete last line without its newline counts.
    await writeFile(file, `${ok}\n${partial}`);
    const r2 = readTranscriptFile(file, 0, (e) => seen.push(e.key!));
    expect(r2.completeOffset).toBe((await stat(file)).size);
    await appendFile(file, '\n');
  });
});
