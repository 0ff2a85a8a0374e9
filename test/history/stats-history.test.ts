// The stats' history reader walks bytes instead of calling JSON.parse: on every input it must give
// exactly what readHistory + decisions/outcomes give (the fields the stats use), skipped lines included.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHistory, readHistory } from '../../src/history/history-store.js';
import type { DecisionRecord, HistoryRecord, OutcomeRecord } from '../../src/history/records.js';
import { parseStatsHistory, readStatsHistory, walkStats, type HistorySink } from '../../src/history/stats-history.js';
import { mutations } from '../support/mutate.js';

interface Collected {
  decisions: { id: unknown; kind: unknown; tier: unknown; rule: unknown; sessionId: unknown; timeMs: number }[];
  outcomes: { id: unknown; exitCode: unknown }[];
  skipped: number;
}

/** A sink that keeps what it is given. */
function collector(): { sink: HistorySink; got: Collected } {
  const got: Collected = { decisions: [], outcomes: [], skipped: 0 };
  const sink: HistorySink = {
    decision: (id, timeMs, kind, tier, rule, sessionId) =>
      got.decisions.push({ id, kind, tier, rule, sessionId, timeMs }),
    outcome: (id, exitCode) => got.outcomes.push({ id, exitCode }),
  };
  return { sink, got };
}

function parse(buf: Buffer): Collected {
  const { sink, got } = collector();
  got.skipped = parseStatsHistory(buf, sink);
  return got;
}

/** What the stats got from the old path: JSON.parse per line, then the fields they use. */
function expected(records: HistoryRecord[], skipped: number): Collected {
  return {
    decisions: records
      .filter((r): r is DecisionRecord => r.type === 'decision')
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        tier: d.tier,
        rule: d.rule,
        sessionId: d.sessionId,
        timeMs: Date.parse(d.time),
      })),
    outcomes: records
      .filter((r): r is OutcomeRecord => r.type === 'outcome')
      .map((o) => ({ id: o.id, exitCode: o.exitCode })),
    skipped,
  };
}

function agrees(text: string | Buffer): void {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  const old = parseHistory(buf.toString('utf8'));
  const got = parse(buf);
  expect(got, buf.toString('utf8').slice(0, 300)).toEqual(expected(old.records, old.skipped));
  // toEqual does not tell a missing member from one that is undefined, nor -0 from 0: compare as JSON too.
  expect(JSON.stringify(got.decisions)).toBe(JSON.stringify(expected(old.records, old.skipped).decisions));
}

const decision = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    v: 1,
    type: 'decision',
    id: 'd1',
    time: '2026-11-20T10:00:00.000Z',
    cwd: '/p',
    kind: 'route',
    task: 'refactor auth',
    tier: 'sonnet',
    model: 'sonnet',
    rule: 'task-type',
    confidence: 0.9,
    sessionId: 'aaaaaaaa-0000-4000-a000-000000000001',
    ...over,
  });
const outcome = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    v: 1,
    type: 'outcome',
    id: 'd1',
    time: '2026-11-20T11:00:00.000Z',
    exitCode: 1,
    durationMs: 5,
    ...over,
  });

describe('stats history reader', () => {
  it('reads the fields of decisions and outcomes', () => {
    const before = walkStats.deferred;
    const got = parse(
      Buffer.from(
        `${decision()}\n${outcome()}\n${decision({ task: 'caf\u00e9 "x"\n', suggested: { tier: 'opus', rule: 'r' } })}\n`,
      ),
    );
    // cr's own records are read by the walk, JSON.parse is not needed.
    expect(walkStats.deferred).toBe(before);
    expect({ ...got, decisions: got.decisions.slice(0, 1) }).toEqual({
      decisions: [
        {
          id: 'd1',
          kind: 'route',
          tier: 'sonnet',
          rule: 'task-type',
          sessionId: 'aaaaaaaa-0000-4000-a000-000000000001',
          timeMs: Date.parse('2026-11-20T10:00:00.000Z'),
        },
      ],
      outcomes: [{ id: 'd1', exitCode: 1 }],
      skipped: 0,
    });
    expect(got.decisions).toHaveLength(2);
  });

  it('agrees with JSON.parse on odd but valid lines and on broken ones', () => {
    const lines = [
      // Look-alike members inside strings and nested objects, before and after the real ones.
      decision({ task: 'say "tier":"opus","rule":"x" and \\"id\\": 5' }),
      decision({ suggested: { tier: 'haiku', rule: 'task-type' }, tier: 'opus' }),
      JSON.stringify({
        suggested: { tier: 'haiku', rule: 'r', type: 'outcome', v: 2, id: 7 },
        ...JSON.parse(decision()),
      }),
      // Other key orders, duplicated keys (the last wins).
      JSON.stringify({
        sessionId: 's',
        rule: 'r',
        tier: 'opus',
        kind: 'ask',
        time: '2026-11-20T10:00:00.000Z',
        id: 'x',
        type: 'decision',
        v: 1,
      }),
      decision().replace('"tier":"sonnet"', '"tier":"haiku","tier":"sonnet"'),
      decision().replace('"v":1', '"v":1,"v":2'),
      decision().replace('"v":1', '"v":2,"v":1'),
      decision().replace('"type":"decision"', '"type":"outcome","type":"decision"'),
      decision().replace('"id":"d1"', '"id":"d1","id":5'),
      outcome().replace('"exitCode":1', '"exitCode":0,"exitCode":"1"'),
      // Escapes, non-ASCII, escaped keys and escaped values of the members read.
      decision({ id: 'd\\"1\u00e9', rule: 'r\u00e8gle', sessionId: 's\u{1F600}', tier: 'opus\n', kind: 'rou"te' }),
      decision().replace('"tier"', '"ti\\u0065r"'),
      decision().replace('"type":"decision"', '"type":"decisio\\u006e"'),
      decision().replace('"type":"decision"', '"type":"\\u0064ecision"').replace('"v":1', '"\\u0076":1'),
      decision().replace('"rule":"task-type"', '"rule":"task\\/type"'),
      // Numbers: v and exitCode in other spellings, other types.
      decision().replace('"v":1', '"v":1.0'),
      decision().replace('"v":1', '"v":1e0'),
      decision().replace('"v":1', '"v":10e-1'),
      decision().replace('"v":1', '"v":"1"'),
      decision().replace('"v":1', '"v":true'),
      decision().replace('"v":1,', ''),
      outcome({ exitCode: -0 }).replace('"exitCode":0', '"exitCode":-0'),
      outcome().replace('"exitCode":1', '"exitCode":0.0'),
      outcome().replace('"exitCode":1', '"exitCode":null'),
      outcome().replace('"exitCode":1,', ''),
      outcome().replace('"exitCode":1', '"exitCode":"0"'),
      outcome().replace('"exitCode":1', '"exitCode":1e400'),
      // Members of other types, records that are not records.
      decision({ tier: 3 }),
      decision({ sessionId: null }),
      decision({ kind: ['route'] }),
      decision({ time: 5 }),
      decision({ id: 5 }),
      decision({ type: 'other' }),
      decision({ type: null }),
      JSON.stringify({ v: 1, type: 'decision' }),
      // Timestamps: other forms and impossible dates (Date.parse has the last word).
      ...[
        '2026-11-20T10:00:00Z',
        '2026-11-20T10:00:00.5Z',
        '2026-11-20T10:00:00.000+02:00',
        '2026-02-29T10:00:00.000Z',
        '2024-02-29T10:00:00.000Z',
        '2026-02-31T10:00:00.000Z',
        '2026-04-31T10:00:00.000Z',
        '2026-11-20T24:00:00.000Z',
        '2026-13-01T00:00:00.000Z',
        '2026-11-20T10:60:00.000Z',
        '1969-12-31T23:59:59.999Z',
        '+002026-11-20T10:00:00.000Z',
        '2026-11-20',
        'yesterday',
        '',
        '2026-11-20T10:00:00.000z',
        '2026-11-2OT10:00:00.000Z',
      ].map((time) => decision({ time })),
      // Spacing JSON allows; CRLF; blank lines; a byte order mark; other top-level values.
      JSON.stringify(JSON.parse(decision({ suggested: { tier: 'opus', rule: 'r' } })), null, 2).replace(/\n/g, ' '),
      JSON.stringify(JSON.parse(decision()), null, '\t').replace(/\n/g, '\r'),
      `${decision()}\r`,
      `  ${decision()}  `,
      '',
      '   ',
      '\r',
      '\u00a0\u2028 ',
      `\ufeff${decision()}`,
      '{}',
      '[]',
      '"decision"',
      'null',
      '7',
      // Broken: truncated, raw control characters, bad escapes, bad numbers, trailing bytes.
      decision().slice(0, 40),
      decision({ task: 'tab\there' }).replace('\\t', '\t'),
      decision({ task: 'nul' }).replace('nul', 'n\u0000l'),
      decision({ task: 'x' }).replace('"task":"x"', '"task":"\\x"'),
      decision({ task: 'x' }).replace('"task":"x"', '"task":"\\u12G4"'),
      decision().replace('"confidence":0.9', '"confidence":.9'),
      decision().replace('"confidence":0.9', '"confidence":09'),
      decision().replace('"confidence":0.9', '"confidence":1.'),
      decision().replace('"confidence":0.9', '"confidence":-'),
      decision().replace('"confidence":0.9', '"confidence":tru'),
      `${decision()}x`,
      `${decision()},`,
      `${decision()}}`,
      decision().replace('}', ',}'),
      // Nesting deep enough to overflow a recursive walk.
      decision().replace('"task"', `"deep":${'['.repeat(100_000)}1${']'.repeat(100_000)},"task"`),
      decision({ deep: { a: [1, { b: [true, false, null, -1.5e-3, 'x'] }], c: {} } }),
    ];
    for (const line of lines) agrees(line);
    agrees(`${lines.join('\n')}\n`);
    agrees(lines.join('\r\n'));
  });

  it('agrees with JSON.parse on invalid UTF-8', () => {
    const good = Buffer.from(decision({ rule: 'r\u00e9gle' }));
    const cut = good.indexOf(0xc3);
    agrees(Buffer.concat([good.subarray(0, cut), Buffer.from([0xc3, 0x28]), good.subarray(cut + 2)]));
    agrees(
      Buffer.concat([good.subarray(0, cut), Buffer.from([0xff]), good.subarray(cut + 2), Buffer.from('\n'), good]),
    );
    agrees(Buffer.from([0x00, 0x01, 0xef, 0xbf, 0xbd, 0x0a]));
  });

  it('agrees with JSON.parse on random mutations of a record', () => {
    const alphabet = '{}[]:,"\\ 0123456789.eE-+tfnulu\t\r\u00e9';
    const line = decision({ task: 'a "quoted" \\ task', suggested: { tier: 'opus', rule: 'x' } });
    for (const mutated of mutations(line, alphabet, 3000, 4242)) agrees(mutated);
  });

  it('agrees with JSON.parse on generated records', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.boolean(),
      fc.constantFrom('decision', 'outcome', 'route', 'opus', '2026-11-20T10:00:00.000Z'),
    );
    const key = fc.constantFrom(
      'v',
      'type',
      'id',
      'time',
      'kind',
      'tier',
      'rule',
      'sessionId',
      'exitCode',
      'task',
      'suggested',
      'ti',
      'types',
    );
    const record = fc
      .dictionary(key, fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.dictionary(key, value) }))
      .map((r) => ({ v: 1, type: 'decision', id: 'x', ...r }));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 5 }), (records) => {
        agrees(records.map((r) => JSON.stringify(r)).join('\n'));
      }),
      { numRuns: 500 },
    );
  });

  it('reads a file in blocks: lines and UTF-8 characters across block ends, a long line, no newline at the end', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cr-stats-hist-'));
    const file = path.join(dir, 'history.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 12_000; i++)
      lines.push(
        decision({
          id: `d${i}`,
          task: `t\u00e9\u{1F600}${'x'.repeat(i % 97)}`,
          sessionId: `s${i % 13}`,
          tier: ['haiku', 'sonnet', 'opus'][i % 3],
        }),
      );
    lines.splice(
      5000,
      0,
      decision({ id: 'long', task: 'y'.repeat(3 * 1024 * 1024) }),
      '{"v":1,"type":"decision","id":"trunc',
      outcome({ id: 'd7' }),
    );
    writeFileSync(file, lines.join('\n'));
    const old = readHistory(file);
    const { sink, got } = collector();
    got.skipped = readStatsHistory(file, sink);
    expect(got.decisions).toHaveLength(12_001);
    expect(got).toEqual(expected(old.records, old.skipped));
    expect(got.skipped).toBe(1);
    const none = collector();
    expect(readStatsHistory(path.join(dir, 'missing.jsonl'), none.sink)).toBe(0);
    expect(none.got).toEqual({ decisions: [], outcomes: [], skipped: 0 });
  });
});
