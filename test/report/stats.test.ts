import { describe, expect, it } from 'vitest';
import type { DecisionRecord, OutcomeRecord } from '../../src/history/records.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tallyHistory } from '../../src/history/tally-history.js';
import {
  historyRows,
  historyTableTexts,
  renderHistoryEntry,
  renderHistoryTable,
} from '../../src/report/history-table.js';
import { textWidthFor } from '../../src/ui/columns.js';
import { makePalette } from '../../src/ui/colors.js';
import { RE_PRICING_NOTE, computeStats, renderStats } from '../../src/report/stats.js';
import { TIERS } from '../../src/types.js';
import { scanTranscripts } from '../../src/usage/usage-cache.js';
import { QUARTER_MS, sessionUsage } from '../../src/usage/usage-index.js';
import { assistantLine, tempDir, writeTranscript } from '../usage/transcripts.js';

const M = 1_000_000;
const ids = [
  '11111111-0000-4000-a000-000000000001',
  '11111111-0000-4000-a000-000000000002',
  '11111111-0000-4000-a000-000000000003',
  '11111111-0000-4000-a000-000000000004',
];

function decision(n: number, over: Partial<DecisionRecord>): DecisionRecord {
  return {
    v: 1,
    type: 'decision',
    id: `d${n}`,
    time: `2026-11-2${n}T10:00:00.000Z`,
    cwd: '/p',
    kind: 'route',
    tier: 'sonnet',
    model: 'sonnet',
    rule: 'task-type',
    confidence: 0.9,
    ...over,
  };
}

async function world() {
  const root = await tempDir();
  // Session 0 on haiku: 1M in, 1M out  -> $1 + $5 = $6.
  await writeTranscript(root, `${ids[0]}.jsonl`, [
    assistantLine({
      sessionId: ids[0]!,
      model: 'claude-haiku-4-5',
      id: 'a',
      usage: { input: M, output: M },
      timestamp: '2026-11-21T10:05:00Z',
    }),
  ]);
  // Session 1 on sonnet: 2M cache read, 1M out -> 2*0.3 + 15 = $15.6; plus a subagent on haiku 1M out -> $5.
  await writeTranscript(root, `${ids[1]}.jsonl`, [
    assistantLine({
      sessionId: ids[1]!,
      model: 'claude-sonnet-5-5',
      id: 'b',
      usage: { input: 0, output: M, read: 2 * M },
      timestamp: '2026-11-22T10:05:00Z',
    }),
  ]);
  await writeTranscript(root, `${ids[1]}/subagents/agent-x.jsonl`, [
    assistantLine({
      sessionId: ids[1]!,
      model: 'claude-haiku-4-5',
      id: 'c',
      usage: { input: 0, output: M },
      timestamp: '2026-11-22T11:05:00Z',
    }),
  ]);
  // Session 2 on opus: 1M 1h cache writes -> $10.
  await writeTranscript(root, `${ids[2]}.jsonl`, [
    assistantLine({
      sessionId: ids[2]!,
      model: 'claude-opus-4-7',
      id: 'd',
      usage: { input: 0, output: 0, write1h: M },
      timestamp: '2026-11-23T10:05:00Z',
    }),
  ]);
  // Session 3: no transcript.
  const index = scanTranscripts([root]);
  const decisions: DecisionRecord[] = [
    decision(1, { tier: 'haiku', model: 'haiku', sessionId: ids[0], task: 'convert the CSV to JSON' }),
    decision(2, {
      sessionId: ids[1],
      kind: 'override',
      suggested: { tier: 'haiku', rule: 'task-type' },
      rule: 'override',
    }),
    decision(3, { tier: 'opus', model: 'opus', sessionId: ids[2], rule: 'plan-mode' }),
    decision(4, { sessionId: ids[3] }),
    decision(5, { tier: 'opus', sessionId: ids[3], kind: 'escalation', parent: 'd4', rule: 'escalation' }),
    decision(9, { sessionId: ids[0] }), // after the period
  ];
  const outcomes: OutcomeRecord[] = [
    { v: 1, type: 'outcome', id: 'd3', time: '2026-11-23T11:00:00Z', exitCode: 1, durationMs: 1000 },
  ];
  return { index, decisions, outcomes, sessions: sessionUsage(index) };
}

describe('computeStats', () => {
  it('reports exact tokens, costs and savings for known usage', async () => {
    const { decisions, outcomes, sessions } = await world();
    const report = computeStats({
      decisions,
      outcomes,
      sessions,
      prices: {},
      since: Date.parse('2026-11-20T00:00:00Z'),
      until: Date.parse('2026-11-26T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect(report.decisions).toBe(5);
    expect(report.sessions).toBe(4);
    expect(report.sessionsWithTranscript).toBe(3);
    expect(report.sessionsWithoutTranscript).toBe(1);
    expect(report.byTier).toEqual({
      haiku: { decisions: 1, sessions: 1, failed: 0, cost: 6 },
      sonnet: { decisions: 2, sessions: 1, failed: 0, cost: expect.closeTo(20.6, 9) },
      opus: { decisions: 2, sessions: 2, failed: 1, cost: 10 },
    });
    // Each session's cost goes to the tier it was routed to: the tiers add up to the total.
    const tierSum = report.byTier.haiku.cost + report.byTier.sonnet.cost + report.byTier.opus.cost;
    expect(tierSum).toBeCloseTo(report.real.cost, 9);
    expect(report.byRule['task-type']).toEqual({ decisions: 2, sessions: 1 });
    expect(report.overrideRate).toBe(0.25);
    expect(report.escalationRate).toBe(0.25);
    expect(report.real.tokens).toEqual({
      input: 1_000_000,
      output: 3_000_000,
      cacheWrite5m: 0,
      cacheWrite1h: 1_000_000,
      cacheRead: 2_000_000,
    });
    expect(report.real.cost).toBeCloseTo(6 + 15.6 + 5 + 10, 9);
    expect(report.byModel.map((m) => [m.model, m.cost])).toEqual([
      ['claude-sonnet-5-5', 15.6],
      ['claude-haiku-4-5', 11],
      ['claude-opus-4-7', 10],
    ]);
    // All on Opus: in 1M*5 + out 3M*25 + 1h writes 1M*10 + reads 2M*0.5 = 5 + 75 + 10 + 1 = 91.
    expect(report.allOpus!.cost).toBeCloseTo(91, 9);
    expect(report.allOpus!.savings).toBeCloseTo(91 - 36.6, 9);
    expect(report.allOpus!.savingsPercent).toBeCloseTo(((91 - 36.6) / 91) * 100, 2);
    // All on Sonnet: 3 + 45 + 6 + 0.6 = 54.6.
    expect(report.allSonnet!.cost).toBeCloseTo(54.6, 9);
    expect(report.allSonnet!.savings).toBeCloseTo(18, 9);
    expect(report.costPerDay).toEqual([
      { date: '2026-11-21', cost: 6 },
      { date: '2026-11-22', cost: 20.6 },
      { date: '2026-11-23', cost: 10 },
    ]);
    const s1 = report.perSession.find((s) => s.sessionId === ids[1])!;
    expect(s1).toMatchObject({
      tier: 'sonnet',
      models: ['claude-haiku-4-5', 'claude-sonnet-5-5'],
      hasTranscript: true,
      cost: 20.6,
    });
    expect(report.perSession.find((s) => s.sessionId === ids[3])).toMatchObject({
      tier: 'opus',
      decisions: 2,
      hasTranscript: false,
      cost: 0,
    });
    expect(report.note).toBe(RE_PRICING_NOTE);
  });

  it('gives the same report from the history as the stats read it (times parsed once) and in other time zones', async () => {
    const { decisions, outcomes, sessions } = await world();
    const dir = await tempDir();
    const file = join(dir, 'history.jsonl');
    writeFileSync(file, [...decisions, ...outcomes].map((r) => JSON.stringify(r)).join('\n'));
    const reversedFile = join(dir, 'reversed.jsonl');
    writeFileSync(
      reversedFile,
      [...outcomes, ...decisions]
        .reverse()
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    for (const timeZone of ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham', undefined]) {
      const input = {
        sessions,
        prices: {},
        since: Date.parse('2026-11-20T00:00:00Z'),
        until: Date.parse('2026-11-26T00:00:00Z'),
        timeZone,
      };
      const report = computeStats({ decisions, outcomes, ...input });
      const read = tallyHistory(file, input.since, input.until, TIERS);
      expect(read.skipped).toBe(0);
      const snapshot = read.tally;
      expect(computeStats({ tally: snapshot, ...input })).toEqual(report);
      // The snapshot is left as it was: the same report again; a snapshot is of one period.
      expect(computeStats({ tally: snapshot, ...input })).toEqual(report);
      expect(() => computeStats({ tally: snapshot, ...input, since: 0 })).toThrow(/another period/);
      // Outcomes before their decisions: the same.
      const reversed = tallyHistory(reversedFile, input.since, input.until, TIERS).tally;
      expect(computeStats({ tally: reversed, ...input })).toEqual(
        computeStats({ decisions: [...decisions].reverse(), outcomes, ...input }),
      );
      // Cost per day: each quarter hour's usage on its date in the zone.
      const days = new Map<string, number>();
      for (const s of sessions.values()) {
        for (const c of s.cells) {
          const date = new Intl.DateTimeFormat('en-CA', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          }).format(c.quarter * QUARTER_MS);
          days.set(date, (days.get(date) ?? 0) + 1);
        }
      }
      expect(report.costPerDay.map((d) => d.date)).toEqual([...days.keys()].sort());
    }
  });

  it('prices per-id overrides and renders a chart that states the re-pricing', async () => {
    const { decisions, outcomes, sessions } = await world();
    const report = computeStats({
      decisions,
      outcomes,
      sessions,
      prices: { 'claude-opus-4-7': { input: 10, output: 50 } },
      since: 0,
      until: Date.parse('2026-11-26T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect(report.byModel.find((m) => m.model === 'claude-opus-4-7')!.cost).toBeCloseTo(20, 9);
    const text = renderStats(report, { palette: makePalette(false), width: 80 });
    expect(text).toContain('re-price the same tokens');
    expect(text).toMatch(/opus\s+█+\s+2\s/);
    expect(text).toContain('1 session(s) without a transcript');
    expect(text).toContain('▃██');
    expect(text.split('\n')[0]).toMatch(/ \d+ decisions, \d+ sessions$/);
    const one = renderStats(
      computeStats({
        decisions: decisions.slice(0, 1),
        outcomes: [],
        sessions,
        prices: {},
        since: 0,
        until: Date.parse('2026-11-26T00:00:00Z'),
        timeZone: 'UTC',
      }),
      { palette: makePalette(false), width: 80 },
    );
    expect(one.split('\n')[0]).toMatch(/ 1 decision, 1 session$/);
    expect(text).not.toContain('\u001b[');
    expect(renderStats(report, { palette: makePalette(true), width: 80 })).toContain('\u001b[');
  });

  it('shows per routed tier the cost of the sessions routed there', async () => {
    const { decisions, outcomes, sessions } = await world();
    const report = computeStats({
      decisions,
      outcomes,
      sessions,
      prices: {},
      since: Date.parse('2026-11-20T00:00:00Z'),
      until: Date.parse('2026-11-26T00:00:00Z'),
      timeZone: 'UTC',
    });
    const text = renderStats(report, { palette: makePalette(false), width: 80 });
    // The sonnet session used haiku and sonnet models: its $20.60 counts for sonnet, not per family.
    expect(text).toMatch(/sonnet\s+█+\s+1\s+2 dec\s+\$20\.60/);
    expect(text).toMatch(/haiku\s+█+\s+1\s+1 dec\s+\$6\.00/);
    expect(text).toMatch(/opus\s+█+\s+2\s+2 dec\s+\$10\.00/);
  });

  it('leaves models of no known family unpriced, and never crashes on a tier pinned to one', async () => {
    const { decisions, outcomes } = await world();
    const root = await tempDir();
    await writeTranscript(root, `${ids[0]}.jsonl`, [
      assistantLine({
        sessionId: ids[0]!,
        model: 'glm-4.6',
        id: 'g',
        usage: { input: M, output: M },
        timestamp: '2026-11-21T10:05:00Z',
      }),
    ]);
    const report = computeStats({
      decisions,
      outcomes,
      sessions: sessionUsage(scanTranscripts([root])),
      prices: {},
      since: Date.parse('2026-11-20T00:00:00Z'),
      until: Date.parse('2026-11-26T00:00:00Z'),
      timeZone: 'UTC',
      tierModels: { opus: 'glm-4.6', sonnet: 'claude-sonnet-4-5', haiku: 'glm-4.6' },
    });
    expect(report.allOpus).toBeNull();
    expect(report.allSonnet).toMatchObject({ model: 'claude-sonnet-4-5', cost: 3 + 15 });
    expect(report.real).toMatchObject({ cost: 0, totalTokens: 2 * M });
    expect(report.byModel).toEqual([expect.objectContaining({ model: 'glm-4.6', unpriced: true, cost: 0 })]);
    const text = renderStats(report, { palette: makePalette(false), width: 80 });
    expect(text).toMatch(/all-Opus\s+—\s+no price for glm-4\.6/);
    expect(text).toMatch(/glm-4\.6\s+no price\s+in 1\.0M · out 1\.0M/);
    expect(text).toContain('2.0M tokens of models with no price (glm-4.6): not in the costs');
  });

  it('history table and entry', async () => {
    const { decisions, outcomes, sessions } = await world();
    const rows = historyRows(decisions, outcomes, sessions, {}, 3);
    expect(rows.map((r) => r.decision.id)).toEqual(['d9', 'd5', 'd4']);
    const all = historyRows(decisions, outcomes, sessions, {}, 100);
    const textWidth = await textWidthFor(historyTableTexts(all));
    const table = renderHistoryTable(all, { palette: makePalette(false), width: 100, timeZone: 'UTC', textWidth });
    expect(table.split('\n')[0]).toMatch(/^time\s+tier\s+rule\s+task\s+outcome\s+cost$/);
    expect(table).toContain('2026-11-21 10:00  haiku');
    expect(table).toContain('convert the CSV to JSON');
    expect(table).toMatch(/exit 1\s+\$10\.00/);
    // Every row fits the width, with a kind mark after the cost only where the rule does not say it.
    expect(table).not.toMatch(/escalation .*\(escalation\)/);
    for (const width of [80, 100])
      for (const line of renderHistoryTable(all, { palette: makePalette(false), width, timeZone: 'UTC', textWidth })
        .trimEnd()
        .split('\n'))
        expect(line.length, line).toBeLessThanOrEqual(width);
    const entry = renderHistoryEntry(
      all.find((r) => r.decision.id === 'd2')!,
      {},
      { palette: makePalette(false), timeZone: 'UTC' },
    );
    expect(entry).toContain('$20.60');
    expect(entry).toContain('claude-haiku-4-5  $5.00');
    expect(entry).toContain('suggested  haiku (task-type)');
  });
});
