// Patterns from config files run on RE2 (linear time): a catastrophic pattern cannot hang cr.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadUserPatternEngine, matchesUserPattern, userPatternProblem } from '../../src/decide/user-pattern.js';

beforeAll(loadUserPatternEngine);

describe('matchesUserPattern', () => {
  it('finds a match anywhere in the text, case-insensitively, with JavaScript syntax', () => {
    expect(matchesUserPattern('\\breadme\\b', 'update the README now')).toBe(true);
    expect(matchesUserPattern('\\breadme\\b', 'update readmes')).toBe(false);
    expect(matchesUserPattern('^fix', 'Fix the parser')).toBe(true);
    expect(matchesUserPattern('^fix', 'please fix it')).toBe(false);
    expect(matchesUserPattern('caf\\u00e9', 'CAFÉ menu')).toBe(true);
    expect(matchesUserPattern('(?<word>auth)', 'refactor AUTH')).toBe(true);
    expect(matchesUserPattern('a/b', 'path a/b here')).toBe(true);
  });

  it('runs a pattern that backtracking engines take exponential time on, over a long text, and answers', () => {
    // With RegExp, '^(\\w+\\s?)*$' on this text does not finish in any useful time.
    const text = `${'word '.repeat(20_000)}!`;
    expect(matchesUserPattern('^(\\w+\\s?)*$', text)).toBe(false);
    expect(matchesUserPattern('^(a+)+$', `${'a'.repeat(50_000)}b`)).toBe(false);
    expect(matchesUserPattern('^(\\w+\\s?)*$', 'word '.repeat(1000))).toBe(true);
  });
});

describe('userPatternProblem', () => {
  it('accepts what RE2 runs and says why it refuses the rest', () => {
    expect(userPatternProblem('\\bdocs?\\b|readme')).toBeUndefined();
    expect(userPatternProblem('(')).toMatch(/^not a valid regular expression: missing closing \)/);
    expect(userPatternProblem('(?=auth)x')).toMatch(
      /unsupported Perl syntax.*RE2 syntax: no backreferences or lookaround/,
    );
    expect(userPatternProblem('(a)\\1')).toMatch(/invalid escape sequence/);
  });
});
