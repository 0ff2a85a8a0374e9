import { describe, expect, it } from 'vitest';
import model from '../../src/decide/classifier-weights.json' with { type: 'json' };
import { compileLexicon } from '../../src/decide/classifier/compile-lexicon.js';
import { englishWords } from '../../scripts/english-words.mjs';

describe('compiled lexicon in classifier-weights.json', () => {
  it('matches the raw lexicon stemmed now (run scripts/train-classifier.mjs after editing lexicon.ts)', () => {
    expect((model as unknown as { lexicon: unknown }).lexicon).toEqual(compileLexicon(englishWords()));
  });

  it('has one weight triple per feature', () => {
    const m = model as unknown as { features: string[]; weights: number[] };
    expect(m.weights.length).toBe(3 * m.features.length);
    expect(new Set(m.features).size).toBe(m.features.length);
    for (const f of m.features) expect(f).toMatch(/^[a-z]+:/);
  });
});

describe('weights lookup', () => {
  it('the feature names are strictly sorted, so weightOffset finds every one, and nothing else', async () => {
    const { weightOffset } = await import('../../src/decide/classify-task.js');
    const names = model.features as string[];
    for (let i = 1; i < names.length; i++)
      expect(names[i - 1]! < names[i]!, `${names[i - 1]} before ${names[i]}`).toBe(true);
    names.forEach((name, i) => expect(weightOffset(names, name)).toBe(3 * i));
    for (const absent of ['', ' ', 'w:zzzzzz-not-a-feature', `${names[0]}\u0000`, `${names.at(-1)}~`])
      expect(weightOffset(names, absent)).toBe(-1);
    expect(weightOffset([], 'x')).toBe(-1);
  });
});
