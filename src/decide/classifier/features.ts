// Feature extraction: turns a task description into named, explainable features.
// Every feature records the text that fired it so the decision can be explained.

import { findFragments, FRAGMENT_NOUN, type Fragment } from './fragments.js';
import { findFactRequest, findQuestions } from './questions.js';
import { createTypoReader, readShorthand, type TypoReader } from './shorthand.js';
import { markNegation, stem, tokenise, type Token } from './text.js';
import {
  ALARM_WORDS,
  IMPERATIVE_VERBS,
  MINIMISER_WORDS,
  PRESERVE_CHANGE_WORDS,
  PRESERVE_KEEP_WORDS,
  PRESERVE_OBJECT_WORDS,
  ROLE_NOUNS,
  type CompiledLexicon,
  type WordSetName,
} from './lexicon.js';

/** Only this many characters are tokenised from the start of a text… */
export const SCAN_PREFIX_CHARS = 8_000;
/** …and this many from its end, where a question after a long paste stands. */
export const SCAN_SUFFIX_CHARS = 2_000;
/** Hard cap on tokens looked at, whatever the prefix holds. */
export const MAX_TOKENS = 500;
const MAX_SUFFIX_TOKENS = 150;
/** A pasted fragment this long (characters) adds paste:big. */
const BIG_FRAGMENT = 2_000;
/** Word features are scaled down once a text has more content words than this. */
const WORD_SCALE_PIVOT = 24;

export interface Feature {
  name: string;
  /** Feature value (1 for most; word features shrink on long texts). */
  value: number;
  /** The text that fired the feature. */
  match?: string;
}

interface PhraseEntry {
  cue: string;
  stems: string[];
}

const VERB_WINDOW = 5;
/** Words after which a verb says when something happens ("before merging"), not what the task is. */
const TEMPORAL_MARKERS = new Set(['before', 'after', 'until', 'once', 'prior', 'following']);
const CADENCE_QUANTIFIERS = new Set(['every', 'each', 'all', 'any']);
const CADENCE_EVENTS = new Set([
  'change',
  'changes',
  'commit',
  'commits',
  'edit',
  'edits',
  'push',
  'pushes',
  'save',
  'saves',
  'merge',
  'merges',
  'release',
  'releases',
  'deploy',
  'deploys',
  'pr',
  'prs',
]);

/**
 * A quantifier and, up to three words on in the same clause, a change event ("all Go code changes").
 * Negated like the phrase cues: "no need to run it on every change" is not a cadence.
 */
export function findCadence(tokens: readonly Token[]): [Token, Token] | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const q = tokens[i]!;
    if (!CADENCE_QUANTIFIERS.has(q.word)) continue;
    for (let k = 1; k <= 3 && i + k < tokens.length; k++) {
      const t = tokens[i + k]!;
      if (t.boundaryBefore) break;
      if (CADENCE_EVENTS.has(t.word)) {
        // "any" is a stop word, so the negation scope skips it and lands on the event word instead.
        if (q.negated || t.negated) break;
        return [q, t];
      }
    }
  }
  return undefined;
}

/**
 * Whether the phrase at tokens[i..i+n) sits in a negation scope: its first content word is negated
 * (stop words are never marked, so "on every change" is judged by "every"). All stop words: the first.
 */
function spanNegated(tokens: readonly Token[], i: number, n: number): boolean {
  for (let k = i; k < i + n; k++) if (!tokens[k]!.stop) return tokens[k]!.negated;
  return tokens[i]!.negated;
}

const PRESERVE_WINDOW = 4;

/**
 * A behaviour-preserving edit: a keep verb that is not negated ("preserving existing behaviour",
 * "maintain backward compatibility") or a change verb that is ("without altering the public
 * behaviour", "don't break existing functionality"), then a behaviour noun within a few words of
 * the same clause.
 */
export function findPreserve(tokens: readonly Token[]): [Token, Token] | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const v = tokens[i]!;
    const keep = PRESERVE_KEEP_WORDS.has(v.word) && !v.negated;
    if (!keep && !(PRESERVE_CHANGE_WORDS.has(v.word) && v.negated)) continue;
    for (let k = 1; k <= PRESERVE_WINDOW && i + k < tokens.length; k++) {
      const o = tokens[i + k]!;
      if (o.boundaryBefore) break;
      if (PRESERVE_OBJECT_WORDS.has(o.word)) return [v, o];
    }
  }
  return undefined;
}

/** Tokens after which a verb opens an item of a list of activities ("when building", "and deploys"). */
const LIST_OPENERS = new Set(['and', 'or', 'when', 'to', 'for', 'who', 'that', 'while', 'by', 'then', 'also', 'both']);
const DESIGN_BUILD_WINDOW = 16;

// Surface forms (base, -s, -ing) of the verbs the design-and-build pattern pairs; matched on the
// word, not the stem, because the pattern needs a verb: "architects" and "architecting" pair with
// "builds" and "building", "architecture" pairs with nothing.
type VerbForm = 'base' | 's' | 'ing';
function verbForms(verbs: string): ReadonlyMap<string, VerbForm> {
  const out = new Map<string, VerbForm>();
  for (const v of verbs.split(' ')) {
    out.set(v, 'base');
    out.set(`${v}s`, 's');
    const ing = v === 'ship' ? 'shipping' : v.endsWith('e') ? `${v.slice(0, -1)}ing` : `${v}ing`;
    out.set(ing, 'ing');
  }
  return out;
}
const DESIGN_LEAD_FORMS = verbForms('design redesign architect');
const BUILD_FORMS = verbForms(
  'build implement develop deploy write create maintain manage optimize optimise configure ship code construct integrate automate',
);

function opensListItem(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  return i === 0 || t.boundaryBefore || LIST_OPENERS.has(tokens[i - 1]!.word);
}

/** Whether the text between two tokens ends a sentence (. ; ! ? or a line break; commas do not). */
function sentenceBetween(text: string, a: Token, b: Token): boolean {
  const [from, to] = a.end <= b.start ? [a.end, b.start] : [b.end, a.start];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 59 || c === 33 || c === 63 || c === 10 || c === 13) return true;
  }
  return false;
}

/**
 * A design verb and a hands-on verb in the same inflection, each opening an item of one list in
 * one sentence: "designs and implements", "designing, deploying, or managing", "building X,
 * architecting Y". Returns the two tokens in text order.
 */
export function findDesignAndBuild(tokens: readonly Token[], text: string): [Token, Token] | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const d = tokens[i]!;
    const form = DESIGN_LEAD_FORMS.get(d.word);
    if (form === undefined || d.negated || !opensListItem(tokens, i)) continue;
    const lo = Math.max(0, i - DESIGN_BUILD_WINDOW);
    const hi = Math.min(tokens.length - 1, i + DESIGN_BUILD_WINDOW);
    for (let j = lo; j <= hi; j++) {
      const b = tokens[j]!;
      if (j === i || b.negated || BUILD_FORMS.get(b.word) !== form) continue;
      if (!opensListItem(tokens, j) || sentenceBetween(text, d, b)) continue;
      return j < i ? [b, d] : [d, b];
    }
  }
  return undefined;
}

/** Words after which a capitalised plural is a subject ("Tests must pass"), not a verb ("Produces a report"). */
const PLURAL_SUBJECT_NEXT = new Set([
  'are',
  'were',
  'have',
  'do',
  'should',
  'must',
  'will',
  'can',
  'could',
  'would',
  'may',
  'might',
  'need',
  'still',
  'fail',
  'pass',
]);

/**
 * A sentence after the first that opens with a third-person verb ("… for a project. Produces the
 * README, …"): the text describes what an agent does, though its first sentence reads like a task
 * ("Generate …"). The same test as style:third-person, applied where a later sentence starts (after
 * . ; ! ? or a line break, with a capital letter), and not before an auxiliary ("Tests must pass").
 */
export function findRoleSentence(tokens: readonly Token[], text: string): Token | undefined {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (
      t.stop ||
      !t.boundaryBefore ||
      t.word.length <= 4 ||
      !t.word.endsWith('s') ||
      t.word.endsWith('ss') ||
      t.word.endsWith('us') ||
      t.stem === t.word
    )
      continue;
    const c = text.charCodeAt(t.start);
    if (c < 65 || c > 90 || !sentenceBetween(text, tokens[i - 1]!, t)) continue;
    const next = tokens[i + 1];
    if (next === undefined || next.boundaryBefore || PLURAL_SUBJECT_NEXT.has(next.word)) continue;
    return t;
  }
  return undefined;
}

export type ContextNeed = 'reasoning' | 'extraction' | 'ordinary';

/** Words of the task that were read but set aside, and why: shown by --explain. */
export interface SetAside {
  reason: 'label' | 'alarm' | 'minimiser' | 'negated' | 'pasted' | 'context' | 'claim';
  match: string;
}

export interface ExtractResult {
  features: Feature[];
  /** Content (non-stop) tokens seen. */
  contentTokens: number;
  /**
   * The opening word of a later sentence that reads like an agent description ("Produces"), when
   * no style:* feature fired. Not a feature (the model's tier does not use it): it only lowers the
   * confidence, as for agent-style descriptions.
   */
  roleSentence?: string;
  /** What a long input asks of the model: reasoning over it, extraction from it, or neither. */
  contextNeed: ContextNeed;
  /** The words that set contextNeed (absent for 'ordinary'). */
  contextMatch?: string;
  setAside: SetAside[];
}

export type Extractor = (text: string) => ExtractResult;

/**
 * Build a feature extractor over a compiled (already stemmed) lexicon. Cheap: a few Sets and a
 * Map from arrays; no stemming.
 */
export function createExtractor(lex: CompiledLexicon): Extractor {
  const S = {} as Record<WordSetName, ReadonlySet<string>>;
  for (const name of Object.keys(lex.sets) as WordSetName[]) S[name] = new Set(lex.sets[name].split(' '));
  const phraseIndex = new Map<string, PhraseEntry[]>();
  for (const line of lex.phrases) {
    const [cue, ...stems] = line.split(' ');
    const first = stems[0];
    if (cue === undefined || first === undefined) continue;
    let list = phraseIndex.get(first);
    if (!list) phraseIndex.set(first, (list = []));
    list.push({ cue, stems });
  }
  const targets = lex.typoTargets.split(' ').map((pair): [string, string] => {
    const [word, stemmed] = pair.split('/') as [string, string | undefined];
    return [word, stemmed ?? word];
  });
  const typos = createTypoReader(targets, new Set(lex.typoGuard.split(' ')));
  return (text) => extract(text, S, phraseIndex, typos);
}

/** Tokens of `text[from, to)` with offsets into `text`, the pasted fragments in it standing as one word each. */
function readRegion(
  text: string,
  from: number,
  to: number,
  maxTokens: number,
  aside: SetAside[],
): { tokens: Token[]; fragments: Fragment[] } {
  const region = text.slice(from, to);
  const fragments = findFragments(region);
  const out: Token[] = [];
  let at = 0;
  const take = (a: number, b: number): void => {
    if (b <= a || out.length >= maxTokens) return;
    const span = a === 0 && b === region.length ? region : region.slice(a, b);
    const lowerDiffers = span.toLowerCase().length !== span.length;
    const shift = a + from;
    for (const t of tokenise(span, maxTokens - out.length).tokens) {
      if (shift === 0 && !lowerDiffers) {
        out.push(t);
        continue;
      }
      const shifted: Token = { ...t, start: t.start + shift, end: t.end + shift };
      out.push(lowerDiffers ? { ...shifted, display: span.toLowerCase().slice(t.start, t.end) } : shifted);
    }
  };
  for (const f of fragments) {
    take(at, f.start);
    const noun = FRAGMENT_NOUN[f.kind];
    const size = f.end - f.start;
    const display = `pasted ${f.kind === 'trace' ? 'stack trace' : f.kind} (${f.lines} line${f.lines === 1 ? '' : 's'})`;
    out.push({
      word: noun,
      stem: stem(noun),
      start: from + f.start,
      end: from + f.start,
      boundaryBefore: false,
      negated: false,
      stop: false,
      display,
    });
    aside.push({ reason: 'pasted', match: `${display}, ${size} characters` });
    at = f.end;
  }
  take(at, region.length);
  return { tokens: out, fragments };
}

/**
 * A label before a colon at the start ("Quick tweak:", "Architecture decision:", "Urgent, prod
 * is down:") says what the writer calls the task, not what it is: when the words after the colon
 * hold an instruction of their own (a verb that starts a clause, or a question), the label is set
 * aside. Returns the index of the first token after the label, or 0.
 */
function labelEnd(tokens: readonly Token[], text: string): number {
  const LABEL_MAX = 10;
  for (let i = 1; i < Math.min(tokens.length, LABEL_MAX + 1); i++) {
    const t = tokens[i]!;
    if (!t.boundaryBefore) continue;
    const between = text.slice(tokens[i - 1]!.end, t.start);
    if (between.includes('\n') || between.includes('.') || between.includes('?')) return 0;
    if (!between.includes(':') && !between.includes('!') && !between.includes(' - ') && !between.includes('—'))
      continue;
    const body = tokens.slice(i);
    if (body.length < 3) return 0;
    // A clause of its own ("I'd like a second opinion on this diff:", "review this:") is the
    // instruction, not a label.
    const labelWords = tokens.slice(0, i);
    if (labelWords.some((t) => SUBJECT_WORDS.has(t.word))) return 0;
    if (IMPERATIVE_VERBS.has(labelWords[0]!.word) && labelWords[1]?.stop) return 0;
    const instructs = body.some(
      (b, k) =>
        (k === 0 || b.boundaryBefore || VERB_LEADS.has(body[k - 1]!.word)) &&
        (IMPERATIVE_VERBS.has(b.word) || b.word === 'what' || b.word === 'how' || b.word === 'why' || b.word === 'is'),
    );
    return instructs ? i : 0;
  }
  return 0;
}

/** How many content words after a claim ("review") its small object may come. */
const CLAIM_REACH = 5;

const FORMULAIC = [
  'vo:rename',
  'vo:convert-format',
  'vo:tidy-format',
  'vo:extract-items',
  'vo:classify-items',
  'vo:seo-metadata',
  'vo:git-commit',
  'q:fact',
];
const CONTEXT_CUES = ['cue:intermittent', 'cue:root-cause', 'cue:hard', 'vo:security-audit'];

/** Clause number of each token (a clause ends at , . ; : ! ? a dash or a line break). */
function clauseIds(tokens: readonly Token[]): Map<Token, number> {
  const out = new Map<Token, number>();
  let id = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i]!.boundaryBefore) id++;
    out.set(tokens[i]!, id);
  }
  return out;
}

/** Words after which an imperative still opens the instruction ("…, so rename both", "just bump it"). */
const VERB_LEADS = new Set(['so', 'then', 'and', 'just', 'please', 'pls', 'now', 'also', 'simply', 'you', 'only']);

const SUBJECT_WORDS = new Set(['i', 'we', 'you', "i'd", "i'm", "we're", "we've", "i've", 'can', 'could', 'please']);

const HEAVY_CUES = ['cue:intermittent', 'cue:root-cause', 'cue:scope-wide', 'vo:security-audit', 'q:correctness'];

function extract(
  text: string,
  S: Readonly<Record<WordSetName, ReadonlySet<string>>>,
  phraseIndex: ReadonlyMap<string, PhraseEntry[]>,
  typos: TypoReader,
): ExtractResult {
  const setAside: SetAside[] = [];
  const headEnd = Math.min(text.length, SCAN_PREFIX_CHARS);
  const head = readRegion(text, 0, headEnd, MAX_TOKENS, setAside);
  let tokens = head.tokens;
  const fragments = head.fragments;
  if (text.length > SCAN_PREFIX_CHARS + SCAN_SUFFIX_CHARS) {
    let tailStart = text.length - SCAN_SUFFIX_CHARS;
    const nl = text.indexOf('\n', tailStart);
    if (nl >= 0 && nl - tailStart < SCAN_SUFFIX_CHARS / 4) tailStart = nl + 1;
    const tail = readRegion(text, tailStart, text.length, MAX_SUFFIX_TOKENS, setAside);
    if (tail.tokens[0]) tail.tokens[0] = { ...tail.tokens[0], boundaryBefore: true };
    tokens = tokens.concat(tail.tokens);
    fragments.push(...tail.fragments);
  }
  const shown = (t: Token): string => t.display ?? text.slice(t.start, t.end);
  const surface = (a: Token, b: Token = a): string => {
    if (a === b) return shown(a);
    if (a.display !== undefined || b.display !== undefined || b.start - a.end > 200) return `${shown(a)} … ${shown(b)}`;
    return text.slice(a.start, b.end);
  };

  tokens = readShorthand(tokens, text, typos);
  // Alarm words say how the writer feels about the task, not what it is.
  tokens = tokens.filter((t) => {
    if (!ALARM_WORDS.has(t.word)) return true;
    setAside.push({ reason: 'alarm', match: shown(t) });
    return false;
  });
  const label = labelEnd(tokens, text);
  if (label > 0) {
    setAside.push({ reason: 'label', match: surface(tokens[0]!, tokens[label - 1]!) });
    tokens = tokens.slice(label);
    tokens[0] = { ...tokens[0]!, boundaryBefore: true };
  }
  markNegation(tokens);

  const out = new Map<string, Feature>();
  // The token where a feature was found, for the features that name the work (to tell the
  // instruction's sentence from sentences of context).
  const foundAt = new Map<string, Token>();
  const add = (name: string, value: number, match?: string, at?: Token): void => {
    const prev = out.get(name);
    if (prev) return;
    out.set(name, match === undefined ? { name, value } : { name, value, match });
    if (at) foundAt.set(name, at);
  };

  // A big word for a small thing ("architecture review of the footer year", "code review of the
  // spelling"): the claim and a small object a few words on in its clause. The claim is set aside:
  // it is not the work it usually names.
  for (let i = 0; i < tokens.length && !out.has('cue:claim-small'); i++) {
    const c = tokens[i]!;
    if (c.stop || c.negated || !S.WORK_CLAIMS.has(c.stem)) continue;
    let seen = 0;
    for (let j = i + 1; j < tokens.length && seen < CLAIM_REACH; j++) {
      const o = tokens[j]!;
      if (o.boundaryBefore && !(j === i + 1 || text.slice(tokens[j - 1]!.end, o.start).includes(':'))) break;
      if (o.stop) continue;
      seen++;
      if (!S.SMALL_OBJECTS.has(o.stem)) continue;
      add('cue:claim-small', 1, surface(c, o));
      // The claim and its companions ("code review", "architecture decision") are set aside.
      const claimed = new Set<Token>([c]);
      for (let k = i - 1; k >= 0 && !tokens[k]!.stop && !tokens[k + 1]!.boundaryBefore; k--) claimed.add(tokens[k]!);
      for (let k = i + 1; k < j && !tokens[k]!.stop && S.WORK_CLAIMS.has(tokens[k]!.stem); k++) claimed.add(tokens[k]!);
      setAside.push({
        reason: 'claim',
        match: [...claimed]
          .sort((a, b) => a.start - b.start)
          .map(shown)
          .join(' '),
      });
      tokens = tokens.filter((t) => !claimed.has(t));
      break;
    }
  }

  // Phrase cues over all tokens (stop words included).
  for (let i = 0; i < tokens.length; i++) {
    const list = phraseIndex.get(tokens[i]!.stem);
    if (!list) continue;
    for (const entry of list) {
      const n = entry.stems.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < n; k++) {
        const tk = tokens[i + k]!;
        if (tk.stem !== entry.stems[k] || tk.boundaryBefore) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      // A negated cue ("not complex", "no need for a security review", "no need to run it on every
      // change") does not count.
      if (!entry.cue.startsWith('cue:preserve') && spanNegated(tokens, i, n)) continue;
      add(entry.cue, 1, surface(tokens[i]!, tokens[i + n - 1]!), tokens[i]!);
    }
  }

  const questions = findQuestions(tokens, text);
  const factRequest = questions.some((q) => q.kind === 'fact') ? undefined : findFactRequest(tokens);
  // An open question's kind is unknown: a shape (no words shown), its other words say how deep it is.
  for (const q of questions)
    if (q.kind === 'open') add('q:open', 1);
    else add(`q:${q.kind}`, 1, surface(q.from, q.to), q.from);
  if (factRequest) add('q:fact', 1, surface(factRequest.from, factRequest.to), factRequest.from);

  // Minimisers ("just a quick look", "small favor") never make intermittent, cross-cutting or
  // security work smaller: with such a cue, they are set aside.
  if (HEAVY_CUES.some((c) => out.has(c))) {
    out.delete('cue:quick');
    tokens = tokens.filter((t) => {
      if (!MINIMISER_WORDS.has(t.word)) return true;
      setAside.push({ reason: 'minimiser', match: shown(t) });
      return false;
    });
  }

  const content: Token[] = [];
  for (const t of tokens) if (!t.stop) content.push(t);
  const wordValue = content.length > WORD_SCALE_PIVOT ? Math.sqrt(WORD_SCALE_PIVOT / content.length) : 1;

  // Unigrams and bigrams of content stems. A negated word ("no need to review", "don't redesign
  // anything") is set aside: it names work the task does not ask for.
  for (let i = 0; i < content.length; i++) {
    const t = content[i]!;
    if (t.stem.length < 2 && !/[0-9]/.test(t.stem)) continue;
    if (t.negated) {
      // Not the work it names: a feature of its own ("no need to review", "ändere nicht").
      setAside.push({ reason: 'negated', match: shown(t) });
      const negated = `not:${t.stem}`;
      if (!out.has(negated)) add(negated, wordValue, shown(t));
      continue;
    }
    // add() keeps the first match of a feature: cut the text out only then.
    const unigram = `w:${t.stem}`;
    if (!out.has(unigram)) add(unigram, wordValue, surface(t));
    const next = content[i + 1];
    if (next && !next.boundaryBefore && !next.negated) {
      const bigram = `b:${t.stem}+${next.stem}`;
      if (!out.has(bigram)) add(bigram, wordValue, surface(t, next));
    }
  }

  // Cadence: "for all Go code changes", "after each commit", "on any edit" - a check run on every
  // change is routine work, however serious its subject.
  if (!out.has('cue:routine')) {
    const cadence = findCadence(tokens);
    if (cadence) add('cue:routine', 1, surface(cadence[0], cadence[1]));
  }

  if (!out.has('cue:preserve-behaviour')) {
    const keep = findPreserve(tokens);
    if (keep) add('cue:preserve-behaviour', 1, surface(keep[0], keep[1]));
  }

  // Pasted fragments: what they are and how big, never the words in them.
  let pasted = 0;
  for (const f of fragments) {
    add(`paste:${f.kind}`, 1);
    pasted += f.end - f.start;
  }
  if (pasted > BIG_FRAGMENT) add('paste:big', 1);

  const first = tokens[0];
  // Agent descriptions are written in the third person ("Reviews code for …", "Creates docs …");
  // tasks are imperatives ("review the code").
  if (
    first &&
    content.length > 6 &&
    first === content[0] &&
    first.display === undefined &&
    first.word.length > 4 &&
    first.word.endsWith('s') &&
    !first.word.endsWith('ss') &&
    !first.word.endsWith('us') &&
    first.stem !== first.word
  ) {
    add('style:third-person', 1, surface(first));
  }

  // A role named in the opening words ("Senior Go reviewer …", "Planner agent. …") marks a description
  // of an agent rather than one task.
  for (let i = 0; i < Math.min(tokens.length, 10); i++) {
    const t = tokens[i]!;
    if (i > 0 && t.boundaryBefore) break;
    if (ROLE_NOUNS.has(t.word) && t.display === undefined) {
      add('style:role', 1, surface(t));
      break;
    }
  }

  // An agent that designs *and* builds ("designs, implements and maintains CI pipelines", "use when
  // building Rails apps, architecting models, ...") describes hands-on delivery work in which design
  // is one step, not a design decision handed to it. Agent descriptions only: a single task
  // "design and implement the permissions architecture" is still a design task.
  if (out.has('style:agent') || out.has('style:role') || out.has('style:third-person')) {
    const pair = findDesignAndBuild(tokens, text);
    if (pair) add('cue:design-and-build', 1, surface(pair[0], pair[1]));
  }

  // Verb–object patterns over content tokens, within a clause-ish window, both orders
  // ("review the pull request" and "pull request review").
  const verbObject = (
    name: string,
    verbs: ReadonlySet<string>,
    objects: ReadonlySet<string>,
    after = VERB_WINDOW,
    before = 2,
  ): void => {
    if (out.has(name)) return;
    for (let i = 0; i < content.length; i++) {
      const v = content[i]!;
      if (v.negated || !verbs.has(v.stem)) continue;
      // "before committing changes", "after reviewing the PR": when the task runs, not what it does.
      if (i > 0 && !v.boundaryBefore && TEMPORAL_MARKERS.has(content[i - 1]!.word)) continue;
      for (let k = 1; k <= after && i + k < content.length; k++) {
        const o = content[i + k]!;
        if (o.boundaryBefore && k > 1) break;
        if (objects.has(o.stem) && o !== v && !o.negated) {
          add(name, 1, surface(v, o), v);
          return;
        }
      }
      for (let k = 1; k <= before && i - k >= 0; k++) {
        const o = content[i - k]!;
        if (objects.has(o.stem) && !o.negated) {
          add(name, 1, surface(o, v), v);
          return;
        }
        if (content[i - k + 1]!.boundaryBefore) break;
      }
    }
  };
  verbObject('vo:review-code', S.REVIEW_VERBS, S.CODE_OBJECTS);
  verbObject('vo:review-prose', S.REVIEW_VERBS, S.PROSE_OBJECTS);
  verbObject('vo:security-audit', S.AUDIT_VERBS, S.SECURITY_TERMS);
  verbObject('vo:design-system', S.DESIGN_VERBS, S.SYSTEM_OBJECTS);
  verbObject('vo:design-ui', S.DESIGN_VERBS, S.UI_OBJECTS);
  verbObject('vo:convert-format', S.CONVERT_VERBS, S.FORMATS, 6, 0);
  verbObject('vo:tidy-format', S.TIDY_VERBS, S.TIDY_OBJECTS, 4, 1);
  verbObject('vo:extract-items', S.EXTRACT_VERBS, S.ITEM_OBJECTS, 4, 0);
  verbObject('vo:classify-items', S.CLASSIFY_VERBS, S.ITEM_OBJECTS, 5, 0);
  verbObject('vo:seo-metadata', S.WRITE_VERBS, S.SEO_TERMS, 4, 0);
  verbObject('vo:git-commit', S.GIT_TERMS, S.CODE_OBJECTS, 3, 0);
  // "locates files by name", "fetch the last hour of logs", "look up the signature": hand back what exists.
  verbObject('vo:lookup', S.LOOKUP_VERBS, S.LOOKUP_OBJECTS, 4, 1);
  // "rename getUsr to getUser", "bump lodash to 4.17.21": a mechanical edit from one name or
  // version to another.
  for (let i = 0; i < tokens.length && !out.has('vo:rename'); i++) {
    const v = tokens[i]!;
    if (v.negated || (v.stem !== 'renam' && v.stem !== 'bump')) continue;
    for (let k = i + 1; k < Math.min(tokens.length, i + 8); k++) {
      const t = tokens[k]!;
      if (k > i + 1 && t.boundaryBefore) break;
      if (t.word === 'to' && k + 1 < tokens.length) {
        add('vo:rename', 1, surface(v, tokens[k + 1]!), v);
        break;
      }
    }
  }
  // "csv -> md table": an arrow between two formats is a conversion.
  for (let i = 1; i + 1 < tokens.length && !out.has('vo:convert-format'); i++) {
    const arrow = tokens[i]!;
    if (arrow.display === undefined || arrow.word !== 'to' || arrow.start === arrow.end) continue;
    const [a, b] = [tokens[i - 1]!, tokens[i + 1]!];
    if (S.FORMATS.has(a.stem) && S.FORMATS.has(b.stem)) add('vo:convert-format', 1, surface(a, b));
  }

  // Symptoms told as context ("deadlock scare last night, anyway sort these keys") do not make a
  // formulaic instruction in another clause a root-cause hunt: set aside when no formulaic
  // feature shares a clause with them.
  const formulaic = FORMULAIC.map((f) => foundAt.get(f)).filter((t): t is Token => t !== undefined);
  if (formulaic.length > 0) {
    const clause = clauseIds(tokens);
    const instruction = new Set(formulaic.map((t) => clause.get(t)));
    for (const cue of CONTEXT_CUES) {
      const at = foundAt.get(cue);
      if (at === undefined || instruction.has(clause.get(at))) continue;
      setAside.push({ reason: 'context', match: out.get(cue)?.match ?? cue });
      out.delete(cue);
    }
  }

  // Question shape: a question at all, and a short one. Shape only: the kind of question (q:fact,
  // q:howto, q:decision, q:why, q:correctness, above) is what carries meaning.
  if (questions.length > 0) {
    add('q:question', 1);
    if (tokens.length <= 14) add('q:short-question', 1);
  }

  // Length buckets (content words of the instruction) and whole-text size.
  const n = content.length;
  // Only short texts get a bucket: longer ones vary too much in kind for length alone to mean much.
  if (n <= 9) add(n <= 4 ? 'len:1-4' : 'len:5-9', 1);
  if (text.length > SCAN_PREFIX_CHARS) add('size:huge', 1);

  const need = contextNeed(tokens, out, S, surface);
  const agentStyle = out.has('style:agent') || out.has('style:role') || out.has('style:third-person');
  const role = agentStyle ? undefined : findRoleSentence(tokens, text);
  const result: ExtractResult = {
    features: [...out.values()],
    contentTokens: n,
    contextNeed: need.need,
    setAside,
  };
  if (need.match !== undefined) result.contextMatch = need.match;
  if (role) result.roleSentence = text.slice(role.start, role.end);
  return result;
}

/**
 * What the task asks of a long input: an answer reasoned over it (why, a root cause, an analysis),
 * items pulled out of it (extract, list, summarise, convert), or ordinary work that merely comes
 * with it. Reasoning wins when both appear ("extract the errors and tell me why they happen").
 */
function contextNeed(
  tokens: readonly Token[],
  features: ReadonlyMap<string, Feature>,
  S: Readonly<Record<WordSetName, ReadonlySet<string>>>,
  surface: (a: Token, b?: Token) => string,
): { need: ContextNeed; match?: string } {
  for (const name of ['q:why', 'cue:root-cause', 'cue:intermittent']) {
    const f = features.get(name);
    if (f) return { need: 'reasoning', match: f.match ?? name };
  }
  let extraction: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.negated) continue;
    if (t.word === 'why' || (!t.stop && S.CONTEXT_REASONING.has(t.stem))) {
      const next = tokens[i + 1];
      return { need: 'reasoning', match: next?.word === 'why' ? surface(t, next) : surface(t) };
    }
    // "pull request" names a thing; "pull the emails out" extracts.
    const pullRequest = t.word === 'pull' && /^requests?$/.test(tokens[i + 1]?.word ?? '');
    if (!t.stop && !pullRequest && extraction === undefined && S.CONTEXT_EXTRACTION.has(t.stem))
      extraction = surface(t);
  }
  if (extraction !== undefined) return { need: 'extraction', match: extraction };
  for (const name of ['vo:extract-items', 'vo:convert-format', 'vo:tidy-format', 'vo:lookup', 'vo:classify-items']) {
    const f = features.get(name);
    if (f) return { need: 'extraction', match: f.match ?? name };
  }
  return { need: 'ordinary' };
}
