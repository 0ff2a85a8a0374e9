// Shorthand as people type it at a prompt: abbreviations ("msg", "impl", "w/", "b4"), arrows
// ("csv -> md", "getUsr → getUser") and misspelt words that carry weight ("reveiw", "chnages").
// Each rewritten token keeps its offsets into the original text and says what it was read as
// (`display`), so the evidence shows "reveiw ≈ review" and never hides a guess.

import { isStopWord, stem, type Token } from './text.js';

/** Abbreviation -> the words it stands for (the first word takes the token's place). */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  msg: 'message',
  msgs: 'messages',
  impl: 'implement',
  refac: 'refactor',
  refactr: 'refactor',
  deps: 'dependencies',
  dep: 'dependency',
  pls: 'please',
  plz: 'please',
  b4: 'before',
  bc: 'because',
  cuz: 'because',
  fn: 'function',
  func: 'function',
  fns: 'functions',
  cfg: 'config',
  conf: 'config',
  env: 'environment',
  db: 'database',
  tbl: 'table',
  col: 'column',
  fmt: 'format',
  conv: 'convert',
  gen: 'generate',
  desc: 'description',
  descs: 'descriptions',
  upd: 'update',
  rm: 'remove',
  mv: 'move',
  perf: 'performance',
  arch: 'architecture',
  reqs: 'requirements',
  req: 'request',
  resp: 'response',
  cmd: 'command',
  args: 'arguments',
  param: 'parameter',
  params: 'parameters',
  var: 'variable',
  vars: 'variables',
  dir: 'directory',
  dirs: 'directories',
  pkg: 'package',
  pkgs: 'packages',
  svc: 'service',
  svcs: 'services',
  infra: 'infrastructure',
  k8s: 'kubernetes',
  repro: 'reproduce',
  txn: 'transaction',
  ver: 'version',
  img: 'image',
  imgs: 'images',
  btn: 'button',
  md: 'markdown',
  yml: 'yaml',
  sth: 'something',
  smth: 'something',
  ppl: 'people',
  idk: "don't know",
  wdyt: 'what do you think',
  ptal: 'please take a look',
  lmk: 'let me know',
  tldr: 'summary',
  thx: 'thanks',
  u: 'you',
  rn: 'now',
  prod: 'production',
  vuln: 'vulnerability',
  vulns: 'vulnerabilities',
  mem: 'memory',
  optim: 'optimize',
  summ: 'summarize',
  ts: 'typescript',
  js: 'javascript',
  py: 'python',
};

/** Minimum length (after stemming) of a word that can be read as a typo of a lexicon word. */
export const MIN_TYPO_STEM = 5;
/** Words looked at for typos in one text: the instruction comes first, a long text repeats itself. */
const MAX_TYPO_CHECKS = 300;

/** Whether two strings are at most one edit apart (insert, delete, substitute, swap neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // one substitution, or two neighbours swapped
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return (
      i + 1 < la &&
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      a.slice(i + 2) === b.slice(i + 2)
    );
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function isAsciiLetters(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

export interface TypoReader {
  /** The lexicon stem a misspelt stem stands for, or undefined when it is a word of its own. */
  correct(wordStem: string): string | undefined;
  /** The lexicon word with that stem closest in length to `typed`, to show ("reveiwing ≈ reviewing"). */
  wordFor(targetStem: string, typed: string): string;
}

/**
 * Reads misspellings of the lexicon's words. `targets` are the lexicon's words (raw); `realStems`
 * are stems of English words that lie one edit from a target stem but are words of their own
 * ("formal" next to "format"), found by scripts/train-classifier.mjs in a word list. A stem is
 * read as a target when it is unknown to both, starts with the target's letter (or, with its first
 * two letters swapped, with the target's) and is one edit from it. The targets are grouped by their
 * first letter on the first look-up; a look-up compares the stem with the targets of its first
 * letters only (a few dozen).
 */
export function createTypoReader(
  targets: ReadonlyArray<readonly [word: string, stem: string]>,
  realStems: ReadonlySet<string>,
): TypoReader {
  let byFirstLetter: Map<number, string[]> | undefined;
  const wordsOf = new Map<string, string[]>();
  const group = (): Map<number, string[]> => {
    const out = new Map<number, string[]>();
    for (const [word, s] of targets) {
      if (s.length < MIN_TYPO_STEM || !isAsciiLetters(s)) continue;
      const words = wordsOf.get(s);
      if (words) {
        words.push(word);
        continue;
      }
      wordsOf.set(s, [word]);
      const letter = s.charCodeAt(0);
      const list = out.get(letter);
      if (list) list.push(s);
      else out.set(letter, [s]);
    }
    return out;
  };
  // Stems already looked up (a long text repeats its words): the answer, or null for none.
  const seen = new Map<string, string | null>();
  return {
    correct(s) {
      if (s.length < MIN_TYPO_STEM || realStems.has(s)) return undefined;
      const known = seen.get(s);
      if (known !== undefined) return known ?? undefined;
      const found = lookUp(s);
      if (seen.size < 20_000) seen.set(s, found ?? null);
      return found;
    },
    wordFor(targetStem, typed) {
      byFirstLetter ??= group();
      let best: string | undefined;
      for (const w of wordsOf.get(targetStem) ?? [])
        if (best === undefined || Math.abs(w.length - typed.length) < Math.abs(best.length - typed.length)) best = w;
      return best ?? targetStem;
    },
  };
  function lookUp(s: string): string | undefined {
    if (!isAsciiLetters(s)) return undefined;
    byFirstLetter ??= group();
    if (wordsOf.has(s)) return undefined; // a lexicon word itself
    // The first letter is rarely the mistyped one; requiring it keeps "preview" from being "review".
    // Two first letters swapped ("rfeactor") count as the one edit.
    let best: string | undefined;
    for (const t of byFirstLetter.get(s.charCodeAt(0)) ?? []) {
      if (!withinOneEdit(s, t)) continue;
      if (best !== undefined) return undefined; // two lexicon words one edit away: no guess
      best = t;
    }
    if (s.charCodeAt(1) !== s.charCodeAt(0))
      for (const t of byFirstLetter.get(s.charCodeAt(1)) ?? []) {
        if (t.charCodeAt(1) !== s.charCodeAt(0) || !withinOneEdit(s, t)) continue;
        if (best !== undefined) return undefined;
        best = t;
      }
    return best;
  }
}

/** A name, not a misspelling: capitalised inside a sentence ("Preact"), or camelCase ("getUsr"). */
function properNoun(surface: string, sentenceStart: boolean): boolean {
  for (let i = 1; i < surface.length; i++) {
    const c = surface.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  const c0 = surface.charCodeAt(0);
  return !sentenceStart && c0 >= 65 && c0 <= 90;
}

const ARROWS = ['-->', '->', '→', '=>', '⇒', '⟶'];

function makeToken(from: Token, word: string, display: string, boundaryBefore = from.boundaryBefore): Token {
  const stop = isStopWord(word);
  return {
    word,
    stem: stop ? word : stem(word),
    start: from.start,
    end: from.end,
    boundaryBefore,
    negated: false,
    stop,
    display,
  };
}

/**
 * Rewrites shorthand in place: abbreviations become the words they stand for, "w/" and "w/o"
 * become "with" and "without", an arrow between two words becomes "to", and a misspelt lexicon
 * word becomes that word. `text` is the text the token offsets point into.
 */
export function readShorthand(tokens: Token[], text: string, typos: TypoReader): Token[] {
  const out: Token[] = [];
  let typoChecks = MAX_TYPO_CHECKS;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // w/ and w/o
    if (t.word === 'w' && text.charCodeAt(t.end) === 47 /* / */) {
      const next = tokens[i + 1];
      if (next && next.word === 'o' && next.start === t.end + 1) {
        out.push({ ...makeToken(t, 'without', 'w/o ≈ without'), end: next.end });
        i++;
      } else out.push(makeToken(t, 'with', 'w/ ≈ with'));
      continue;
    }
    // An arrow between this token and the next: "csv -> md" reads "csv to md".
    const next = tokens[i + 1];
    const expansion = ABBREVIATIONS[t.word];
    if (expansion !== undefined && expansion !== t.word) {
      const surface = text.slice(t.start, t.end);
      const words = expansion.split(' ');
      words.forEach((w, k) =>
        out.push(makeToken(t, w, `${surface} ≈ ${expansion}`, k === 0 ? t.boundaryBefore : false)),
      );
    } else if (
      !t.stop &&
      t.display === undefined &&
      t.stem.length >= MIN_TYPO_STEM &&
      typoChecks-- > 0 &&
      !properNoun(text.slice(t.start, t.end), t.boundaryBefore)
    ) {
      const target = typos.correct(t.stem);
      if (target !== undefined) {
        const surface = text.slice(t.start, t.end);
        const word = typos.wordFor(target, t.word);
        out.push({ ...makeToken(t, word, `${surface} ≈ ${word}`), stem: target });
      } else out.push(t);
    } else out.push(t);
    if (next && !next.boundaryBefore && next.start - t.end <= 6 && next.start - t.end >= 1) {
      const between = text.slice(t.end, next.start).trim();
      if (ARROWS.includes(between)) {
        const at = t.end + text.slice(t.end, next.start).indexOf(between);
        out.push({
          word: 'to',
          stem: 'to',
          start: at,
          end: at + between.length,
          boundaryBefore: false,
          negated: false,
          stop: true,
          display: between,
        });
      }
    }
  }
  return out;
}
