// Task families: a readable name for *what kind* of task this is, and the tier the
// routing guide gives that kind of task. The linear model picks the tier; the family
// is the best-supported family whose home tier matches it.

import type { Tier } from '../../types.js';
import type { Feature } from './features.js';

export const TASK_FAMILIES = [
  'review',
  'security-audit',
  'architecture',
  'refactor',
  'root-cause',
  'ambiguous-spec',
  'new-code',
  'edit',
  'tests',
  'debugging',
  'docs',
  'format-conversion',
  'extraction',
  'classification',
  'metadata',
  'commit-message',
  'simple-question',
  'general',
] as const;
export type TaskFamily = (typeof TASK_FAMILIES)[number];

const HOME_TIER: Readonly<Record<TaskFamily, Tier>> = {
  review: 'opus',
  'security-audit': 'opus',
  architecture: 'opus',
  refactor: 'opus',
  'root-cause': 'opus',
  'ambiguous-spec': 'opus',
  'new-code': 'sonnet',
  edit: 'sonnet',
  tests: 'sonnet',
  debugging: 'sonnet',
  docs: 'sonnet',
  general: 'sonnet',
  'format-conversion': 'haiku',
  extraction: 'haiku',
  classification: 'haiku',
  metadata: 'haiku',
  'commit-message': 'haiku',
  'simple-question': 'haiku',
};

/** The tier the routing guide gives a family; undefined for unknown names. */
export function familyTier(family: string): Tier | undefined {
  return (HOME_TIER as Record<string, Tier>)[family];
}

// Cue -> (family, strength). Pattern features are strong; single words are weaker.
type Cues = ReadonlyArray<readonly [TaskFamily, number]>;
const PATTERN_CUES: Readonly<Record<string, Cues>> = {
  'vo:review-code': [['review', 3]],
  'vo:review-prose': [
    ['docs', 2],
    ['edit', 1],
  ],
  'vo:security-audit': [
    ['security-audit', 3],
    ['review', 1],
  ],
  'vo:design-system': [['architecture', 3]],
  'vo:design-ui': [['new-code', 2]],
  'cue:design-and-build': [['new-code', 2]],
  'cue:tradeoff': [['architecture', 2]],
  'q:decision-question': [['architecture', 2]],
  'cue:scope-wide': [
    ['refactor', 1],
    ['review', 0.5],
  ],
  'cue:hedge': [['ambiguous-spec', 3]],
  'cue:intermittent': [['root-cause', 3]],
  'cue:root-cause': [['root-cause', 3]],
  'q:why-question': [
    ['debugging', 1],
    ['root-cause', 1],
  ],
  'cue:preserve-behaviour': [
    ['edit', 1.5],
    ['refactor', 1],
  ],
  'vo:convert-format': [['format-conversion', 3]],
  'vo:tidy-format': [['format-conversion', 2.5]],
  'vo:extract-items': [['extraction', 3]],
  'vo:classify-items': [['classification', 3]],
  'vo:seo-metadata': [['metadata', 3]],
  'vo:git-commit': [['commit-message', 3]],
  'vo:lookup': [
    ['extraction', 2],
    ['simple-question', 1],
  ],
  'cue:report-only': [['extraction', 2]],
  'q:short-question': [['simple-question', 2]],
  'q:question': [['simple-question', 1]],
};

/**
 * Pick a family for the decided tier from the features that fired. `wordCues` maps single-word
 * features to families (lexicon.ts FAMILY_WORDS, stemmed into the compiled lexicon). Returns the best-supported
 * family whose home tier is `tier`, or "general" when none has support.
 */
export type WordCues = ReadonlyMap<string, ReadonlyArray<readonly [string, number]>>;

/** Feature name ("w:<stem>") -> [family, strength] pairs, from the compiled FAMILY_WORDS. */
export function wordCues(familyWords: ReadonlyArray<readonly [string, number, string]>): WordCues {
  const out = new Map<string, Array<readonly [string, number]>>();
  for (const [family, strength, stems] of familyWords) {
    for (const s of stems.split(' ')) {
      const key = `w:${s}`;
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push([family, strength]);
    }
  }
  return out;
}

export function pickFamily(features: readonly Feature[], tier: Tier, words: WordCues): TaskFamily {
  const score = new Map<string, number>();
  for (const f of features) {
    const cues = PATTERN_CUES[f.name] ?? words.get(f.name);
    if (!cues) continue;
    for (const [family, strength] of cues) score.set(family, (score.get(family) ?? 0) + strength);
  }
  let best: TaskFamily = 'general';
  let bestScore = 0;
  for (const family of TASK_FAMILIES) {
    const s = score.get(family) ?? 0;
    if (s > bestScore && HOME_TIER[family] === tier) {
      best = family;
      bestScore = s;
    }
  }
  return best;
}
