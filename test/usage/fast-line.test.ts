// The byte-level walk must agree with JSON.parse + entryOfLine on every line it accepts, and must
// hand every line it does not fully understand (FAIL) to JSON.parse.
import { describe, expect, it } from 'vitest';
import {
  FAIL,
  FOUND,
  NONE,
  REPEAT,
  fast,
  messageNeedles,
  walkLine,
  walkedKey,
  walkedNeedles,
} from '../../src/usage/fast-line.js';
import { hashKey } from '../../src/usage/usage-index.js';
import { entryOfLine, TranscriptLineReader, type UsageEntry } from '../../src/usage/transcript-lines.js';
import { assistantLine, userLine } from './transcripts.js';
import { mutations } from '../support/mutate.js';

const S = 'aaaaaaaa-1111-4111-a111-111111111111';

/** The walk's verdict on a line as an entry (null for NONE), or 'fail'. */
function walked(line: string, previous?: ReturnType<typeof messageNeedles>): UsageEntry | null | 'fail' | 'repeat' {
  const buf = Buffer.from(`${line}\n`);
  const r = walkLine(buf, 0, buf.length - 1, previous);
  if (r === FAIL) return 'fail';
  if (r === REPEAT) return 'repeat';
  if (r === NONE) return null;
  expect(r).toBe(FOUND);
  const key = walkedKey();
  // The hash made from the bytes is the key's.
  expect(fast.hash).toBe(key === undefined ? Number.NaN : hashKey(key));
  return {
    sessionId: fast.sessionId,
    cwd: fast.cwd,
    model: fast.model,
    key,
    timeMs: fast.timeMs,
    tokens: { ...fast.tokens },
  };
}

/** What JSON.parse says: the entry, null, or 'invalid' (not JSON, or token counts that are not whole numbers in range). */
function parsed(line: string): UsageEntry | null | 'invalid' {
  try {
    return entryOfLine(JSON.parse(line));
  } catch {
    return 'invalid';
  }
}

/**
 * The one leniency of the walk: escapes inside the strings it skips are not checked (Claude Code
 * writes JSON.stringify output; a cut line fails on its structure). This turns each invalid escape
 * into an escaped backslash, which JSON.parse reads the way the walk skips it.
 */
const relaxEscapes = (line: string) =>
  line.replace(/\\(u[0-9a-fA-F]{4}|["\\/bfnrt])|\\/g, (m, ok: string | undefined) => (ok ? m : '\\\\'));

/** The walk either agrees with JSON.parse or defers to it; it never accepts invalid JSON. */
function expectAgrees(line: string, mustDecide = false): void {
  const w = walked(line);
  if (w === 'fail') {
    expect(mustDecide, `walk deferred on ${line.slice(-400)}`).toBe(false);
    return;
  }
  const p = parsed(relaxEscapes(line));
  expect(p, `walk accepted invalid JSON: ${line}`).not.toBe('invalid');
  expect(w, line.slice(0, 300)).toEqual(p);
}

const base = () =>
  JSON.parse(
    assistantLine({
      sessionId: S,
      id: 'msg_01',
      usage: { input: 10, output: 100, write5m: 1000, write1h: 50, read: 5000 },
      timestamp: '2026-11-20T10:00:00.000Z',
    }),
  ) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- mutated freely below
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mutated freely
const real = (over: (o: Record<string, any>) => void = () => {}) => {
  const o = base();
  over(o);
  return JSON.stringify(o);
};

describe('fast line walk', () => {
  it('reads a real-shaped line exactly, fake usage/model/content keys in the content notwithstanding', () => {
    const line = real();
    expectAgrees(line, true);
    expect(walked(line)).toMatchObject({
      model: 'claude-sonnet-5-5',
      key: 'msg_01:req_msg_01',
      tokens: { input: 10, output: 100, cacheWrite5m: 1000, cacheWrite1h: 50, cacheRead: 5000 },
    });
  });

  it('agrees with JSON.parse on odd but valid lines', () => {
    const lines = [
      // Key order: usage before content, type first, message last; fake usage objects after the real one.
      JSON.stringify({
        type: 'assistant',
        requestId: 'r1',
        message: {
          usage: { input_tokens: 3, output_tokens: 4 },
          content: [{ type: 'tool_use', input: { usage: { input_tokens: 99 } } }],
          id: 'm1',
          model: 'claude-opus-4-7',
        },
        sessionId: S,
      }),
      real((o) => {
        o.message.content.push({ type: 'tool_use', input: { message: { usage: { input_tokens: 7 } } } });
      }),
      // Duplicate keys: the last one wins, as in JSON.parse.
      real().replace('"usage":{', '"usage":{"input_tokens":1},"usage":{'),
      real().replace('"usage":{', '"usage":{"input_tokens":1,"input_tokens":2,'),
      real().replace('"type":"assistant"', '"type":"assistant","type":"user"'),
      real().replace('"model":"claude-sonnet-5-5"', '"model":"x","model":"claude-haiku-4-5"'),
      // Spacing everywhere JSON allows it.
      JSON.stringify(JSON.parse(real()), null, 2).replace(/\n/g, ' '),
      JSON.stringify(JSON.parse(real()), null, '\t').replace(/\n/g, '\r'),
      // Escapes and non-ASCII in the strings that are read.
      real((o) => {
        o.sessionId = 'se\\ss"ion\u00e9';
        o.cwd = '/home/d\u00e9v/\u{1F600}/"q"';
        o.message.model = 'claude-\u00e9"x"';
        o.message.id = 'm\\"1';
      }),
      real((o) => {
        o.requestId = 'req\n2';
      }),
      real().replace('"model":"claude-sonnet-5-5"', '"model":"claude-son\\u006eet-5-5"'),
      // Escaped keys: JSON.parse decides (these must still agree when the walk defers).
      real().replace('"usage":{', '"us\\u0061ge":{'),
      real().replace('"type":"assistant"', '"typ\\u0065":"assistant"'),
      // Numbers: floats, exponents, negatives, strings, null, huge: invalid counts, decided by JSON.parse.
      real((o) => {
        o.message.usage.input_tokens = 1.5;
        o.message.usage.output_tokens = -3;
      }),
      real().replace('"output_tokens":100', '"output_tokens":1e3').replace('"input_tokens":10', '"input_tokens":-0'),
      real().replace('"output_tokens":100', '"output_tokens":12345678901234567890'),
      real((o) => {
        o.message.usage.input_tokens = '5';
        o.message.usage.cache_read_input_tokens = null;
        o.message.usage.output_tokens = [1];
      }),
      real((o) => {
        o.message.usage.cache_creation = 'none';
      }),
      real((o) => {
        o.message.usage.cache_creation = { ephemeral_1h_input_tokens: 5000, ephemeral_5m_input_tokens: { x: 1 } };
      }),
      real((o) => {
        delete o.message.usage.cache_creation;
      }),
      real((o) => {
        o.message.usage.server_tool_use = { web_search_requests: 2 };
        o.message.usage.service_tier = null;
      }),
      // Missing or odd fields.
      real((o) => {
        delete o.requestId;
      }),
      real((o) => {
        delete o.message.id;
        delete o.timestamp;
        delete o.sessionId;
        delete o.cwd;
      }),
      real((o) => {
        o.message.model = 42;
        o.timestamp = 'yesterday';
        o.sessionId = 7;
        o.cwd = null;
      }),
      real((o) => {
        o.message.model = '<synthetic>';
      }),
      real((o) => {
        o.message.usage = null;
      }),
      real((o) => {
        o.message.usage = [1, 2];
      }),
      real((o) => {
        o.message = 'text';
      }),
      real((o) => {
        o.type = 'user';
      }),
      real((o) => {
        o.type = ['assistant'];
      }),
      // Timestamps: other forms, out-of-range fields (Date.parse semantics, rollover included).
      ...[
        '2026-11-20T10:00:00Z',
        '2026-02-31T23:59:59.999Z',
        '2026-11-20T24:00:00Z',
        '2026-13-01T00:00:00Z',
        '2026-11-20T10:00:60.000Z',
        '0099-01-01T00:00:00Z',
        '2026-11-20T10:00:00.5Z',
        '2026-11-20T10:00:00+01:00',
        '2026-11-20',
        'x026-11-20T10:00:00.000Z',
      ].map((t) =>
        real((o) => {
          o.timestamp = t;
        }),
      ),
      // Deep nesting in the content.
      real((o) => {
        o.message.content = JSON.parse(`${'['.repeat(500)}1${']'.repeat(500)}`);
      }),
      userLine(S, 'the "assistant" said "usage"'),
      '{"type":"assistant"}',
      '{}',
      '[]',
    ];
    // Valid JSON objects are always decided by the walk, except keys written with escapes and token
    // counts that are not plain whole numbers (the JSON.parse path counts those lines as malformed).
    // (-0 and 1e3 are whole numbers to JSON.parse, not as JSON.stringify writes them: deferred too.)
    for (const line of lines) {
      const invalid = parsed(line) === 'invalid' || /_tokens":(-|\d+[.eE])/.test(line);
      expectAgrees(line, line.startsWith('{') && !invalid && !/"(us\\u0061ge|typ\\u0065)"/.test(line));
    }
  });

  it('never accepts a truncated or corrupted line', () => {
    const line = real();
    for (let n = 0; n < line.length; n++) expectAgrees(line.slice(0, n));
    // Corruptions: each structural byte replaced or removed, one at a time.
    for (let i = 0; i < line.length; i++) {
      if (!'{}[]:,"'.includes(line[i]!)) continue;
      expectAgrees(line.slice(0, i) + line.slice(i + 1));
      expectAgrees(`${line.slice(0, i)}x${line.slice(i + 1)}`);
    }
    for (const bad of [
      '{"a":tru}',
      '{"a":nul}',
      '{"a":01}',
      '{"a":1.}',
      '{"a":-}',
      '{"a":1e}',
      '{"a" 1}',
      '{"a":1,}',
      '{"a":[1,]}',
      '{"a":[1 2]}',
      '{,"a":1}',
      '{"a":1}x',
      '{"a":1}}',
      '{"a":"\\"}',
    ])
      expectAgrees(bad);
  });

  it('agrees with JSON.parse on random mutations of real lines', () => {
    const alphabet = '{}[]:,"\\ 0123456789.eE-+tfnul';
    const line = real((o) => {
      o.message.content.push({ type: 'text', text: 'a "quoted" \\ back\\slash' });
    });
    for (const mutated of mutations(line, alphabet, 3000, 12345)) expectAgrees(mutated);
  });

  it('skips a repeat of the previous message without reading its content, and only a repeat', () => {
    const first = assistantLine({ sessionId: S, id: 'msg_r', usage: { input: 1, output: 2 } });
    const previous = messageNeedles('msg_r', 'req_msg_r');
    expect(walked(first, previous)).toBe('repeat');
    // Same message id, another request: a different API call, read in full.
    expect(
      walked(
        assistantLine({ sessionId: S, id: 'msg_r', requestId: 'req_other', usage: { input: 1, output: 2 } }),
        previous,
      ),
    ).toMatchObject({ key: 'msg_r:req_other' });
    expect(
      walked(assistantLine({ sessionId: S, id: 'msg_s', usage: { input: 1, output: 2 } }), previous),
    ).toMatchObject({ key: 'msg_s:req_msg_s' });
    // Ids that are not plain are never used for skipping.
    expect(messageNeedles('msg "x"', 'req')).toBeUndefined();
    expect(messageNeedles(7, 'req')).toBeUndefined();
  });

  it('finds a repeat where the previous line had its ids, and only a repeat', () => {
    const at = (line: string) => {
      const buf = Buffer.from(`${line}\n`);
      return { buf, end: buf.length - 1 };
    };
    const first = at(
      real((o) => {
        o.uuid = 'u-1';
      }),
    );
    expect(walkLine(first.buf, 0, first.end, undefined)).toBe(FOUND);
    const needles = walkedNeedles()!;
    expect(needles.idAt).toBeGreaterThan(0);
    expect(needles.requestFromEnd).toBeGreaterThan(0);
    // Another content block of the same message, written alike: skipped before any walk.
    const block = real((o) => {
      o.uuid = 'u-2';
      o.message.content = [{ type: 'text', text: 'other block, another length' }];
    });
    expect(walked(block, needles)).toBe('repeat');
    // Same ids laid out otherwise: found by the walk (at the content) and skipped too.
    expect(walked(block.replace('"parentUuid":null', '"parentUuid":"p-123456"'), needles)).toBe('repeat');
    // Other spacing: the needles are exact bytes, so the line is read in full (and deduplicated later).
    expect(walked(JSON.stringify(JSON.parse(block), null, 1).replace(/\n/g, ' '), needles)).toMatchObject({
      key: 'msg_01:req_msg_01',
    });
    // Another request, or another message, at the same places: read in full.
    expect(
      walked(
        real((o) => {
          o.uuid = 'u-3';
          o.requestId = 'req_msg_0X';
        }),
        needles,
      ),
    ).toMatchObject({ key: 'msg_01:req_msg_0X' });
    expect(
      walked(
        real((o) => {
          o.uuid = 'u-4';
          o.message.id = 'msg_0X';
        }),
        needles,
      ),
    ).toMatchObject({ key: 'msg_0X:req_msg_01' });
    // Needles are rewritten in place, and grow for long ids.
    const long = 'm'.repeat(300);
    const third = at(
      real((o) => {
        o.message.id = long;
        o.requestId = 'r';
      }),
    );
    expect(walkLine(third.buf, 0, third.end, needles)).toBe(FOUND);
    const grown = walkedNeedles(needles)!;
    expect(grown).not.toBe(needles);
    expect(grown.idNeedle.subarray(0, grown.idLen).toString()).toBe(`"id":"${long}"`);
    expect(walkLine(first.buf, 0, first.end, grown)).toBe(FOUND);
    expect(walkedNeedles(grown)).toBe(grown);
    expect(grown.requestNeedle.subarray(0, grown.requestLen).toString()).toBe('"requestId":"req_msg_01"');
  });

  it('hashes keys from their bytes as hashKey does, escapes and non-ASCII ids included', () => {
    for (const [id, requestId] of [
      ['msg_01', 'req_1'],
      ['m\u00e9', 'r'],
      ['m\u00e9\u{1F600}', 'r"x\\'],
      ['', ''],
      ['a:b', 'c'],
      ['\u0000', '\u001f'],
    ]) {
      const w = walked(
        real((o) => {
          o.message.id = id;
          o.requestId = requestId;
        }),
      );
      expect(w).toMatchObject({ key: `${id}:${requestId}` });
    }
    expect(
      walked(
        real((o) => {
          delete o.requestId;
        }),
      ),
    ).toMatchObject({ key: undefined });
    expect(fast.hash).toBeNaN();
    // An invalid escape in an id: JSON.parse decides.
    expect(walked(real().replace('"requestId":"req_msg_01"', String.raw`"requestId":"req\x"`))).toBe('fail');
    expect(walked(real().replace('"id":"msg_01"', String.raw`"id":"msg\q"`))).toBe('fail');
  });

  it('gives a sink what it gives a function', () => {
    const lines = [
      real(),
      real((o) => {
        o.message.id = 'msg_02';
      }),
      real((o) => {
        o.message.id = 'msg_02';
      }),
      real((o) => {
        delete o.requestId;
        o.message.id = 'x';
      }),
      real().replace('"usage":{', String.raw`"us\u0061ge":{`),
    ];
    const text = Buffer.from(`${lines.join('\n')}\n`);
    const entries: UsageEntry[] = [];
    const calls: unknown[][] = [];
    new TranscriptLineReader((e) => entries.push(e)).feed(text, 0, text.length);
    new TranscriptLineReader({ message: (...args) => calls.push(args) }).feed(text, 0, text.length);
    expect(entries.length).toBe(4);
    expect(calls).toEqual(
      entries.map((e) => [
        e.key === undefined ? Number.NaN : hashKey(e.key),
        e.sessionId,
        e.cwd,
        e.model,
        e.timeMs,
        e.tokens.input,
        e.tokens.output,
        e.tokens.cacheWrite5m,
        e.tokens.cacheWrite1h,
        e.tokens.cacheRead,
      ]),
    );
  });

  it('reads the same entries without the walk (JSON.parse of each line), repeats and malformed lines included', () => {
    const lines = [
      real(),
      real((o) => {
        o.uuid = 'u2';
        o.message.content = [{ type: 'text', text: 'second block' }];
      }), // repeat
      real((o) => {
        o.message.id = 'msg_02';
        o.requestId = 'req_2';
        o.message.usage = { input_tokens: 4 };
      }),
      real((o) => {
        o.message.id = 'msg_03';
        o.sessionId = 'other';
      }).replace('"usage":{', '"usage" : {'),
      real((o) => {
        o.message.id = 'm\u00e9"4';
      }),
      real().replace('"usage":{', String.raw`"us\u0061ge":{`),
      userLine(S, 'the "assistant" said "usage"'),
      '{"type":"assistant","message":{"usage":{"input_tokens":1}}', // truncated: malformed
      '{"type":"assistant", broken without the u-word', // no "usage": not parsed, not malformed
      '{"type":"assistant","message":{}}',
    ];
    const text = Buffer.from(`${lines.join('\n')}\n`);
    const read = (walk: boolean) => {
      const got: UsageEntry[] = [];
      const reader = new TranscriptLineReader((e) => got.push(e), { walk });
      for (let i = 0; i < text.length; i += 700) reader.feed(text, i, Math.min(text.length, i + 700));
      reader.finish();
      return { got, malformed: reader.malformed, complete: reader.completeBytes };
    };
    const walked = read(true);
    expect(walked.got.length).toBe(5);
    expect(walked.malformed).toBe(1);
    expect(read(false)).toEqual(walked);
  });

  it('gives the reader the same entries as JSON.parse, line by line', () => {
    const lines = [
      real(),
      real((o) => {
        o.message.id = 'msg_02';
        o.requestId = 'req_2';
        o.message.usage = { input_tokens: 4 };
      }),
      real((o) => {
        o.message.id = 'msg_02';
        o.requestId = 'req_2';
      }), // repeat: skipped
      real((o) => {
        o.message.id = 'msg_03';
        o.sessionId = 'other';
      }).replace('"usage":{', '"usage" : {'),
      '{"type":"assistant","message":{"usage":{"input_tokens":1}}', // truncated: malformed
    ];
    const got: UsageEntry[] = [];
    const reader = new TranscriptLineReader((e) => got.push(e));
    const text = Buffer.from(`${lines.join('\n')}\n`);
    reader.feed(text, 0, text.length);
    reader.finish();
    expect(reader.malformed).toBe(1);
    expect(got).toEqual([0, 1, 3].map((i) => entryOfLine(JSON.parse(lines[i]!))));
  });
});
