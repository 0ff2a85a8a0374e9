// What `cr stats` needs of the decisions of a period and of the outcomes, added up one record at a
// time as the history is read (tally-history.ts).
import type { DecisionKind, OutcomeRecord } from '../history/records.js';
import type { Tier } from '../types.js';

/** A decision as the stats read it: a record, or the fields the history reader hands over (with `timeMs`). */
export interface StatsDecisionInput {
  id: string;
  kind: DecisionKind;
  tier: Tier;
  rule: string;
  sessionId?: string;
  /** What was passed to --model (null: the session's own model); absent in inputs that do not carry it. */
  model?: string | null;
  time?: string;
  /** Date.parse(time), when the reader already has it. */
  timeMs?: number;
}

/** The tally of a period, as plain data (it crosses from the history's thread). */
export interface TallySnapshot {
  since: number;
  until: number;
  decisions: number;
  /** Route, override and ask decisions. */
  starts: number;
  decisionsWithoutSession: number;
  byTier: Record<Tier, { decisions: number; sessions: number; failed: number }>;
  byRule: Record<string, { decisions: number; sessions: number }>;
  byKind: Record<string, number>;
  /**
   * Per session, in the order sessions first appear: its latest decision (the later one on a tie),
   * how many it has, and for the join with the models that answered (report/substitution.ts): the
   * distinct models its decisions passed, whether one resumed it, and the earliest decision's time.
   */
  latest: Map<string, SessionTally>;
}

export interface SessionTally {
  tier: Tier;
  rule: string;
  time: number;
  count: number;
  models: (string | null)[];
  resumed: boolean;
  first: number;
}

const STARTS = new Set(['route', 'override', 'ask']);

/** Adds up decisions and outcomes (a HistorySink); `snapshot` gives the result. */
export class DecisionTally {
  private decisions = 0;
  private starts = 0;
  private decisionsWithoutSession = 0;
  private readonly byTier: TallySnapshot['byTier'];
  private readonly byRule: TallySnapshot['byRule'] = {};
  private readonly byKind: TallySnapshot['byKind'] = {};
  private readonly latest: TallySnapshot['latest'] = new Map();
  /** The decisions' ids and tiers, for the failed ones (outcomes may come later). */
  private readonly ids: string[] = [];
  private readonly idTiers: Tier[] = [];
  private readonly failedIds = new Set<string>();

  /** Decisions with since <= time < until count; `tiers`: every tier (TIERS), in report order. */
  constructor(
    readonly since: number,
    readonly until: number,
    private readonly tiers: readonly Tier[],
  ) {
    this.byTier = Object.fromEntries(
      tiers.map((t) => [t, { decisions: 0, sessions: 0, failed: 0 }]),
    ) as TallySnapshot['byTier'];
  }

  decision(
    id: string,
    timeMs: number,
    kind: DecisionKind,
    tier: Tier,
    rule: string,
    sessionId: string | undefined,
    model: string | null = null,
  ): void {
    if (!(timeMs >= this.since && timeMs < this.until)) return;
    this.decisions++;
    if (STARTS.has(kind)) this.starts++;
    this.byTier[tier].decisions++;
    (this.byRule[rule] ??= { decisions: 0, sessions: 0 }).decisions++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    this.ids.push(id);
    this.idTiers.push(tier);
    if (!sessionId) {
      this.decisionsWithoutSession++;
      return;
    }
    const s = this.latest.get(sessionId);
    if (!s) {
      this.latest.set(sessionId, {
        tier,
        rule,
        time: timeMs,
        count: 1,
        models: [model],
        resumed: kind === 'resume',
        first: timeMs,
      });
    } else {
      s.count++;
      if (!s.models.includes(model)) s.models.push(model);
      if (kind === 'resume') s.resumed = true;
      if (timeMs < s.first) s.first = timeMs;
      if (timeMs >= s.time) {
        s.tier = tier;
        s.rule = rule;
        s.time = timeMs;
      }
    }
  }

  outcome(id: string, exitCode: number): void {
    if (exitCode !== 0) this.failedIds.add(id);
  }

  /** The tally so far (copies: adding more later does not change it), failed decisions counted by tier. */
  snapshot(): TallySnapshot {
    const byTier = Object.fromEntries(
      this.tiers.map((t) => [t, { ...this.byTier[t], failed: 0 }]),
    ) as TallySnapshot['byTier'];
    if (this.failedIds.size > 0) {
      for (let i = 0; i < this.ids.length; i++) if (this.failedIds.has(this.ids[i]!)) byTier[this.idTiers[i]!].failed++;
    }
    const byRule: TallySnapshot['byRule'] = {};
    for (const [rule, r] of Object.entries(this.byRule)) byRule[rule] = { ...r };
    const latest: TallySnapshot['latest'] = new Map();
    for (const [id, s] of this.latest) latest.set(id, { ...s, models: [...s.models] });
    return {
      since: this.since,
      until: this.until,
      decisions: this.decisions,
      starts: this.starts,
      decisionsWithoutSession: this.decisionsWithoutSession,
      byTier,
      byRule,
      byKind: { ...this.byKind },
      latest,
    };
  }
}

/** The tally of decision and outcome records. */
export function tallyRecords(
  decisions: readonly StatsDecisionInput[],
  outcomes: readonly Pick<OutcomeRecord, 'id' | 'exitCode'>[],
  since: number,
  until: number,
  tiers: readonly Tier[],
): TallySnapshot {
  const tally = new DecisionTally(since, until, tiers);
  for (const o of outcomes) tally.outcome(o.id, o.exitCode);
  for (const d of decisions)
    tally.decision(d.id, d.timeMs ?? Date.parse(d.time!), d.kind, d.tier, d.rule, d.sessionId, d.model ?? null);
  return tally.snapshot();
}
