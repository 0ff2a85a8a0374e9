// The English that evidence quoted from a task in another language stands for, so that --explain
// can show "auditar → audit" or "コードレビュー → code review". English evidence gets no gloss: a
// quote counts as foreign only when it cannot be English (another script, a function word, letter
// or phrase English does not have) or when the feature it fired shows that a word was read through
// a lexicon (its gloss has the feature's stem and the word itself does not: "auditar" fired w:audit).

import { glossWords } from './i18n.js';
import { isStopWord, stem } from './text.js';

function featureStems(feature: string): string[] | undefined {
  const colon = feature.indexOf(':');
  const kind = feature.slice(0, colon);
  if (kind === 'w' || kind === 'not') return [feature.slice(colon + 1)];
  if (kind === 'b') return feature.slice(colon + 1).split('+');
  return undefined;
}

/** The English gloss of an evidence match, or undefined when the match is English. */
export function evidenceGloss(feature: string, match: string): string | undefined {
  const stems = featureStems(feature);
  // The feature's own English words, as written ("refactor" fired w:refactor, "refactor the auth"
  // b:refact+auth), with English stop words between them: English, known without compiling the
  // lexicons of five languages to try it in each (~10 ms in a process).
  if (
    stems &&
    /^[a-z' -]+$/i.test(match) &&
    match
      .toLowerCase()
      .split(/[ '-]+/)
      .every((w) => !w || stems.includes(stem(w)) || isStopWord(w))
  )
    return undefined;
  const words = glossWords(match);
  let foreign = false;
  let translated = false;
  for (const w of words) {
    if (w.nonLatin || w.marker) foreign = true;
    if (w.gloss === undefined || w.gloss === w.surface) continue;
    translated = true;
    if (w.surface.includes(' '))
      foreign = true; // a phrase of the language ("a volte", "causa raíz")
    else if (stems && !stems.includes(stem(w.surface)) && w.gloss.split(' ').some((g) => stems.includes(stem(g))))
      foreign = true;
  }
  if (!foreign || !translated) return undefined;
  const out: string[] = [];
  for (const w of words) {
    if (w.gloss === undefined) {
      if (!w.stop) out.push(match.slice(w.start, w.end));
      continue;
    }
    // A word feature shows the one English word it is about: "コードレビュー" fired w:review and w:code.
    const gloss = w.gloss.split(' ');
    const own = stems && stems.length === 1 ? gloss.filter((g) => stems.includes(stem(g))) : [];
    out.push(...(own.length > 0 ? own : gloss));
  }
  return out.join(' ');
}
