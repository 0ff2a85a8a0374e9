// Normalised words for learning: lower-cased, split on anything that is not a letter or digit
// (so `users.email` and `created_at` give their parts), stop words dropped, a light stemmer
// (migrations/migrating/migration → migrat), each word once. Deliberately independent of the
// classifier's tokeniser, which changes as the classifier is trained: the learned cache stores
// these terms, and TERMS_VERSION is bumped whenever what this file produces changes.

export const TERMS_VERSION = 1;
/** Long prompts (pasted logs, specs) keep only their first this-many distinct words. */
export const MAX_TERMS = 40;
/** Words nearly every coding task has: they count for little when comparing tasks. */
export const GENERIC_WEIGHT = 0.35;

const STOP = new Set(
  (
    'a an the this that these those to of in on for with and or is are was were be been being it its my our your their his her ' +
    'we i you me us they them at by from as into onto so then than please can could would will shall may might must do does did ' +
    'done have has had just also there here some any up out about over via if else but which who whom whose what when where how why ' +
    'should im id lets let get got make sure need needs want wants like eg ie etc one very more most such other own same too all each ' +
    'every not no yes s t d ll ve re m'
  ).split(' '),
);

// Common verbs and nouns of coding tasks: they say little about *which* task it is.
const GENERIC_WORDS = (
  'add write fix create update change implement remove delete move use run check find show help improve clean handle support ' +
  'allow try look give put keep call return work start stop set build new old small simple quick current existing code file files ' +
  'function method class test bug error issue feature module component project repo repository app page data value type name thing ' +
  'way line lines something everything stuff part now again still few many first last next some few good better bit little'
).split(' ');

const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['izations', 'iz'],
  ['ization', 'iz'],
  ['isations', 'iz'],
  ['isation', 'iz'],
  ['ations', 'at'],
  ['ation', 'at'],
  ['ements', ''],
  ['ement', ''],
  ['ments', ''],
  ['ment', ''],
  ['ings', ''],
  ['ing', ''],
  ['ions', ''],
  ['ion', ''],
  ['ies', 'y'],
  ['ied', 'y'],
  ['izes', 'iz'],
  ['ized', 'iz'],
  ['ize', 'iz'],
  ['ises', 'iz'],
  ['ised', 'iz'],
  ['ise', 'iz'],
  ['ers', ''],
  ['er', ''],
  ['ed', ''],
  ['es', ''],
  ['s', ''],
  ['e', ''],
  ['ly', ''],
];

/** Light deterministic stemmer: migrate/migration/migrations/migrating → migrat. */
export function stemWord(word: string): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  for (const [suffix, replacement] of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const root = word.slice(0, word.length - suffix.length);
    if (root.length + replacement.length < 3) continue;
    if (suffix === 's' && /[su]$/.test(root)) continue; // class, status
    let stem = root + replacement;
    // running → runn → run; debugged → debugg → debug
    if (
      (suffix === 'ing' || suffix === 'ed' || suffix === 'er' || suffix === 'ers') &&
      stem.length >= 4 &&
      stem.at(-1) === stem.at(-2) &&
      !/[lsz]$/.test(stem)
    ) {
      stem = stem.slice(0, -1);
    }
    // migrat-e, migrat-ion, migrat-ed all end up as "migrat"
    if (stem.endsWith('at') && stem.length > 5) return stem;
    return stem.endsWith('e') && stem.length > 4 ? stem.slice(0, -1) : stem;
  }
  return word;
}

const GENERIC = new Set(GENERIC_WORDS.map(stemWord));

/**
 * A text's words: runs of letters and digits. ASCII text, nearly every task, is split with the ASCII
 * class, which gives the same words: the Unicode classes cost ~0.3 ms to compile in every launch.
 */
function words(lower: string): string[] {
  // eslint-disable-next-line no-control-regex -- ASCII is the range \x00–\x7f
  return /^[\x00-\x7f]*$/.test(lower) ? lower.split(/[^a-z0-9]+/) : lower.split(/[^\p{L}\p{N}]+/u);
}

/** The distinct normalised terms of a task, in order of first appearance. */
export function taskTerms(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of words(text.toLowerCase())) {
    if (raw.length < 2 || STOP.has(raw) || /^\d+$/.test(raw)) continue;
    const term = stemWord(raw);
    if (term.length < 2 || seen.has(term)) continue;
    seen.add(term);
    out.push(term);
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

/** How much a shared term counts: generic task words count for little. */
export function termWeight(term: string): number {
  return GENERIC.has(term) ? GENERIC_WEIGHT : 1;
}

/** The squared length of a task's term vector (each term once, weighted). */
export function termNorm(terms: readonly string[]): number {
  let sum = 0;
  for (const t of terms) {
    const w = termWeight(t);
    sum += w * w;
  }
  return sum;
}
