import { describe, expect, it } from 'vitest';
import { editDistance, likelyTypoOf } from '../src/typo.js';

const NAMES = ['explain', 'stats', 'history', 'check', 'init', 'doctor', 'config', 'up'];

describe('editDistance', () => {
  it.each([
    ['history', 'history', 0],
    ['histroy', 'history', 1],
    ['stat', 'stats', 1],
    ['sonet', 'sonnet', 1],
    ['mystery', 'history', 3],
    ['misttory', 'history', 2],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('likelyTypoOf', () => {
  it.each([
    ['histroy', 'history'],
    ['hsitroy', 'history'],
    ['stat', 'stats'],
    ['Stats', 'stats'],
    ['chekc', 'check'],
    ['expalin', 'explain'],
    ['fix', undefined],
    ['edit', undefined],
    ['mystery', undefined],
    ['factor', undefined],
    ['confirm', undefined],
    ['op', undefined],
    ['upp', undefined],
  ])('%s → %s', (word, meant) => {
    expect(likelyTypoOf(word, NAMES)).toBe(meant);
  });
});
