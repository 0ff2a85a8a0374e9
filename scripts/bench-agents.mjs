#!/usr/bin/env node
// How well `cr agents` recommends a subagent's tier: the tier recommendAgentTier (what cr agents
// runs) picks for each agent description in public-subagents.tsv, against the tier its author set.
//
//   npm run bench:agents            # build, then run
//   node scripts/bench-agents.mjs   # with dist/ already built
//
// The labels are the authors' own `model:` choices (noisy: authors agree with each other about 54%
// of the time, and 68% of the rows are sonnet), so the figures that matter are per-tier recall,
// macro-F1 and severe errors (opus given haiku, or the reverse). The file holds descriptions only:
// the body's opening paragraph, which cr agents also reads, is not in it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.resolve(process.env.CR_BENCHMARKS_DIR ?? path.resolve(repoRoot, '../shared/benchmarks'));
const file = path.join(benchDir, 'public-subagents.tsv');
const TIERS = ['haiku', 'sonnet', 'opus'];

const libPath = path.join(repoRoot, 'dist/index.js');
if (!existsSync(libPath)) {
  console.error('bench-agents: dist/index.js not found; run `npm run build` first');
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`bench-agents: ${file} not found (set CR_BENCHMARKS_DIR)`);
  process.exit(2);
}
const { recommendAgentTier } = await import(pathToFileURL(libPath).href);

const rows = (await readFile(file, 'utf8'))
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.trim())
  .map((line) => {
    const [expect, task] = line.split('\t');
    if (!TIERS.includes(expect)) throw new Error(`bench-agents: bad row: ${line.slice(0, 80)}`);
    return { expect, got: recommendAgentTier(task).tier };
  });

const pct = (x) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
let f1Sum = 0;
console.log(`public-subagents.tsv: ${rows.length} agent descriptions, recommendAgentTier (cr agents)\n`);
console.log('tier     support  predicted  precision  recall   F1');
for (const tier of TIERS) {
  const support = rows.filter((r) => r.expect === tier).length;
  const predicted = rows.filter((r) => r.got === tier).length;
  const hits = rows.filter((r) => r.expect === tier && r.got === tier).length;
  const precision = predicted ? hits / predicted : null;
  const recall = support ? hits / support : null;
  const f1 = precision && recall ? (2 * precision * recall) / (precision + recall) : 0;
  f1Sum += f1;
  console.log(
    `${tier.padEnd(8)} ${String(support).padStart(7)}  ${String(predicted).padStart(9)}  ${pct(precision).padStart(9)}  ${pct(recall).padStart(6)}  ${f1.toFixed(3)}`,
  );
}
const severe = rows.filter(
  (r) => (r.expect === 'opus' && r.got === 'haiku') || (r.expect === 'haiku' && r.got === 'opus'),
).length;
const correct = rows.filter((r) => r.expect === r.got).length;
console.log(`\naccuracy       ${pct(correct / rows.length)} (${correct}/${rows.length}; 68% of the rows are sonnet)`);
console.log(`macro-F1       ${(f1Sum / TIERS.length).toFixed(3)}`);
console.log(`severe errors  ${severe} (${pct(severe / rows.length)}): opus labelled haiku or the reverse`);
