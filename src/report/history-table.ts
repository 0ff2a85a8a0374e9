// `cr history`: recent decisions as a table, or one in full. Pure: strings, not prints.
import type { DecisionRecord, OutcomeRecord } from '../history/records.js';
import type { Palette } from '../ui/colors.js';
import { fitColumns, padEndColumns, type TextWidth } from '../ui/columns.js';
import { formatInt, visible } from '../ui/format.js';
import { costOfUsage, priceForModel, totalTokens, type Prices } from '../usage/prices.js';
import { zonedMinute } from '../zoned-time.js';
import type { SessionUsage } from '../usage/usage-index.js';
import { compactInt, usd } from './stats.js';
import {
  NO_EVIDENCE,
  causeText,
  routedVsAnswered,
  type RoutedVsAnswered,
  type SessionRouting,
  type TranscriptEvidence,
} from './substitution.js';

export interface HistoryRow {
  decision: DecisionRecord;
  outcome?: OutcomeRecord;
  /** Measured usage of the decision's session, when its transcript was found. */
  usage?: SessionUsage;
  /** USD of that usage; undefined when unknown. */
  cost?: number;
  /** The models that answered in the session's own transcript against those routed; undefined when not judged. */
  answered?: RoutedVsAnswered;
}

/** What historyRows joins each decision's session with, for routed vs answered. */
export interface AnswerJoin {
  routings: ReadonlyMap<string, SessionRouting>;
  /** Read for the sessions that ran on a model not routed (see readSessionEvidence). */
  evidence: ReadonlyMap<string, TranscriptEvidence>;
}

export function sessionCost(usage: SessionUsage, prices: Prices): number {
  let cost = 0;
  for (const [model, t] of Object.entries(usage.byModel)) {
    const price = priceForModel(model, prices);
    if (price) cost += costOfUsage(t, price);
  }
  return cost;
}

/** The latest `limit` decisions, newest first, with their outcome and measured cost. */
export function historyRows(
  decisions: readonly DecisionRecord[],
  outcomes: readonly OutcomeRecord[],
  sessions: ReadonlyMap<string, SessionUsage>,
  prices: Prices,
  limit: number,
  join?: AnswerJoin,
): HistoryRow[] {
  const outcomeOf = new Map(outcomes.map((o) => [o.id, o]));
  return decisions
    .slice(-limit)
    .reverse()
    .map((decision) => {
      const row: HistoryRow = { decision };
      const outcome = outcomeOf.get(decision.id);
      if (outcome) row.outcome = outcome;
      const usage = decision.sessionId ? sessions.get(decision.sessionId) : undefined;
      if (usage) {
        row.usage = usage;
        row.cost = sessionCost(usage, prices);
        const routing = join?.routings.get(usage.sessionId);
        const answered =
          routing &&
          routedVsAnswered(
            routing,
            usage.mainByModel,
            usage.firstMs,
            join!.evidence.get(usage.sessionId) ?? NO_EVIDENCE,
            prices,
          );
        if (answered) row.answered = answered;
      }
      return row;
    });
}

export interface HistoryRenderOptions {
  /** The context's palette (one that colours nothing when the output is not a terminal). */
  palette: Palette;
  width: number;
  timeZone?: string;
  /** Terminal columns of the table's texts: `textWidthFor(historyTableTexts(rows))`. */
  textWidth: TextWidth;
}

function localTime(iso: string, timeZone?: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso.slice(0, 16) : zonedMinute(ms, timeZone);
}

function outcomeText(outcome: OutcomeRecord | undefined): string {
  if (!outcome) return '—';
  if (outcome.signal) return outcome.signal;
  return outcome.exitCode === 0 ? 'ok' : `exit ${outcome.exitCode}`;
}

/** A text as one line, as the table shows it (before it is cut to its column). */
const flatText = (text: string): string => visible(text.replace(/\s+/g, ' ').trim());

function shorten(text: string, max: number, textWidth: TextWidth): string {
  const flat = flatText(text);
  if (max <= 1) return flat ? '…' : '';
  return fitColumns(flat, max, textWidth);
}

/** The texts of these rows that the table cuts and pads to columns: the rules and the tasks. */
export function historyTableTexts(rows: readonly HistoryRow[]): string[] {
  return rows.flatMap((r) => [flatText(r.decision.rule), flatText(r.decision.task ?? '')]);
}

export function renderHistoryTable(rows: readonly HistoryRow[], options: HistoryRenderOptions): string {
  const p = options.palette;
  if (rows.length === 0) return `${p.dim('No decisions in history yet.')}\n`;
  const ruleWidth = Math.min(14, Math.max(4, ...rows.map((r) => r.decision.rule.length)));
  // A decision whose session answered on another model gets a mark after its tier.
  const tierWidth = rows.some((r) => r.answered?.substitution) ? 8 : 6;
  // A decision of another kind than "route" is marked after its cost (" (retry)"), unless its rule
  // column already says it ("escalation").
  const kindMark = (d: HistoryRow['decision']) => (d.kind === 'route' || d.kind === d.rule ? '' : ` (${d.kind})`);
  const kindWidth = Math.max(0, ...rows.map((r) => kindMark(r.decision).length));
  // time 16, tier, rule, outcome 8, cost 9, the kind mark, gaps.
  const fixed = 16 + 2 + tierWidth + 2 + ruleWidth + 2 + 8 + 2 + 9 + kindWidth + 2;
  const taskWidth = Math.max(10, options.width - fixed);
  const header = `${'time'.padEnd(16)}  ${'tier'.padEnd(tierWidth)}  ${'rule'.padEnd(ruleWidth)}  ${'task'.padEnd(taskWidth)}  ${'outcome'.padEnd(8)}  ${'cost'.padStart(9)}`;
  const lines = [p.dim(header)];
  for (const row of rows) {
    const d = row.decision;
    const task = d.task === undefined ? '' : shorten(d.task, taskWidth, options.textWidth);
    const out = outcomeText(row.outcome);
    const outColored = out === 'ok' ? p.good(out.padEnd(8)) : out === '—' ? p.dim(out.padEnd(8)) : p.bad(out.padEnd(8));
    const cost = row.cost === undefined ? p.dim('—'.padStart(9)) : usd(row.cost).padStart(9);
    const kind = p.dim(kindMark(d));
    const substitution = row.answered?.substitution;
    const tier = substitution
      ? `${p.tier(d.tier, d.tier)} ${p.warn(SUBSTITUTED_MARK)}${' '.repeat(tierWidth - d.tier.length - 2)}`
      : p.tier(d.tier, d.tier.padEnd(tierWidth));
    lines.push(
      `${localTime(d.time, options.timeZone).padEnd(16)}  ${tier}  ${padEndColumns(shorten(d.rule, ruleWidth, options.textWidth), ruleWidth, options.textWidth)}  ${padEndColumns(task, taskWidth, options.textWidth)}  ${outColored}  ${cost}${kind}`,
    );
    if (substitution) lines.push(p.dim(`  ↳ answered: ${answeredText(row.answered!)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Marks a decision whose session ran (partly) on a model it was not routed to. */
export const SUBSTITUTED_MARK = '⚠';

/** e.g. `claude-opus-4-5 12 turns (1.2M tokens) · claude-sonnet-4-5 3 turns (40k tokens) (fallback)`. */
export function answeredText(answered: RoutedVsAnswered): string {
  const models = answered.answered.map(
    (a) => `${visible(a.model)} ${a.turns} turn${a.turns === 1 ? '' : 's'} (${compactInt(a.tokens)} tokens)`,
  );
  const cause = answered.substitution ? ` (${causeText(answered.substitution.cause)})` : '';
  return `${models.join(' · ')}${cause}`;
}

/** One decision in full: every recorded field, its outcome, and the session's usage per model. */
export function renderHistoryEntry(
  row: HistoryRow,
  prices: Prices,
  options: Omit<HistoryRenderOptions, 'width' | 'textWidth'>,
): string {
  const p = options.palette;
  const d = row.decision;
  const label = (s: string) => p.dim(s.padEnd(11));
  const lines = [`${p.heading('decision')} ${d.id}`];
  lines.push(`${label('time')}${localTime(d.time, options.timeZone)} ${p.dim(`(${d.time})`)}`);
  lines.push(
    `${label('tier')}${p.tier(d.tier)}  ${p.dim(`model ${d.model ?? '(session model)'} · ${d.kind} · rule ${d.rule} · confidence ${d.confidence.toFixed(2)}`)}`,
  );
  lines.push(`${label('task')}${d.task === undefined ? p.dim('(none recorded)') : visible(d.task)}`);
  lines.push(`${label('cwd')}${visible(d.cwd)}`);
  if (d.sessionId) lines.push(`${label('session')}${d.sessionId}`);
  if (d.suggested) lines.push(`${label('suggested')}${d.suggested.tier} (${d.suggested.rule})`);
  if (d.parent) lines.push(`${label('continues')}${d.parent}`);
  if (d.profile) lines.push(`${label('profile')}${d.profile}`);
  if (d.print) lines.push(`${label('mode')}print (-p)`);
  const o = row.outcome;
  lines.push(
    `${label('outcome')}${o ? `${outcomeText(o)} after ${(o.durationMs / 1000).toFixed(1)} s` : p.dim('none recorded (still running, or killed)')}`,
  );
  if (row.usage) {
    lines.push(
      `${label('cost')}${usd(row.cost ?? 0)}  ${p.dim(`${formatInt(Object.values(row.usage.byModel).reduce((s, t) => s + totalTokens(t), 0))} tokens`)}`,
    );
    for (const [model, t] of Object.entries(row.usage.byModel)) {
      const price = priceForModel(model, prices);
      lines.push(
        `  ${model}  ${price ? usd(costOfUsage(t, price)) : p.warn('no price')}  ${p.dim(`in ${formatInt(t.input)} · out ${formatInt(t.output)} · cache write ${formatInt(t.cacheWrite5m + t.cacheWrite1h)} · cache read ${formatInt(t.cacheRead)} · ${t.messages} messages`)}`,
      );
    }
    if (row.answered) {
      const mark = row.answered.substitution ? `${p.warn(SUBSTITUTED_MARK)} ` : '';
      lines.push(`${label('answered')}${mark}${answeredText(row.answered)}`);
    }
    lines.push(p.dim(`  transcript: ${row.usage.files.join(', ')}`));
  } else if (d.sessionId) {
    lines.push(`${label('cost')}${p.dim('unknown: no transcript found for this session')}`);
  }
  return `${lines.join('\n')}\n`;
}
