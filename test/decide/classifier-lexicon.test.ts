import { describe, expect, it } from 'vitest';
import model from '../../src/decide/classifier-weights.json' with { type: 'json' };
import { compileLexicon } from '../../src/decide/classifier/compile-lexicon.js';

describe('compiled lexicon in classifier-weights.json', () => {
  it('matches the raw lexicon stemmed now (run scripts/train-classifier.mjs after editing lexicon.ts)', () => {
    expect((model as unknown as { lexicon: unknown }).lexicon).toEqual(compileLexicon());
  });

  it('has one weight triple per feature', () => {
    const m = model as unknown as { features: string[]; weights: number[] };
    expect(m.weights.length).toBe(3 * m.features.length);
    expect(new Set(m.features).size).toBe(m.features.length);
    for (const f of m.features) expect(f).toMatch(/^[a-z]+:/);
  });
});
