import type { Classification, Evidence } from '../types.js';
import { evidenceGloss } from '../decide/classifier/i18n-gloss.js';

const LABELS: Record<string, string> = {
  // The length features count content words: "convert this CSV file to JSON" has six words, four of them
  // content words, and is in the 1–4 bucket.
  'len:1-4': 'a short task (1–4 words, not counting "the", "to", "this" and the like)',
  'len:5-9': 'a short task (5–9 words, not counting "the", "to", "this" and the like)',
  'size:huge': 'very long text',
  'q:question': 'a question',
  'q:short-question': 'a short question',
  'paste:big': 'a long pasted fragment',
  'paste:trace': 'a pasted stack trace',
  'paste:diff': 'a pasted diff',
  'paste:log': 'pasted log lines',
  'paste:json': 'pasted JSON',
  'paste:sql': 'pasted SQL',
  'paste:config': 'a pasted config',
  'paste:code': 'pasted code',
  'paste:text': 'pasted text',
  'style:agent': 'reads like an agent description',
  'style:role': 'names a role',
  'style:third-person': 'describes what an agent does',
  'cue:design-and-build': 'an agent that designs and also builds',
  'vo:lookup': 'looks something up (finds or fetches what exists)',
  'cue:report-only': 'reports without changing anything',
};

/**
 * Evidence as a person reads it: the words that matched (with the English they stand for when the
 * task is in another language: "auditar → audit"), or what a structural feature means.
 */
export function evidenceLabel(e: Pick<Evidence, 'feature' | 'match'>): string {
  if (e.match) {
    const gloss = evidenceGloss(e.feature, e.match);
    return gloss === undefined ? `"${e.match}"` : `"${e.match} → ${gloss}"`;
  }
  const label = LABELS[e.feature];
  if (label) return label;
  const [kind, rest = ''] = e.feature.split(':', 2) as [string, string?];
  if (kind === 'cue') return `${rest.replace(/-/g, ' ')} cue`;
  if (kind === 'not') return `"not ${rest}"`;
  return e.feature;
}

/**
 * The strongest evidence for the tier the classifier chose, the words the text really contains
 * first (they make the best reasons), then structural features: what --explain's "why" line names.
 */
export function topEvidence(classification: Classification, count = 3): Evidence[] {
  const forTier = classification.evidence.filter((e) => e.tier === classification.tier);
  return [...forTier.filter((e) => e.match), ...forTier.filter((e) => !e.match)].slice(0, count);
}
