import { describe, expect, it } from 'vitest';
import {
  collectExamples,
  MAX_AGE_MS,
  MAX_STRONG,
  MAX_TASK_CHARS,
  shortId,
  termList,
} from '../../src/learn/examples.js';
import { DAY, NOW, decision, outcome, override, route } from './support.js';

const TASK = 'write a database migration that adds a column to the users table';

describe('collecting labelled examples from history', () => {
  it.each([
    [
      'override that differs from the suggestion',
      override('opus', TASK, 'sonnet'),
      { kind: 'override', tier: 'opus', from: 'sonnet' },
    ],
    [
      'override equal to the suggestion',
      override('sonnet', TASK, 'sonnet'),
      { kind: 'confirmed', tier: 'sonnet', from: 'sonnet' },
    ],
    [
      'ask pick that differs',
      decision('ask', 'opus', { task: TASK, suggested: 'sonnet' }),
      { kind: 'ask', tier: 'opus', from: 'sonnet' },
    ],
    [
      'ask pick equal to the suggestion',
      decision('ask', 'haiku', { task: TASK, suggested: 'haiku' }),
      { kind: 'confirmed', tier: 'haiku' },
    ],
    ['routed by the classifier', route('sonnet', TASK), { kind: 'agreement', tier: 'sonnet' }],
    ['routed by learning', route('opus', TASK, { rule: 'learned' }), { kind: 'agreement', tier: 'opus' }],
  ] as const)('%s', (_name, record, expected) => {
    const { examples } = collectExamples([record]);
    expect(examples).toHaveLength(1);
    expect(examples[0]).toMatchObject({ ...expected, task: TASK, ids: [shortId(record.id)] });
    expect(termList(examples[0]!)).toEqual(expect.arrayContaining(['databas', 'migrat', 'column']));
  });

  it.each([
    ['a retry (an API failure, not a wrong model)', decision('retry', 'opus', { task: TASK })],
    ['a resume', decision('resume', 'opus', { task: TASK })],
    ['a route decided by plan mode', route('opus', TASK, { rule: 'plan-mode' })],
    ['a route capped by the budget', route('haiku', TASK, { rule: 'budget' })],
    [
      'a pick at the prompt the budget asked (onExceed "ask")',
      decision('ask', 'haiku', { task: TASK, suggested: 'sonnet', rule: 'budget' }),
    ],
    [
      'a pick of the recommendation at the budget prompt',
      decision('ask', 'sonnet', { task: TASK, suggested: 'sonnet', rule: 'budget' }),
    ],
    ['a route by a custom rule', route('haiku', TASK, { rule: 'my-rule' })],
    ['an override with no task stored', decision('override', 'opus', { task: null, suggested: 'sonnet' })],
    ['an override whose task is only stop words', override('opus', 'do it for me please')],
    ['a record with a bad time', { ...override('opus', TASK), time: 'yesterday' }],
  ] as const)('does not learn from %s', (_name, record) => {
    expect(collectExamples([record]).examples).toEqual([]);
  });

  it('an escalation labels the parent decision’s task with the escalated tier, not its own follow-up text', () => {
    const parent = route('sonnet', TASK, { time: NOW - 2 * DAY });
    const up = decision('escalation', 'opus', {
      task: 'that was wrong, try again',
      parent: parent.id,
      time: NOW - DAY,
    });
    const { examples } = collectExamples([parent, outcome(parent.id), up]);
    expect(examples).toHaveLength(1);
    expect(examples[0]).toMatchObject({
      kind: 'escalation',
      tier: 'opus',
      from: 'sonnet',
      task: TASK,
      time: NOW - DAY,
      ids: [shortId(parent.id), shortId(up.id)],
    });
  });

  it('an escalation of an escalation relabels the same task with the newest tier', () => {
    const parent = route('haiku', TASK);
    const up1 = decision('escalation', 'sonnet', { task: null, parent: parent.id });
    const up2 = decision('escalation', 'opus', { task: null, parent: up1.id });
    const { examples } = collectExamples([parent, up1, up2]);
    expect(examples).toHaveLength(1);
    expect(examples[0]).toMatchObject({ kind: 'escalation', tier: 'opus', from: 'haiku' });
  });

  it('an escalation of an override keeps what cr had suggested as `from`', () => {
    const parent = override('sonnet', TASK, 'haiku');
    const up = decision('escalation', 'opus', { task: null, parent: parent.id });
    expect(collectExamples([parent, up]).examples[0]).toMatchObject({
      kind: 'escalation',
      tier: 'opus',
      from: 'haiku',
    });
  });

  it('an escalation cannot teach when the parent has no task or is unknown', () => {
    const parent = decision('route', 'sonnet', { task: null });
    const up = decision('escalation', 'opus', { task: 'try harder', parent: parent.id });
    const orphan = decision('escalation', 'opus', { task: 'try harder', parent: 'not-in-history' });
    expect(collectExamples([parent, up, orphan]).examples).toEqual([]);
  });

  it('drops examples older than MAX_AGE_MS before the newest record, and keeps only the newest MAX_STRONG strong ones', () => {
    const old = override('opus', TASK, 'sonnet', { time: NOW - MAX_AGE_MS - 2 * DAY });
    const fresh = override('opus', TASK, 'sonnet', { time: NOW });
    expect(collectExamples([old, fresh]).examples.map((e) => e.ids[0])).toEqual([shortId(fresh.id)]);

    const many = Array.from({ length: MAX_STRONG + 5 }, (_, i) =>
      override('opus', `${TASK} number ${i}`, 'sonnet', { time: NOW - DAY + i }),
    );
    const kept = collectExamples(many).examples;
    expect(kept).toHaveLength(MAX_STRONG);
    expect(kept[0]!.ids[0]).toBe(shortId(many[5]!.id)); // the five oldest went; order is kept
  });

  it('keeps long tasks short: the text is only shown, the terms are what is compared', () => {
    const long = `${TASK} ${'and more words '.repeat(40)}`;
    const [e] = collectExamples([override('opus', long)]).examples;
    expect(e!.task.length).toBe(MAX_TASK_CHARS);
    expect(termList(e!)).toContain('migrat');
  });
});

describe('task terms', () => {
  it('split ASCII text as the Unicode letter and digit classes would (the fast path gives the same words)', async () => {
    const { taskTerms } = await import('../../src/learn/terms.js');
    const ascii = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).join('');
    expect(ascii.toLowerCase().split(/[^a-z0-9]+/)).toEqual(ascii.toLowerCase().split(/[^\p{L}\p{N}]+/u));
    expect(taskTerms('Refactor the AUTH module: rename getUser_v2 -> fetchUser (see #42)')).toEqual([
      'refactor',
      'auth',
      'modul',
      'renam',
      'getus',
      'v2',
      'fetchus',
      'see',
    ]);
    // Other scripts still split on their own letters.
    expect(taskTerms('Überprüfe die Datenbank-Migration für café')).toEqual(
      taskTerms('Überprüfe die Datenbank Migration für café'),
    );
    expect(taskTerms('Überprüfe die Datenbank-Migration für café')).toContain('café');
  });
});
