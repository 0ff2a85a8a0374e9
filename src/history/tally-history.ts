// `cr stats` over the history: the decisions of a period and their outcomes, added up as the
// records are read (memory stays flat however long the history is). Records are appended as they
// happen, so the reading starts near the period's start, found by bisecting the file: a history of
// years costs what its period costs.
import { DecisionTally, type TallySnapshot } from '../report/decision-tally.js';
import type { Tier } from '../types.js';
import { historyOffsetBefore, scanHistory } from './history-store.js';

export interface TalliedHistory {
  tally: TallySnapshot;
  /** History lines read that were not valid records. */
  skipped: number;
}

/** The tally of the decisions in [since, until) and of their outcomes in the history `file`. */
export function tallyHistory(file: string, since: number, until: number, tiers: readonly Tier[]): TalliedHistory {
  const tally = new DecisionTally(since, until, tiers);
  const skipped = scanHistory(
    file,
    (r) => {
      if (r.type === 'decision') tally.decision(r.id, Date.parse(r.time), r.kind, r.tier, r.rule, r.sessionId, r.model);
      else tally.outcome(r.id, r.exitCode);
    },
    historyOffsetBefore(file, since),
  );
  return { tally: tally.snapshot(), skipped };
}
