#!/usr/bin/env node
// Which training tasks (data/training-tasks*.tsv) repeat a benchmark row's wording: the share of the
// shorter text's character 4-grams (lower case, spaces collapsed) that the other text also has.
// A task at or above the threshold is a near-copy of a row the figures are measured on, and has no
// place in the corpus. Texts of fewer than MIN_GRAMS 4-grams ("add dark mode") are too short to tell.
//
//   node scripts/corpus-overlap.mjs [--threshold 0.85]   # exit 1 when a task is listed
//
// Benchmarks: ../shared/benchmarks (CR_BENCHMARKS_DIR); without them it says so and exits 2.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.resolve(process.env.CR_BENCHMARKS_DIR ?? path.join(repoRoot, '..', 'shared', 'benchmarks'));
const at = process.argv.indexOf('--threshold');
const THRESHOLD = at > 0 ? Number(process.argv[at + 1]) : 0.85;
const MIN_GRAMS = 16;

if (!existsSync(benchDir)) {
  console.error(`corpus-overlap: no benchmarks at ${benchDir} (set CR_BENCHMARKS_DIR)`);
  process.exit(2);
}

function grams(text) {
  const s = text.toLowerCase().replace(/\s+/g, ' ');
  const out = new Set();
  for (let i = 0; i + 4 <= s.length; i++) out.add(s.slice(i, i + 4));
  return out;
}

/** The task column of each row of a TSV file (comment lines and the header left out). */
function tasks(file) {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((line, i) => ({ line: i + 2, task: line.startsWith('#') ? undefined : line.split('\t')[1] }))
    .filter((r) => r.task);
}

const bench = readdirSync(benchDir)
  .filter((f) => f.endsWith('.tsv'))
  .flatMap((f) => tasks(path.join(benchDir, f)).map((r) => ({ file: f, task: r.task, grams: grams(r.task) })));

const found = [];
for (const f of readdirSync(path.join(repoRoot, 'data'))
  .filter((n) => /^training-tasks.*\.tsv$/.test(n))
  .sort()) {
  for (const row of tasks(path.join(repoRoot, 'data', f))) {
    const g = grams(row.task);
    for (const b of bench) {
      const shorter = Math.min(g.size, b.grams.size);
      if (shorter < MIN_GRAMS) continue;
      let shared = 0;
      const [small, large] = g.size <= b.grams.size ? [g, b.grams] : [b.grams, g];
      for (const x of small) if (large.has(x)) shared++;
      if (shared / shorter >= THRESHOLD) {
        found.push({
          where: `data/${f}:${row.line}`,
          task: row.task,
          bench: `${b.file}: ${b.task}`,
          share: shared / shorter,
        });
        break;
      }
    }
  }
}
for (const r of found)
  console.log(`${r.where} (${r.share.toFixed(2)}): ${r.task.slice(0, 100)}\n    ~ ${r.bench.slice(0, 120)}`);
console.log(`${found.length} training tasks repeat a benchmark row's wording (4-gram share >= ${THRESHOLD})`);
process.exit(found.length > 0 ? 1 : 0);
