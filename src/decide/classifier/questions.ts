// Questions by depth: a simple fact ("what's the default port of redis?") is formulaic, a how-to
// is daily work, and a should-we, a trade-off or a why-does-this-happen is a decision or a hunt.
// A question about correctness, safety or bugs ("is this thread-safe?") is a small review.

import type { Token } from './text.js';

export type QuestionKind = 'correctness' | 'decision' | 'why' | 'howto' | 'fact' | 'open';

export interface Question {
  kind: QuestionKind;
  /** First and last token of the words that decided the kind. */
  from: Token;
  to: Token;
}

const OPENERS = new Set(['what', "what's", 'whats', 'how', 'why', 'which', 'where', "where's", 'when', 'who']);
const YES_NO = new Set([
  'is',
  'are',
  'am',
  'was',
  'were',
  'does',
  'do',
  'did',
  'can',
  'could',
  'will',
  'would',
  'should',
  'shall',
  'any',
  'anything',
  'see',
  'spot',
  'has',
  'have',
]);
const CORRECTNESS = new Set([
  'safe',
  'unsafe',
  'threadsafe',
  'secure',
  'insecure',
  'correct',
  'correctly',
  'incorrect',
  'bug',
  'bugs',
  'buggy',
  'race',
  'races',
  'racy',
  'leak',
  'leaks',
  'vulnerable',
  'exploitable',
  'injectable',
  'injection',
  'deadlock',
  'overflow',
  'sound',
  'atomic',
  'idempotent',
  'lose',
  'lost',
  'corrupt',
  'twice',
  'bypass',
  'bypassed',
  'traversal',
  'spoof',
  'spoofed',
  'replay',
  'tamper',
  'xss',
  'csrf',
  'ssrf',
  'exploit',
]);
const FAULTS = new Set([
  'wrong',
  'issue',
  'issues',
  'problem',
  'problems',
  'mistake',
  'mistakes',
  'risky',
  'risk',
  'risks',
  'broken',
  'flaw',
  'flaws',
  'hole',
  'holes',
]);
const DECISION_WORDS = new Set([
  'worth',
  'better',
  'best',
  'recommend',
  'tradeoff',
  'tradeoffs',
  'pros',
  'versus',
  'vs',
  'prefer',
  'choose',
  'pick',
  'idea',
  'instead',
  'sense',
]);
const RIGHT_WHAT = new Set(['call', 'choice', 'approach', 'move', 'fit', 'tool', 'design', 'model']);
const FACT_MAX_TOKENS = 12;
const HOWTO_NEXT = new Set(['do', 'can', 'would', 'should', 'to', 'does']);
const HOWTO_WHO = new Set(['i', 'we', 'you', 'one']);
const HOWTO_SUBJECT = new Set(['i', 'we', 'me']);

function endsWithQuestionMark(text: string, last: Token, limit: number): boolean {
  for (let i = last.end; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 63) return true;
    // closing quotes, brackets and backticks may stand between the last word and the '?'
    if (c !== 32 && c !== 34 && c !== 39 && c !== 41 && c !== 96 && c !== 93 && c !== 0x201d) return false;
  }
  return false;
}

function isSentenceEnd(text: string, a: Token, b: Token): boolean {
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 59 || c === 33 || c === 63 || c === 10) return true;
  }
  return false;
}

/**
 * The questions in the instruction's tokens: sentences that end with '?', or that open with a
 * question word ("what's the default…"). Requests ("can you fix…") are not questions.
 */
export function findQuestions(tokens: readonly Token[], text: string): Question[] {
  const out: Question[] = [];
  let s = 0;
  while (s < tokens.length) {
    let e = s;
    while (e + 1 < tokens.length && !isSentenceEnd(text, tokens[e]!, tokens[e + 1]!)) e++;
    const limit = e + 1 < tokens.length ? tokens[e + 1]!.start : text.length;
    // Within the sentence, a clause after a colon or comma can hold the question ("Urgent: what's …").
    let q = s;
    for (let i = s; i <= e; i++) {
      if (i === s || tokens[i]!.boundaryBefore) {
        const w = tokens[i]!.word;
        if (OPENERS.has(w) || (YES_NO.has(w) && endsWithQuestionMark(text, tokens[e]!, limit))) {
          q = i;
          break;
        }
      }
    }
    const first = tokens[q]!;
    const marked = endsWithQuestionMark(text, tokens[e]!, limit);
    const request =
      (first.word === 'can' || first.word === 'could' || first.word === 'would' || first.word === 'will') &&
      tokens[q + 1]?.word === 'you';
    if ((marked || OPENERS.has(first.word)) && !request) {
      const question = classify(tokens, q, e);
      if (question) out.push(question);
    }
    s = e + 1;
  }
  return out;
}

// "I just need the default value of X", "tell me the port the api uses": a fact asked without a '?'.
const FACT_ASK = new Set(['need', 'want', 'tell', 'give', 'gimme', 'know']);
const FACT_NOUNS = new Set([
  'default',
  'value',
  'name',
  'port',
  'version',
  'command',
  'flag',
  'path',
  'syntax',
  'limit',
  'size',
  'timeout',
  'number',
  'count',
  'url',
  'location',
  'meaning',
  'shortcut',
  'format',
]);

/** A request for one fact, phrased as a statement ("just tell me the port"). */
export function findFactRequest(tokens: readonly Token[]): Question | undefined {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const ask = tokens[i]!;
    if (!FACT_ASK.has(ask.word) || ask.negated) continue;
    let k = i + 1;
    if (tokens[k]?.word === 'me') k++;
    if (tokens[k]?.word !== 'the' && tokens[k]?.word !== 'which' && tokens[k]?.word !== 'what') continue;
    const noun = tokens[k + 1];
    if (noun && !noun.boundaryBefore && FACT_NOUNS.has(noun.word)) return { kind: 'fact', from: ask, to: noun };
  }
  return undefined;
}

function classify(tokens: readonly Token[], q: number, e: number): Question | undefined {
  const first = tokens[q]!;
  const last = tokens[e]!;
  const second = tokens[q + 1];
  for (let i = q; i <= e; i++) {
    const t = tokens[i]!;
    if (!t.negated && CORRECTNESS.has(t.word) && (YES_NO.has(first.word) || t.word.startsWith('bug')))
      return { kind: 'correctness', from: first, to: t };
    // "anything wrong here?", "any issues with this?": a yes/no question asking for faults
    if (!t.negated && FAULTS.has(t.word) && YES_NO.has(first.word)) return { kind: 'correctness', from: first, to: t };
  }
  for (let i = q; i <= e; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if ((t.word === 'should' || t.word === 'shall') && next && (next.word === 'we' || next.word === 'i'))
      return { kind: 'decision', from: t, to: next };
    if (DECISION_WORDS.has(t.word) && !(t.word === 'best' && next?.word === 'way'))
      return { kind: 'decision', from: t, to: t };
    if (t.word === 'right' && next && RIGHT_WHAT.has(next.word)) return { kind: 'decision', from: t, to: next };
    // "which consistency model do we need", "do I need a queue"
    if ((t.word === 'we' || t.word === 'i') && next?.word === 'need' && i > q && tokens[i - 1]!.word === 'do')
      return { kind: 'decision', from: tokens[i - 1]!, to: next };
    // "postgres or dynamo for the event store?": two options to choose between
    if (t.word === 'or' && i > q && i < e && !OPENERS.has(first.word))
      return { kind: 'decision', from: tokens[i - 1]!, to: tokens[i + 1]! };
    if (t.word === 'or' && i > q + 1 && i < e && first.word === 'which')
      return { kind: 'decision', from: tokens[i - 1]!, to: tokens[i + 1]! };
  }
  if (first.word === 'why') return { kind: 'why', from: first, to: first };
  if (first.word === 'how' && second?.word === 'come') return { kind: 'why', from: first, to: second };
  if (
    (first.word === 'what' || first.word === "what's" || first.word === 'whats') &&
    tokens.slice(q, Math.min(e + 1, q + 4)).some((t) => t.stem === 'caus')
  )
    return { kind: 'why', from: first, to: tokens[Math.min(e, q + 2)]! };
  if (first.word === 'how' && second && HOWTO_NEXT.has(second.word)) {
    const who = tokens[q + 2];
    if (second.word === 'to' || (who && HOWTO_WHO.has(who.word)))
      return { kind: 'howto', from: first, to: who ?? second };
  }
  // "how I/we …", "how me …": the subject (or Russian мне) without a "do", as questions in other
  // languages put it ("como eu configuro …", "как мне настроить …").
  if (first.word === 'how' && second && HOWTO_SUBJECT.has(second.word) && tokens[q + 2])
    return { kind: 'howto', from: first, to: second };
  for (let i = q; i + 2 <= e; i++) {
    const [a, b, c] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if ((a.word === 'way' && b.word === 'to') || (a.word === 'best' && b.word === 'way'))
      return { kind: 'howto', from: a, to: c };
  }
  // A fact is asked in a few words; a longer question is open ("what would a robust design for
  // the collaboration feature look like?") and its other words say how deep it is.
  const asks = OPENERS.has(first.word) || YES_NO.has(first.word);
  const kind: QuestionKind = asks && e - q + 1 <= FACT_MAX_TOKENS ? 'fact' : 'open';
  return { kind, from: first, to: tokens[Math.min(e, q + 2)]! ?? last };
}
