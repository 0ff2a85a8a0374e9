/** Model tiers, cheapest first: the order escalation and step-down walk. */
export const TIERS = ['haiku', 'sonnet', 'opus'] as const;
export type Tier = (typeof TIERS)[number];

/** `claude --effort` levels (Claude Code 2.1.332 has them; older releases have no --effort). */
export const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type EffortLevel = (typeof EFFORT_LEVELS)[number];

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

export function tierAbove(tier: Tier): Tier | undefined {
  return TIERS[TIERS.indexOf(tier) + 1];
}

export function tierBelow(tier: Tier): Tier | undefined {
  const i = TIERS.indexOf(tier);
  return i > 0 ? TIERS[i - 1] : undefined;
}

export function minTier(a: Tier, b: Tier): Tier {
  return TIERS.indexOf(a) <= TIERS.indexOf(b) ? a : b;
}

export function maxTier(a: Tier, b: Tier): Tier {
  return TIERS.indexOf(a) >= TIERS.indexOf(b) ? a : b;
}

/** One piece of evidence the classifier used: a matched feature and how far it pushed a tier. */
export interface Evidence {
  /** Stable feature id, e.g. "verb:review+object:code" or "word:audit". */
  feature: string;
  /** The tier this evidence pushes toward. */
  tier: Tier;
  /** Signed contribution toward `tier` (larger = stronger). */
  weight: number;
  /** The text in the task that matched, when there is one. */
  match?: string;
}

/** What the task text says, as the pure classifier reads it. */
export interface Classification {
  tier: Tier;
  /** Probability per tier; sums to 1. */
  scores: Record<Tier, number>;
  /** 0–1; decisions with confidence >= 0.8 should be right >= 95% of the time. */
  confidence: number;
  /** Task family, e.g. "review", "architecture", "format-conversion", "general". */
  family: string;
  /** Strongest evidence first. */
  evidence: Evidence[];
  runnerUp: { tier: Tier; margin: number };
  /**
   * Set (below 1) when `confidence` is not the chosen tier's score but that score times this
   * factor: for agent-style descriptions, which describe a role covering many tasks, the model's
   * probabilities overstate how settled the tier is, so the confidence is scaled down.
   */
  confidenceScale?: number;
  /**
   * Set with confidenceScale when no agent-style feature fired but a sentence after the first
   * opens like an agent description (a third-person verb, "Produces"): that word.
   */
  roleSentence?: string;
  /**
   * Set when the scores leaned to this tier by the task's shape alone (e.g. its length) and the
   * classifier kept Sonnet, the default, because none of the task's words pointed away from it.
   */
  defaultedFrom?: Tier;
  /**
   * Set when the scores leaned to this tier by the task's shape alone and the task's words pointed
   * to another tier away from Sonnet, which was picked ("threat model the login form": short, but
   * its words say opus). `runnerUp` is then this tier, with margin 0: it was not outscored.
   */
  shapeOverruled?: Tier;
  /**
   * What the task asks of a long input: 'reasoning' over it (why, a root cause, an analysis),
   * 'extraction' from it (extract, list, summarise, convert), or 'ordinary' work that merely comes
   * with it. For the long-context rule: careful reasoning over a long input is Opus work.
   */
  contextNeed: ContextNeed;
  /** The words of the task that set contextNeed (absent for 'ordinary'). */
  contextMatch?: string;
  /**
   * Words read but set aside, and why: a label before the task ("Quick tweak:"), an alarm word
   * ("urgent"), a minimiser on intermittent or cross-cutting work, a negated word ("no need to
   * review"), pasted data (its words are not the instruction), a symptom told as context in
   * another clause than a formulaic instruction, or a big word said of a small thing ("code review"
   * of a spelling fix). Absent when none.
   */
  setAside?: Array<{
    reason: 'label' | 'alarm' | 'minimiser' | 'negated' | 'pasted' | 'context' | 'claim';
    match: string;
  }>;
}

export type ContextNeed = 'reasoning' | 'extraction' | 'ordinary';
