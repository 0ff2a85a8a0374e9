// The lexicon is only as honest as the corpus behind it: every phrase cue, every stemmer exception
// and every abbreviation is needed by at least one task the project wrote (data/training-tasks*.tsv).
// A phrase that no training task uses was chosen by looking elsewhere (a benchmark) and is not kept.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PHRASES } from '../../src/decide/classifier/lexicon.js';
import { ABBREVIATIONS } from '../../src/decide/classifier/shorthand.js';
import { IRREGULAR, stem, tokenise } from '../../src/decide/classifier/text.js';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');
const tasks = readdirSync(dataDir)
  .filter((f) => /^training-tasks.*\.tsv$/.test(f))
  .flatMap((f) => readFileSync(path.join(dataDir, f), 'utf8').split('\n').slice(1))
  .filter((l) => l.includes('\t') && !l.startsWith('#'))
  .map((l) => l.slice(l.indexOf('\t') + 1).replace(/\\n/g, '\n'));
const taskStems = tasks.map((t) => tokenise(t).tokens.map((k) => k.stem));
const taskWords = new Set(tasks.flatMap((t) => tokenise(t).tokens.map((k) => k.word)));

describe('the lexicon is backed by the project corpus', () => {
  it('has a corpus', () => expect(tasks.length).toBeGreaterThan(2000));

  it('every phrase cue occurs in a training task', () => {
    const unused = PHRASES.filter(([, phrase]) => {
      const stems = tokenise(phrase).tokens.map((t) => t.stem);
      return !taskStems.some((row) => row.some((_, i) => stems.every((s, k) => row[i + k] === s)));
    }).map(([cue, phrase]) => `${cue} "${phrase}"`);
    expect(unused).toEqual([]);
  });

  it('every stemmer exception joins words that a training task uses', () => {
    const unused = Object.entries(IRREGULAR)
      .filter(([from, to]) => ![...taskWords].some((w) => w.startsWith(from.slice(0, 4)) && stem(w) === to))
      .map(([from]) => from);
    expect(unused).toEqual([]);
  });

  it('every abbreviation occurs in a training task', () => {
    const unused = Object.keys(ABBREVIATIONS).filter((a) => !taskWords.has(a));
    expect(unused).toEqual([]);
  });
});
