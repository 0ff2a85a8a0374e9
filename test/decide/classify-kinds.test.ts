// Tasks as people type them, one block per kind: shorthand and typos, words that claim more or
// less than the task is, pasted fragments, questions by depth, several sentences of context, and
// what a long input asks for. The sentences are the project's own, written for these tests.
import { describe, expect, it } from 'vitest';
import { classifyTask } from '../../src/decide/classify-task.js';
import { findFragments } from '../../src/decide/classifier/fragments.js';
import { withinOneEdit } from '../../src/decide/classifier/shorthand.js';

const tier = (task: string) => classifyTask(task).tier;
const matches = (task: string) => classifyTask(task).evidence.map((e) => e.match ?? '');

describe('shorthand and typos', () => {
  it.each([
    ['commit msg for the stuff i staged, conventional style', 'haiku'],
    ['tsv -> json for the price list', 'haiku'],
    ['rename loadCfg -> loadConfig evrywhere', 'haiku'],
    ['pls reveiw my branch b4 i merge, it touches the session store', 'opus'],
    ['impl a retry w/ jitter in the upload client', 'sonnet'],
    ['flaky test in ci, fails 1 in 8 runs, root cause pls', 'opus'],
  ])('%s → %s', (task, want) => expect(tier(task)).toBe(want));

  it('shows what a typo or abbreviation was read as', () => {
    expect(matches('pls reveiw the cache PR')).toContain('reveiw ≈ review');
    expect(matches('write the commit msg')).toEqual(expect.arrayContaining([expect.stringContaining('msg ≈ message')]));
    expect(matches('yaml → json for the chart values')).toEqual(
      expect.arrayContaining([expect.stringMatching(/yaml … (→ … )?json|→/)]),
    );
  });

  it('never reads a real word or a name as a typo', () => {
    for (const task of ['preview the formal proposal', 'add Preact to the widget', 'the reviews page is slow']) {
      expect(
        matches(task).some((m) => m.includes('≈')),
        task,
      ).toBe(false);
    }
  });

  it('one edit: insert, delete, substitute or swap neighbours', () => {
    expect(withinOneEdit('reveiw', 'review')).toBe(true);
    expect(withinOneEdit('revew', 'review')).toBe(true);
    expect(withinOneEdit('reviiew', 'review')).toBe(true);
    expect(withinOneEdit('rexiew', 'review')).toBe(true);
    expect(withinOneEdit('rveeiw', 'review')).toBe(false);
    expect(withinOneEdit('review', 'reviewing')).toBe(false);
  });
});

describe('what the words claim vs what the task is', () => {
  it.each([
    // minimisers on intermittent or cross-cutting work
    ['just a quick look: the stock count drifts by one now and then, only after the nightly import', 'opus'],
    ['tiny favour, make every service sign its outgoing webhooks the same way', 'opus'],
    // alarm words on a formulaic edit or a simple fact
    ['URGENT, pager going off: what is the default port of the prometheus server?', 'haiku'],
    ['P0!! sort the entries of the allowlist alphabetically', 'haiku'],
    // a big word for a small thing
    ['Architecture decision: name the temp folder tmp/ instead of temp/, rename it', 'haiku'],
    ['code review of the spelling in the footer text, fix what is wrong', 'not-opus'],
    // negations remove the work they negate
    ['no need to review anything, just write the commit message', 'haiku'],
    ["don't redesign the page, add a close button to the banner", 'sonnet'],
  ])('%s → %s', (task, want) => {
    if (want === 'not-opus') expect(tier(task)).not.toBe('opus');
    else expect(tier(task)).toBe(want);
  });

  it('says what it set aside and why', () => {
    const aside = (task: string) => classifyTask(task).setAside ?? [];
    expect(aside('Urgent: convert the list to csv')).toContainEqual({ reason: 'alarm', match: 'Urgent' });
    expect(aside('Quick tweak: rename the log file to app.log')).toContainEqual({
      reason: 'label',
      match: 'Quick tweak',
    });
    expect(aside('no need to review it, just bump the version')).toContainEqual({ reason: 'negated', match: 'review' });
    expect(aside('security audit of the typo in the banner')).toContainEqual({
      reason: 'claim',
      match: 'security audit',
    });
    expect(aside('just a quick look, the cache sometimes returns stale prices')).toContainEqual({
      reason: 'minimiser',
      match: 'quick',
    });
  });
});

describe('instruction vs pasted data', () => {
  it.each([
    // the fragment's alarming words do not decide
    [
      'list the job ids in these lines: 2025-02-02T01:00:00Z ERROR job=77 deadlock detected 2025-02-02T01:00:04Z ERROR job=78 race detected',
      'haiku',
    ],
    ['turn this into yaml:\n{"retries": 3, "on_failure": "panic", "security": {"tls": true}}', 'haiku'],
    // the instruction decides, the fragment says what it is: a diff to review is review
    [
      'anything wrong here?\ndiff --git a/src/pay.ts b/src/pay.ts\n--- a/src/pay.ts\n+++ b/src/pay.ts\n@@ -3 +3 @@\n-  await charge();\n+  charge();',
      'opus',
    ],
    [
      "fix this crash: TypeError: Cannot read properties of undefined (reading 'name') at showUser (src/user.ts:9:3)",
      'sonnet',
    ],
  ])('%s → %s', (task, want) => expect(tier(task)).toBe(want));

  it('finds fragments inline and on following lines, of each kind', () => {
    const kinds = (text: string) => findFragments(text).map((f) => f.kind);
    expect(
      kinds('why does this fail?\nTraceback (most recent call last):\n  File "a.py", line 3, in <module>\nKeyError: 1'),
    ).toEqual(['trace']);
    expect(kinds('review:\ndiff --git a/x b/x\n@@ -1 +1 @@\n-a\n+b')).toEqual(['diff']);
    expect(kinds('count the errors: [2025-01-01 10:00:00] ERROR boom')).toEqual(['log']);
    expect(kinds('make it yaml: {"a": 1}')).toEqual(['json']);
    expect(kinds('speed this up:\nSELECT * FROM t WHERE a = 1')).toEqual(['sql']);
    expect(kinds('what does this do?\n```\nconst a = 1;\n```')).toEqual(['code']);
    expect(kinds('add a cache to the user lookup and write a test for it')).toEqual([]);
  });

  it('quoted items after a colon are material; an instruction after a colon is not', () => {
    const pasted = (text: string) => findFragments(text).map((f) => text.slice(f.start, f.end));
    expect(
      pasted("tag each ticket as bug or feature: 'checkout hangs on retry' ; 'add dark mode' ; 'payment leak'"),
    ).toEqual(["'checkout hangs on retry' ; 'add dark mode' ; 'payment leak'"]);
    // "this …:" points at material, but what follows opens with a verb: it is the instruction
    expect(pasted('the audit board wants this by noon: convert the vendor list in vendors.csv to json')).toEqual([]);
    expect(pasted('tidy these columns: name, email, created_at, plan and region')).toEqual([
      'name, email, created_at, plan and region',
    ]);
    // items that open with verbs are still items when they come as a list
    expect(pasted('summarize these notes: add caching to the api, remove the old cron job, update docs')).toEqual([
      'add caching to the api, remove the old cron job, update docs',
    ]);
  });

  it('the pasted words are not features, and the evidence says what was pasted', () => {
    const c = classifyTask('extract the ids: 2025-01-01 ERROR id=4 memory leak suspected');
    expect(c.evidence.some((e) => /leak/.test(e.match ?? ''))).toBe(false);
    expect(c.setAside?.some((a) => a.reason === 'pasted' && /pasted log/.test(a.match))).toBe(true);
  });
});

describe('questions by depth', () => {
  it.each([
    ['what is the default port of memcached?', 'haiku'],
    ['which flag shows hidden files in ls?', 'haiku'],
    ['how do I add a new page to the router in this app?', 'sonnet'],
    ['should we move session storage from redis to the database?', 'opus'],
    ['websockets or server-sent events for the live dashboard, given our proxies?', 'opus'],
    ['why do some thumbnails come out black, seemingly at random?', 'opus'],
  ])('%s → %s', (task, want) => expect(tier(task)).toBe(want));

  it('a question about correctness, safety or bugs is never haiku, however short', () => {
    for (const task of ['is this code thread-safe?', 'any bugs here?', 'is this safe?', 'can this leak memory?'])
      expect(tier(task), task).not.toBe('haiku');
  });
});

describe('several sentences of context', () => {
  it.each([
    [
      'We run two schedulers for redundancy. Last month a handful of reports were emailed twice. It does not happen every day. Find out why.',
      'opus',
    ],
    [
      'The admin page lists users without paging. It has 8000 rows now. Add paging to the endpoint and the table.',
      'sonnet',
    ],
    [
      'We had a messy outage yesterday and the channel is full of theories. I only need facts. Extract the error timestamps from outage.log.',
      'haiku',
    ],
  ])('%s → %s', (task, want) => expect(tier(task)).toBe(want));
});

describe('what a long input asks for (contextNeed)', () => {
  const log = '2025-03-03T10:00:00Z INFO request served in 120ms path=/api/items\n'.repeat(3000);
  it.each([
    [`debug why the requests in this log time out\n${log}`, 'reasoning', 'why'],
    [`${log}\nwhat is the root cause of the slow requests above?`, 'reasoning', 'root cause'],
    [`extract the paths and timings from this log into a csv\n${log}`, 'extraction', 'extract'],
    [`add a test that replays these requests against the api\n${log}`, 'ordinary', undefined],
    [`look over this pull request for races before I merge it\n${log}`, 'ordinary', undefined],
    [`pull the slow paths out of this log\n${log}`, 'extraction', 'pull'],
  ])('%#: %s', (task, need, words) => {
    const c = classifyTask(task);
    expect(c.contextNeed).toBe(need);
    if (words === undefined) expect(c.contextMatch).toBeUndefined();
    else expect(c.contextMatch?.toLowerCase()).toContain(words);
  });
});
