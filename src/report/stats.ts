// `cr stats`: what routing did and what it cost, from history plus the transcripts' measured usage.
// Pure: records, usage, prices and the period come in; a report object and strings come out.
import type { OutcomeRecord } from '../history/records.js';
import { TIERS, type Tier } from '../types.js';
import { tallyRecords, type StatsDecisionInput, type TallySnapshot } from './decision-tally.js';

export { DecisionTally, tallyRecords, type StatsDecisionInput, type TallySnapshot } from './decision-tally.js';
import type { Palette } from '../ui/colors.js';
import { formatInt, visible } from '../ui/format.js';
import {
  costOfUsage,
  emptyCounts,
  familyOfModel,
  priceForModel,
  totalTokens,
  addCounts,
  type Prices,
  type TokenCounts,
} from '../usage/prices.js';
import { zonedDate } from '../usage/spend.js';
import { MAX_LINE_BYTES } from '../usage/transcript-lines.js';
import { QUARTER_MS, type SessionUsage } from '../usage/usage-index.js';
import {
  NO_EVIDENCE,
  SUBSTITUTION_CAUSES,
  causeText,
  routedVsAnswered,
  unroutedModels,
  type Substitution,
  type SubstitutionCause,
  type TranscriptEvidence,
} from './substitution.js';

export interface StatsInput {
  /** The decisions and outcomes, as records or already added up for the same period (`tally`). */
  decisions?: readonly StatsDecisionInput[];
  outcomes?: readonly Pick<OutcomeRecord, 'id' | 'exitCode'>[];
  tally?: TallySnapshot;
  /** Measured usage by session id. */
  sessions: ReadonlyMap<string, SessionUsage>;
  prices: Prices;
  /** Epoch ms; decisions with since <= time < until are in the period. */
  since: number;
  until: number;
  /** For cost per day; the machine's zone when undefined. */
  timeZone?: string;
  /** Models the all-Opus / all-Sonnet figures are priced as (default: the family names). */
  tierModels?: Partial<Record<Tier, string>>;
  /** Malformed transcript lines met while reading, reported as they are. */
  malformedLines?: number;
  /** Transcript lines over the reader's size limit, skipped unread. */
  tooLongLines?: number;
  /** false: leave perSession empty (the text report does not show it; a long history has many). */
  perSession?: boolean;
  /** What the transcripts of the sessions with a substitution record (see readSessionEvidence). */
  evidence?: ReadonlyMap<string, TranscriptEvidence>;
}

export interface CostedTokens {
  tokens: TokenCounts;
  totalTokens: number;
  /** USD; 0 for models with no price (see `unpriced`). */
  cost: number;
}

export interface ModelStats extends CostedTokens {
  model: string;
  family: Tier | null;
  messages: number;
  unpriced: boolean;
}

export interface SessionStats extends CostedTokens {
  sessionId: string;
  /** Tier of the session's latest decision in the period. */
  tier: Tier;
  rule: string;
  decisions: number;
  models: string[];
  hasTranscript: boolean;
  /** The turns of the session's own transcript that ran on a model not routed; null when none or not judged. */
  substitution: Substitution | null;
}

export interface SubstitutionTotals {
  sessions: number;
  turns: number;
  tokens: number;
  /** USD of the priced models. */
  cost: number;
}

export interface SubstitutionStats extends SubstitutionTotals {
  /**
   * Sessions with a transcript whose decisions name a model (a resume keeps the session's model;
   * an alias such as `default` may mean any): those that could be judged.
   */
  sessionsJudged: number;
  /** Every cause, zero or not. */
  byCause: Record<SubstitutionCause, SubstitutionTotals>;
}

export interface Comparison {
  /** The tier's model, priced. */
  model: string;
  /** The same tokens priced as this tier's model. */
  cost: number;
  /** cost - real cost: positive when routing saved money. */
  savings: number;
  /** savings / cost * 100; 0 when cost is 0. */
  savingsPercent: number;
}

export interface StatsReport {
  /** since and until (exclusive) as instants; firstDay and lastDay (inclusive) as calendar days in the report's zone. */
  period: { since: string; until: string; firstDay: string; lastDay: string };
  decisions: number;
  sessions: number;
  sessionsWithTranscript: number;
  /** Sessions in history whose transcript was not found (deleted, other machine): no cost for them. */
  sessionsWithoutTranscript: number;
  /** Decisions that name no session id. */
  decisionsWithoutSession: number;
  /**
   * Shaped as the history's tally (decision-tally.ts); sessions: each session under its latest
   * decision; cost: the measured cost of those sessions (the tiers add up to real.cost).
   */
  byTier: Record<Tier, TallySnapshot['byTier'][Tier] & { cost: number }>;
  byRule: TallySnapshot['byRule'];
  byKind: TallySnapshot['byKind'];
  /** Overrides / starts and escalations / starts, where starts are route, override and ask decisions. */
  overrideRate: number;
  escalationRate: number;
  real: CostedTokens;
  byModel: ModelStats[];
  /** Null when the tier's model has no price (a model id of no known family without a price entry). */
  allOpus: Comparison | null;
  allSonnet: Comparison | null;
  /** The models the all-Opus and all-Sonnet figures are priced as. */
  tierModels: { opus: string; sonnet: string };
  costPerDay: { date: string; cost: number }[];
  /** Each session's tokens and cost, most expensive first (empty when not asked for, see StatsInput). */
  perSession: SessionStats[];
  /** Sessions whose own turns ran (partly) on a model other than the one routed, by cause. */
  substitutions: SubstitutionStats;
  malformedLines: number;
  /** Transcript lines over 16 MB (MAX_LINE_BYTES), skipped unread: any tokens in them are not counted. */
  tooLongLines: number;
  note: string;
}

export const RE_PRICING_NOTE =
  'The all-Opus and all-Sonnet figures re-price the same tokens; a session really run on Opus would have written different ones.';

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

function costed(tokens: TokenCounts, cost: number): CostedTokens {
  return { tokens, totalTokens: totalTokens(tokens), cost: round(cost) };
}

function compare(model: string, cost: number, real: number): Comparison {
  const savings = cost - real;
  return {
    model,
    cost: round(cost),
    savings: round(savings),
    savingsPercent: cost > 0 ? round((savings / cost) * 100, 2) : 0,
  };
}

export function computeStats(input: StatsInput): StatsReport {
  const tally =
    input.tally ?? tallyRecords(input.decisions ?? [], input.outcomes ?? [], input.since, input.until, TIERS);
  if (tally.since !== input.since || tally.until !== input.until)
    throw new Error('computeStats: the tally is of another period');
  // Copies: the tally stays as it is.
  const byTier = Object.fromEntries(TIERS.map((t) => [t, { ...tally.byTier[t], cost: 0 }])) as StatsReport['byTier'];
  const byRule: StatsReport['byRule'] = {};
  for (const [rule, r] of Object.entries(tally.byRule)) byRule[rule] = { ...r };
  const byKind = { ...tally.byKind };
  const { decisions, starts, decisionsWithoutSession, latest } = tally;

  // A tier pinned to a model of no known family without a price entry leaves its comparison unpriced.
  const opusModel = input.tierModels?.opus ?? 'opus';
  const sonnetModel = input.tierModels?.sonnet ?? 'sonnet';
  const opusPrice = priceForModel(opusModel, input.prices);
  const sonnetPrice = priceForModel(sonnetModel, input.prices);
  const models = new Map<string, ModelStats>();
  // Prices per model and calendar dates per quarter hour, looked up once each; the cost per day is
  // summed in `dayCosts`, one slot per date (in the same order as before: cell by cell).
  const prices = new Map<string, ReturnType<typeof priceForModel>>();
  const priceOf = (model: string) => {
    let price = prices.get(model);
    if (price === undefined && !prices.has(model)) prices.set(model, (price = priceForModel(model, input.prices)));
    return price;
  };
  const days: string[] = [];
  const dayCosts: number[] = [];
  const daySlot = new Map<string, number>();
  const quarterSlot = new Map<number, number>();
  const slotOf = (quarter: number) => {
    let slot = quarterSlot.get(quarter);
    if (slot === undefined) {
      const date = zonedDate(quarter * QUARTER_MS, input.timeZone);
      slot = daySlot.get(date);
      if (slot === undefined) {
        daySlot.set(date, (slot = days.length));
        days.push(date);
        dayCosts.push(0);
      }
      quarterSlot.set(quarter, slot);
    }
    return slot;
  };
  const perSession: SessionStats[] = [];
  const emptySubstitution = (): SubstitutionTotals => ({ sessions: 0, turns: 0, tokens: 0, cost: 0 });
  const substitutions: SubstitutionStats = {
    ...emptySubstitution(),
    sessionsJudged: 0,
    byCause: Object.fromEntries(
      SUBSTITUTION_CAUSES.map((c) => [c, emptySubstitution()]),
    ) as SubstitutionStats['byCause'],
  };
  const addSubstitution = (into: SubstitutionTotals, sub: Substitution) => {
    into.sessions++;
    into.turns += sub.turns;
    into.tokens += sub.tokens;
    into.cost += sub.cost;
  };
  const real = emptyCounts();
  let realCost = 0;
  let asOpus = 0;
  let asSonnet = 0;
  let withTranscript = 0;
  for (const [sessionId, d] of latest) {
    byTier[d.tier].sessions++;
    byRule[d.rule]!.sessions++;
    const usage = input.sessions.get(sessionId);
    const tokens = emptyCounts();
    let cost = 0;
    let substitution: Substitution | null = null;
    if (usage) {
      withTranscript++;
      const unrouted = unroutedModels(d.models, usage.mainByModel);
      if (unrouted) substitutions.sessionsJudged++;
      if (unrouted?.length) {
        const routing = { models: d.models, resumed: d.resumed, firstDecisionMs: d.first };
        const evidence = input.evidence?.get(sessionId) ?? NO_EVIDENCE;
        substitution = routedVsAnswered(
          routing,
          usage.mainByModel,
          usage.firstMs,
          evidence,
          input.prices,
        )!.substitution!;
        addSubstitution(substitutions, substitution);
        addSubstitution(substitutions.byCause[substitution.cause], substitution);
      }
      for (const [model, t] of Object.entries(usage.byModel)) {
        const price = priceOf(model);
        const c = price ? costOfUsage(t, price) : 0;
        cost += c;
        addCounts(tokens, t);
        if (opusPrice) asOpus += costOfUsage(t, opusPrice);
        if (sonnetPrice) asSonnet += costOfUsage(t, sonnetPrice);
        let m = models.get(model);
        if (!m) {
          m = {
            model,
            family: familyOfModel(model) ?? null,
            messages: 0,
            unpriced: !price,
            tokens: emptyCounts(),
            totalTokens: 0,
            cost: 0,
          };
          models.set(model, m);
        }
        addCounts(m.tokens, t);
        m.messages += t.messages;
        m.cost += c;
      }
      let lastModel: string | undefined;
      let price: ReturnType<typeof priceForModel>;
      for (const cell of usage.cells) {
        if (cell.model !== lastModel) price = priceOf((lastModel = cell.model));
        if (!price) continue;
        const slot = slotOf(cell.quarter);
        dayCosts[slot] = dayCosts[slot]! + costOfUsage(cell.totals, price);
      }
    }
    addCounts(real, tokens);
    realCost += cost;
    byTier[d.tier].cost += cost;
    if (input.perSession !== false)
      perSession.push({
        sessionId,
        tier: d.tier,
        rule: d.rule,
        decisions: d.count,
        models: usage ? Object.keys(usage.byModel).sort() : [],
        hasTranscript: Boolean(usage),
        substitution,
        ...costed(tokens, cost),
      });
  }
  const byModel = [...models.values()]
    .map((m) => ({ ...m, totalTokens: totalTokens(m.tokens), cost: round(m.cost) }))
    .sort((a, b) => b.cost - a.cost || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return {
    period: {
      since: new Date(input.since).toISOString(),
      until: new Date(input.until).toISOString(),
      firstDay: zonedDate(input.since, input.timeZone),
      // until is exclusive: --until 2026-11-01 ends at the start of 2026-11-02, and its last day is the 1st.
      lastDay: zonedDate(Math.max(input.since, input.until - 1), input.timeZone),
    },
    decisions,
    sessions: latest.size,
    sessionsWithTranscript: withTranscript,
    sessionsWithoutTranscript: latest.size - withTranscript,
    decisionsWithoutSession,
    byTier,
    byRule,
    byKind,
    overrideRate: starts ? round((byKind.override ?? 0) / starts, 4) : 0,
    escalationRate: starts ? round((byKind.escalation ?? 0) / starts, 4) : 0,
    real: costed(real, realCost),
    byModel,
    allOpus: opusPrice ? compare(opusModel, asOpus, realCost) : null,
    allSonnet: sonnetPrice ? compare(sonnetModel, asSonnet, realCost) : null,
    tierModels: { opus: opusModel, sonnet: sonnetModel },
    costPerDay: days.map((date, i) => ({ date, cost: round(dayCosts[i]!) })).sort((a, b) => (a.date < b.date ? -1 : 1)),
    // Plain comparisons: localeCompare took seconds over hundreds of thousands of sessions.
    perSession: perSession.sort(
      (a, b) => b.cost - a.cost || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
    ),
    substitutions: {
      ...substitutions,
      cost: round(substitutions.cost),
      byCause: Object.fromEntries(
        SUBSTITUTION_CAUSES.map((c) => [
          c,
          { ...substitutions.byCause[c], cost: round(substitutions.byCause[c].cost) },
        ]),
      ) as SubstitutionStats['byCause'],
    },
    malformedLines: input.malformedLines ?? 0,
    tooLongLines: input.tooLongLines ?? 0,
    note: RE_PRICING_NOTE,
  };
}

export interface RenderOptions {
  /** The context's palette (one that colours nothing when the output is not a terminal). */
  palette: Palette;
  /** Terminal columns. */
  width: number;
}

export function usd(x: number): string {
  if (x !== 0 && Math.abs(x) < 0.01) return `$${x.toFixed(4)}`;
  return `$${x.toFixed(2)}`;
}

/** 1234567 → "1.2M": token counts read at a glance. */
export function compactInt(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return formatInt(n);
}

function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  const full = Math.floor(eighths / 8);
  const rest = eighths % 8;
  return '█'.repeat(full) + (rest ? ' ▏▎▍▌▋▊▉'[rest] : '');
}

const SPARK = '▁▂▃▄▅▆▇█';
function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 && v > 0 ? SPARK[Math.min(7, Math.floor((v / max) * 7.999))] : ' ')).join('');
}

/** Every date from first to last, so gaps show as gaps. */
function daySeries(days: StatsReport['costPerDay']): { date: string; cost: number }[] {
  if (days.length === 0) return [];
  const byDate = new Map(days.map((d) => [d.date, d.cost]));
  const out: { date: string; cost: number }[] = [];
  const last = Date.parse(`${days.at(-1)!.date}T00:00:00Z`);
  for (let t = Date.parse(`${days[0]!.date}T00:00:00Z`); t <= last; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    out.push({ date, cost: byDate.get(date) ?? 0 });
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderStats(report: StatsReport, options: RenderOptions): string {
  const p: Palette = options.palette;
  const width = Math.max(40, Math.min(options.width, 100));
  const lines: string[] = [];
  lines.push(
    `${p.heading('cr stats')} ${p.dim(`${report.period.firstDay} → ${report.period.lastDay}`)}  ${plural(report.decisions, 'decision')}, ${plural(report.sessions, 'session')}`,
  );
  if (report.decisions === 0) {
    lines.push(p.dim('No decisions in this period.'));
    return `${lines.join('\n')}\n`;
  }

  // Per tier: sessions as bars, with their decisions and the measured cost of the sessions routed there.
  const maxSessions = Math.max(...TIERS.map((t) => report.byTier[t].sessions));
  const barWidth = Math.max(10, width - 44);
  lines.push('', p.heading('Sessions by tier'));
  for (const tier of [...TIERS].reverse()) {
    const t = report.byTier[tier];
    const b = bar(t.sessions, maxSessions, barWidth);
    lines.push(
      `  ${p.tier(tier, tier.padEnd(6))} ${p.tier(tier, b)}${' '.repeat(Math.max(1, barWidth - [...b].length + 1))}${String(t.sessions).padStart(5)}  ${p.dim(`${t.decisions} dec`)}  ${usd(t.cost).padStart(9)}`,
    );
  }

  lines.push('', p.heading('Cost'));
  lines.push(
    `  real       ${usd(report.real.cost).padStart(10)}  ${p.dim(`${compactInt(report.real.totalTokens)} tokens`)}`,
  );
  const saving = (c: Comparison) => {
    const s = `${c.savings >= 0 ? 'saved' : 'extra'} ${usd(Math.abs(c.savings))} (${Math.abs(c.savingsPercent).toFixed(1)}%)`;
    return c.savings >= 0 ? p.good(s) : p.bad(s);
  };
  const comparison = (label: string, c: Comparison | null, model: string | undefined) =>
    c
      ? `  ${label} ${usd(c.cost).padStart(10)}  ${saving(c)}`
      : `  ${label} ${'—'.padStart(10)}  ${p.warn(`no price for ${visible(model ?? '?')}`)}`;
  lines.push(comparison('all-Opus  ', report.allOpus, report.tierModels.opus));
  lines.push(comparison('all-Sonnet', report.allSonnet, report.tierModels.sonnet));
  lines.push(p.dim(`  ${report.note}`));

  if (report.byModel.length) {
    lines.push('', p.heading('By model'));
    const nameWidth = Math.min(32, Math.max(...report.byModel.map((m) => m.model.length)));
    for (const m of report.byModel) {
      const shown = visible(m.model).padEnd(nameWidth);
      const name = m.family ? p.tier(m.family, shown) : shown;
      const t = m.tokens;
      lines.push(
        `  ${name}  ${m.unpriced ? p.warn('no price'.padStart(9)) : usd(m.cost).padStart(9)}  ${p.dim(`in ${compactInt(t.input)} · out ${compactInt(t.output)} · cache w ${compactInt(t.cacheWrite5m + t.cacheWrite1h)} r ${compactInt(t.cacheRead)}`)}`,
      );
    }
  }

  const days = daySeries(report.costPerDay);
  if (days.length) {
    const maxDay = Math.max(...days.map((d) => d.cost));
    const shown = days.slice(-Math.max(7, width - 24));
    lines.push('', `${p.heading('Cost per day')} ${p.dim(`(max ${usd(maxDay)})`)}`);
    lines.push(`  ${p.accent(sparkline(shown.map((d) => d.cost)))}`);
    lines.push(p.dim(`  ${shown[0]!.date}${' '.repeat(Math.max(1, shown.length - 20))}${shown.at(-1)!.date}`));
  }

  const subs = report.substitutions;
  if (subs.sessionsJudged > 0) {
    lines.push('');
    if (subs.sessions === 0) {
      lines.push(
        `${p.heading('Substitutions')} ${p.dim(`none: ${subs.sessionsJudged} session(s) answered on the model routed`)}`,
      );
    } else {
      lines.push(
        `${p.heading('Substitutions')} ${p.dim(`${subs.sessions} of ${subs.sessionsJudged} session(s) ran partly on a model not routed`)}`,
      );
      for (const cause of SUBSTITUTION_CAUSES) {
        const c = subs.byCause[cause];
        if (c.sessions === 0) continue;
        lines.push(
          `  ${p.warn(causeText(cause).padEnd(16))} ${String(c.sessions).padStart(5)} sessions  ${String(c.turns).padStart(6)} turns  ${compactInt(c.tokens).padStart(6)} tokens  ${usd(c.cost).padStart(9)}`,
        );
      }
    }
  }

  lines.push('', p.heading('Rules'));
  for (const [rule, r] of Object.entries(report.byRule).sort((a, b) => b[1].decisions - a[1].decisions)) {
    lines.push(
      `  ${rule.padEnd(16)} ${String(r.decisions).padStart(5)} dec  ${String(r.sessions).padStart(5)} sessions`,
    );
  }
  lines.push(
    '',
    `${p.dim('overrides')} ${pct(report.overrideRate)}   ${p.dim('escalations')} ${pct(report.escalationRate)}`,
  );
  const notes: string[] = [];
  if (report.sessionsWithoutTranscript)
    notes.push(
      `${report.sessionsWithoutTranscript} session(s) without a transcript (deleted or elsewhere): not in the costs`,
    );
  if (report.decisionsWithoutSession) notes.push(`${report.decisionsWithoutSession} decision(s) without a session id`);
  const unpriced = report.byModel.filter((m) => m.unpriced);
  if (unpriced.length)
    notes.push(
      `${compactInt(unpriced.reduce((sum, m) => sum + m.totalTokens, 0))} tokens of models with no price (${unpriced.map((m) => visible(m.model)).join(', ')}): not in the costs; add them to "prices" in the config`,
    );
  if (report.malformedLines) notes.push(`${report.malformedLines} malformed transcript line(s) skipped`);
  if (report.tooLongLines)
    notes.push(
      `${report.tooLongLines} transcript line(s) over ${MAX_LINE_BYTES / 1024 / 1024} MB skipped unread: any tokens in them are not counted`,
    );
  for (const n of notes) lines.push(p.warn(n));
  return `${lines.join('\n')}\n`;
}
