import { likelyTypoOf } from '../typo.js';
import { TIERS, type Tier } from '../types.js';

export interface LabeledOutcome {
  expect: Tier;
  got: Tier;
}

export interface AgreementSummary {
  total: number;
  agreed: number;
  /** 0–1. */
  agreement: number;
  recall: Record<Tier, { expected: number; agreed: number; recall: number | null }>;
  /** Opus expected and Haiku given, or the reverse. */
  severe: number;
}

/** Agreement, per-tier recall and severe errors over labeled decisions. Pure. */
export function summariseAgreement(outcomes: readonly LabeledOutcome[]): AgreementSummary {
  const recall = Object.fromEntries(
    TIERS.map((t) => [t, { expected: 0, agreed: 0, recall: null as number | null }]),
  ) as AgreementSummary['recall'];
  let agreed = 0;
  let severe = 0;
  for (const { expect, got } of outcomes) {
    recall[expect].expected++;
    if (expect === got) {
      agreed++;
      recall[expect].agreed++;
    } else if ((expect === 'opus' && got === 'haiku') || (expect === 'haiku' && got === 'opus')) severe++;
  }
  for (const tier of TIERS)
    recall[tier].recall = recall[tier].expected ? recall[tier].agreed / recall[tier].expected : null;
  return { total: outcomes.length, agreed, agreement: outcomes.length ? agreed / outcomes.length : 1, recall, severe };
}

/** Parses `expect<TAB>task` lines; a first line whose first field is not a tier is a header. */
export function parseLabeledTasks(text: string): {
  rows: { expect: Tier; task: string; line: number }[];
  problems: string[];
} {
  const rows: { expect: Tier; task: string; line: number }[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const [label = '', task = ''] = raw.split('\t');
    const expect = label.trim().toLowerCase();
    // A first line whose label is no tier is a header ("expect<TAB>task"), unless it is a tier
    // mistyped ("opsu"): that row would otherwise drop out of the check unsaid.
    if (i === 0 && !(TIERS as readonly string[]).includes(expect) && !likelyTypoOf(expect, TIERS)) return;
    if (!raw.includes('\t')) {
      problems.push(`line ${i + 1}: no tab (expected "opus", "sonnet" or "haiku", a tab, then the task)`);
      return;
    }
    if (!(TIERS as readonly string[]).includes(expect)) {
      problems.push(`line ${i + 1}: expected "opus", "sonnet" or "haiku" before the tab, got "${label.slice(0, 20)}"`);
      return;
    }
    if (!task.trim()) {
      problems.push(`line ${i + 1}: no task after the tab`);
      return;
    }
    rows.push({ expect: expect as Tier, task: task.trim(), line: i + 1 });
  });
  return { rows, problems };
}
