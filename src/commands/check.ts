import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { decide } from '../decide/decide.js';
import { readClaudeFlags } from '../decide/claude-flags.js';
import { CrError, EXIT, UsageError, fsErrorWords } from '../errors.js';
import { loadConfigFor } from '../config/load-config-for.js';
import { parseLabeledTasks, summariseAgreement } from '../report/agreement.js';
import { ceilingSource, decisionReasons } from '../report/decision-words.js';
import { decisionJson } from '../report/explain.js';
import { TIERS, type Tier } from '../types.js';
import type { SubcommandModule } from './registry.js';
import { cutWithEllipsis, visible } from '../ui/format.js';

const fs = process.getBuiltinModule('node:fs');

/**
 * --min is a percentage ("90" or "90%"). A value of 1 or less written with a decimal point and no
 * "%" ("0.9", "1.0") reads like a fraction, so it is refused rather than taken as 0.9%.
 */
export function parseMin(value: string): number {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(value.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!m || n > 100) throw new UsageError(`--min: expected a percentage from 0 to 100, got "${value}"`);
  if (!m[2] && m[1]!.includes('.') && n <= 1 && n > 0) {
    const asPercent = +(n * 100).toFixed(6);
    throw new UsageError(
      `--min is a percentage: for ${asPercent}% write --min ${asPercent} (or --min ${value}% if you mean ${value}%)`,
    );
  }
  return n / 100;
}

async function runCheck(
  ctx: AppContext,
  file: string | undefined,
  options: { min: string; json?: boolean; config?: string },
): Promise<number> {
  const min = parseMin(options.min);
  const { config } = await loadConfigFor(ctx, { configFile: options.config });
  let rows: { expect: Tier; task: string; line?: number }[];
  let source: string;
  if (file) {
    let text: string;
    try {
      text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new CrError(
        `cannot read ${file}: ${fsErrorWords((error as NodeJS.ErrnoException).code) ?? (error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        EXIT.usage,
      );
    }
    const parsed = parseLabeledTasks(text);
    if (parsed.problems.length)
      throw new UsageError(
        `${file}: ${parsed.problems[0]}`,
        parsed.problems.slice(1).map((p) => `${file}: ${p}`),
      );
    rows = parsed.rows;
    source = file;
  } else {
    rows = config.examples;
    source = 'config examples';
  }
  if (rows.length === 0)
    throw new UsageError(
      file
        ? `${file}: no tasks (expected lines of expect<TAB>task)`
        : 'nothing to check: give a TSV file (expect<TAB>task) or add "examples" to your config',
    );

  const flags = readClaudeFlags([]);
  const results = rows.map((row) => ({
    row,
    decision: decide({ task: row.task, flags, config, now: ctx.now, timeZone: () => ctx.timeZone }),
  }));
  const summary = summariseAgreement(results.map((r) => ({ expect: r.row.expect, got: r.decision.tier })));
  // A schedule window in force now lowers tiers by the time of day: the same check gives another
  // result outside it, which a CI gate must be told.
  const scheduleCaps = results.flatMap((r) => (r.decision.caps ?? []).filter((cap) => cap.by === 'schedule'));
  const passed = summary.agreement + 1e-9 >= min;
  if (options.json) {
    const disagreements = results
      .filter((r) => r.decision.tier !== r.row.expect)
      .map((r) => ({ line: r.row.line, expect: r.row.expect, ...decisionJson(r.decision, undefined) }));
    // agreement and min are fractions (0–1), as in the rest of cr's JSON; the *Percent keys say the same as --min does.
    const percent = (x: number) => Math.round(x * 1e6) / 1e4;
    ctx.out(
      `${JSON.stringify({ source, ...summary, agreementPercent: percent(summary.agreement), min, minPercent: percent(min), passed, loweredBySchedule: scheduleCaps.length, disagreements }, null, 2)}\n`,
    );
    return passed ? EXIT.ok : EXIT.failure;
  }
  const p = ctx.color;
  for (const { row, decision } of results) {
    if (decision.tier === row.expect) continue;
    const where = row.line ? `${source}:${row.line}` : source;
    const severe =
      (row.expect === 'opus' && decision.tier === 'haiku') || (row.expect === 'haiku' && decision.tier === 'opus');
    ctx.out(
      `${p.bad('✗')} ${p.dim(where)} expected ${p.tier(row.expect)}, cr picks ${p.tier(decision.tier)}${severe ? p.bad(' (severe)') : ''}  ${visible(cutWithEllipsis(row.task, 70))}\n`,
    );
    ctx.out(
      `    ${p.dim('why')} ${decisionReasons(decision)[0] ?? decision.rule}${decision.classification ? p.dim(` · ${decision.classification.runnerUp.tier} ${decision.classification.runnerUp.margin.toFixed(2)} behind`) : ''}\n`,
    );
  }
  const recall = TIERS.filter((t) => summary.recall[t].expected > 0)
    .map((t) => `${t} ${summary.recall[t].agreed}/${summary.recall[t].expected}`)
    .join(', ');
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const line = `${summary.agreed}/${summary.total} agree (${pct(summary.agreement)}, need ${pct(min)}) · recall ${recall} · ${summary.severe} severe`;
  ctx.out(`${passed ? p.good('✓') : p.bad('✗')} ${line}\n`);
  if (scheduleCaps.length) {
    const windows = [...new Set(scheduleCaps.map(ceilingSource))].join(', ');
    ctx.out(
      `${p.warn('note:')} ${windows} lowered ${scheduleCaps.length} of these tasks at this time of day; outside it the result differs\n`,
    );
  }
  return passed ? EXIT.ok : EXIT.failure;
}

const check: SubcommandModule = {
  name: 'check',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('check')
      .description('check routing against labeled tasks: prints each disagreement and why; exits 1 below --min')
      .argument('[file]', 'TSV of expect<TAB>task (header optional; "-" for stdin); default: "examples" in config')
      .option('--min <percent>', 'agreement needed to pass, in percent (90 or 90%)', '100')
      .option('--json', 'print the summary and disagreements as JSON')
      .option('--config <file>', 'use this config file')
      .action(async (file: string | undefined, options: { min: string; json?: boolean; config?: string }) => {
        setExit(await runCheck(ctx, file, options));
      });
  },
};

export default check;
