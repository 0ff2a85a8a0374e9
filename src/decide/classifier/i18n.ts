// Reading tasks written in other languages: German, Spanish, French, Portuguese, Italian, Russian
// (space-separated words with inflections), Chinese and Japanese (no spaces) and Korean (particles
// and endings glued to words). Each word found in the lexicons (i18n-lexicon*.ts) becomes a piece
// that carries the English word(s) it stands for; the tokeniser (text.ts) turns pieces into tokens
// whose word and stem are English, with offsets into the original text, so every feature the
// classifier computes for English fires unchanged and evidence quotes what the user wrote.
//
// Normalisation is Unicode's, not tables of ours: NFKC (full-width letters and punctuation),
// NFKD with combining marks removed (accents: "sécurité" and "securite" are one word), lower-case.
// Chinese and Japanese runs are segmented with Intl.Segmenter (ICU's dictionary), and lexicon
// entries are matched longest-first across segments, since the segmenter splits compounds it does
// not know ("リ|ファクタ|リング", "重|构"). Segmenting costs ~0.5 µs a character and ~5 µs a call, so only the first
// SEGMENT_BUDGET characters of Chinese or Japanese in a text are segmented; past that, lexicon
// entries are still found and the text between them counts as one word per stretch.
//
// Pure: no I/O. Compiled lexicons are built on first use and kept.

import { ALPHABET_LANGUAGES, type AlphabetLanguageData } from './i18n-lexicon.js';
import { RUN_LANGUAGES, type RunLanguageData } from './i18n-lexicon-cjk.js';

export type AlphabetLanguage = keyof typeof ALPHABET_LANGUAGES;
export type RunLanguage = keyof typeof RUN_LANGUAGES;
export type Language = AlphabetLanguage | RunLanguage;

/** A stretch of the text that becomes one token, or several when its gloss has several words. */
export interface Piece {
  start: number;
  end: number;
  /** The English word(s) this piece stands for, space-separated; undefined when it has none. */
  gloss?: string;
  /** The normalised surface form: the token's word when there is no gloss. */
  surface: string;
  /** A function word with no English counterpart ("der", "の", "을"). */
  stop: boolean;
  /** A negation that (also) negates the word before it (Japanese ず/ない, Korean 말고/않다, German "nicht" after a verb). */
  negatesPrevious?: boolean;
  /** A clause boundary comes right before this piece. */
  boundaryBefore: boolean;
}

/** A word as the tokeniser found it. */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
  boundaryBefore: boolean;
}

/** Gloss of a negation that follows its word; never becomes a token. */
const NEGATES_PREVIOUS = '<negates-previous>';

// ---- normalisation ------------------------------------------------------------------------------

/**
 * The form words are looked up by: NFKC, lower-case, accents and other combining marks removed,
 * and the one full case folding German needs (ß -> ss). "Sécurité", "securite" and "SÉCURITÉ" meet.
 * Cyrillic keeps its marks except on ё (й keeps its breve: it is another letter).
 */
export function fold(word: string): string {
  const cached = foldCache.get(word);
  if (cached !== undefined) return cached;
  const folded = plainLetters(word) ? word.toLowerCase() : foldMarks(word);
  if (foldCache.size < 50_000) foldCache.set(word, folded);
  return folded;
}
const foldCache = new Map<string, string>();

/** Whether folding is only lower-casing: ASCII, and Cyrillic without ё or й. */
function plainLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 128 || (c >= 0x410 && c <= 0x44f && c !== 0x419 && c !== 0x439)) continue;
    return false;
  }
  return true;
}

function foldMarks(word: string): string {
  const lower = word.normalize('NFKC').toLowerCase();
  const bare = lower
    .normalize('NFD')
    .replace(/(?<!и)\p{M}/gu, '')
    .normalize('NFC');
  return bare.replace(/ß/g, 'ss');
}

// ---- alphabet languages (Latin and Cyrillic script) ---------------------------------------------

interface Phrase {
  forms: string[];
  gloss: string;
}

interface CompiledAlphabet {
  /** Function words, exact (accented lower-case first, then folded) -> gloss ("" for none). */
  functionWords: Map<string, string>;
  /** Lexicon stems (folded) -> gloss. */
  forms: Map<string, string>;
  /** Stems that match only as whole words. */
  exact: Set<string>;
  /** Multi-word entries by their first form, longest first. */
  phrases: Map<string, Phrase[]>;
  endings: Set<string>;
  maxEnding: number;
  minStem: number;
  elisions: Set<string>;
  compounds: boolean;
  negatesOpeningVerb: Set<string>;
  /** What each folded word turned out to be, so that a word seen again costs one lookup. */
  seen: Map<string, WordAnalysis>;
}

interface WordAnalysis {
  phrases: Phrase[] | undefined;
  gloss: string | undefined;
  parts: CompoundPart[] | undefined;
}

interface CompoundPart {
  from: number;
  to: number;
  gloss?: string;
}

const compiledAlphabets = new Map<AlphabetLanguage, CompiledAlphabet>();

function parseLexicon(lines: string, into: (gloss: string, form: string) => void): void {
  for (const raw of lines.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`i18n lexicon: no ':' in ${JSON.stringify(line)}`);
    const written = line.slice(0, colon).trim();
    const gloss = written === '-' ? '' : written;
    for (const form of line.slice(colon + 1).split(',')) if (form.trim()) into(gloss, form.trim());
  }
}

function compileAlphabet(lang: AlphabetLanguage): CompiledAlphabet {
  const data: AlphabetLanguageData = ALPHABET_LANGUAGES[lang];
  const functionWords = new Map<string, string>();
  for (const entry of data.functionWords.split(/\s+/)) {
    if (!entry) continue;
    const eq = entry.indexOf('=');
    const surface = (eq < 0 ? entry : entry.slice(0, eq)).replace(/_/g, ' ');
    const gloss = eq < 0 ? '' : entry.slice(eq + 1).replace(/_/g, ' ');
    // Accented form first: "qué" is "what", "que" is "that"; the folded form is a fallback.
    if (!functionWords.has(surface.toLowerCase())) functionWords.set(surface.toLowerCase(), gloss);
    const folded = fold(surface);
    if (!functionWords.has(folded)) functionWords.set(folded, gloss);
  }
  const forms = new Map<string, string>();
  const exact = new Set<string>();
  const phrases = new Map<string, Phrase[]>();
  parseLexicon(data.lexicon, (gloss, form) => {
    const exactOnly = form.endsWith('!');
    const words = fold(exactOnly ? form.slice(0, -1) : form)
      .split(/[\s'’-]+/)
      .filter(Boolean);
    if (words.length === 1) {
      const w = words[0]!;
      if (!forms.has(w)) forms.set(w, gloss);
      if (exactOnly) exact.add(w);
      return;
    }
    let list = phrases.get(words[0]!);
    if (!list) phrases.set(words[0]!, (list = []));
    list.push({ forms: words, gloss });
  });
  for (const list of phrases.values()) list.sort((a, b) => b.forms.length - a.forms.length);
  const endings = new Set<string>(['']);
  for (const e of data.endings.split(/\s+/)) if (e) endings.add(fold(e));
  // Pronouns attached to a verb form: "revísalo", "extráelos", "controllalo".
  for (const clitic of (data.clitics ?? '').split(/\s+/)) {
    if (!clitic) continue;
    endings.add(fold(clitic));
    for (const verb of (data.cliticHosts ?? '').split(/\s+/)) if (verb) endings.add(fold(verb + clitic));
  }
  let maxEnding = 0;
  for (const e of endings) maxEnding = Math.max(maxEnding, e.length);
  return {
    functionWords,
    forms,
    exact,
    phrases,
    endings,
    maxEnding,
    minStem: data.minStem,
    elisions: new Set((data.elisions ?? '').split(/\s+/).filter(Boolean)),
    compounds: data.compounds === true,
    negatesOpeningVerb: new Set((data.negatesOpeningVerb ?? '').split(/\s+/).filter(Boolean)),
    seen: new Map(),
  };
}

function alphabet(lang: AlphabetLanguage): CompiledAlphabet {
  let c = compiledAlphabets.get(lang);
  if (!c) compiledAlphabets.set(lang, (c = compileAlphabet(lang)));
  return c;
}

/** The gloss of one folded word: a lexicon stem plus one of the language's endings. */
function lookupForm(lex: CompiledAlphabet, w: string): string | undefined {
  const whole = lex.forms.get(w);
  if (whole !== undefined) return whole;
  for (let k = 1; k <= lex.maxEnding && w.length - k >= lex.minStem; k++) {
    if (!lex.endings.has(w.slice(w.length - k))) continue;
    const stemForm = w.slice(0, w.length - k);
    const g = lex.forms.get(stemForm);
    if (g !== undefined && !lex.exact.has(stemForm)) return g;
  }
  return undefined;
}

function formMatches(lex: CompiledAlphabet, word: string, form: string): boolean {
  if (word === form) return true;
  if (form.length < lex.minStem || lex.exact.has(form) || !word.startsWith(form)) return false;
  return lex.endings.has(word.slice(form.length));
}

/** Candidate first forms of a phrase for a folded word: the word and the word minus each ending. */
function phraseCandidates(lex: CompiledAlphabet, w: string): Phrase[] | undefined {
  let found: Phrase[] | undefined;
  for (let k = 0; k <= lex.maxEnding && w.length - k >= 1; k++) {
    if (k > 0 && (w.length - k < lex.minStem || !lex.endings.has(w.slice(w.length - k)))) continue;
    const list = lex.phrases.get(k === 0 ? w : w.slice(0, w.length - k));
    if (list) found = found ? [...found, ...list] : list;
  }
  return found;
}

const COMPOUND_LINKS = ['', 's', 'es', 'n', 'en'];
const MIN_COMPOUND_PART = 4;

/**
 * A German compound as known parts: "sicherheitslücken" -> sicherheit(s) + lücken, "datenbankmigration"
 * -> datenbank + migration. A known head with an unknown tail (or the reverse) still counts, the
 * unknown part becoming a plain piece. Offsets are relative to the word.
 */
function splitCompound(lex: CompiledAlphabet, w: string, depth = 0): CompoundPart[] | undefined {
  if (w.length < 2 * MIN_COMPOUND_PART || depth > 2) return undefined;
  for (let len = w.length - MIN_COMPOUND_PART + 1; len >= MIN_COMPOUND_PART; len--) {
    const head = lex.forms.get(w.slice(0, len));
    if (head === undefined) continue;
    for (const link of COMPOUND_LINKS) {
      if (!w.startsWith(link, len)) continue;
      const from = len + link.length;
      const rest = w.slice(from);
      if (rest.length < MIN_COMPOUND_PART - 1) continue;
      const tail = lookupForm(lex, rest);
      if (tail !== undefined)
        return [
          { from: 0, to: from, gloss: head },
          { from, to: w.length, gloss: tail },
        ];
      const inner = splitCompound(lex, rest, depth + 1);
      if (inner)
        return [
          { from: 0, to: from, gloss: head },
          ...inner.map((p) => ({ ...p, from: p.from + from, to: p.to + from })),
        ];
    }
    if (w.length - len >= MIN_COMPOUND_PART)
      return [
        { from: 0, to: len, gloss: head },
        { from: len, to: w.length },
      ];
  }
  for (let from = MIN_COMPOUND_PART - 1; from <= w.length - MIN_COMPOUND_PART; from++) {
    const tail = lookupForm(lex, w.slice(from));
    if (tail !== undefined)
      return [
        { from: 0, to: from },
        { from, to: w.length, gloss: tail },
      ];
  }
  return undefined;
}

// Markers (function words that are not English words) say which language a Latin-script text is in.
const LATIN_LANGUAGES: readonly AlphabetLanguage[] = ['de', 'es', 'fr', 'pt', 'it'];
let markerIndex: Map<string, number> | undefined;

let markerLetters: Map<number, number> | undefined;

function letters(): Map<number, number> {
  if (markerLetters) return markerLetters;
  const index = new Map<number, number>();
  LATIN_LANGUAGES.forEach((lang, bit) => {
    for (const ch of ALPHABET_LANGUAGES[lang].letters ?? '')
      index.set(ch.charCodeAt(0), (index.get(ch.charCodeAt(0)) ?? 0) | (1 << bit));
  });
  return (markerLetters = index);
}

/** The languages whose marker letters a word holds ("für": German), as bits; 0 for ASCII words. */
function letterBits(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 127) bits |= letters().get(c) ?? 0;
  }
  return bits;
}

function markers(): Map<string, number> {
  if (markerIndex) return markerIndex;
  const index = new Map<string, number>();
  LATIN_LANGUAGES.forEach((lang, bit) => {
    for (const m of ALPHABET_LANGUAGES[lang].markers.split(/\s+/)) {
      if (!m) continue;
      // Unaccented too ("tambem", "perche"), but not a lone letter: "é" and "è" would make "e" a marker.
      const forms = fold(m).length >= 3 ? [m.toLowerCase(), fold(m)] : [m.toLowerCase()];
      for (const form of new Set(forms)) index.set(form, (index.get(form) ?? 0) | (1 << bit));
    }
  });
  return (markerIndex = index);
}

/**
 * The Latin-script language of a text, from its words (lower-case, as tokenised), or undefined for
 * English. A language needs two different markers (function words, or words with its letters),
 * and more marker words than half the English function words (`englishStops`): a Spanish name or
 * "acme.io" in an English task is not enough. A short text ("Auditar el login") has few function
 * words, so there, once it has one marker, its words that the language's lexicon reads as
 * English words other than themselves count too.
 */
export function detectLatinLanguage(
  words: readonly string[],
  englishStops: number,
  englishStem: (word: string) => string,
): AlphabetLanguage | undefined {
  const index = markers();
  const counts = [0, 0, 0, 0, 0];
  const seen: Array<Set<string> | undefined> = [];
  const count = (b: number, word: string): void => {
    counts[b]!++;
    (seen[b] ??= new Set()).add(word);
  };
  for (const word of words) {
    const bits = (index.get(word) ?? 0) | letterBits(word);
    for (let b = 0; b < counts.length; b++) if (bits & (1 << b)) count(b, word);
  }
  let best = pickLanguage(counts, seen);
  if (best < 0 && words.length <= SHORT_TEXT_WORDS)
    for (const word of words) {
      const f = fold(word);
      LATIN_LANGUAGES.forEach((lang, b) => {
        // Only a language with a marker already (its lexicon is compiled on first use: English text
        // never pays for it). "Implements" is an English word that a Spanish stem also reads as
        // "implement": not a marker.
        if (!seen[b] || seen[b].has(word)) return;
        const gloss = analyse(alphabet(lang), f).gloss;
        if (gloss !== undefined && englishStem(gloss) !== englishStem(word)) count(b, word);
      });
    }
  best = pickLanguage(counts, seen);
  if (best < 0 || 2 * counts[best]! <= englishStops) return undefined;
  // Languages that share their markers ("un", "il", "la"): the one whose lexicon knows more words.
  let tied = 0;
  for (let b = 0; b < counts.length; b++) if (counts[b] === counts[best] && (seen[b]?.size ?? 0) >= 2) tied++;
  if (tied > 1) {
    let bestKnown = -1;
    for (let b = 0; b < counts.length; b++) {
      if (counts[b] !== counts[best] || (seen[b]?.size ?? 0) < 2) continue;
      const lex = alphabet(LATIN_LANGUAGES[b]!);
      let known = 0;
      for (const word of words) if (analyse(lex, fold(word)).gloss !== undefined) known++;
      if (known > bestKnown) {
        bestKnown = known;
        best = b;
      }
    }
  }
  return LATIN_LANGUAGES[best];
}
const SHORT_TEXT_WORDS = 12;

function pickLanguage(counts: readonly number[], seen: ReadonlyArray<Set<string> | undefined>): number {
  let best = -1;
  for (let b = 0; b < counts.length; b++)
    if ((seen[b]?.size ?? 0) >= 2 && (best < 0 || counts[b]! > counts[best]!)) best = b;
  return best;
}

function analyse(lex: CompiledAlphabet, f: string): WordAnalysis {
  let a = lex.seen.get(f);
  if (a) return a;
  const gloss = lookupForm(lex, f);
  a = {
    phrases: phraseCandidates(lex, f),
    gloss,
    parts: gloss === undefined && lex.compounds ? splitCompound(lex, f) : undefined,
  };
  if (lex.seen.size < 20_000) lex.seen.set(f, a);
  return a;
}

function piece(start: number, end: number, surface: string, gloss: string | undefined, boundaryBefore: boolean): Piece {
  if (gloss === NEGATES_PREVIOUS) return { start, end, surface, stop: true, negatesPrevious: true, boundaryBefore };
  if (gloss === '') return { start, end, surface, stop: true, boundaryBefore };
  return gloss === undefined
    ? { start, end, surface, stop: false, boundaryBefore }
    : { start, end, surface, gloss, stop: false, boundaryBefore };
}

/**
 * Words of a text in `lang` -> pieces, in order. Phrases first (longest), then function words, then
 * lexicon stems with endings, then (German) compounds; a word found nowhere keeps its surface and
 * no gloss (the tokeniser then treats it as it would any word). `text` is what the offsets index.
 */
export function localiseWords(lang: AlphabetLanguage, words: readonly WordSpan[], text: string): Piece[] {
  const lex = alphabet(lang);
  const out: Piece[] = [];
  const folded = words.map((w) => fold(w.word));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let f = folded[i]!;
    let start = w.start;
    let boundary = w.boundaryBefore;
    // Elided article or pronoun: "l'audit", "d'authentification", "dell'API".
    const apostrophe = f.indexOf("'");
    if (apostrophe > 0 && lex.elisions.has(f.slice(0, apostrophe + 1))) {
      out.push(piece(start, start + apostrophe + 1, f.slice(0, apostrophe + 1), '', boundary));
      f = f.slice(apostrophe + 1);
      start += apostrophe + 1;
      boundary = false;
    }
    const analysis = analyse(lex, f);
    const phrases = analysis.phrases;
    let matched = false;
    if (phrases) {
      for (const p of phrases) {
        const n = p.forms.length;
        if (i + n > words.length) continue;
        let ok = formMatches(lex, f, p.forms[0]!);
        for (let k = 1; ok && k < n; k++)
          ok = !words[i + k]!.boundaryBefore && formMatches(lex, folded[i + k]!, p.forms[k]!);
        if (!ok) continue;
        out.push(piece(start, words[i + n - 1]!.end, p.forms.join(' '), p.gloss, boundary));
        i += n - 1;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const accented = w.word.toLowerCase();
    const fn = lex.functionWords.get(accented) ?? lex.functionWords.get(f);
    if (fn !== undefined) {
      const negation = piece(start, w.end, f, fn, boundary);
      // "Ändere nicht das Verhalten": the verb that opens the clause is negated too.
      const before = out[out.length - 1];
      if (lex.negatesOpeningVerb.has(f) && before?.boundaryBefore && before.gloss !== undefined && !boundary)
        negation.negatesPrevious = true;
      out.push(negation);
      continue;
    }
    if (analysis.gloss !== undefined) {
      out.push(piece(start, w.end, f, analysis.gloss, boundary));
      continue;
    }
    // Compound parts need offsets into the word, so only when folding kept its length.
    const parts = f.length === w.end - start ? analysis.parts : undefined;
    if (parts) {
      parts.forEach((p, k) =>
        out.push(piece(start + p.from, start + p.to, f.slice(p.from, p.to), p.gloss, k === 0 && boundary)),
      );
      continue;
    }
    out.push(piece(start, w.end, text.slice(start, w.end).toLowerCase(), undefined, boundary));
  }
  return out;
}

// ---- run languages (Chinese, Japanese, Korean) --------------------------------------------------

/** Characters of Chinese or Japanese segmented per text at most (the rest: lexicon entries only). */
export const SEGMENT_BUDGET = 300;

interface CompiledRun {
  /** Entries by the code of their first character, longest first. */
  byFirst: Map<number, Array<{ form: string; gloss: string }>>;
}

const compiledRuns = new Map<RunLanguage, CompiledRun>();

function compileRun(lang: RunLanguage): CompiledRun {
  const data: RunLanguageData = RUN_LANGUAGES[lang];
  const byFirst = new Map<number, Array<{ form: string; gloss: string }>>();
  const add = (gloss: string, raw: string): void => {
    const form = raw.normalize('NFKC').toLowerCase();
    const first = form.charCodeAt(0);
    let list = byFirst.get(first);
    if (!list) byFirst.set(first, (list = []));
    if (!list.some((e) => e.form === form)) list.push({ form, gloss });
  };
  parseLexicon(data.lexicon, add);
  for (const f of data.functionWords.split(/\s+/)) if (f) add('', f);
  for (const f of data.negatesPrevious.split(/\s+/)) if (f) add(NEGATES_PREVIOUS, f);
  for (const list of byFirst.values()) list.sort((a, b) => b.form.length - a.form.length);
  return { byFirst };
}

function runLexicon(lang: RunLanguage): CompiledRun {
  let c = compiledRuns.get(lang);
  if (!c) compiledRuns.set(lang, (c = compileRun(lang)));
  return c;
}

function longestEntry(
  lex: CompiledRun,
  text: string,
  p: number,
  end: number,
): { form: string; gloss: string } | undefined {
  const list = lex.byFirst.get(text.charCodeAt(p));
  if (!list) return undefined;
  for (const e of list) if (p + e.form.length <= end && text.startsWith(e.form, p)) return e;
  return undefined;
}

type CharClass = 'han' | 'hiragana' | 'katakana' | 'hangul' | 'cyrillic' | 'wide' | 'punct' | 'other';

function charClass(c: number): CharClass {
  if (c >= 0x4e00 && c <= 0x9fff) return 'han';
  if (c >= 0x3040 && c <= 0x309f) return 'hiragana';
  if ((c >= 0x30a0 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f))
    return c === 0x30fb ? 'punct' : 'katakana';
  if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) return 'hangul';
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3005) return 'han';
  // Full-width letters and digits (NFKC makes them ASCII).
  if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return 'wide';
  if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff65)) return 'punct';
  return 'other';
}

/** Whether a character code (outside Latin) starts something the run scanner reads. */
export function isRunStart(c: number): boolean {
  return c >= 0x400 && charClass(c) !== 'other';
}

/** Per-text state of the run scanner. */
export interface RunState {
  /** Characters still to be segmented with Intl.Segmenter. */
  budget: number;
  /** Segment starts (offsets into the text) of what was segmented, [segmentedFrom, segmentedUntil). */
  starts: Set<number>;
  segmentedFrom: number;
  segmentedUntil: number;
  /** Whether the text has kana (then its Han characters are read as Japanese). */
  japanese?: boolean;
  /** Whether a Cyrillic word was read (localiseWords then maps it as Russian). */
  cyrillic?: boolean;
}

export function newRunState(): RunState {
  return { budget: SEGMENT_BUDGET, starts: new Set(), segmentedFrom: 0, segmentedUntil: 0 };
}

let segmenters: { ja: Intl.Segmenter; zh: Intl.Segmenter } | undefined;

/**
 * Segments the text from `start` on, as far as the budget goes, in one call (a call costs more
 * than a few characters): the Chinese or Japanese runs that follow, with the Latin words between
 * them, are covered by it.
 */
function segment(text: string, start: number, state: RunState): void {
  segmenters ??= {
    ja: new Intl.Segmenter('ja', { granularity: 'word' }),
    zh: new Intl.Segmenter('zh', { granularity: 'word' }),
  };
  const until = Math.min(text.length, start + state.budget);
  state.starts.clear();
  for (const s of (state.japanese ? segmenters.ja : segmenters.zh).segment(text.slice(start, until)))
    state.starts.add(start + s.index);
  state.budget -= until - start;
  state.segmentedFrom = start;
  state.segmentedUntil = until;
}

function hasKana(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3040 && c <= 0x30ff && c !== 0x30fb && c !== 0x30fc) return true;
  }
  return false;
}

export interface RunResult {
  /** Where the run ends (exclusive). */
  end: number;
  pieces: Piece[];
  /** A question mark (full-width or not) appears in the run. */
  question: boolean;
  /** The run ends with clause punctuation (。、！？ …), so the next word opens a clause. */
  boundaryAfter: boolean;
}

// Punctuation that closes a clause, after NFKC: ASCII ones as the tokeniser has them, and CJK ones.
const CLAUSE_PUNCTUATION = new Set([...'.,;:!?()|。、「」『』【】〔〕《》〈〉']);

/**
 * Reads the run of non-Latin text starting at `start`: Chinese/Japanese (Han and kana), Korean,
 * Cyrillic words (as plain pieces; localiseWords maps them), full-width letters and CJK punctuation.
 * `text` is the lower-cased text the tokeniser reads. At most `maxPieces` pieces.
 */
export function scanRun(text: string, start: number, state: RunState, maxPieces: number): RunResult {
  const pieces: Piece[] = [];
  let question = false;
  let boundary = false;
  let p = start;
  const n = text.length;
  while (p < n && pieces.length < maxPieces) {
    const cls = charClass(text.charCodeAt(p));
    if (cls === 'other') break;
    let q = p + 1;
    while (q < n && charClass(text.charCodeAt(q)) === cls) q++;
    if (cls === 'punct') {
      for (const ch of text.slice(p, q).normalize('NFKC')) {
        if (ch === '?') question = true;
        if (CLAUSE_PUNCTUATION.has(ch)) boundary = true;
      }
    } else if (cls === 'wide') {
      const word = text.slice(p, q).normalize('NFKC').toLowerCase();
      pieces.push(piece(p, q, word, word, boundary));
      boundary = false;
    } else if (cls === 'cyrillic') {
      state.cyrillic = true;
      pieces.push(piece(p, q, fold(text.slice(p, q)), undefined, boundary));
      boundary = false;
    } else if (cls === 'hangul') {
      boundary = scanHangul(text, p, q, pieces, boundary);
    } else {
      // Han and kana together: Japanese mixes them inside words ("変換", "書いて").
      while (q < n) {
        const c = charClass(text.charCodeAt(q));
        if (c !== 'han' && c !== 'hiragana' && c !== 'katakana') break;
        q++;
      }
      state.japanese ??= hasKana(text);
      boundary = scanHanKana(text, p, q, pieces, boundary, state);
    }
    p = q;
  }
  return { end: p, pieces: pieces.slice(0, maxPieces), question, boundaryAfter: boundary };
}

function pushNegation(pieces: Piece[], start: number, end: number, surface: string, boundary: boolean): void {
  pieces.push(piece(start, end, surface, NEGATES_PREVIOUS, boundary));
}

/** Chinese or Japanese text [start, end): lexicon entries longest-first, the rest by segment. */
function scanHanKana(
  text: string,
  start: number,
  end: number,
  pieces: Piece[],
  boundary: boolean,
  state: RunState,
): boolean {
  const japanese = state.japanese === true;
  const primary = runLexicon(japanese ? 'ja' : 'zh');
  const secondary = runLexicon(japanese ? 'zh' : 'ja');
  if (start >= state.segmentedUntil && state.budget > 0) segment(text, start, state);
  // Whether a segment starts at i: true or false where the text was segmented, undefined past it.
  const { starts, segmentedFrom, segmentedUntil } = state;
  const segmentStart = (i: number): boolean | undefined =>
    i >= segmentedFrom && i < segmentedUntil ? starts.has(i) : undefined;
  let p = start;
  let afterMatch = true; // the run's start is a word start
  let plainFrom = -1;
  const flushPlain = (to: number): void => {
    if (plainFrom < 0) return;
    // Stretches between matches, one piece per segment (or per script stretch past the budget).
    let a = plainFrom;
    while (a < to) {
      let b = a + 1;
      const cls = charClass(text.charCodeAt(a));
      while (b < to && !(segmentStart(b) ?? charClass(text.charCodeAt(b)) !== cls)) b++;
      const surface = text.slice(a, b);
      pieces.push(piece(a, b, surface, allHiragana(surface) ? '' : undefined, boundary));
      boundary = false;
      a = b;
    }
    plainFrom = -1;
  };
  while (p < end) {
    const c = text.charCodeAt(p);
    const prev = p > start ? text.charCodeAt(p - 1) : -1;
    const segmented = segmentStart(p);
    const wordStart = afterMatch || (segmented ?? true) || (prev >= 0 && charClass(prev) !== charClass(c));
    // Inside a katakana word a match would be a coincidence ("テスト" in "コンテスト").
    const insideKatakana =
      segmented === undefined &&
      prev >= 0 &&
      charClass(prev) === 'katakana' &&
      charClass(c) === 'katakana' &&
      !afterMatch;
    let entry =
      wordStart && !insideKatakana
        ? (longestEntry(primary, text, p, end) ?? longestEntry(secondary, text, p, end))
        : undefined;
    // A one-character entry must be a whole segment: 表 is "table", 表示 is not.
    if (entry && entry.form.length === 1 && p + 1 < end && segmentStart(p + 1) === false) entry = undefined;
    if (!entry) {
      if (plainFrom < 0) plainFrom = p;
      afterMatch = false;
      p++;
      continue;
    }
    flushPlain(p);
    const to = p + entry.form.length;
    if (entry.gloss === NEGATES_PREVIOUS) pushNegation(pieces, p, to, entry.form, boundary);
    else pieces.push(piece(p, to, entry.form, entry.gloss, boundary));
    boundary = false;
    afterMatch = true;
    p = to;
  }
  flushPlain(end);
  return boundary;
}

function allHiragana(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (charClass(s.charCodeAt(i)) !== 'hiragana') return false;
  return true;
}

/**
 * One Korean word (eojeol) [start, end): lexicon entries at its start and right after another entry
 * ("코드리뷰" = 코드 + 리뷰); entries of two syllables or more anywhere ("재설계" holds 설계). What is
 * left is a particle or ending (a function word) or a word of its own, its particle dropped.
 */
function scanHangul(text: string, start: number, end: number, pieces: Piece[], boundary: boolean): boolean {
  const lex = runLexicon('ko');
  const particles = runParticles();
  let p = start;
  let afterMatch = true;
  let plainFrom = -1;
  const flushPlain = (to: number): void => {
    if (plainFrom < 0) return;
    const surface = text.slice(plainFrom, to);
    if (particles.has(surface)) pieces.push(piece(plainFrom, to, surface, '', boundary));
    else {
      let bare = surface;
      for (let k = Math.min(3, surface.length - 1); k >= 1; k--)
        if (particles.has(surface.slice(surface.length - k))) {
          bare = surface.slice(0, surface.length - k);
          break;
        }
      pieces.push(piece(plainFrom, to, bare, undefined, boundary));
    }
    boundary = false;
    plainFrom = -1;
  };
  while (p < end) {
    let entry = longestEntry(lex, text, p, end);
    // A one-syllable entry opens the word and only a particle or ending may follow it: 표로 is "table",
    // 표준 is not.
    if (entry && entry.form.length < 2 && (!afterMatch || (p + 1 < end && !particles.has(text.slice(p + 1, end)))))
      entry = undefined;
    if (!entry) {
      if (plainFrom < 0) plainFrom = p;
      afterMatch = false;
      p++;
      continue;
    }
    flushPlain(p);
    const to = p + entry.form.length;
    if (entry.gloss === NEGATES_PREVIOUS) pushNegation(pieces, p, to, entry.form, boundary);
    else pieces.push(piece(p, to, entry.form, entry.gloss, boundary));
    boundary = false;
    afterMatch = true;
    p = to;
  }
  flushPlain(end);
  return boundary;
}

let koParticles: Set<string> | undefined;
function runParticles(): Set<string> {
  return (koParticles ??= new Set(RUN_LANGUAGES.ko.particles.split(/\s+/).filter(Boolean)));
}

/**
 * Whether a text that ends at `end` (inclusive, trailing spaces skipped) ends as a question in
 * another language: a full-width question mark, or a question particle (Japanese か, Chinese 吗/呢)
 * before an optional full stop.
 */
export function endsAsForeignQuestion(text: string, end: number): boolean {
  let e = end;
  const last = text.charCodeAt(e);
  if (last === 0xff1f) return true;
  if (last === 0x3002 || last === 46) e--;
  while (e >= 0 && text.charCodeAt(e) === 32) e--;
  if (e < 0) return false;
  for (const particle of QUESTION_PARTICLES) if (text.startsWith(particle, e - particle.length + 1)) return true;
  return false;
}
const QUESTION_PARTICLES = [
  ...RUN_LANGUAGES.ja.questionParticles.split(/\s+/),
  ...RUN_LANGUAGES.zh.questionParticles.split(/\s+/),
].filter(Boolean);

// ---- glosses for evidence -----------------------------------------------------------------------

/** A word of a quoted piece of a task, read for its gloss (see i18n-gloss.ts). */
export interface GlossedWord {
  start: number;
  end: number;
  surface: string;
  /** The English it stands for; undefined for a word no lexicon knows. */
  gloss: string | undefined;
  /** Chinese, Japanese, Korean or Russian: never English. */
  nonLatin: boolean;
  /** A function word, or a word with the language's letters, that English does not have. */
  marker: boolean;
  /** A function word with no English gloss. */
  stop: boolean;
}

/**
 * The words of a quoted piece of a task with their glosses, in order. For evidence only, so the
 * language of a Latin-script piece is not detected from the whole text: each language is tried and
 * the one whose lexicon explains most of the piece wins.
 */
export function glossWords(snippet: string): GlossedWord[] {
  const lower = snippet.toLowerCase();
  const out: GlossedWord[] = [];
  const latin: WordSpan[] = [];
  const cyrillic: WordSpan[] = [];
  const state = newRunState();
  let i = 0;
  while (i < lower.length) {
    const c = lower.charCodeAt(i);
    if (c > 0x24f && isRunStart(c)) {
      const run = scanRun(lower, i, state, 200);
      for (const p of run.pieces) {
        if (p.gloss === undefined && charClass(p.surface.charCodeAt(0)) === 'cyrillic')
          cyrillic.push({ word: p.surface, start: p.start, end: p.end, boundaryBefore: p.boundaryBefore });
        else
          out.push({
            start: p.start,
            end: p.end,
            surface: p.surface,
            gloss: p.gloss,
            nonLatin: true,
            marker: false,
            stop: p.stop,
          });
      }
      i = run.end;
      continue;
    }
    if (isLatinLetter(c)) {
      let j = i + 1;
      while (j < lower.length && (isLatinLetter(lower.charCodeAt(j)) || lower[j] === "'" || lower[j] === '’')) j++;
      latin.push({ word: lower.slice(i, j).replace('’', "'"), start: i, end: j, boundaryBefore: false });
      i = j;
      continue;
    }
    i++;
  }
  if (cyrillic.length)
    for (const p of localiseWords('ru', cyrillic, lower))
      out.push({
        start: p.start,
        end: p.end,
        surface: p.surface,
        gloss: p.gloss,
        nonLatin: true,
        marker: false,
        stop: p.stop,
      });
  if (latin.length) {
    let best: AlphabetLanguage = 'de';
    let bestScore = 0;
    for (const lang of LATIN_LANGUAGES) {
      const lex = alphabet(lang);
      let score = 0;
      for (const p of localiseWords(lang, latin, lower))
        if (p.gloss !== undefined) score += lex.functionWords.has(p.surface) ? 1 : 4 * (p.end - p.start);
      if (score > bestScore) {
        best = lang;
        bestScore = score;
      }
    }
    const bit = 1 << LATIN_LANGUAGES.indexOf(best);
    for (const p of localiseWords(best, latin, lower)) {
      const marker = ((markers().get(p.surface) ?? 0) & bit) !== 0 || (letterBits(p.surface) & bit) !== 0;
      const gloss = bestScore > 0 ? p.gloss : undefined;
      out.push({ start: p.start, end: p.end, surface: p.surface, gloss, nonLatin: false, marker, stop: p.stop });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function isLatinLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}
