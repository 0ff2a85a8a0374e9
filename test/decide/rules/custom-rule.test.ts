import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomRule } from '../../../src/config/schema.js';
import { customRule } from '../../../src/decide/rules/custom-rule.js';
import type { Classification } from '../../../src/types.js';
import { loadUserPatternEngine } from '../../../src/decide/user-pattern.js';

// Patterns run on RE2, which the config loader loads when a config has patterns.
beforeAll(loadUserPatternEngine);

const facts = {
  task: 'update the README',
  classification: { tier: 'haiku', family: 'docs' } as Classification,
  print: true,
  planMode: false,
  contextTokens: 500,
};

describe('custom rules', () => {
  it.each<[string, CustomRule['when'], string | undefined]>([
    ['no conditions', {}, undefined],
    ['pattern, case-insensitive', { pattern: '\\breadme\\b' }, undefined],
    ['pattern that does not match', { pattern: 'changelog' }, 'pattern'],
    ['family', { families: ['docs', 'review'] }, undefined],
    ['another family', { families: ['review'] }, 'families'],
    ['classified as', { classifiedAs: ['haiku'] }, undefined],
    ['classified as another tier', { classifiedAs: ['opus'] }, 'classifiedAs'],
    ['print mode', { print: true }, undefined],
    ['not print mode', { print: false }, 'print'],
    ['plan mode', { planMode: true }, 'planMode'],
    ['at least', { minTokens: 500 }, undefined],
    ['more than there are', { minTokens: 501 }, 'minTokens'],
    ['at most', { maxTokens: 499 }, 'maxTokens'],
    ['all of them, one failing', { pattern: 'readme', print: true, maxTokens: 10 }, 'maxTokens'],
  ])('%s', (_, when, unmet) => {
    const verdict = customRule({ id: 'docs', when, tier: 'haiku', model: 'claude-haiku-x', profile: 'cheap' })(facts);
    expect(verdict.pick).toEqual(
      unmet ? undefined : { tier: 'haiku', rule: 'docs', model: 'claude-haiku-x', profile: 'cheap' },
    );
    expect(verdict.trace).toEqual({
      rule: 'custom',
      id: 'docs',
      fired: !unmet,
      code: unmet ? 'no-match' : 'matched',
      tier: 'haiku',
      ...(unmet ? { unmet } : {}),
    });
  });

  it('without a task, a pattern or a classification condition never matches', () => {
    const bare = { task: '', print: false, planMode: false };
    expect(customRule({ id: 'a', when: { pattern: '.*' }, tier: 'opus' })(bare).pick).toBeDefined();
    expect(customRule({ id: 'b', when: { families: ['docs'] }, tier: 'opus' })(bare).pick).toBeUndefined();
  });
});
