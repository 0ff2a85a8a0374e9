// Pasted data: a stack trace, diff, log, JSON, SQL, config or code pasted after the instruction,
// on the same line ("… from these lines: 2024-05-01T10:00:01Z ERROR …") or on the lines below.
// The instruction decides the tier; a fragment counts for its size and for what it is (a diff to
// review is review), never for the words inside it ("deadlock" in a log line is data).

import { IMPERATIVE_VERBS } from './lexicon.js';

export type FragmentKind = 'trace' | 'diff' | 'log' | 'json' | 'sql' | 'config' | 'code' | 'text';

export interface Fragment {
  start: number;
  end: number;
  kind: FragmentKind;
  lines: number;
}

/** The word a fragment stands as in the instruction ("review this:" + a diff reads "review this diff"). */
export const FRAGMENT_NOUN: Readonly<Record<FragmentKind, string>> = {
  trace: 'stacktrace',
  diff: 'diff',
  log: 'log',
  json: 'json',
  sql: 'sql',
  config: 'config',
  code: 'code',
  text: 'text',
};

// Whole lines. Strong: one such line is a fragment on its own. Weak: only beside other data lines.
const TRACE_LINE =
  /^(?:\s+at\s+\S|\s*File ".+", line \d+|Traceback \(most recent call last\)|\s*(?:[\w$]+\.)*[A-Z]\w*(?:Error|Exception)\b(?::|$)|panic: |goroutine \d+ \[|Caused by: |\s*\.\.\. \d+ more|\s*#\d+\s+0x[0-9a-f]+)/;
const DIFF_HEAD = /^(?:diff --git |index [0-9a-f]{6,}|--- (?:a\/|\/dev\/null)|\+\+\+ (?:b\/|\/dev\/null)|@@ -\d)/;
const DIFF_BODY = /^[+-](?![+-]{2})/;
const LOG_LINE =
  /^(?:\[?\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d|\d{4}-\d\d-\d\d\s+(?:ERROR|WARN|INFO|DEBUG|FATAL)\b|\[?\d\d:\d\d:\d\d|(?:\[[^\]\n]{1,40}\]\s*)?\[(?:ERROR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL|error|warn|info|debug)\]|(?:ERROR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL)\s*[:|]|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d |\d{1,3}(?:\.\d{1,3}){3} - |.*\blevel=(?:error|warn|info|debug)\b)/;
const JSON_LINE = /^\s*(?:[{}[\]],?\s*$|"[^"\n]{1,80}"\s*:|[{[]\s*"|[{[]\s*$)/;
const SQL_LINE =
  /^\s*(?:(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE (?:TABLE|INDEX|UNIQUE INDEX|VIEW)|ALTER TABLE|DROP (?:TABLE|INDEX)|WITH \w+ AS|FROM|WHERE|(?:LEFT |RIGHT |INNER |OUTER )?JOIN|GROUP BY|ORDER BY|EXPLAIN(?: ANALYZE)?|VALUES)\b)/;
const CONFIG_LINE =
  /^\s*(?:\[[\w.\- "]+\]\s*$|[A-Za-z_][\w.-]*\s*=\s*\S|[\w.-]+:\s*(?:\S+\s*)?$|-\s+[\w.-]+:\s|<\/?[\w:-]+(?:\s[^>]*)?>)/;
const CODE_LINE =
  /(?:[;{}]\s*$|^\s*(?:def |class |function |const |let |var |import |from \S+ import |return |if \(|for \(|while \(|public |private |fn |func |package |#include|export |async |await )|^\s{4,}\S|=>\s*\{?$)/;

/** Where pasted data starts within a line of prose: after "…: ", "…? " or straight away. */
const INLINE_START =
  /(?:^|[:?.!]\s+|\s)(?=\{\s*"|\[\s*[{"\d]|\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d|\d{4}-\d\d-\d\d\s+(?:ERROR|WARN|INFO|DEBUG|FATAL)\b|Traceback \(most|diff --git |SELECT\s[^\n]*?\sFROM\s|INSERT INTO\s|UPDATE\s+\w+\s+SET\s|CREATE TABLE\s|(?:[\w$]+\.)*[A-Z]\w*(?:Error|Exception): |at\s+[\w.$<>]+\s*\([^)\n]*:\d+|\[(?:ERROR|WARN|INFO|DEBUG|FATAL)\]|(?:ERROR|WARN|FATAL)\s*[:|]\s)/;

/**
 * "… from these lines: a, b, c", "format this as a list: …": after a colon that ends a phrase
 * pointing at material ("this", "these lines", "the following"), the rest of the line is that
 * material, unless it is a question or an instruction of its own ("this diff: is the lock right?").
 */
const POINTED_START = /\b(?:this|these|the following|following|below|them)(?:\s+[\w-]+){0,3}\s*:\s+(?=\S)/i;
const OWN_QUESTION = /^(?:what|how|why|which|where|who|when|is|are|can|could|should|does|do|did|will|would)\b/i;
/**
 * The rest of the line is an instruction of its own: a question, or it opens with an imperative verb
 * ("… by noon: list every package …"), unless it is a list of items ("these notes: add caching, drop
 * the cron job, update the docs"), which is the material pointed at.
 */
function ownInstruction(rest: string): boolean {
  if (OWN_QUESTION.test(rest)) return true;
  const first = /^([a-z]+)\s+[a-z]/i.exec(rest); // "list every package", not "name, email, id"
  if (first === null || !IMPERATIVE_VERBS.has(first[1]!.toLowerCase())) return false;
  return (rest.match(/[,;]\s/g)?.length ?? 0) < 2;
}

/**
 * Items quoted one after another after a colon ("… as infra, app or security: 'CPU > 95%' ;
 * 'login failed' ; …"): the items are the material.
 */
const QUOTED_ITEMS = /:\s+(?=["'‘“][^\n]{1,200}?["'’”]\s*[;,]\s*["'‘“])/;

/** How far into a line of prose pasted data may start. */
const INLINE_REACH = 600;

function strongKind(line: string): FragmentKind | undefined {
  if (TRACE_LINE.test(line)) return 'trace';
  if (DIFF_HEAD.test(line)) return 'diff';
  if (LOG_LINE.test(line)) return 'log';
  if (SQL_LINE.test(line)) return 'sql';
  if (JSON_LINE.test(line)) return 'json';
  return undefined;
}

function weakKind(line: string): FragmentKind | undefined {
  if (DIFF_BODY.test(line) && !/^-\s+[a-z]/.test(line)) return 'diff';
  if (CODE_LINE.test(line)) return 'code';
  if (CONFIG_LINE.test(line)) return 'config';
  return undefined;
}

function kindOfInline(rest: string): FragmentKind {
  return strongKind(rest) ?? (/^\s*(?:SELECT|INSERT|UPDATE|CREATE)\b/.test(rest) ? 'sql' : 'log');
}

interface Line {
  start: number;
  end: number;
  text: string;
}

/**
 * The fragments of pasted data in `text`, in order. Linear in the text: one pass over its lines,
 * a few anchored regular expressions per line.
 */
export function findFragments(text: string): Fragment[] {
  const lines: Line[] = [];
  for (let i = 0; i <= text.length;) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    lines.push({ start: i, end: j, text: text.slice(i, j) });
    i = j + 1;
  }
  const out: Fragment[] = [];
  let run: { start: number; end: number; kinds: FragmentKind[]; strong: boolean; lines: number } | undefined;
  const close = (): void => {
    if (run && (run.strong || run.lines >= 2)) {
      const counts = new Map<FragmentKind, number>();
      for (const k of run.kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
      // A diff or trace header names the whole run; otherwise the commonest kind of line.
      let kind: FragmentKind = run.kinds.includes('diff') && run.strong ? 'diff' : run.kinds[0]!;
      if (!(run.kinds.includes('diff') && run.strong)) {
        let best = 0;
        for (const [k, n] of counts) if (n > best || (n === best && k === 'trace')) [kind, best] = [k, n];
      }
      out.push({ start: run.start, end: run.end, kind, lines: run.lines });
    }
    run = undefined;
  };
  const extend = (start: number, end: number, kind: FragmentKind, strong: boolean): void => {
    if (!run) run = { start, end, kinds: [], strong: false, lines: 0 };
    run.end = end;
    run.kinds.push(kind);
    run.strong ||= strong;
    run.lines++;
  };
  let fenced: { start: number; lines: number } | undefined;
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) {
      if (fenced) {
        close();
        out.push({ start: fenced.start, end: line.end, kind: 'code', lines: fenced.lines });
        fenced = undefined;
      } else {
        close();
        fenced = { start: line.start, lines: 0 };
      }
      continue;
    }
    if (fenced) {
      fenced.lines++;
      continue;
    }
    if (trimmed === '') continue; // a blank line neither ends nor extends a run
    const strong = strongKind(line.text);
    if (strong) {
      extend(line.start, line.end, strong, true);
      continue;
    }
    const weak = weakKind(line.text);
    if (weak && (run || (line.start > 0 && lines.length > 2))) {
      extend(line.start, line.end, weak, false);
      continue;
    }
    close();
    // Prose: pasted data may start further along the same line.
    // Pasted data starts near the front of a line that holds an instruction too.
    const head = line.text.length > INLINE_REACH ? line.text.slice(0, INLINE_REACH) : line.text;
    const m = INLINE_START.exec(head);
    if (m && m.index + m[0].length < line.text.length) {
      const at = line.start + m.index + m[0].length;
      // Leave at least a few characters of instruction before it.
      if (at - line.start >= 8) extend(at, line.end, kindOfInline(text.slice(at, line.end)), true);
      continue;
    }
    const p = POINTED_START.exec(head) ?? QUOTED_ITEMS.exec(head);
    if (p) {
      const at = line.start + p.index + p[0].length;
      const rest = text.slice(at, line.end).trim();
      if (rest.length >= 20 && !rest.endsWith('?') && !ownInstruction(rest))
        extend(at, line.end, strongKind(rest) ?? 'text', true);
    }
  }
  if (fenced) out.push({ start: fenced.start, end: text.length, kind: 'code', lines: fenced.lines });
  close();
  return out.sort((a, b) => a.start - b.start);
}
