// Linear-time tokeniser and light stemmer for task descriptions.
// No regular expressions on the hot path: one pass over char codes, bounded by the caller.
// Words of other languages become tokens carrying English words (see "Other languages" below).

import {
  detectLatinLanguage,
  endsAsForeignQuestion,
  isRunStart,
  localiseWords,
  newRunState,
  scanRun,
  type AlphabetLanguage,
  type Piece,
  type RunState,
} from './i18n.js';

export interface Token {
  /** Lower-cased surface form, e.g. "reviewing"; for a word of another language, the English word it stands for. */
  readonly word: string;
  /** Light stem, e.g. "review". */
  readonly stem: string;
  /** Offsets into the (prefix of the) original text, for evidence. */
  readonly start: number;
  readonly end: number;
  /** True when a clause boundary (. , ; : ! ? newline, dash) comes right before this token. */
  readonly boundaryBefore: boolean;
  /** True when the token sits in the scope of a negator ("without changing behaviour"). */
  negated: boolean;
  /**
   * True when a negation after the word negates it (Japanese 変えずに, German "Ändere nicht"): kept
   * when the negation scope is marked again.
   */
  negatedByFollowing?: boolean;
  /** True for function words that carry no routing signal on their own. */
  readonly stop: boolean;
  /**
   * How the evidence shows a token whose word is not the text's own: a typo or abbreviation read
   * as a word ("reveiw ≈ review"), or a pasted fragment standing as one word ("pasted diff").
   */
  readonly display?: string;
}

export interface Tokenised {
  tokens: Token[];
  /** Whether a '?' appears anywhere in the scanned prefix. */
  hasQuestionMark: boolean;
  /** Whether the text (prefix) ends with '?' (ignoring trailing spaces). */
  endsWithQuestionMark: boolean;
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'to',
  'of',
  'in',
  'on',
  'for',
  'with',
  'and',
  'or',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'it',
  'its',
  "it's",
  'my',
  'our',
  'your',
  'their',
  'his',
  'her',
  'we',
  'i',
  'you',
  'me',
  'us',
  'they',
  'them',
  'at',
  'by',
  'from',
  'as',
  'into',
  'onto',
  'so',
  'then',
  'than',
  'please',
  'can',
  'could',
  'would',
  'will',
  'shall',
  'may',
  'might',
  'must',
  'do',
  'does',
  'did',
  'done',
  'have',
  'has',
  'had',
  'just',
  'also',
  'there',
  'here',
  'some',
  'any',
  'up',
  'out',
  'about',
  'over',
  'via',
  'if',
  'else',
  'but',
  'which',
  'who',
  'whom',
  'whose',
  'what',
  'when',
  'where',
  'how',
  'why',
  'should',
  "i'm",
  "i'd",
  "let's",
  'let',
  'get',
  'got',
  'make',
  'sure',
  'need',
  'needs',
  'want',
  'wants',
  'like',
  'e',
  'g',
  'eg',
  'ie',
  'etc',
  'one',
  'very',
  'more',
  'most',
  'such',
  'other',
  'own',
  'same',
  'too',
]);

/** Words that open a negation scope over the next few content words. */
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'without',
  'avoid',
  'skip',
  'nor',
  "don't",
  'dont',
  "doesn't",
  "didn't",
  "isn't",
  "aren't",
  "won't",
  "shouldn't",
  "can't",
  'cannot',
  "mustn't",
  "needn't",
]);
const NEGATION_SPAN = 3;

// Words shorter than this are never stemmed.
const MIN_STEM = 3;

// Suffixes stripped repeatedly (longest first within the list order), replacement after '>'.
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['izations', 'ize'],
  ['ization', 'ize'],
  ['isations', 'ize'],
  ['isation', 'ize'],
  ['ational', 'at'],
  ['ations', 'at'],
  ['ation', 'at'],
  ['ements', ''],
  ['ement', ''],
  ['ments', ''],
  ['ment', ''],
  ['ities', ''],
  ['ity', ''],
  ['ness', ''],
  ['ings', ''],
  ['ing', ''],
  ['ural', ''],
  ['ures', ''],
  ['ure', ''],
  ['ions', ''],
  ['ion', ''],
  ['ors', ''],
  ['or', ''],
  ['ers', ''],
  ['er', ''],
  ['ies', 'y'],
  ['ied', 'y'],
  ['ful', ''],
  ['ally', ''],
  ['ly', ''],
  ['als', ''],
  ['al', ''],
  ['ives', ''],
  ['ive', ''],
  ['ised', 'ize'],
  ['ises', 'ize'],
  ['ise', 'ize'],
  ['ed', ''],
  ['es', ''],
  ['s', ''],
  ['e', ''],
  ['at', ''],
];
// Derivational suffixes that need a longer remainder ("secure" is not "sec", "format" is not "form").
const LONG_REMAINDER: Readonly<Record<string, number>> = {
  ure: 4,
  ures: 4,
  ment: 4,
  ments: 4,
  ity: 4,
  ities: 4,
  at: 5,
  al: 4,
  als: 4,
};
// Irregular families the suffix rules do not join.
export const IRREGULAR: Readonly<Record<string, string>> = {
  behavi: 'behaviour',
  behaviour: 'behaviour',
  analysi: 'analyz',
  analysis: 'analyz',
  analyz: 'analyz',
  analys: 'analyz',
  category: 'categoriz',
  categoriz: 'categoriz',
  classify: 'classific',
  summary: 'summar',
  summariz: 'summar',
  convers: 'convert',
  document: 'doc',
  docu: 'doc',
  doc: 'doc',
  readm: 'readme',
  readme: 'readme',
  favour: 'favor',
  optimiz: 'optim',
  optimum: 'optim',
  optim: 'optim',
  colour: 'color',
  tenancy: 'tenant',
  // Words the suffix rules would fold into an unrelated lexicon word: "conversation" is not
  // "conversion", "mine" is not "minor", "portal" is not "port", "posture" is not "post", "capture"
  // is not "caption".
  conversat: 'conversat',
  minor: 'minor',
  portal: 'portal',
  portals: 'portal',
  posture: 'postur',
  postures: 'postur',
  capture: 'captur',
  captures: 'captur',
};

const stemCache = new Map<string, string>();

function isVowelCode(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
}

function stripOnce(w: string): string {
  for (const [suf, rep] of SUFFIXES) {
    if (w.length - suf.length < (LONG_REMAINDER[suf] ?? MIN_STEM) || !w.endsWith(suf)) continue;
    // Plural "s" only after letters where it plausibly is a plural (not "class", "status", "analysis").
    if (suf === 's') {
      const prev = w.charCodeAt(w.length - 2);
      if (prev === 115 /* s */ || prev === 117 /* u */ || prev === 105 /* i */) continue;
    }
    let stem = w.slice(0, w.length - suf.length) + rep;
    // Keep at least one vowel in what remains ("bed" is not "b").
    let vowel = false;
    for (let i = 0; i < stem.length; i++)
      if (isVowelCode(stem.charCodeAt(i))) {
        vowel = true;
        break;
      }
    if (!vowel) continue;
    // debugging -> debugg -> debug; running -> runn -> run.
    const n = stem.length;
    if (rep === '' && (suf === 'ing' || suf === 'ed' || suf === 'er' || suf === 'ers') && n >= 4) {
      const a = stem.charCodeAt(n - 1);
      if (a === stem.charCodeAt(n - 2) && a !== 108 && a !== 115 && a !== 122 && !isVowelCode(a))
        stem = stem.slice(0, n - 1);
    }
    return stem;
  }
  return w;
}

/** Light, deterministic stemmer: reviewer/reviewing/reviews -> review, migration/migrate -> migrat. */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length > 3 && !isNumeric(w)) {
    for (let i = 0; i < 6; i++) {
      const irregular = IRREGULAR[w];
      if (irregular !== undefined) {
        w = irregular;
        break;
      }
      const next = stripOnce(w);
      if (next === w) break;
      w = next;
    }
  }
  if (stemCache.size < 50_000) stemCache.set(word, w);
  return w;
}

function isNumeric(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function isBoundaryCode(c: number): boolean {
  // . , ; : ! ? newline ( ) — – |
  return (
    c === 46 ||
    c === 44 ||
    c === 59 ||
    c === 58 ||
    c === 33 ||
    c === 63 ||
    c === 10 ||
    c === 13 ||
    c === 40 ||
    c === 41 ||
    c === 0x2014 ||
    c === 0x2013 ||
    c === 124
  );
}

/**
 * Tokenise `text` (already bounded by the caller). Linear in text length.
 * `maxTokens` caps the work further for pathological inputs.
 */
export function tokenise(text: string, maxTokens = 2000): Tokenised {
  const lower = text.toLowerCase();
  let tokens: Token[] = [];
  let hasQuestionMark = false;
  let boundary = true;
  let i = 0;
  const n = lower.length;
  let runs: RunState | undefined;
  while (i < n && tokens.length < maxTokens) {
    let c = lower.charCodeAt(i);
    if (!isWordCode(c)) {
      if (c > 0x24f && isRunStart(c)) {
        const run = scanRun(lower, i, (runs ??= newRunState()), maxTokens - tokens.length);
        pushPieces(tokens, run.pieces, boundary);
        if (run.question) hasQuestionMark = true;
        if (run.pieces.length > 0 || run.boundaryAfter) boundary = run.boundaryAfter;
        i = run.end;
        continue;
      }
      if (c === 63) hasQuestionMark = true;
      if (isBoundaryCode(c)) {
        // A '.' between word chars (file.ts, v1.2) is not a boundary.
        const inWord =
          (c === 46 || c === 58) &&
          i > 0 &&
          i + 1 < n &&
          isWordCode(lower.charCodeAt(i - 1)) &&
          isWordCode(lower.charCodeAt(i + 1));
        if (!inWord) boundary = true;
      }
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      c = lower.charCodeAt(i);
      if (isWordCode(c)) {
        i++;
        continue;
      }
      // Apostrophes inside words: don't, it's, users'.
      if ((c === 39 || c === 0x2019) && i + 1 < n && isWordCode(lower.charCodeAt(i + 1)) && i > start) {
        i++;
        continue;
      }
      break;
    }
    const word = lower.slice(start, i).replace('\u2019', "'");
    if (word.length > 40) {
      boundary = false;
      continue;
    } // hashes, base64 blobs: no signal
    const stop = STOP_WORDS.has(word);
    tokens.push({
      word,
      stem: stop ? word : stem(word),
      start,
      end: i,
      boundaryBefore: boundary,
      negated: false,
      stop,
    });
    boundary = false;
  }
  tokens = localise(tokens, lower, runs?.cyrillic === true);
  markNegation(tokens);
  let end = lower.length - 1;
  while (
    end >= 0 &&
    (lower.charCodeAt(end) === 32 ||
      lower.charCodeAt(end) === 10 ||
      lower.charCodeAt(end) === 9 ||
      lower.charCodeAt(end) === 13)
  )
    end--;
  return {
    tokens,
    hasQuestionMark,
    endsWithQuestionMark: end >= 0 && (lower.charCodeAt(end) === 63 || endsAsForeignQuestion(lower, end)),
  };
}

/**
 * Negation scope: the next NEGATION_SPAN content words after a negator, within the clause. Run
 * again by the feature extractor after it has rewritten shorthand ("w/o" is "without").
 */
export function markNegation(tokens: Token[]): void {
  for (const tok of tokens) tok.negated = tok.negatedByFollowing === true;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (!NEGATORS.has(tok.word)) continue;
    let left = NEGATION_SPAN;
    for (let u = t + 1; u < tokens.length && left > 0; u++) {
      const next = tokens[u]!;
      if (next.boundaryBefore) break;
      if (NEGATORS.has(next.word)) break;
      if (next.stop) continue;
      next.negated = true;
      left--;
    }
  }
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

export function isNegator(word: string): boolean {
  return NEGATORS.has(word);
}

// ---- Other languages ------------------------------------------------------------------------------
// i18n.ts reads the words of other languages into pieces; here they become tokens. A piece with an
// English gloss becomes one token per English word ("Sicherheitsaudit" -> security, audit), each with
// the piece's offsets, so evidence quotes the user's words while every feature sees English.

function pushPieces(
  tokens: Token[],
  pieces: readonly Piece[],
  boundaryBefore: boolean,
  original?: readonly Token[],
): void {
  let boundary = boundaryBefore;
  let o = 0;
  for (const p of pieces) {
    const opens = boundary || p.boundaryBefore;
    boundary = false;
    if (p.negatesPrevious) {
      // Japanese 変えずに, Korean 바꾸지 말고: the negation follows the word it negates.
      for (let t = tokens.length - 1; t >= 0; t--) {
        const prev = tokens[t]!;
        if (!prev.stop) {
          prev.negated = true;
          prev.negatedByFollowing = true;
          break;
        }
        if (prev.boundaryBefore) break;
      }
      if (p.gloss === undefined) continue;
    }
    if (p.gloss === undefined) {
      // A word no lexicon knows stays the token it was (an English word in a French task keeps its stem).
      while (original && o < original.length && original[o]!.start < p.start) o++;
      const same = original?.[o];
      if (same && same.start === p.start && same.end === p.end && !p.stop)
        tokens.push({ ...same, boundaryBefore: opens });
      else
        tokens.push({
          word: p.surface,
          stem: p.surface,
          start: p.start,
          end: p.end,
          boundaryBefore: opens,
          negated: false,
          stop: p.stop,
        });
      continue;
    }
    let first = true;
    for (const word of glossWords(p.gloss)) {
      const stop = STOP_WORDS.has(word);
      tokens.push({
        word,
        stem: stop ? word : stem(word),
        start: p.start,
        end: p.end,
        boundaryBefore: opens && first,
        negated: false,
        stop,
      });
      first = false;
    }
  }
}

/** Latin-script words the language of a text is told from: the instruction comes first, pasted text after it. */
const LANGUAGE_WINDOW = 200;

const glossCache = new Map<string, readonly string[]>();
function glossWords(gloss: string): readonly string[] {
  let words = glossCache.get(gloss);
  if (!words) {
    words = gloss.split(' ');
    if (glossCache.size < 10_000) glossCache.set(gloss, words);
  }
  return words;
}

function isCyrillicToken(t: Token): boolean {
  const c = t.word.charCodeAt(0);
  return c >= 0x400 && c <= 0x52f;
}

function isLatinToken(t: Token, lower: string): boolean {
  return !isCyrillicToken(t) && lower.charCodeAt(t.start) < 0x250;
}

/**
 * Maps the words of a Latin-script text in German, Spanish, French, Portuguese or Italian (detected
 * from its function words), and Russian words, through their lexicons. English text is returned
 * as it is.
 */
function localise(tokens: Token[], lower: string, cyrillic: boolean): Token[] {
  let englishStops = 0;
  const latinWords: string[] = [];
  for (let i = 0; i < tokens.length && latinWords.length < LANGUAGE_WINDOW; i++) {
    const t = tokens[i]!;
    if (!isLatinToken(t, lower)) continue;
    latinWords.push(t.word);
    if (t.stop) englishStops++;
  }
  const latin = detectLatinLanguage(latinWords, englishStops, stem);
  if (!latin && !cyrillic) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i]!;
    const lang: AlphabetLanguage | undefined = isCyrillicToken(t)
      ? 'ru'
      : latin && isLatinToken(t, lower)
        ? latin
        : undefined;
    if (!lang) {
      out.push(t);
      i++;
      continue;
    }
    // A stretch of words of one language, so that its phrases can span words.
    let j = i + 1;
    while (j < tokens.length && (lang === 'ru' ? isCyrillicToken(tokens[j]!) : isLatinToken(tokens[j]!, lower))) j++;
    const stretch = tokens.slice(i, j);
    pushPieces(out, localiseWords(lang, stretch, lower), false, stretch);
    i = j;
  }
  return out;
}
