import type { Decision } from './decide.js';
import { tierAbove, TIERS, type Tier } from '../types.js';

/**
 * Phrases with which a model admits it did not do the task. Matched only at the start of the
 * answer (or of a JSON result), where a refusal or an admitted failure stands, so that a long
 * answer that merely mentions "I can't" somewhere is never retried.
 */
const REFUSAL_OPENINGS = [
  /^(?:i'?m sorry|i am sorry|sorry),? (?:but )?i (?:can(?:'|no)?t|cannot|am unable|'m unable|was unable|wasn'?t able|couldn'?t)/i,
  /^i (?:can(?:'|no)?t|cannot) (?:help|assist|do|complete|fulfil|fulfill|determine|answer)/i,
  /^i(?:'m| am) (?:not able|unable) to\b/i,
  /^i (?:was unable|wasn'?t able|couldn'?t|could not) (?:to )?(?:complete|finish|find|determine|do|solve|fix)/i,
  /^unfortunately,? i (?:can(?:'|no)?t|cannot|couldn'?t|was unable|wasn'?t able)/i,
  /^api error\b/i,
];

export interface AttemptResult {
  exitCode: number;
  /** What the attempt printed on stdout (text, or the JSON of --output-format json). */
  stdout: string;
  outputFormat: 'text' | 'json' | 'stream-json';
}

export interface RetryVerdict {
  retry: boolean;
  reason: string;
}

/** The answer text of an attempt: the `result` of JSON output, else the text itself. */
function answerText(attempt: AttemptResult): { text: string; isError: boolean } {
  if (attempt.outputFormat === 'json') {
    try {
      const parsed = JSON.parse(attempt.stdout) as { result?: unknown; is_error?: unknown };
      return { text: typeof parsed.result === 'string' ? parsed.result : '', isError: parsed.is_error === true };
    } catch {
      return { text: attempt.stdout, isError: false };
    }
  }
  return { text: attempt.stdout, isError: false };
}

/** Whether a print-mode attempt failed in a way the next tier up may fix. Pure. */
export function judgeAttempt(attempt: AttemptResult): RetryVerdict {
  if (attempt.exitCode !== 0) return { retry: true, reason: `claude exited with ${attempt.exitCode}` };
  const { text, isError } = answerText(attempt);
  if (isError) return { retry: true, reason: 'claude reported an error result' };
  const opening = text.trimStart().slice(0, 200);
  if (REFUSAL_OPENINGS.some((pattern) => pattern.test(opening))) {
    return {
      retry: true,
      reason: `the answer was a refusal or an admitted failure ("${opening.split('\n')[0]!.slice(0, 60)}")`,
    };
  }
  return { retry: false, reason: 'answer accepted' };
}

/** The next tier up for a retry, and, when a ceiling stops it, which one. Pure. */
export interface RetryStep {
  tier?: Tier;
  /** The schedule window or budget rule that keeps the retry from going up. */
  heldBy?: string;
}

/**
 * The tier to retry a failed attempt on: the next one up, unless a ceiling in force for this
 * decision (a schedule window's maxTier, the budget's) is below it and no tier flag overrode the
 * ceilings. Undefined tier when there is none above or a ceiling holds it.
 */
export function retryStep(decision: Pick<Decision, 'tier' | 'kind' | 'limits'>): RetryStep {
  const next = tierAbove(decision.tier);
  if (!next) return {};
  const limits = decision.kind === 'override' ? [] : (decision.limits ?? []);
  const holding = limits.find((limit) => TIERS.indexOf(next) > TIERS.indexOf(limit.to));
  return holding
    ? {
        heldBy:
          holding.by === 'budget'
            ? `the budget (${holding.source}${holding.figures ? `, ${holding.figures}` : ''})`
            : holding.source,
      }
    : { tier: next };
}
