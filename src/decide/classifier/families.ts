// Task families: a readable name for *what kind* of task this is, and the tier the
// routing guide gives that kind of task. The linear model picks the tier; the family
// is the best-supported family whose home tier matches it.

import type { Tier } from '../../types.js';
import type { Feature } from './features.js';
import { stem } from './text.js';

export const TASK_FAMILIES = [
  'review', 'security-audit', 'architecture', 'refactor', 'root-cause', 'ambiguous-spec',
  'new-code', 'edit', 'tests', 'debugging', 'docs',
  'format-conversion', 'extraction', 'classification', 'metadata', 'commit-message', 'simple-question',
  'general',
] as const;
export type TaskFamily = (typeof TASK_FAMILIES)[number];

const HOME_TIER: Readonly<Record<TaskFamily, Tier>> = {
  review: 'opus', 'security-audit': 'opus', architecture: 'opus', refactor: 'opus', 'root-cause': 'opus', 'ambiguous-spec': 'opus',
  'new-code': 'sonnet', edit: 'sonnet', tests: 'sonnet', debugging: 'sonnet', docs: 'sonnet', general: 'sonnet',
  'format-conversion': 'haiku', extraction: 'haiku', classification: 'haiku', metadata: 'haiku', 'commit-message': 'haiku', 'simple-question': 'haiku',
};

/** The tier the routing guide gives a family; undefined for unknown names. */
export function familyTier(family: string): Tier | undefined {
  return (HOME_TIER as Record<string, Tier>)[family];
}

// Cue -> (family, strength). Pattern features are strong; single words are weaker.
type Cues = ReadonlyArray<readonly [TaskFamily, number]>;
const PATTERN_CUES: Readonly<Record<string, Cues>> = {
  'vo:review-code': [['review', 3]],
  'vo:review-prose': [['docs', 2], ['edit', 1]],
  'vo:security-audit': [['security-audit', 3], ['review', 1]],
  'vo:design-system': [['architecture', 3]],
  'vo:design-ui': [['new-code', 2]],
  'cue:tradeoff': [['architecture', 2]],
  'q:decision-question': [['architecture', 2]],
  'cue:scope-wide': [['refactor', 1], ['review', 0.5]],
  'cue:hedge': [['ambiguous-spec', 3]],
  'cue:intermittent': [['root-cause', 3]],
  'cue:root-cause': [['root-cause', 3]],
  'q:why-question': [['debugging', 1], ['root-cause', 1]],
  'cue:preserve-behaviour': [['edit', 1.5], ['refactor', 1]],
  'vo:convert-format': [['format-conversion', 3]],
  'vo:tidy-format': [['format-conversion', 2.5]],
  'vo:extract-items': [['extraction', 3]],
  'vo:classify-items': [['classification', 3]],
  'vo:seo-metadata': [['metadata', 3]],
  'vo:git-commit': [['commit-message', 3]],
  'q:short-question': [['simple-question', 2]],
  'q:question': [['simple-question', 1]],
};

const WORD_CUES: Readonly<Record<string, Cues>> = {};
function words(family: TaskFamily, strength: number, list: string): void {
  for (const w of list.split(/\s+/)) {
    if (!w) continue;
    const key = `w:${stem(w)}`;
    const prev = (WORD_CUES as Record<string, Array<readonly [TaskFamily, number]>>)[key] ?? [];
    prev.push([family, strength]);
    (WORD_CUES as Record<string, Array<readonly [TaskFamily, number]>>)[key] = prev;
  }
}
// Raw words; stemmed at start-up like the tokens are.
words('review', 2, 'review critique scrutinize');
words('security-audit', 2, 'audit security vulnerability owasp pentest threat exploit malware compliance harden');
words('architecture', 2, 'architecture design blueprint microservices monolith scalable distributed topology federation tenant');
words('refactor', 1.5, 'refactor untangle restructure migration rewrite decouple modularize modernize legacy overhaul consolidate');
words('root-cause', 1.5, 'investigate diagnose leak race deadlock intermittent flaky');
words('ambiguous-spec', 1.5, 'spec requirements vague unclear ambiguous');
words('new-code', 1, 'add implement build create scaffold endpoint feature component script widget integrate develop');
words('edit', 1, 'update change rename modify refactor tweak adjust cleanup simplify remove replace move convert upgrade bump');
words('tests', 2, 'test unit e2e coverage mock fixture tdd');
words('debugging', 1.5, 'debug fix bug error failing crash broken exception stacktrace troubleshoot');
words('docs', 1.5, 'docs readme tutorial guide blog draft article post changelog comment jsdoc docstring write');
words('format-conversion', 1.5, 'convert format json yaml csv toml xml markdown html translate indent prettify');
words('extraction', 1.5, 'extract list pull summarize scrape parse find search show');
words('classification', 2, 'classify categorize tag label triage sentiment taxonomy');
words('metadata', 2, 'seo meta metadata slug alt keyword faq caption hashtag title snippet');
words('commit-message', 2, 'commit branch push rebase stash');

/**
 * Pick a family for the decided tier from the features that fired. Returns the best-supported
 * family whose home tier is `tier`, or "general" when none has support.
 */
export function pickFamily(features: readonly Feature[], tier: Tier): TaskFamily {
  const score = new Map<TaskFamily, number>();
  for (const f of features) {
    const cues = PATTERN_CUES[f.name] ?? WORD_CUES[f.name];
    if (!cues) continue;
    for (const [family, strength] of cues) score.set(family, (score.get(family) ?? 0) + strength);
  }
  let best: TaskFamily = 'general';
  let bestScore = 0;
  for (const family of TASK_FAMILIES) {
    const s = score.get(family) ?? 0;
    if (s > bestScore && HOME_TIER[family] === tier) { best = family; bestScore = s; }
  }
  return best;
}
