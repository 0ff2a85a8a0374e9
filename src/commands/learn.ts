// `cr learn`: what cr has learned from your overrides (`--status`, the default) and forgetting it
// (`--forget [--since <date|Nd>]`). History is never rewritten; forgetting stores a marker.
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { loadConfigFor } from '../config/load-config-for.js';
import {
  EXAMPLE_KINDS,
  KIND_WEIGHT,
  LEARN_CACHE,
  STRONG_KINDS,
  addForgetRange,
  dropLearnedCache,
  forgetFile,
  forgotten,
  readForgetRanges,
  recency,
  stemWord,
  termList,
  termWeight,
  updateLearnedExamples,
  type Example,
  type ForgetRange,
} from '../learn/index.js';
import { TIERS, type Tier } from '../types.js';
import { assertHistoryReadable } from '../history/history-store.js';
import { parseWhen } from '../usage/period.js';
import type { SubcommandModule } from './registry.js';
import { cutWithEllipsis, visible } from '../ui/format.js';
import { zonedDate, zonedMinute } from '../zoned-time.js';

export interface LearnOptions {
  status?: boolean;
  forget?: boolean;
  since?: string;
  json?: boolean;
  config?: string;
}

/** `--since`: a date (local midnight), a time, or a span back from now (12h, 7d, 2w): the forms `cr stats` takes too. */
export function parseSince(value: string, now: Date, timeZone?: string): number {
  const t = parseWhen('--since', value, now.getTime(), 'start', timeZone);
  if (t > now.getTime()) throw new UsageError(`--since: ${value} is in the future`);
  return t;
}

function quote(task: string, max = 70): string {
  const flat = visible(task.replace(/\s+/g, ' ').trim());
  return `"${cutWithEllipsis(flat, max)}"`;
}

/** A readable word for each stem, from the tasks themselves (migrat → migration). */
function surfaceWords(examples: readonly Example[]): Map<string, string> {
  const words = new Map<string, string>();
  for (const e of examples) {
    for (const raw of e.task.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      const s = stemWord(raw);
      if (!words.has(s)) words.set(s, raw);
    }
  }
  return words;
}

interface Moved {
  from: Tier;
  to: Tier;
  examples: number;
  words: { word: string; weight: number }[];
}

function movedPhrases(active: readonly Example[], now: number): Moved[] {
  const groups = new Map<string, { from: Tier; to: Tier; examples: number; terms: Map<string, number> }>();
  for (const e of active) {
    if (!STRONG_KINDS.has(e.kind) || !e.from || e.from === e.tier) continue;
    const key = `${e.from}>${e.tier}`;
    const g = groups.get(key) ?? { from: e.from, to: e.tier, examples: 0, terms: new Map<string, number>() };
    groups.set(key, g);
    g.examples++;
    const w = KIND_WEIGHT[e.kind] * recency(e.time, now);
    for (const t of termList(e)) if (termWeight(t) === 1) g.terms.set(t, (g.terms.get(t) ?? 0) + w);
  }
  const surface = surfaceWords(active);
  return [...groups.values()]
    .sort((a, b) => b.examples - a.examples || TIERS.indexOf(b.to) - TIERS.indexOf(a.to))
    .map((g) => ({
      from: g.from,
      to: g.to,
      examples: g.examples,
      words: [...g.terms]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 6)
        .map(([t, weight]) => ({ word: surface.get(t) ?? t, weight: Number(weight.toFixed(3)) })),
    }));
}

export async function runLearnStatus(ctx: AppContext, options: LearnOptions): Promise<number> {
  const { config, sources } = await loadConfigFor(ctx, { configFile: options.config });
  // A history that is there but cannot be read is not "none yet".
  assertHistoryReadable(ctx.paths.historyFile);
  const loaded = updateLearnedExamples({ historyFile: ctx.paths.historyFile, cacheDir: ctx.paths.cacheDir });
  const forget = readForgetRanges(ctx.paths.stateDir);
  const now = ctx.now.getTime();
  const all = loaded?.set.examples ?? [];
  const active = all.filter((e) => !forgotten(e.time, forget));
  const byKind = Object.fromEntries(EXAMPLE_KINDS.map((k) => [k, active.filter((e) => e.kind === k).length])) as Record<
    string,
    number
  >;
  const byTier = Object.fromEntries(TIERS.map((t) => [t, active.filter((e) => e.tier === t).length])) as Record<
    Tier,
    number
  >;
  const influential = active
    .filter((e) => e.kind !== 'agreement')
    .map((e) => ({ e, weight: KIND_WEIGHT[e.kind] * recency(e.time, now) }))
    .sort((a, b) => b.weight - a.weight || b.e.time - a.e.time)
    .slice(0, 8);
  const moved = movedPhrases(active, now);
  const learnSource = sources.learn;
  const offWhere = learnSource ? `${learnSource.source}${learnSource.file ? ` ${learnSource.file}` : ''}` : 'config';
  const cacheFile = path.join(ctx.paths.cacheDir, LEARN_CACHE);

  if (options.json) {
    ctx.out(
      `${JSON.stringify(
        {
          learn: config.learn,
          learnSource: learnSource ?? null,
          historyFile: ctx.paths.historyFile,
          cache: loaded
            ? {
                file: cacheFile,
                state: loaded.stats.cache,
                written: loaded.stats.written,
                bytesRead: loaded.stats.bytesRead,
                records: loaded.set.records,
              }
            : null,
          examples: { total: all.length, active: active.length, forgotten: all.length - active.length, byKind, byTier },
          moved,
          influential: influential.map(({ e, weight }) => ({
            task: e.task,
            tier: e.tier,
            from: e.from ?? null,
            kind: e.kind,
            time: new Date(e.time).toISOString(),
            weight: Number(weight.toFixed(4)),
          })),
          forget: forget.map((r) => ({
            from: r.from === undefined ? null : new Date(r.from).toISOString(),
            to: new Date(r.to).toISOString(),
          })),
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }

  const p = ctx.color;
  const label = (s: string) => p.dim(s.padEnd(11));
  const out: string[] = [];
  out.push(`${p.heading('learning')}   ${config.learn ? 'on' : `off (learn: false in ${offWhere})`}`);
  if (!loaded) {
    out.push(
      `${label('history')}none yet (${ctx.paths.historyFile}): override cr (--opus, --sonnet, --haiku) and it learns`,
    );
    ctx.out(`${out.join('\n')}\n`);
    return EXIT.ok;
  }
  const kinds = EXAMPLE_KINDS.filter((k) => byKind[k])
    .map((k) => `${k} ${byKind[k]}`)
    .join(' · ');
  out.push(
    `${label('examples')}${active.length}${active.length ? ` (${kinds})` : ''}${all.length > active.length ? p.dim(`; ${all.length - active.length} forgotten`) : ''}`,
  );
  if (active.length)
    out.push(
      `${label('by tier')}${TIERS.slice()
        .reverse()
        .map((t) => `${p.tier(t)} ${byTier[t]}`)
        .join('  ')}`,
    );
  for (const [i, m] of moved.entries()) {
    const words = m.words.map((w) => w.word).join(', ');
    out.push(
      `${label(i === 0 ? 'moved' : '')}${p.tier(m.from)} → ${p.tier(m.to)}  ${m.examples} task${m.examples === 1 ? '' : 's'}${words ? `: ${words}` : ''}`,
    );
  }
  for (const [i, { e, weight }] of influential.entries()) {
    const day = zonedDate(e.time, ctx.timeZone);
    out.push(
      `${label(i === 0 ? 'strongest' : '')}${p.tier(e.tier, e.tier.padEnd(6))} ${weight.toFixed(2)}  ${p.dim(`${e.kind.padEnd(10)} ${day}`)}  ${quote(e.task, Math.max(30, ctx.columns - 50))}`,
    );
  }
  if (active.length === 0)
    out.push(
      `${label('')}nothing learned yet: when you override cr (--opus, --sonnet, --haiku, cr escalate), similar tasks follow`,
    );
  for (const [i, r] of forget.entries()) {
    const what =
      r.from === undefined
        ? `before ${zonedMinute(r.to, ctx.timeZone)}`
        : `${zonedMinute(r.from, ctx.timeZone)} to ${zonedMinute(r.to, ctx.timeZone)}`;
    out.push(`${label(i === 0 ? 'forgotten' : '')}${what}`);
  }
  out.push(`${label('cache')}${cacheFile} (${loaded.stats.cache}, ${loaded.set.records} history records)`);
  ctx.out(`${out.join('\n')}\n`);
  return EXIT.ok;
}

export async function runLearnForget(ctx: AppContext, options: LearnOptions): Promise<number> {
  const now = ctx.now.getTime();
  const range: ForgetRange =
    options.since === undefined ? { to: now } : { from: parseSince(options.since, ctx.now, ctx.timeZone), to: now };
  assertHistoryReadable(ctx.paths.historyFile);
  const loaded = updateLearnedExamples({ historyFile: ctx.paths.historyFile });
  const before = readForgetRanges(ctx.paths.stateDir);
  const count = (loaded?.set.examples ?? []).filter(
    (e) => !forgotten(e.time, before) && forgotten(e.time, [range]),
  ).length;
  try {
    addForgetRange(ctx.paths.stateDir, range, ctx.now);
  } catch (error) {
    throw new UsageError(
      `cannot write ${forgetFile(ctx.paths.stateDir)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  dropLearnedCache(ctx.paths.cacheDir);
  const period =
    range.from === undefined
      ? 'everything learned so far'
      : `what was learned since ${zonedMinute(range.from, ctx.timeZone)}`;
  if (options.json) {
    ctx.out(
      `${JSON.stringify({ forgotten: count, from: range.from === undefined ? null : new Date(range.from).toISOString(), to: new Date(range.to).toISOString() })}\n`,
    );
  } else {
    ctx.out(
      `cr: forgot ${period} (${count} example${count === 1 ? '' : 's'}); history is kept, cr routes those tasks by its own rules again\n`,
    );
  }
  return EXIT.ok;
}

const learn: SubcommandModule = {
  name: 'learn',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('learn')
      .description('what cr learned from your overrides (--status), or forget it (--forget [--since 7d])')
      .option('--status', 'summarise what was learned (the default)')
      .option('--forget', 'ignore what was learned so far (history is kept)')
      .option('--since <when>', 'with --forget: only since a date (2026-11-01) or a span back from now (12h, 7d, 2w)')
      .option('--json', 'print JSON')
      .option('--config <file>', 'use this config file')
      .action(async (options: LearnOptions) => {
        if (options.forget && options.status) throw new UsageError('learn: --status and --forget: pick one');
        if (options.since !== undefined && !options.forget) throw new UsageError('learn: --since goes with --forget');
        setExit(options.forget ? await runLearnForget(ctx, options) : await runLearnStatus(ctx, options));
      });
  },
};

export default learn;
