import { describe, expect, it } from 'vitest';
import { collectExamples } from '../../src/learn/examples.js';
import {
  classifierPrior,
  makeLearner,
  prepareModel,
  recency,
  scoreTask,
  similarityFactor,
  HALF_LIFE_DAYS,
} from '../../src/learn/learner.js';
import type { HistoryRecord } from '../../src/history/records.js';
import { learnedSummary } from '../../src/report/decision-words.js';
import type { Classification } from '../../src/types.js';
import { DAY, MIGRATIONS, NEW_MIGRATION, NOW, UNRELATED, classified, decision, override, route } from './support.js';

const learnerFrom = (records: HistoryRecord[], forget?: { from?: number; to: number }[]) =>
  makeLearner(prepareModel(collectExamples(records).examples), { now: NOW, forget });
const STRONG = classified('sonnet', 0.99);
const opusOverrides = (n: number, daysAgo = 1) =>
  MIGRATIONS.slice(0, n).map((t) => override('opus', t, 'sonnet', { time: NOW - daysAgo * DAY }));

describe('learning from overrides', () => {
  it.each([
    [0, 'sonnet', false],
    [1, 'sonnet', false],
    [2, 'sonnet', false],
    [3, 'opus', true],
  ] as const)('%i consistent override(s) of a confident (0.99) decision → %s', (n, tier, changed) => {
    const verdict = learnerFrom(opusOverrides(n))(NEW_MIGRATION, STRONG);
    if (n === 0) expect(verdict).toBeUndefined();
    else expect(verdict).toMatchObject({ tier, changed });
  });

  it('cites the past tasks that changed it, in the reason and the examples', () => {
    const verdict = learnerFrom(opusOverrides(3))(NEW_MIGRATION, STRONG)!;
    expect(verdict).toMatchObject({ lean: 'opus', chosen: 3, kept: 0, against: { tier: 'sonnet' } });
    const reason = learnedSummary(verdict);
    expect(reason).toMatch(/^you chose opus for 3 similar tasks: "/);
    for (const t of MIGRATIONS) expect(reason).toContain(`"${t.slice(0, 50)}`); // long tasks are shortened in the reason
    expect(verdict.examples.map((e) => e.task).sort()).toEqual([...MIGRATIONS].sort());
    expect(verdict.examples.every((e) => e.tier === 'opus')).toBe(true);
  });

  it.each(UNRELATED)('leaves a dissimilar task alone: %s', (task) => {
    const learn = learnerFrom([...opusOverrides(3), ...opusOverrides(3, 2)]);
    expect(learn(task, classified('sonnet', 0.6))).toBeUndefined();
    expect(learn(task, classified('haiku', 0.4))).toBeUndefined();
  });

  it('one override flips a coin toss but not a strong decision', () => {
    const learn = learnerFrom(opusOverrides(1));
    expect(learn(MIGRATIONS[0]!, classified('sonnet', 0.4))).toMatchObject({ tier: 'opus', changed: true });
    expect(learn(MIGRATIONS[0]!, classified('sonnet', 0.85))).toMatchObject({ tier: 'sonnet', changed: false });
    expect(learnedSummary(learn(MIGRATIONS[0]!, classified('sonnet', 0.85))!)).toMatch(/not enough to change sonnet/);
  });

  it('the prior grows with the classifier confidence, within its bounds', () => {
    expect(classifierPrior(1 / 3)).toBeCloseTo(0.75);
    expect(classifierPrior(1)).toBeCloseTo(2.5);
    expect(classifierPrior(0.8)).toBeLessThan(classifierPrior(0.9));
  });

  it('recent evidence counts more: the same three overrides two half-lives ago do not flip', () => {
    expect(recency(NOW - HALF_LIFE_DAYS * DAY, NOW)).toBeCloseTo(0.5);
    expect(recency(NOW + DAY, NOW)).toBe(1);
    expect(learnerFrom(opusOverrides(3, 2 * HALF_LIFE_DAYS))(NEW_MIGRATION, STRONG)).toMatchObject({
      tier: 'sonnet',
      changed: false,
    });
  });

  it('agreements with cr push back: routine sonnet runs of similar tasks outweigh three overrides', () => {
    const agreements = Array.from({ length: 12 }, (_, i) => route('sonnet', `${MIGRATIONS[i % 3]!} again`));
    const verdict = learnerFrom([...opusOverrides(3), ...agreements])(NEW_MIGRATION, STRONG)!;
    expect(verdict).toMatchObject({ tier: 'sonnet', changed: false });
  });

  it("cr's own picks never move a task: thirty routed haiku runs of similar tasks, no override", () => {
    const own = Array.from({ length: 30 }, (_, i) => route('haiku', `${MIGRATIONS[i % 3]!} number ${i}`));
    for (const confidence of [0.4, 0.99]) {
      const verdict = learnerFrom(own)(NEW_MIGRATION, classified('sonnet', confidence));
      expect(verdict?.changed ?? false).toBe(false);
      expect(verdict?.tier ?? 'sonnet').toBe('sonnet');
    }
    // The same runs still push back for the tier the classifier gives.
    const verdict = learnerFrom([...opusOverrides(3), ...own])(NEW_MIGRATION, classified('haiku', 0.99))!;
    expect(verdict).toMatchObject({ tier: 'haiku', changed: false });
  });

  it('escalations teach like overrides (three escalated migrations flip the next one)', () => {
    const records = MIGRATIONS.flatMap((t) => {
      const parent = route('sonnet', t, { time: NOW - 2 * DAY });
      return [parent, decision('escalation', 'opus', { task: 'not good enough', parent: parent.id, time: NOW - DAY })];
    });
    const verdict = learnerFrom(records)(NEW_MIGRATION, STRONG)!;
    expect(verdict).toMatchObject({ tier: 'opus', changed: true });
    expect(learnedSummary(verdict)).toMatch(/you chose opus for 3 similar tasks/);
  });

  it('forget markers remove examples from the vote', () => {
    const records = opusOverrides(3);
    expect(learnerFrom(records, [{ to: NOW }])(NEW_MIGRATION, STRONG)).toBeUndefined();
    expect(learnerFrom(records, [{ from: NOW - 3 * DAY, to: NOW - 2 * DAY }])(NEW_MIGRATION, STRONG)).toMatchObject({
      changed: true,
    });
    expect(learnerFrom(records, [{ from: NOW - 3 * DAY, to: NOW }])(NEW_MIGRATION, STRONG)).toBeUndefined();
  });

  it('is bounded: a partly similar task gets a partial vote, nothing below the similarity floor', () => {
    expect(similarityFactor(0.1)).toBe(0);
    expect(similarityFactor(0.4)).toBeGreaterThan(0);
    expect(similarityFactor(0.4)).toBeLessThan(1);
    expect(similarityFactor(0.9)).toBe(1);
    const model = prepareModel(collectExamples(opusOverrides(3)).examples);
    // Shares only "column" (and a generic verb) with the migrations.
    const partial = scoreTask(model, 'add a column to the csv export', classified('sonnet', 0.7), { now: NOW });
    expect(partial.votes.opus).toBeLessThan(1);
    expect(partial.tier).toBe('sonnet');
  });

  it('can move a task down as well as up, and to any tier', () => {
    const haiku = [
      'summarise the changelog for the release notes',
      'summarise the changelog of the last release',
      'summarise the release changelog in bullets',
    ];
    const learn = learnerFrom(haiku.map((t) => override('haiku', t, 'sonnet')));
    const c: Classification = classified('sonnet', 0.95);
    expect(learn('summarise the changelog for this release', c)).toMatchObject({ tier: 'haiku', changed: true });
  });

  it('is deterministic and does not depend on record order for the verdict', () => {
    const records = [...opusOverrides(3), route('sonnet', MIGRATIONS[0]!)];
    const a = learnerFrom(records)(NEW_MIGRATION, STRONG);
    const b = learnerFrom(records)(NEW_MIGRATION, STRONG);
    expect(a).toEqual(b);
    expect(learnerFrom([...records].reverse())(NEW_MIGRATION, STRONG)!.tier).toBe(a!.tier);
  });
});
