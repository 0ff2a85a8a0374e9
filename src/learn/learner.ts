// The pure learner: given the user's labelled examples (loaded at the edge), says whether a task
// looks like past tasks the user routed differently, and what tier that suggests.
//
// Similarity: cosine over the tasks' normalised terms (each term once; generic coding words such
// as "add", "fix", "code" weigh GENERIC_WEIGHT). A past task counts fully at similarity >= FULL_SIM,
// not at all below MIN_SIM, linearly in between, so unrelated tasks are never touched.
// Votes: each similar example votes for its tier with KIND_WEIGHT × recency × similarity factor,
// recency halving every HALF_LIFE_DAYS. The classifier's own tier starts with a prior that grows
// with its confidence, from PRIOR_MIN (a coin toss) to PRIOR_MAX (certain): a tier other than the
// classifier's wins only with more votes than the prior plus the votes for the classifier's tier.
// With the defaults, counting fresh near-identical overrides: one flips a coin toss (confidence
// below ~0.48), two flip a decision of confidence below 0.8, a confident one (0.8 to 1.0) needs
// three; older, less similar or contradicted evidence (agreements push back) needs more. Agreements
// (cr's own picks, run unchanged) vote only for the classifier's tier: only the user's choices move a task.
import type { LearnedVerdict } from '../decide/decide.js';
import { TIERS, type Classification, type Tier } from '../types.js';
import { KIND_WEIGHT, type Example, type ExampleKind } from './examples.js';
import { taskTerms, termNorm, termWeight } from './terms.js';

export const HALF_LIFE_DAYS = 30;
export const MIN_SIM = 0.25;
export const FULL_SIM = 0.55;
export const PRIOR_MIN = 0.75;
export const PRIOR_MAX = 2.5;
/** Past tasks cited in a verdict. */
export const MAX_CITED = 3;

/** Periods whose examples `cr learn --forget` told cr to ignore (times in ms). */
export interface ForgetRange {
  from?: number;
  to: number;
}

export type PreparedExample = Example;

/** The examples, ready for queries. */
export interface LearnedModel {
  examples: PreparedExample[];
}

export function prepareModel(examples: readonly Example[]): LearnedModel {
  return { examples: examples as Example[] };
}

export interface LearnOptions {
  /** The clock, ms since epoch. */
  now: number;
  forget?: readonly ForgetRange[];
}

export function forgotten(time: number, forget: readonly ForgetRange[] | undefined): boolean {
  if (!forget) return false;
  for (const r of forget) if (time <= r.to && (r.from === undefined || time >= r.from)) return true;
  return false;
}

export function recency(time: number, now: number): number {
  const age = Math.max(0, now - time);
  return 0.5 ** (age / (HALF_LIFE_DAYS * 86_400_000));
}

export function similarityFactor(sim: number): number {
  if (sim <= MIN_SIM) return 0;
  if (sim >= FULL_SIM) return 1;
  return (sim - MIN_SIM) / (FULL_SIM - MIN_SIM);
}

/** The weight the classifier's own tier starts with. */
export function classifierPrior(confidence: number): number {
  const x = Math.min(1, Math.max(0, (confidence - 1 / 3) / (2 / 3)));
  return PRIOR_MIN + (PRIOR_MAX - PRIOR_MIN) * x;
}

export interface Neighbour {
  example: PreparedExample;
  similarity: number;
  /** The vote it cast: kind weight × recency × similarity factor. */
  vote: number;
}

export interface LearnedScore {
  neighbours: Neighbour[];
  votes: Record<Tier, number>;
  prior: number;
  /** Votes plus the prior on the classifier's tier. */
  totals: Record<Tier, number>;
  tier: Tier;
}

/** Cosine similarity of the query (padded terms and their weights) and an example. Plain loops: this runs cold at launch. */
function cosine(padded: readonly string[], weights: readonly number[], queryNorm: number, e: Example): number {
  let dot = 0;
  const terms = e.terms;
  for (let i = 0; i < padded.length; i++) {
    if (terms.includes(padded[i]!)) dot += weights[i]! * weights[i]!;
  }
  return dot === 0 ? 0 : dot / Math.sqrt(queryNorm * e.norm);
}

/** Every similar example and the vote per tier; pure. */
export function scoreTask(
  model: LearnedModel,
  task: string,
  classification: Classification,
  options: LearnOptions,
): LearnedScore {
  const terms = taskTerms(task);
  const padded = terms.map((t) => ` ${t} `);
  const weights = terms.map(termWeight);
  const queryNorm = termNorm(terms);
  const votes: Record<Tier, number> = { haiku: 0, sonnet: 0, opus: 0 };
  const neighbours: Neighbour[] = [];
  if (queryNorm > 0) {
    const examples = model.examples;
    for (let i = 0; i < examples.length; i++) {
      const example = examples[i]!;
      const similarity = cosine(padded, weights, queryNorm, example);
      const factor = similarityFactor(similarity);
      if (factor === 0 || forgotten(example.time, options.forget)) continue;
      // An agreement is cr's own pick, run as it was: it pushes back for the tier the classifier
      // gives now, but never moves a task anywhere (cr would otherwise learn from itself).
      if (example.kind === 'agreement' && example.tier !== classification.tier) continue;
      const vote = KIND_WEIGHT[example.kind] * recency(example.time, options.now) * factor;
      votes[example.tier] += vote;
      neighbours.push({ example, similarity, vote });
    }
  }
  const prior = classifierPrior(classification.confidence);
  const totals = { ...votes };
  totals[classification.tier] += prior;
  let tier = classification.tier;
  for (const t of TIERS) if (totals[t] > totals[tier]) tier = t;
  neighbours.sort((a, b) => b.vote - a.vote || b.example.time - a.example.time);
  return { neighbours, votes, prior, totals, tier };
}

/** Overrides, escalations and asks, whether or not they differed from cr's pick: the user chose. */
function isChoice(kind: ExampleKind): boolean {
  return kind !== 'agreement';
}

/** The verdict decide() takes: undefined when no past task is similar. */
export function verdictFor(score: LearnedScore, classification: Classification): LearnedVerdict | undefined {
  if (score.neighbours.length === 0) return undefined;
  const changed = score.tier !== classification.tier;
  const lean = changed
    ? score.tier
    : TIERS.reduce<Tier>(
        (best, t) => (t !== classification.tier && score.votes[t] > score.votes[best] ? t : best),
        classification.tier,
      );
  const support = score.neighbours.filter((n) => n.example.tier === lean);
  const chosen = support.filter((n) => isChoice(n.example.kind)).length;
  const weighed = TIERS.reduce((sum, t) => sum + score.totals[t], 0);
  const verdict: LearnedVerdict = {
    tier: score.tier,
    changed,
    lean,
    chosen,
    kept: support.length - chosen,
    leanVotes: score.votes[lean],
    against: { tier: classification.tier, votes: score.totals[classification.tier] },
    examples: support.slice(0, MAX_CITED).map((n) => ({ task: n.example.task, tier: n.example.tier })),
  };
  if (changed && weighed > 0) verdict.confidence = Math.round((score.totals[score.tier] / weighed) * 10_000) / 10_000;
  return verdict;
}

/** The `learn` function decide() takes, bound to a loaded model and the clock. Pure. */
export function makeLearner(
  model: LearnedModel,
  options: LearnOptions,
): (task: string, classification: Classification) => LearnedVerdict | undefined {
  return (task, classification) => verdictFor(scoreTask(model, task, classification, options), classification);
}
