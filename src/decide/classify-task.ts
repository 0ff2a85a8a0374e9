// The task classifier: reads a task description and says which tier it needs.
// Pure and deterministic: hand-written feature extractors (word stems, bigrams, verb–object
// patterns, scope/hedge/negation cues, question form, length) feed a small softmax model whose
// weights are trained by scripts/train-classifier.mjs on data/training-tasks.tsv.

import { TIERS, type Classification, type Evidence, type Tier } from '../types.js';
import { createExtractor, type Feature } from './classifier/features.js';
import type { CompiledLexicon } from './classifier/lexicon.js';
import { familyTier as homeTier, pickFamily, TASK_FAMILIES, wordCues } from './classifier/families.js';
import model from './classifier-weights.json' with { type: 'json' };

export { TASK_FAMILIES };
export type { TaskFamily } from './classifier/families.js';

/** The tier the routing guide gives a task family ("review" -> opus), or undefined. */
export function familyTier(family: string): Tier | undefined {
  return homeTier(family);
}

interface ModelFile {
  temperature: number;
  bias: number[];
  /** Feature names; feature i's centred [haiku, sonnet, opus] weights are weights[3i..3i+2]. */
  features: string[];
  weights: number[];
  /** Confidence is multiplied by this for agent-style descriptions (they describe many tasks). */
  agentConfidenceScale?: number;
  /** Logit offsets added for agent-style descriptions (fitted by cross-validation on the training rows). */
  agentBias?: number[];
  /** The stemmed lexicon the features were trained with (see classifier/compile-lexicon.ts). */
  lexicon: CompiledLexicon;
}

// Parallel arrays, loaded as they are: only a name -> offset Map is built (no per-entry arrays).
// Built on the first classification, not when the module loads (~1 ms that commands which never
// classify, such as `cr stats`, would pay).
function loadModel() {
  const MODEL = model as unknown as ModelFile;
  return {
    W: MODEL.weights,
    NAMES: MODEL.features,
    BIAS: [MODEL.bias[0] ?? 0, MODEL.bias[1] ?? 0, MODEL.bias[2] ?? 0] as const,
    TEMPERATURE: MODEL.temperature > 0 ? MODEL.temperature : 1,
    AGENT_SCALE: MODEL.agentConfidenceScale ?? 1,
    AGENT_BIAS: [MODEL.agentBias?.[0] ?? 0, MODEL.agentBias?.[1] ?? 0, MODEL.agentBias?.[2] ?? 0] as const,
    extractFeatures: createExtractor(MODEL.lexicon),
    WORD_CUES: wordCues(MODEL.lexicon.familyWords),
  };
}
let loaded: ReturnType<typeof loadModel> | undefined;

/**
 * Where a feature's three weights start in W, or -1 for a feature the model does not know. A binary
 * search over the names, which the training script writes sorted: a task looks up a few dozen names,
 * and a Map of all ~2,000 would cost ~1 ms to build in every process.
 */
export function weightOffset(names: readonly string[], name: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return lo < names.length && names[lo] === name ? 3 * lo : -1;
}
const MAX_EVIDENCE = 8;
/** How much evidence from the task's own words it takes to route away from Sonnet. */
const MIN_WORD_PULL = 0.3;

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Features that say what shape a task has, not what it asks: its length, its size, that it is a
 * question. They move scores, but never alone a pick away from Sonnet (the guide's default).
 */
const SHAPE_FEATURES = new Set([
  'len:1-4',
  'len:5-9',
  'size:huge',
  'q:question',
  'q:short-question',
  'q:open',
  'paste:big',
]);

function emptyResult(): Classification {
  return {
    tier: 'sonnet',
    scores: { haiku: 0.3, sonnet: 0.4, opus: 0.3 },
    confidence: 0.4,
    family: 'general',
    evidence: [],
    runnerUp: { tier: 'opus', margin: 0.1 },
    contextNeed: 'ordinary',
  };
}

/** Classify one task description. Pure: no I/O, no clock, no randomness. */
export function classifyTask(text: string): Classification {
  if (typeof text !== 'string' || text.trim().length === 0) return emptyResult();
  const { W, NAMES, BIAS, TEMPERATURE, AGENT_SCALE, AGENT_BIAS, extractFeatures, WORD_CUES } = (loaded ??= loadModel());

  const { features, roleSentence, contextNeed, contextMatch, setAside } = extractFeatures(text);
  const context = {
    contextNeed,
    ...(contextMatch === undefined ? {} : { contextMatch }),
    ...(setAside.length === 0 ? {} : { setAside }),
  };
  const isAgentStyle = features.some((f) => f.name.startsWith('style:'));
  const logits: [number, number, number] = isAgentStyle
    ? [BIAS[0] + AGENT_BIAS[0], BIAS[1] + AGENT_BIAS[1], BIAS[2] + AGENT_BIAS[2]]
    : [BIAS[0], BIAS[1], BIAS[2]];
  const used: Array<{ f: Feature; w: readonly [number, number, number] }> = [];
  // The same sum without the shape features: what the task's words alone say.
  const wordLogits: [number, number, number] = [logits[0], logits[1], logits[2]];
  for (const f of features) {
    const o = weightOffset(NAMES, f.name);
    if (o < 0) continue;
    const w = [W[o]!, W[o + 1]!, W[o + 2]!] as const;
    logits[0] += f.value * w[0];
    logits[1] += f.value * w[1];
    logits[2] += f.value * w[2];
    if (!SHAPE_FEATURES.has(f.name)) for (let k = 0; k < 3; k++) wordLogits[k] = wordLogits[k]! + f.value * w[k]!;
    used.push({ f, w });
  }

  // Calibrated softmax (temperature fitted on held-out folds by the training script).
  const z = logits.map((l) => l / TEMPERATURE);
  const max = Math.max(z[0]!, z[1]!, z[2]!);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e[0]! + e[1]! + e[2]!;
  const p = e.map((v) => v / sum);
  const scores: Record<Tier, number> = { haiku: p[0]!, sonnet: p[1]!, opus: p[2]! };

  // A question about correctness, safety or bugs ("is this thread-safe?") is a small review: never
  // Haiku, however short. The pick is the better of the other two.
  const noHaiku = features.some((f) => f.name === 'q:correctness');
  const order = [0, 1, 2].sort((a, b) => p[b]! - p[a]! || a - b);
  if (noHaiku && order[0] === 0) order.push(order.shift()!);
  const tier = TIERS[order[0]!]!;
  const second = TIERS[order[1]!]!;
  // A later sentence that opens like an agent description ("… Produces the README") scales the
  // confidence as the style:* features do, but moves no logit: the tier stays the model's.
  const scale = isAgentStyle || roleSentence !== undefined ? AGENT_SCALE : 1;
  const confidence = p[order[0]!]! * scale;
  // Said in the result so that a reader of the scores (cr --explain, --json) can see why the
  // confidence is lower than the winning score.
  const scaled =
    scale === 1
      ? {}
      : roleSentence !== undefined
        ? { confidenceScale: scale, roleSentence }
        : { confidenceScale: scale };

  // Evidence: each feature's push toward the tier it favours most, relative to the others.
  const evidence: Evidence[] = [];
  for (const { f, w } of used) {
    const c = [w[0] * f.value, w[1] * f.value, w[2] * f.value];
    const mean = (c[0]! + c[1]! + c[2]!) / 3;
    let bi = 0;
    for (let i = 1; i < 3; i++) if (c[i]! > c[bi]!) bi = i;
    const weight = c[bi]! - mean;
    if (weight < 0.05) continue;
    const ev: Evidence = { feature: f.name, tier: TIERS[bi]!, weight: round(weight, 3) };
    if (f.match !== undefined) ev.match = f.match.length > 80 ? `${f.match.slice(0, 77)}...` : f.match;
    evidence.push(ev);
  }
  evidence.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  evidence.length = Math.min(evidence.length, MAX_EVIDENCE);

  // Sonnet by default (the routing guide): leaving it takes words in the task that point elsewhere,
  // not only the task's shape. "refactor auth" is short, but short is not formulaic.
  const wordPull = (t: Tier): number =>
    evidence
      .filter((ev) => ev.tier === t && ev.match !== undefined && !SHAPE_FEATURES.has(ev.feature))
      .reduce((sum, ev) => sum + ev.weight, 0);
  if (tier !== 'sonnet' && wordPull(tier) < MIN_WORD_PULL) {
    // The shape alone leaned this way. The words alone may still point away from Sonnet
    // ("Threat model the login form" is short, which leans haiku, but its words say opus).
    const byWords = [0, 1, 2]
      .filter((k) => !(noHaiku && k === 0))
      .sort((a, b) => wordLogits[b]! - wordLogits[a]! || a - b)[0]!;
    const wordTier = TIERS[byWords]!;
    if (wordTier !== 'sonnet' && wordTier !== tier && wordPull(wordTier) >= MIN_WORD_PULL) {
      return {
        tier: wordTier,
        scores: { haiku: scores.haiku, sonnet: scores.sonnet, opus: scores.opus },
        confidence: round(scores[wordTier] * scale),
        family: pickFamily(features, wordTier, WORD_CUES),
        evidence,
        runnerUp: { tier, margin: 0 },
        ...scaled,
        shapeOverruled: tier,
        ...context,
      };
    }
    return {
      tier: 'sonnet',
      scores: { haiku: scores.haiku, sonnet: scores.sonnet, opus: scores.opus },
      confidence: round(scores.sonnet * scale),
      family: 'general',
      evidence,
      runnerUp: { tier, margin: 0 },
      ...scaled,
      defaultedFrom: tier,
      ...context,
    };
  }

  return {
    tier,
    scores: { haiku: scores.haiku, sonnet: scores.sonnet, opus: scores.opus },
    confidence: round(confidence),
    family: pickFamily(features, tier, WORD_CUES),
    evidence,
    runnerUp: { tier: second, margin: round(p[order[0]!]! - p[order[1]!]!) },
    ...scaled,
    ...context,
  };
}
