import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  utimesSync,
  mkdirSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEARN_CACHE, REWRITE_BYTES, updateLearnedExamples } from '../../src/learn/cache.js';
import { collectExamples } from '../../src/learn/examples.js';
import { loadLearner } from '../../src/learn/index.js';
import type { HistoryRecord } from '../../src/history/records.js';
import {
  DAY,
  MIGRATIONS,
  NEW_MIGRATION,
  NOW,
  classified,
  decision,
  jsonl,
  outcome,
  override,
  route,
} from './support.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(
  initial = jsonl([override('opus', MIGRATIONS[0]!), route('sonnet', 'add unit tests for the date parser')]),
) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cr-learn-cache-'));
  dirs.push(root);
  const historyFile = path.join(root, 'state', 'history.jsonl');
  mkdirSync(path.dirname(historyFile), { recursive: true });
  writeFileSync(historyFile, initial);
  const cacheDir = path.join(root, 'cache', 'nested');
  return { root, historyFile, cacheDir, opts: { historyFile, cacheDir } };
}

describe('learned-examples cache', () => {
  it('reads everything cold, nothing when warm, and writes learned.json', () => {
    const { historyFile, cacheDir, opts } = setup();
    const cold = updateLearnedExamples(opts)!;
    expect(cold.stats).toMatchObject({
      cache: 'cold',
      bytesRead: statSync(historyFile).size,
      recordsRead: 2,
      written: true,
    });
    expect(cold.set.examples.map((e) => e.kind)).toEqual(['override', 'agreement']);
    const warm = updateLearnedExamples(opts)!;
    expect(warm.stats).toMatchObject({ cache: 'warm', bytesRead: 0, recordsRead: 0, written: false });
    expect(warm.set.examples).toEqual(cold.set.examples);
    expect(JSON.parse(readFileSync(path.join(cacheDir, LEARN_CACHE), 'utf8'))).toMatchObject({
      v: 2,
      offset: statSync(historyFile).size,
    });
  });

  it('reads only the appended bytes, and an escalation in them relabels an example from the cache', () => {
    const parent = route('sonnet', MIGRATIONS[1]!);
    const { historyFile, opts } = setup(jsonl([override('opus', MIGRATIONS[0]!), parent]));
    updateLearnedExamples(opts);
    const added = jsonl([
      { ...route('opus', 'x'), kind: 'escalation', task: undefined, parent: parent.id },
      override('opus', MIGRATIONS[2]!),
    ]);
    appendFileSync(historyFile, added);
    const next = updateLearnedExamples(opts)!;
    expect(next.stats).toMatchObject({ cache: 'warm', bytesRead: Buffer.byteLength(added), recordsRead: 2 });
    expect(next.set.examples.map((e) => [e.kind, e.tier, e.task])).toEqual([
      ['override', 'opus', MIGRATIONS[0]],
      ['escalation', 'opus', MIGRATIONS[1]],
      ['override', 'opus', MIGRATIONS[2]],
    ]);
  });

  it('rewrites the cache only after REWRITE_BYTES of new history; until then reads the few new bytes', () => {
    const { historyFile, cacheDir, opts } = setup();
    updateLearnedExamples(opts);
    const cacheText = () => readFileSync(path.join(cacheDir, LEARN_CACHE), 'utf8');
    const first = cacheText();
    const small = jsonl([override('opus', MIGRATIONS[1]!)]);
    appendFileSync(historyFile, small);
    expect(updateLearnedExamples(opts)!.stats).toMatchObject({
      cache: 'warm',
      bytesRead: Buffer.byteLength(small),
      written: false,
    });
    expect(updateLearnedExamples(opts)!.set.examples).toHaveLength(3);
    expect(cacheText()).toBe(first);
    let big = '';
    while (Buffer.byteLength(big) < REWRITE_BYTES)
      big += jsonl([route('sonnet', 'add unit tests for the date parser')]);
    appendFileSync(historyFile, big);
    expect(updateLearnedExamples(opts)!.stats).toMatchObject({ cache: 'warm', written: true });
    expect(updateLearnedExamples(opts)!.stats).toMatchObject({ cache: 'warm', bytesRead: 0, written: false });
    expect(JSON.parse(cacheText())).toMatchObject({ offset: statSync(historyFile).size });
  });

  it('leaves a partial last line for next time', () => {
    const { historyFile, opts } = setup();
    updateLearnedExamples(opts);
    const line = jsonl([override('opus', MIGRATIONS[2]!)]);
    appendFileSync(historyFile, line.slice(0, 40));
    expect(updateLearnedExamples(opts)!.stats).toMatchObject({ bytesRead: 0 });
    appendFileSync(historyFile, line.slice(40));
    const done = updateLearnedExamples(opts)!;
    expect(done.stats).toMatchObject({ bytesRead: Buffer.byteLength(line), recordsRead: 1 });
    expect(done.set.examples).toHaveLength(3);
  });

  it('rebuilds when the history shrank', () => {
    const { historyFile, opts } = setup();
    updateLearnedExamples(opts);
    truncateSync(historyFile, 0);
    writeFileSync(historyFile, jsonl([override('haiku', 'summarise the changelog')]));
    const next = updateLearnedExamples(opts)!;
    expect(next.stats.cache).toBe('rebuilt');
    expect(next.set.examples.map((e) => e.tier)).toEqual(['haiku']);
  });

  it('rebuilds when the history was replaced in place by a longer file (other first bytes)', () => {
    const { historyFile, opts } = setup();
    updateLearnedExamples(opts);
    const other = jsonl([
      override('haiku', 'summarise the changelog'),
      override('haiku', 'summarise the release notes'),
      override('haiku', 'list the todo comments'),
    ]);
    writeFileSync(historyFile, other);
    const next = updateLearnedExamples(opts)!;
    expect(next.stats.cache).toBe('rebuilt');
    expect(next.set.examples.map((e) => e.tier)).toEqual(['haiku', 'haiku', 'haiku']);
  });

  it('rebuilds when the history mtime went back', () => {
    const { historyFile, opts } = setup();
    updateLearnedExamples(opts);
    utimesSync(historyFile, new Date(NOW - 1e10), new Date(NOW - 1e10));
    expect(updateLearnedExamples(opts)!.stats.cache).toBe('rebuilt');
  });

  it.each([
    ['not JSON', '{"v":1,'],
    ['a foreign version', '{"v":99}'],
    [
      'bad examples',
      JSON.stringify({
        v: 1,
        terms: 1,
        file: 'X',
        ino: 1,
        mtimeMs: 1,
        offset: 1,
        head: 'x',
        records: 1,
        newest: 1,
        ex: [[1, 2, 3]],
      }),
    ],
  ])('a corrupt cache (%s) is rebuilt, never fatal', (_name, content) => {
    const { cacheDir, opts, historyFile } = setup();
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(path.join(cacheDir, LEARN_CACHE), content.replace('"X"', JSON.stringify(historyFile)));
    const r = updateLearnedExamples(opts)!;
    expect(r.stats).toMatchObject({ cache: 'cold', bytesRead: statSync(historyFile).size, written: true });
    expect(r.set.examples).toHaveLength(2);
    expect(updateLearnedExamples(opts)!.stats.cache).toBe('warm');
  });

  it('a cache that cannot be written is silent and the examples still load', () => {
    const { root, historyFile } = setup();
    const blocked = path.join(root, 'ro');
    mkdirSync(blocked);
    writeFileSync(path.join(blocked, 'cache'), 'a file where the cache directory should be');
    const r = updateLearnedExamples({ historyFile, cacheDir: path.join(blocked, 'cache') })!;
    expect(r.stats.written).toBe(false);
    expect(r.set.examples).toHaveLength(2);
  });

  it('no history file: nothing to load', () => {
    const { root, cacheDir } = setup();
    expect(updateLearnedExamples({ historyFile: path.join(root, 'missing.jsonl'), cacheDir })).toBeUndefined();
    expect(
      loadLearner({ historyFile: path.join(root, 'missing.jsonl'), cacheDir, stateDir: root }, new Date(NOW)),
    ).toBeUndefined();
  });

  it('loadLearner binds the cached model to the clock and the forget markers in the state dir', () => {
    const { historyFile, cacheDir, root } = setup(jsonl(MIGRATIONS.map((t) => override('opus', t))));
    const stateDir = path.join(root, 'state');
    const learner = loadLearner({ historyFile, cacheDir, stateDir }, new Date(NOW))!;
    expect(learner.learn(NEW_MIGRATION, classified('sonnet', 0.99))).toMatchObject({ tier: 'opus', changed: true });
    writeFileSync(
      path.join(stateDir, 'learn-forget.json'),
      JSON.stringify({ v: 1, ranges: [{ to: new Date(NOW).toISOString(), at: new Date(NOW).toISOString() }] }),
    );
    expect(
      loadLearner({ historyFile, cacheDir, stateDir }, new Date(NOW))!.learn(NEW_MIGRATION, classified('sonnet', 0.99)),
    ).toBeUndefined();
  });
});

describe('rebuilding from the end of a long history', () => {
  /** A long history: mostly routed tasks, some overrides, asks and escalations (chains too), over a year. */
  function longHistory(decisions: number, overrideShare: number): HistoryRecord[] {
    let seed = 11;
    const rand = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    const words = ['migrate', 'schema', 'parser', 'dates', 'login', 'flow', 'cache', 'layer', 'docs', 'index'];
    const task = () =>
      Array.from({ length: 3 + Math.floor(rand() * 4) }, () => words[Math.floor(rand() * 10)]).join(' ');
    const tiers = ['haiku', 'sonnet', 'opus'] as const;
    const out: HistoryRecord[] = [];
    const recent: string[] = [];
    for (let i = 0; i < decisions; i++) {
      const time = NOW - 365 * DAY + Math.floor((i / decisions) * 365 * DAY);
      const tier = tiers[Math.floor(rand() * 3)]!;
      const r = rand();
      let d;
      if (r < overrideShare) d = override(tier, task(), 'sonnet', { time });
      else if (r < overrideShare + 0.02 && recent.length > 0)
        d = decision('escalation', 'opus', { time, parent: recent[Math.floor(rand() * recent.length)], task: 'more' });
      else if (r < overrideShare + 0.03) d = decision('ask', tier, { time, task: task(), suggested: 'haiku' });
      else if (r < overrideShare + 0.05) d = route(tier, '   ', { time });
      else d = route(tier, task(), { time, rule: rand() < 0.1 ? 'plan-mode' : 'task-type' });
      out.push(d, { ...outcome(d.id), time: new Date(time + 60_000).toISOString() });
      recent.push(d.id);
      if (recent.length > 5) recent.shift();
    }
    return out;
  }

  for (const [decisions, share] of [
    [40_000, 0.15],
    [12_000, 0.005],
  ] as const) {
    it(`gives the examples a full read gives (${decisions} decisions, ${share * 100}% overrides), reading less`, () => {
      const records = longHistory(decisions, share);
      const { historyFile, opts } = setup(jsonl(records) + '{"v":1,"type":"decision","id":"torn');
      const full = collectExamples(records);
      const rebuilt = updateLearnedExamples(opts)!;
      expect(rebuilt.set.examples).toEqual(full.examples);
      expect(rebuilt.set.newest).toBe(full.newest);
      if (share > 0.01) expect(rebuilt.stats.bytesRead).toBeLessThan(statSync(historyFile).size / 2);
      // The cache then ends at the last complete line, and the torn one is read once it is whole.
      appendFileSync(historyFile, '"}\n');
      expect(updateLearnedExamples(opts)!.set.examples).toEqual(full.examples);
    });
  }
});
