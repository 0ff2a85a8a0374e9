import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { EXIT, UsageError, fsErrorWords } from '../errors.js';
import { loadConfigFor } from '../config/load-config-for.js';
import { computeStats, renderStats } from '../report/stats.js';
import { TIERS, type Tier } from '../types.js';
import { transcriptRoots } from '../usage/read-transcripts.js';
import { parseWhen } from '../usage/period.js';
import { REFRESH_LOCK, REFRESH_LOCK_ENV, updateUsageIndex, writeSummary } from '../usage/usage-cache.js';
import { unroutedModels, type TranscriptEvidence } from '../report/substitution.js';
import { createEvidenceReader, EVIDENCE_CACHE, ownTranscriptFiles } from '../usage/session-evidence.js';
import { sessionUsage, type UsageIndex } from '../usage/usage-index.js';
import type { SubcommandModule } from './registry.js';
import { basename, join } from 'node:path';

const { readdirSync, rmSync } = process.getBuiltinModule('node:fs');

/** Measured usage of every transcript, brought up to date through the cache (also refreshes the budget summary). */
export function loadUsage(ctx: AppContext): UsageIndex {
  const roots = transcriptRoots(ctx.env, ctx.home);
  // A transcripts folder that is there but cannot be read would otherwise count as no usage at all.
  for (const root of roots)
    try {
      readdirSync(root);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        ctx.err(
          `${ctx.errColor.warn('cr: warning:')} cannot read the transcripts in ${root} (${fsErrorWords(code) ?? code}); their usage is not counted\n`,
        );
    }
  const index = updateUsageIndex({ roots, cacheDir: ctx.paths.cacheDir });
  writeSummary(ctx.paths.cacheDir, index, ctx.now.getTime());
  return index;
}

export interface StatsOptions {
  since?: string;
  until?: string;
  days?: string;
  json?: boolean;
  config?: string;
}

/**
 * The period: --until (a date is inclusive) or now; --since, else --days (default 30) before the end.
 * Dates, times and spans (7d) as `cr learn --forget --since` takes them (parseWhen), in `timeZone`.
 */
export function statsPeriod(now: number, options: StatsOptions, timeZone?: string): { since: number; until: number } {
  if (options.days !== undefined && options.since !== undefined)
    throw new UsageError('--days and --since both set the start of the period: use one');
  const until = options.until !== undefined ? parseWhen('--until', options.until, now, 'end', timeZone) : now;
  let since: number;
  if (options.since !== undefined) {
    since = parseWhen('--since', options.since, now, 'start', timeZone);
  } else {
    const days = options.days === undefined ? 30 : Number(options.days);
    if (!Number.isFinite(days) || days <= 0)
      throw new UsageError(`--days: expected a positive number, got "${options.days}"`);
    since = until - days * 86_400_000;
    if (since < 0) throw new UsageError(`--days: ${options.days} days go back before 1970`);
  }
  if (since >= until)
    throw new UsageError(
      options.until === undefined ? '--since is in the future: the period ends now' : '--since must be before --until',
    );
  return { since, until };
}

export async function runStats(ctx: AppContext, options: StatsOptions): Promise<number> {
  const period = statsPeriod(ctx.now.getTime(), options, ctx.timeZone);
  const { config } = await loadConfigFor(ctx, { configFile: options.config });
  const index = loadUsage(ctx);
  if (index.stats.cacheUnwritten)
    ctx.err(
      `${ctx.errColor.warn('cr: warning:')} could not write the usage cache in ${ctx.paths.cacheDir}; until it can, each cr stats reads every transcript again\n`,
    );
  // A refresh started in the background by a launch (see budget-check.ts): done, its lock goes.
  const lock = ctx.env[REFRESH_LOCK_ENV];
  if (lock && basename(lock) === REFRESH_LOCK) rmSync(lock, { force: true });
  const { tallyHistory } = await import('../history/tally-history.js');
  const { tally, skipped: historySkipped } = tallyHistory(ctx.paths.historyFile, period.since, period.until, TIERS);
  const tierModels: Partial<Record<Tier, string>> = {};
  for (const t of TIERS) tierModels[t] = config.tiers[t].model;
  const sessions = sessionUsage(index);
  // The cause of a substitution is looked for only in the transcripts of the sessions that have one.
  const evidence = new Map<string, TranscriptEvidence>();
  const evidenceReader = createEvidenceReader(join(ctx.paths.cacheDir, EVIDENCE_CACHE), index.files);
  for (const [id, routed] of tally.latest) {
    const usage = sessions.get(id);
    if (usage && unroutedModels(routed.models, usage.mainByModel)?.length)
      evidence.set(id, evidenceReader.read(ownTranscriptFiles(id, usage.files)));
  }
  evidenceReader.save();
  const report = computeStats({
    tally,
    sessions,
    evidence,
    prices: config.prices,
    ...period,
    timeZone: ctx.timeZone,
    tierModels,
    malformedLines: index.malformedLines,
    tooLongLines: index.tooLongLines,
    perSession: options.json === true,
  });
  if (options.json) {
    ctx.out(`${JSON.stringify({ ...report, historySkippedLines: historySkipped }, null, 2)}\n`);
    return EXIT.ok;
  }
  ctx.out(renderStats(report, { palette: ctx.color, width: ctx.columns }));
  if (historySkipped)
    ctx.err(`${ctx.errColor.warn('cr:')} ${historySkipped} history line(s) could not be read and were skipped\n`);
  return EXIT.ok;
}

const stats: SubcommandModule = {
  name: 'stats',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('stats')
      .description('what routing chose and what it really cost, against all-Opus and all-Sonnet')
      .option(
        '--since <when>',
        'start of the period: a date (2026-11-01, local time), a time or a span back from now (7d)',
      )
      .option('--until <when>', 'end of the period; a date is inclusive')
      .option('--days <n>', 'the last N days (default 30)')
      .option('--json', 'print the report as JSON')
      .option('--config <file>', 'use this config file (for prices)')
      .action(async (options: StatsOptions) => {
        setExit(await runStats(ctx, options));
      });
  },
};

export default stats;
