import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { CrError, EXIT, UsageError } from '../errors.js';
import { readRecentDecisions, scanHistory, type RecentDecisions } from '../history/history-store.js';
import { loadConfigFor } from '../config/load-config-for.js';
import { historyRows, historyTableTexts, renderHistoryEntry, renderHistoryTable } from '../report/history-table.js';
import { textWidthFor } from '../ui/columns.js';
import { sessionRoutings, unroutedModels, type TranscriptEvidence } from '../report/substitution.js';
import { createEvidenceReader, EVIDENCE_CACHE, ownTranscriptFiles } from '../usage/session-evidence.js';
import { join } from 'node:path';
import { sessionUsage } from '../usage/usage-index.js';
import { transcriptRoots } from '../usage/read-transcripts.js';
import { usageOfSessions } from '../usage/usage-cache.js';
import type { SubcommandModule } from './registry.js';

export interface HistoryOptions {
  limit?: string;
  json?: boolean;
  session?: string;
  config?: string;
}

export async function runHistory(ctx: AppContext, options: HistoryOptions): Promise<number> {
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit <= 0)
    throw new UsageError(`--limit: expected a positive whole number, got "${options.limit}"`);
  const { config } = await loadConfigFor(ctx, { configFile: options.config });
  // The last rows are read from the end of the file; one session's decisions from the whole of it.
  let history: RecentDecisions;
  if (options.session !== undefined) {
    const id = options.session;
    const found: RecentDecisions = { decisions: [], outcomes: [], skipped: 0 };
    const ids = new Set<string>();
    found.skipped = scanHistory(ctx.paths.historyFile, (r) => {
      // An outcome follows its decision in the file.
      if (r.type === 'outcome') {
        if (ids.has(r.id)) found.outcomes.push(r);
      } else if (r.sessionId === id || r.id === id) {
        found.decisions.push(r);
        ids.add(r.id);
      }
    });
    if (found.decisions.length === 0) throw new CrError(`no decision in history for session ${id}`, EXIT.failure);
    history = found;
  } else {
    history = readRecentDecisions(ctx.paths.historyFile, limit);
  }
  const all = history.decisions;
  // Only the shown sessions' transcripts are read.
  const shown = all.slice(-limit).flatMap((d) => (d.sessionId ? [d.sessionId] : []));
  const usage = usageOfSessions(
    transcriptRoots(ctx.env, ctx.home),
    options.session !== undefined ? all.flatMap((d) => (d.sessionId ? [d.sessionId] : [])) : shown,
  );
  const sessions = sessionUsage(usage);
  // Routed vs answered: the cause of a substitution is looked for only in the sessions that have one.
  const routings = sessionRoutings(all);
  const evidence = new Map<string, TranscriptEvidence>();
  const evidenceReader = createEvidenceReader(join(ctx.paths.cacheDir, EVIDENCE_CACHE), usage.files);
  for (const [id, session] of sessions) {
    const routing = routings.get(id);
    if (routing && unroutedModels(routing.models, session.mainByModel)?.length)
      evidence.set(id, evidenceReader.read(ownTranscriptFiles(id, session.files)));
  }
  evidenceReader.save();
  const rows = historyRows(
    all,
    history.outcomes,
    sessions,
    config.prices,
    options.session !== undefined ? all.length : limit,
    { routings, evidence },
  );
  const timeZone = ctx.timeZone;
  if (options.json) {
    const json = rows.map((r) => ({
      ...r.decision,
      outcome: r.outcome ?? null,
      cost: r.cost ?? null,
      usage: r.usage ? { byModel: r.usage.byModel, files: r.usage.files } : null,
      answered: r.answered?.answered ?? null,
      substitution: r.answered?.substitution ?? null,
    }));
    ctx.out(`${JSON.stringify(json, null, 2)}\n`);
  } else if (options.session !== undefined) {
    ctx.out(rows.map((r) => renderHistoryEntry(r, config.prices, { palette: ctx.color, timeZone })).join('\n'));
  } else {
    const textWidth = await textWidthFor(historyTableTexts(rows));
    ctx.out(renderHistoryTable(rows, { palette: ctx.color, width: ctx.columns, timeZone, textWidth }));
  }
  if (history.skipped)
    ctx.err(`${ctx.errColor.warn('cr:')} ${history.skipped} history line(s) could not be read and were skipped\n`);
  return EXIT.ok;
}

const history: SubcommandModule = {
  name: 'history',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('history')
      .description('recent decisions: time, tier, rule, task, outcome and real cost')
      .option('--limit <n>', 'how many (default 20)')
      .option('--session <id>', 'one session (or decision id) in full')
      .option('--json', 'print JSON')
      .option('--config <file>', 'use this config file (for prices)')
      .action(async (options: HistoryOptions) => {
        setExit(await runHistory(ctx, options));
      });
  },
};

export default history;
