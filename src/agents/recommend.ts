// The tier cr recommends for a subagent: the task classifier (the same one, with the same evidence,
// as `cr --explain`) reading the agent's description and the opening paragraph of its body (its
// system prompt), where authors state the agent's role. The rest of a body is mostly lists of
// capabilities and checklists ("security, performance, architecture…"), which pull nearly every
// agent toward Opus whatever its work. Pure.
import { classifyTask } from '../decide/classify-task.js';
import { evidenceLabel, topEvidence } from '../report/evidence-label.js';
import type { Tier } from '../types.js';
import { familyOfModel } from '../usage/prices.js';

export interface AgentRecommendation {
  tier: Tier;
  confidence: number;
  family: string;
  /** The evidence as --explain words it ("review the code", "a short task…"), strongest first. */
  evidence: string[];
  /** --explain's "why" for it: `reads as review: "…", "…"`, or why it stays on Sonnet. */
  why: string;
}

/** The body's first paragraph that is not a heading, at most OPENING_CHARS long. */
const OPENING_CHARS = 600;
export function openingParagraph(body: string): string {
  const first = body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => block.trim())
    .find((block) => block !== '' && !block.startsWith('#'));
  return (first ?? '').slice(0, OPENING_CHARS);
}

/** What cr recommends for an agent with this description and body. */
export function recommendAgentTier(description: string, body = ''): AgentRecommendation {
  const opening = openingParagraph(body);
  const text = opening ? `${description.trim()}\n\n${opening}` : description.trim();
  const c = classifyTask(text);
  // Two features can match the same words: each label once.
  const evidence = c.defaultedFrom ? [] : [...new Set(topEvidence(c, 6).map(evidenceLabel))].slice(0, 3);
  const why = c.defaultedFrom
    ? `Sonnet by default: no words point to ${c.defaultedFrom} or opus, only the text's shape`
    : evidence.length
      ? `reads as ${c.family}: ${evidence.join(', ')}`
      : `reads as ${c.family}`;
  return { tier: c.tier, confidence: c.confidence, family: c.family, evidence, why };
}

/**
 * The tier an agent's `model:` runs it on: a tier alias, or a model id of a known family. Undefined
 * for no model, "inherit" and a model of no known family: then the file names no tier to compare.
 */
export function tierOfAgentModel(model: string | undefined): Tier | undefined {
  if (model === undefined || model === 'inherit') return undefined;
  return familyOfModel(model);
}
