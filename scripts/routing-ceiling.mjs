#!/usr/bin/env node
// How far can a benchmark's own labels be learned? Trains the classifier's model on the benchmark
// file itself, with cross-validation, and reports the held-out macro-F1: a ceiling for what a model
// with these features can reach on that file's labels, to read beside the shipped model's figure.
//
//   npm run bench:ceiling                      # public-subagents.tsv
//   node scripts/routing-ceiling.mjs FILE.tsv  # any labelled file (expect<TAB>task, header)
//
// Measuring only: the model trained here is thrown away (scripts/train-classifier.mjs --search
// writes nothing), and the shipped weights never see a benchmark row. For each of several fold
// splits, the best of train-classifier's regularisation grid is taken, so the ceiling is, if
// anything, optimistic. Writes bench-results/routing-ceiling.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.resolve(process.env.CR_BENCHMARKS_DIR ?? path.resolve(repoRoot, '../shared/benchmarks'));
const file = path.resolve(process.argv[2] ?? path.join(benchDir, 'public-subagents.tsv'));
const TIERS = ['haiku', 'sonnet', 'opus'];
const SPLITS = [5, 10].flatMap((folds) => [1, 2, 3].map((seed) => ({ folds, foldSeed: seed * 7919 })));

if (!existsSync(file)) {
  console.error(`routing-ceiling: ${file} not found`);
  process.exit(2);
}
const rows = readFileSync(file, 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => l.split('\t'))
  .filter((c) => TIERS.includes(c[0]?.trim()));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cr-ceiling-'));
const data = path.join(tmp, 'labels.tsv');
writeFileSync(data, `expect\ttask\n${rows.map((c) => `${c[0].trim()}\t${c[1]}`).join('\n')}\n`);

function macroF1(expected, got) {
  let sum = 0;
  for (const t of TIERS) {
    const tp = expected.filter((e, i) => e === t && got[i] === t).length;
    const pred = got.filter((g) => g === t).length;
    const act = expected.filter((e) => e === t).length;
    const p = pred ? tp / pred : 0;
    const r = act ? tp / act : 0;
    sum += p && r ? (2 * p * r) / (p + r) : 0;
  }
  return sum / TIERS.length;
}

const splits = [];
try {
  for (const split of SPLITS) {
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'scripts/train-classifier.mjs'), '--search'], {
      cwd: repoRoot,
      env: { ...process.env, CR_TRAIN_DATA: data, CR_TRAIN_HYPER: JSON.stringify(split) },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'], // its warnings (duplicate rows) are not this report's
      maxBuffer: 64 * 1024 * 1024,
    });
    const best = JSON.parse(/best by cross-validated macro-F1: (\{.*\})/.exec(out)?.[1] ?? 'null');
    if (!best) throw new Error(`no result from train-classifier --search for ${JSON.stringify(split)}`);
    splits.push({ ...split, l2: best.l2, iterations: best.iterations, macroF1: best.f1, accuracy: best.acc });
    process.stderr.write(`${split.folds}-fold, seed ${split.foldSeed}: held-out macro-F1 ${best.f1.toFixed(3)}\n`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

let shipped = null;
const lib = path.join(repoRoot, 'dist/index.js');
if (existsSync(lib)) {
  const { classifyTask } = await import(pathToFileURL(lib).href);
  shipped = macroF1(
    rows.map((c) => c[0].trim()),
    rows.map((c) => classifyTask(c[1]).tier),
  );
}

const f1s = splits.map((s) => s.macroF1).sort((a, b) => a - b);
const median = (f1s[(f1s.length - 1) >> 1] + f1s[f1s.length >> 1]) / 2;
const f3 = (x) => x.toFixed(3);
console.log(`\n${path.basename(file)}: ${rows.length} rows`);
console.log(
  `trained on its own labels, held-out macro-F1 over ${splits.length} fold splits (best of the l2 grid each):`,
);
console.log(`  min ${f3(f1s[0])}  median ${f3(median)}  max ${f3(f1s.at(-1))}`);
if (shipped !== null) console.log(`shipped model (trained on data/training-tasks.tsv only): macro-F1 ${f3(shipped)}`);
else console.log('shipped model: dist/index.js not found, run `npm run build` to compare');

const results = path.join(repoRoot, 'bench-results');
mkdirSync(results, { recursive: true });
writeFileSync(
  path.join(results, 'routing-ceiling.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      file: path.basename(file),
      rows: rows.length,
      ownLabelsHeldOutMacroF1: { min: f1s[0], median, max: f1s.at(-1), splits },
      shippedMacroF1: shipped,
    },
    null,
    2,
  )}\n`,
);
console.log('wrote bench-results/routing-ceiling.json');
