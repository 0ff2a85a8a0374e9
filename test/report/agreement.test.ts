import { describe, expect, it } from 'vitest';
import { parseLabeledTasks, summariseAgreement } from '../../src/report/agreement.js';

describe('summariseAgreement', () => {
  it('counts agreement, per-tier recall and severe errors', () => {
    const s = summariseAgreement([
      { expect: 'opus', got: 'opus' },
      { expect: 'opus', got: 'haiku' },
      { expect: 'haiku', got: 'opus' },
      { expect: 'haiku', got: 'sonnet' },
      { expect: 'sonnet', got: 'sonnet' },
    ]);
    expect(s).toMatchObject({ total: 5, agreed: 2, agreement: 0.4, severe: 2 });
    expect(s.recall.opus).toEqual({ expected: 2, agreed: 1, recall: 0.5 });
    expect(s.recall.haiku.recall).toBe(0);
    expect(s.recall.sonnet.recall).toBe(1);
  });
  it('an empty list agrees fully and has no recall', () => {
    expect(summariseAgreement([])).toMatchObject({ agreement: 1, recall: { opus: { recall: null } } });
  });
});

describe('parseLabeledTasks', () => {
  it.each([
    ['expect\ttask\nopus\treview it\n', 1, 0],
    ['opus\treview it\nhaiku\tsort\n', 2, 0],
    ['HAIKU\tsort\r\n# comment\n\n', 1, 0],
    ['opus\treview\nmega\tx\n', 1, 1],
    ['opus\t\n', 0, 1],
    // A mistyped tier on the first line is a problem, not a header to skip.
    ['opsu\tdesign the plugin system\nhaiku\tsort\n', 1, 1],
    ['sonet\tadd a test\n', 0, 1],
    ['tier\ttask\nhaiku\tsort\n', 1, 0],
  ])('%j → %i rows, %i problems', (text, rows, problems) => {
    const r = parseLabeledTasks(text);
    expect(r.rows).toHaveLength(rows);
    expect(r.problems).toHaveLength(problems);
  });
});
