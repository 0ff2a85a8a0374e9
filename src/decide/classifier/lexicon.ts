// Word families and phrase cues the feature extractor looks for. Raw words here (the source of
// truth); scripts/train-classifier.mjs stems them with the same stemmer the tokens go through
// ("reviewer", "reviewing" and "reviews" all hit "review") and stores the result in
// classifier-weights.json under "lexicon", so nothing is stemmed when the module loads.

/** Word sets (raw words; stemmed by compileLexicon). */
export const WORD_SETS = {
  // ---- verb families -------------------------------------------------------------------------
  REVIEW_VERBS: 'review critique scrutinize scrutinise vet inspect audit assess evaluate proofread',
  AUDIT_VERBS: 'audit review assess scan pentest probe harden evaluate analyze analyse hunt check verify inspect model',
  DESIGN_VERBS:
    'design architect plan propose rethink redesign blueprint choose pick decide select evaluate compare model structure shape',
  CONVERT_VERBS:
    'convert turn transform translate reformat transcode serialize serialise port export rewrite change map',
  TIDY_VERBS:
    'format reformat prettify indent sort alphabetize alphabetise reorder tidy align lint normalize normalise dedupe deduplicate trim capitalize capitalise uppercase lowercase',
  EXTRACT_VERBS: 'extract pull list find collect grab gather parse scrape dump enumerate count pluck harvest retrieve',
  CLASSIFY_VERBS: 'classify categorize categorise label tag triage bucket group sort route detect',
  WRITE_VERBS: 'write generate create draft produce suggest come craft compose give make',

  // ---- object families -----------------------------------------------------------------------
  CODE_OBJECTS:
    'code codebase pr prs pull request change changes diff diffs patch commit commits branch implementation module modules merge repo repository function class service services handler endpoint controller package library schema query queries logic backend frontend api sdk contract migration',
  PROSE_OBJECTS:
    'readme typo typos spelling grammar wording copy text translation blog post article doc docs documentation comment comments changelog email essay slide tweet sentence paragraph punctuation caption',
  SECURITY_TERMS:
    'security secure insecure vulnerability vulnerabilities vulnerable injection xss csrf ssrf owasp exploit exploits cve cves threat threats attack attacker attackers pentest penetration malware privilege escalation secrets credential credentials permission permissions authz authorization hardening compliance hipaa pci soc2 cryptography crypto sanitization',
  SYSTEM_OBJECTS:
    'architecture system systems microservice microservices schema database data model protocol infrastructure platform pipeline scheduler distributed backend topology migration storage queue queues cache caching tenant sharding replication consistency monolith service services boundaries domain orchestration scalability',
  UI_OBJECTS:
    'button buttons page logo icon icons color palette css style styles layout mockup landing banner form ui ux screen widget theme font card modal navbar header footer tooltip animation',
  FORMATS:
    'json yaml yml toml csv tsv xml html markdown md ini base64 excel xlsx spreadsheet txt plaintext latex rst asciidoc jsonl ndjson protobuf timestamp timestamps iso camelcase snake_case kebab uppercase lowercase table tables bullet bullets list',
  TIDY_OBJECTS:
    'import imports indentation whitespace tabs spaces keys key lines line entries columns column rows alphabetical order trailing quotes semicolons braces sql query',
  ITEM_OBJECTS:
    'email emails address addresses url urls link links name names date dates phone number numbers todo todos fixme id ids key keys value values field fields column columns header headers entity entities price prices mention mentions citation citations heading headings title titles invoice invoices amount amounts tag tags ip ips version versions dependency dependencies',
  SEO_TERMS:
    'seo meta metadata slug slugs keyword keywords faq faqs tagline taglines caption captions hashtag hashtags alt snippet snippets og serp title titles description descriptions excerpt blurb blurbs',
  GIT_TERMS: 'commit branch push stash rebase tag cherry',
  // lookups: find or fetch something that already exists and hand it back, no change made
  LOOKUP_VERBS: 'look locate find search fetch retrieve lookup query grep',
  LOOKUP_OBJECTS:
    'file files path paths definition definitions usage usages reference references symbol symbols log logs version versions doc docs documentation answer answers fact facts signature signatures location locations owner owners',
  // "review", "design", "architecture" or "refactor" said of something small is not that work
  WORK_CLAIMS:
    'review design redesign architecture architect architectural refactor refactoring audit analysis analyze rearchitect overhaul',
  SMALL_OBJECTS:
    'typo typos spelling wording comment comments whitespace indentation semicolon semicolons gitignore changelog version year date color colour padding margin font tooltip label copy string title heading favicon icon footer badge emoji punctuation capitalization casing oneliner filename',
  // what a task asks of a long input (contextNeed): reasoning over it, or items pulled out of it
  CONTEXT_REASONING:
    'why analyze analyse analysis diagnose investigate cause causes causing explain correlate reason troubleshoot debug',
  CONTEXT_EXTRACTION:
    'extract list pull grep count collect summarize summarise summary tldr convert reformat format find dump tabulate filter',
} as const;
export type WordSetName = keyof typeof WORD_SETS;

// ---- phrase cues (matched as stem sequences over all tokens) --------------------------------
export const PHRASES: ReadonlyArray<readonly [cue: string, phrase: string]> = [
  // scope: the whole system, not one file
  ['cue:scope-wide', 'entire codebase'],
  ['cue:scope-wide', 'entire code base'],
  ['cue:scope-wide', 'whole codebase'],
  ['cue:scope-wide', 'entire repo'],
  ['cue:scope-wide', 'whole repo'],
  ['cue:scope-wide', 'entire repository'],
  ['cue:scope-wide', 'whole repository'],
  ['cue:scope-wide', 'entire system'],
  ['cue:scope-wide', 'whole system'],
  ['cue:scope-wide', 'entire application'],
  ['cue:scope-wide', 'entire app'],
  ['cue:scope-wide', 'whole app'],
  ['cue:scope-wide', 'every file'],
  ['cue:scope-wide', 'every module'],
  ['cue:scope-wide', 'every service'],
  ['cue:scope-wide', 'every package'],
  ['cue:scope-wide', 'every endpoint'],
  ['cue:scope-wide', 'every route'],
  ['cue:scope-wide', 'all services'],
  ['cue:scope-wide', 'all the services'],
  ['cue:scope-wide', 'all modules'],
  ['cue:scope-wide', 'all packages'],
  ['cue:scope-wide', 'across services'],
  ['cue:scope-wide', 'across the codebase'],
  ['cue:scope-wide', 'across modules'],
  ['cue:scope-wide', 'across packages'],
  ['cue:scope-wide', 'across teams'],
  ['cue:scope-wide', 'across the stack'],
  ['cue:scope-wide', 'across the system'],
  ['cue:scope-wide', 'across repos'],
  ['cue:scope-wide', 'across repositories'],
  ['cue:scope-wide', 'across multiple'],
  ['cue:scope-wide', 'across all'],
  ['cue:scope-wide', 'system wide'],
  ['cue:scope-wide', 'codebase wide'],
  ['cue:scope-wide', 'repo wide'],
  ['cue:scope-wide', 'repository wide'],
  ['cue:scope-wide', 'company wide'],
  ['cue:scope-wide', 'org wide'],
  ['cue:scope-wide', 'cross cutting'],
  ['cue:scope-wide', 'end to end'],
  ['cue:scope-wide', 'throughout the codebase'],
  ['cue:scope-wide', 'large scale'],
  ['cue:scope-wide', 'at scale'],
  ['cue:scope-wide', 'enterprise'],
  // hedges: the spec is unclear, somebody has to think
  ['cue:hedge', 'not sure'],
  ['cue:hedge', 'unsure'],
  ['cue:hedge', 'unclear'],
  ['cue:hedge', 'vague'],
  ['cue:hedge', 'ambiguous'],
  ['cue:hedge', 'ambiguity'],
  ['cue:hedge', 'figure out'],
  ['cue:hedge', 'work out'],
  ['cue:hedge', 'no idea'],
  ['cue:hedge', "don't know"],
  ['cue:hedge', 'do not know'],
  ['cue:hedge', 'underspecified'],
  ['cue:hedge', 'under specified'],
  ['cue:hedge', 'open ended'],
  ['cue:hedge', 'loosely defined'],
  ['cue:hedge', 'hand wavy'],
  ['cue:hedge', 'fuzzy'],
  ['cue:hedge', 'somehow'],
  ['cue:hedge', 'best way to'],
  ['cue:hedge', 'conflicting requirements'],
  ['cue:hedge', 'half baked'],
  ['cue:hedge', 'poorly defined'],
  ['cue:hedge', 'not well defined'],
  // symptoms that point at a hard root-cause hunt
  ['cue:intermittent', 'intermittent'],
  ['cue:intermittent', 'intermittently'],
  ['cue:intermittent', 'flaky'],
  ['cue:intermittent', 'flakes'],
  ['cue:intermittent', 'sporadic'],
  ['cue:intermittent', 'sporadically'],
  ['cue:intermittent', 'only sometimes'],
  ['cue:intermittent', 'sometimes'],
  ['cue:intermittent', 'occasionally'],
  ['cue:intermittent', 'randomly'],
  ['cue:intermittent', 'nondeterministic'],
  ['cue:intermittent', 'non deterministic'],
  ['cue:intermittent', 'race condition'],
  ['cue:intermittent', 'deadlock'],
  ['cue:intermittent', 'heisenbug'],
  ['cue:intermittent', 'under load'],
  ['cue:intermittent', 'only in production'],
  ['cue:intermittent', 'only after'],
  ['cue:intermittent', 'only when'],
  ['cue:intermittent', 'only on'],
  ['cue:intermittent', 'memory leak'],
  ['cue:intermittent', 'corrupt'],
  ['cue:intermittent', 'corruption'],
  ['cue:intermittent', 'once in a while'],
  ['cue:intermittent', 'every few'],
  ['cue:intermittent', 'after a few'],
  ['cue:intermittent', "can't reproduce"],
  ['cue:intermittent', 'cannot reproduce'],
  ['cue:intermittent', 'hard to reproduce'],
  ['cue:root-cause', 'root cause'],
  ['cue:root-cause', 'track down'],
  ['cue:root-cause', 'pin down'],
  ['cue:root-cause', 'get to the bottom'],
  ['cue:root-cause', 'figure out why'],
  ['cue:root-cause', 'investigate why'],
  ['cue:root-cause', 'find out why'],
  ['cue:root-cause', 'work out why'],
  ['cue:root-cause', 'postmortem'],
  ['cue:root-cause', 'post mortem'],
  ['cue:root-cause', 'bisect'],
  // decisions and trade-offs
  ['cue:tradeoff', 'trade off'],
  ['cue:tradeoff', 'tradeoff'],
  ['cue:tradeoff', 'tradeoffs'],
  ['cue:tradeoff', 'trade offs'],
  ['cue:tradeoff', 'pros and cons'],
  ['cue:tradeoff', 'weigh'],
  ['cue:tradeoff', 'versus'],
  ['cue:tradeoff', 'vs'],
  ['cue:tradeoff', 'decide between'],
  ['cue:tradeoff', 'choose between'],
  ['cue:tradeoff', 'decide whether'],
  ['cue:tradeoff', 'whether we should'],
  ['cue:tradeoff', 'whether to'],
  ['cue:tradeoff', 'should we'],
  ['cue:tradeoff', 'which approach'],
  ['cue:tradeoff', 'technical decision'],
  ['cue:tradeoff', 'technical decisions'],
  ['cue:tradeoff', 'design decision'],
  ['cue:tradeoff', 'design decisions'],
  ['cue:tradeoff', 'architectural decision'],
  ['cue:tradeoff', 'architectural decisions'],
  ['cue:tradeoff', 'worth it'],
  // choosing a technology: "<technology noun> choice"
  ['cue:tradeoff', 'framework choice'],
  ['cue:tradeoff', 'database choice'],
  ['cue:tradeoff', 'library choice'],
  ['cue:tradeoff', 'vendor choice'],
  ['cue:tradeoff', 'language choice'],
  // behaviour-preserving edits: ordinary refactors
  ['cue:preserve-behaviour', 'same behavior'],
  ['cue:preserve-behaviour', 'same behaviour'],
  // (plus a pattern in features.ts: "keep/preserve/maintain/retain … behaviour/functionality/semantics/compatibility",
  // "without changing/altering/breaking … behaviour", whatever words come between)
  ['cue:preserve-behaviour', 'no behavior change'],
  ['cue:preserve-behaviour', 'no behaviour change'],
  ['cue:preserve-behaviour', 'no functional change'],
  ['cue:preserve-behaviour', 'behavior unchanged'],
  ['cue:preserve-behaviour', 'behaviour unchanged'],
  // difficulty and triviality words
  ['cue:hard', 'complex'],
  ['cue:hard', 'tricky'],
  ['cue:hard', 'hard'],
  ['cue:hard', 'difficult'],
  ['cue:hard', 'subtle'],
  ['cue:hard', 'gnarly'],
  ['cue:hard', 'high stakes'],
  ['cue:hard', 'thorny'],
  ['cue:hard', 'deep dive'],
  ['cue:hard', 'in depth'],
  ['cue:hard', 'rigorous'],
  ['cue:hard', 'multi step'],
  ['cue:hard', 'non trivial'],
  ['cue:hard', 'nontrivial'],
  ['cue:hard', 'sophisticated'],
  ['cue:quick', 'quick'],
  ['cue:quick', 'quickly'],
  ['cue:quick', 'simple'],
  ['cue:quick', 'tiny'],
  ['cue:quick', 'trivial'],
  ['cue:quick', 'minor'],
  ['cue:quick', 'one liner'],
  ['cue:quick', 'one line'],
  ['cue:quick', 'small'],
  ['cue:quick', 'brief'],
  ['cue:quick', 'short'],
  ['cue:quick', 'concise'],
  ['cue:quick', 'fast'],
  ['cue:quick', 'cheap'],
  ['cue:quick', 'bulk'],
  ['cue:quick', 'batch'],
  ['cue:quick', 'in bulk'],
  ['cue:quick', 'high volume'],
  // cadence: work that runs on every change is a routine check, however serious its subject
  ['cue:routine', 'after every'],
  ['cue:routine', 'after each'],
  ['cue:routine', 'on every'],
  ['cue:routine', 'on each'],
  ['cue:routine', 'every time'],
  ['cue:routine', 'each time'],
  ['cue:routine', 'whenever'],
  ['cue:routine', 'routine'],
  ['cue:routine', 'routinely'],
  ['cue:routine', 'before every'],
  ['cue:routine', 'before each'],
  ['cue:routine', 'immediately after'],
  ['cue:routine', 'right after'],
  ['cue:routine', 'as part of every'],
  ['cue:routine', 'daily'],
  ['cue:routine', 'nightly'],
  ['cue:routine', 'per commit'],
  // ("each commit", "for all code changes": a quantifier before a change event, found in features.ts)
  // report-only work: a status or progress summary of what is already there, or a pass that says it
  // changes nothing ("read-only", "no code changes")
  ['cue:report-only', 'status report'],
  ['cue:report-only', 'status update'],
  ['cue:report-only', 'progress report'],
  ['cue:report-only', 'progress update'],
  ['cue:report-only', 'standup'],
  ['cue:report-only', 'weekly summary'],
  ['cue:report-only', 'daily summary'],
  ['cue:report-only', 'session summary'],
  ['cue:report-only', 'recap'],
  ['cue:report-only', 'digest'],
  ['cue:report-only', 'what is left'],
  ['cue:report-only', 'what changed'],
  ['cue:report-only', 'read only'],
  ['cue:report-only', 'no code changes'],
  // named families that are phrases
  ['vo:git-commit', 'commit message'],
  ['vo:git-commit', 'commit messages'],
  ['vo:git-commit', 'commit my changes'],
  ['vo:git-commit', 'commit the changes'],
  ['vo:git-commit', 'commit these changes'],
  ['vo:git-commit', 'commit and push'],
  ['vo:git-commit', 'create a branch'],
  ['vo:git-commit', 'create a new branch'],
  ['vo:git-commit', 'new branch'],
  ['vo:git-commit', 'open a pr'],
  ['vo:git-commit', 'open a pull request'],
  ['vo:git-commit', 'pr description'],
  ['vo:git-commit', 'pr title'],
  ['vo:git-commit', 'changelog entry'],
  ['vo:git-commit', 'release notes'],
  ['vo:git-commit', 'push the branch'],
  ['vo:git-commit', 'stage the changes'],
  ['vo:git-commit', 'staged changes'],
  ['vo:seo-metadata', 'meta description'],
  ['vo:seo-metadata', 'meta descriptions'],
  ['vo:seo-metadata', 'meta title'],
  ['vo:seo-metadata', 'meta titles'],
  ['vo:seo-metadata', 'meta tags'],
  ['vo:seo-metadata', 'alt text'],
  ['vo:seo-metadata', 'title tag'],
  ['vo:seo-metadata', 'title tags'],
  ['vo:seo-metadata', 'open graph'],
  ['vo:seo-metadata', 'url slug'],
  ['vo:seo-metadata', 'seo'],
  ['vo:seo-metadata', 'schema markup'],
  ['vo:seo-metadata', 'keyword density'],
  ['vo:seo-metadata', 'social post'],
  ['vo:seo-metadata', 'social media'],
  ['vo:extract-items', 'pull out'],
  ['vo:extract-items', 'find all'],
  ['vo:extract-items', 'list all'],
  ['vo:extract-items', 'show me all'],
  ['vo:extract-items', 'show me the'],
  ['vo:extract-items', 'give me a list'],
  ['vo:classify-items', 'sort into'],
  ['vo:classify-items', 'sentiment'],
  ['vo:classify-items', 'taxonomy'],
  ['vo:classify-items', 'categories'],
  ['vo:classify-items', 'classify'],
  ['vo:classify-items', 'categorize'],
  ['vo:classify-items', 'categorise'],
  ['vo:classify-items', 'label each'],
  ['vo:classify-items', 'tag each'],
  ['vo:classify-items', 'triage'],
  ['vo:review-code', 'code review'],
  ['vo:review-code', 'code reviews'],
  ['vo:review-code', 'code reviewer'],
  ['vo:review-code', 'pr review'],
  ['vo:review-code', 'review my changes'],
  ['vo:review-code', 'review the changes'],
  ['vo:review-code', 'second pair of eyes'],
  ['vo:review-code', 'sanity check the design'],
  ['vo:security-audit', 'security audit'],
  ['vo:security-audit', 'security review'],
  ['vo:security-audit', 'threat model'],
  ['vo:security-audit', 'threat modeling'],
  ['vo:security-audit', 'penetration test'],
  ['vo:security-audit', 'pen test'],
  ['vo:security-audit', 'vulnerability assessment'],
  ['vo:security-audit', 'security auditor'],
  ['vo:security-audit', 'attack surface'],
  ['vo:design-system', 'system design'],
  ['vo:design-system', 'software architecture'],
  ['vo:design-system', 'architecture decision'],
  ['vo:design-system', 'data model'],
  ['vo:design-system', 'schema design'],
  ['vo:design-system', 'api design'],
  ['vo:design-system', 'design doc'],
  ['vo:design-system', 'rfc'],
  ['vo:convert-format', 'convert to'],
  ['vo:convert-format', 'from json'],
  ['vo:convert-format', 'to json'],
  ['vo:convert-format', 'to yaml'],
  ['vo:convert-format', 'to csv'],
  ['vo:convert-format', 'to markdown'],
  ['vo:convert-format', 'into json'],
  ['vo:convert-format', 'into yaml'],
  ['vo:convert-format', 'into csv'],
  ['vo:convert-format', 'into markdown'],
  ['vo:convert-format', 'into a table'],
  ['vo:convert-format', 'as a table'],
  ['style:agent', 'use proactively'],
  ['style:agent', 'use this agent'],
  ['style:agent', 'use when'],
  ['style:agent', 'specializing in'],
  ['style:agent', 'specialist'],
  ['style:agent', 'expert in'],
  ['style:agent', 'proactively'],
  ['style:agent', 'use for'],
  ['style:agent', 'use after'],
  ['style:agent', 'use before'],
  ['style:agent', 'masters'],
  ['style:agent', 'specializes in'],
  ['style:agent', 'expert'],
  ['style:agent', 'agent that'],
  ['style:agent', 'agent for'],
  ['style:agent', 'this agent'],
  ['style:agent', 'specialist in'],
  ['style:agent', 'agent'],
  ['style:agent', 'subagent'],
  ['style:agent', 'persona'],
  ['style:agent', 'acts as'],
  ['style:agent', 'orchestrator'],
];

// Behaviour-preserving edits as a pattern rather than fixed phrases (features.ts findPreserve): a keep
// verb, or a negated change verb ("without altering", "don't break"), then a behaviour noun a few words
// on in the same clause. Surface words: "functionality" stems like "function", which is not meant here.
export const PRESERVE_KEEP_WORDS: ReadonlySet<string> = new Set(
  'keep keeps keeping kept preserve preserves preserving preserved maintain maintains maintaining maintained retain retains retaining retained'.split(
    ' ',
  ),
);
export const PRESERVE_CHANGE_WORDS: ReadonlySet<string> = new Set(
  'change changes changing changed alter alters altering altered break breaks breaking affect affects affecting modify modifies modifying'.split(
    ' ',
  ),
);
export const PRESERVE_OBJECT_WORDS: ReadonlySet<string> = new Set(
  'behavior behaviour behaviors behaviours functionality semantics compatibility'.split(' '),
);

// Alarm words: how the writer feels about the task, never what it is ("urgent", "P0", "incident
// call in 5 min"). Set aside before any feature is read.
export const ALARM_WORDS: ReadonlySet<string> = new Set(
  'urgent urgently asap emergency critical critically p0 p1 sev0 sev1 sev2 blocker incident outage hotfix firefight firefighting'.split(
    ' ',
  ),
);

// Minimisers: words that make a task sound small. Set aside when the task names intermittent,
// cross-cutting or security work ("just a quick look: totals are off now and then").
export const MINIMISER_WORDS: ReadonlySet<string> = new Set(
  'quick quickly simple simply small smallish tiny minor little easy easily trivial trivially tweak brief briefly nothing favor favour probably'.split(
    ' ',
  ),
);

// Verbs that open an instruction: after a label ("Quick tweak: rename …") they show the label is
// not the task.
export const IMPERATIVE_VERBS: ReadonlySet<string> = new Set(
  (
    'add fix write make update rename move remove delete bump create implement build find check look take tell explain ' +
    'show give help debug investigate figure review audit design refactor convert extract list summarize summarise classify ' +
    'tag generate draft translate format sort clean migrate upgrade replace set change run test document describe compare ' +
    'decide pick choose plan propose profile optimize optimise speed wire hook port split merge parse validate count grab ' +
    'pull dump lint rewrite restructure untangle diagnose trace track can could pls please name call put use switch ' +
    'swap turn get send open close drop copy insert append replace stop start'
  ).split(' '),
);

// Role nouns: agent descriptions name a role ("Expert Go reviewer", "Planner agent") near the start.
// Matched on the surface word, not the stem: "reviewer" is a role, "review" is a task.
export const ROLE_NOUNS: ReadonlySet<string> = new Set(
  (
    'expert specialist engineer developer architect analyst reviewer writer assistant agent subagent orchestrator investigator ' +
    'strategist consultant auditor designer manager lead author explorer builder planner generator evaluator responder judge ' +
    'partner administrator researcher scientist coordinator helper tracker reporter drafter translator formatter ' +
    'classifier summarizer optimizer enforcer checker fetcher organizer persona'
  )
    .split(' ')
    .flatMap((w) => [w, `${w}s`]),
);

// Family word cues (raw words): which task family a single word suggests, and how strongly.
// Used only to name the family of a decision (see families.ts), never to pick the tier.
export const FAMILY_WORDS: ReadonlyArray<readonly [family: string, strength: number, words: string]> = [
  ['review', 2, 'review critique scrutinize'],
  ['security-audit', 2, 'audit security vulnerability owasp pentest threat exploit malware compliance harden'],
  ['architecture', 2, 'architecture design blueprint microservices monolith scalable distributed topology tenant'],
  [
    'refactor',
    1.5,
    'refactor untangle restructure migration rewrite decouple modularize modernize legacy overhaul consolidate',
  ],
  ['root-cause', 1.5, 'investigate diagnose leak race deadlock intermittent flaky'],
  ['ambiguous-spec', 1.5, 'spec requirements vague unclear ambiguous'],
  ['new-code', 1, 'add implement build create scaffold endpoint feature component script widget integrate develop'],
  [
    'edit',
    1,
    'update change rename modify refactor tweak adjust cleanup simplify remove replace move convert upgrade bump',
  ],
  ['tests', 2, 'test unit e2e coverage mock fixture tdd'],
  ['debugging', 1.5, 'debug fix bug error failing crash broken exception stacktrace troubleshoot'],
  ['docs', 1.5, 'docs readme tutorial guide blog draft article post changelog comment jsdoc docstring write'],
  ['format-conversion', 1.5, 'convert format json yaml csv toml xml markdown html translate indent prettify'],
  ['extraction', 1.5, 'extract list pull summarize scrape parse find search show'],
  ['classification', 2, 'classify categorize tag label triage sentiment taxonomy'],
  ['metadata', 2, 'seo meta metadata slug alt keyword faq caption hashtag title snippet'],
  ['commit-message', 2, 'commit branch push rebase stash'],
];

/**
 * The lexicon after stemming: what the feature extractor and family picker read at run time.
 * Space-joined strings rather than nested arrays: the weights file stays cheap to load.
 */
export interface CompiledLexicon {
  /** Stems of each word set, sorted, space-joined. */
  sets: Record<WordSetName, string>;
  /** "cue stem stem ..." per phrase, in PHRASES order. */
  phrases: string[];
  /** [family, strength, "stem stem ..."] per FAMILY_WORDS entry. */
  familyWords: Array<[string, number, string]>;
  /** Words whose misspellings are read as them (see shorthand.ts), each as "word/stem" (or "word" when it is its own stem), space-joined. */
  typoTargets: string;
  /** Stems of English words one edit from a target that are words of their own, space-joined. */
  typoGuard: string;
}

// Words that carry weight but are in no word set or phrase: their misspellings are read too.
export const TYPO_EXTRA =
  'message messages implement refactor everywhere changes please before dependencies performance thread concurrency ' +
  'middleware authentication authorization migration regression rollback deploy production timeout caching';

// Words of our own domain one edit from a target that no English word list has (tool names).
export const REAL_WORDS = 'redis nginx kafka webpack vitest eslint prettier jest mocha axios preact classifier';
