// Stems the raw lexicon (lexicon.ts) into the form the classifier reads at run time.
// Run by scripts/train-classifier.mjs, which stores the result in classifier-weights.json, so the
// app never runs the stemmer over word lists when it starts; a unit test checks they agree.

import { FAMILY_WORDS, PHRASES, WORD_SETS, type CompiledLexicon, type WordSetName } from './lexicon.js';
import { stem, tokenise } from './text.js';

function stemList(words: string): string {
  const out = new Set<string>();
  for (const w of words.split(/\s+/)) if (w) out.add(stem(w));
  return [...out].sort().join(' ');
}

export function compileLexicon(): CompiledLexicon {
  const sets = {} as Record<WordSetName, string>;
  for (const name of Object.keys(WORD_SETS).sort() as WordSetName[]) sets[name] = stemList(WORD_SETS[name]);
  const phrases: string[] = [];
  for (const [cue, phrase] of PHRASES) {
    const stems = tokenise(phrase).tokens.map((t) => t.stem);
    if (stems.length > 0) phrases.push([cue, ...stems].join(' '));
  }
  // Word order kept (not sorted or deduplicated): a word listed twice counts twice, as before.
  const familyWords: Array<[string, number, string]> = FAMILY_WORDS.map(([family, strength, words]) => [
    family,
    strength,
    words
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => stem(w))
      .join(' '),
  ]);
  return { sets, phrases, familyWords };
}
