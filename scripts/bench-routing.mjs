#!/usr/bin/env node
// Routing benchmark: how well classifyTask's tier agrees with the labelled benchmark sets,
// how well its confidence is calibrated, and how fast it is.
//
//   npm run bench:routing                 # build, then run with the quality gate
//   node scripts/bench-routing.mjs --no-gate
//
// Reads every *.tsv in ../shared/benchmarks (override with CR_BENCHMARKS_DIR), imports the
// built library dist/index.js (run `npm run build` first), prints per-file figures (and per group
// for a file with a `group` column, routing-wild-dev.tsv), a speed section and the Markdown table
// for docs/benchmarks.md, writes bench-results/routing.json, and exits 1 when a target is missed
// (unless --no-gate). Without the benchmark files it says where to put them and exits 2.
// Measuring only: no benchmark row ever reaches the training data (data/training-tasks*.tsv).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.resolve(process.env.CR_BENCHMARKS_DIR ?? path.resolve(repoRoot, '../shared/benchmarks'));
const gate = !process.argv.includes('--no-gate');
const TIERS = ['haiku', 'sonnet', 'opus'];

// Targets (docs/benchmarks.md): per-file accuracy / macro-F1, per-group accuracy, severe errors
// (opus <-> haiku), decisions at confidence >= 0.8 on every file, speed.
const TARGETS = {
  accuracy: { 'routing-dev.tsv': 1.0, 'public-prompts.tsv': 0.92, 'routing-wild-dev.tsv': 0.9 },
  groupAccuracy: { 'routing-wild-dev.tsv': 0.85 },
  macroF1: { 'public-subagents.tsv': 0.5 },
  maxSevereRate: { default: 0.02, 'routing-wild-dev.tsv': 0.01 },
  highConfidence: { threshold: 0.8, minAccuracy: 0.95 },
  maxMedianMicros10KB: 1000,
  maxMedianMillis1MB: 20,
};

const libPath = path.join(repoRoot, 'dist/index.js');
if (!existsSync(libPath)) {
  console.error(`bench-routing: ${path.relative(repoRoot, libPath)} not found; run \`npm run build\` first`);
  process.exit(2);
}
const { classifyTask } = await import(pathToFileURL(libPath).href);

function parseTsv(text, file) {
  const rows = [];
  const lines = text.split(/\r?\n/);
  // Columns: expect, task, then optional columns named in the header: `group` (the kind of task,
  // reported on its own) and provenance or reasons that are not input.
  const header = (lines[0] ?? '').split('\t').map((c) => c.trim());
  const groupColumn = header.indexOf('group');
  lines.forEach((line, i) => {
    if (!line.trim() || i === 0) return; // header
    const cols = line.split('\t');
    const expect = (cols[0] ?? '').trim();
    if (cols.length < 2 || !TIERS.includes(expect)) throw new Error(`${file}:${i + 1}: bad row`);
    const row = { expect, task: cols[1] };
    if (groupColumn >= 0) row.group = (cols[groupColumn] ?? '').trim() || '(none)';
    rows.push(row);
  });
  return rows;
}

const pct = (x) => (x === null || Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);
const f3 = (x) => (x === null || Number.isNaN(x) ? '—' : x.toFixed(3));
const BUCKETS = [
  { name: '<0.5', lo: 0, hi: 0.5 },
  { name: '0.5–0.8', lo: 0.5, hi: 0.8 },
  { name: '>=0.8', lo: 0.8, hi: Infinity },
];

function evaluate(rows) {
  // One warm pass so the timed pass measures steady state.
  for (const r of rows) classifyTask(r.task);
  const t0 = process.hrtime.bigint();
  const results = rows.map((r) => classifyTask(r.task));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { ...figures(rows, results), classificationsPerSecond: Math.round(rows.length / Math.max(seconds, 1e-9)) };
}

function figures(rows, results) {
  const perTier = {};
  for (const t of TIERS) {
    const tp = rows.filter((r, i) => r.expect === t && results[i].tier === t).length;
    const predicted = results.filter((c) => c.tier === t).length;
    const actual = rows.filter((r) => r.expect === t).length;
    const precision = predicted ? tp / predicted : null;
    const recall = actual ? tp / actual : null;
    const f1 = precision && recall ? (2 * precision * recall) / (precision + recall) : 0;
    perTier[t] = { support: actual, predicted, precision, recall, f1 };
  }
  const tiersPresent = TIERS.filter((t) => perTier[t].support > 0);
  const correct = rows.filter((r, i) => results[i].tier === r.expect).length;
  const severe = rows.filter(
    (r, i) =>
      (r.expect === 'opus' && results[i].tier === 'haiku') || (r.expect === 'haiku' && results[i].tier === 'opus'),
  ).length;
  const calibration = BUCKETS.map((b) => {
    const idx = results.map((c, i) => i).filter((i) => results[i].confidence >= b.lo && results[i].confidence < b.hi);
    const ok = idx.filter((i) => results[i].tier === rows[i].expect).length;
    return { bucket: b.name, count: idx.length, correct: ok, accuracy: idx.length ? ok / idx.length : null };
  });
  const confusion = Object.fromEntries(
    TIERS.map((e) => [
      e,
      Object.fromEntries(TIERS.map((p) => [p, rows.filter((r, i) => r.expect === e && results[i].tier === p).length])),
    ]),
  );
  return {
    rows: rows.length,
    accuracy: correct / rows.length,
    macroF1: tiersPresent.reduce((s, t) => s + perTier[t].f1, 0) / tiersPresent.length,
    severeErrors: severe,
    severeRate: severe / rows.length,
    perTier,
    confusion,
    calibration,
    misses: rows
      .map((r, i) => ({ r, c: results[i] }))
      .filter(({ r, c }) => r.expect !== c.tier)
      .map(({ r, c }) => ({
        expect: r.expect,
        got: c.tier,
        confidence: c.confidence,
        family: c.family,
        task: r.task.slice(0, 140),
      })),
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function speed() {
  const paragraph =
    'The checkout service sometimes double-charges customers when the payment provider times out. ' +
    'Please look at src/payments/retry.ts and the webhook handler, write a failing test, and fix the retry logic so that ' +
    'each charge is idempotent. Keep the public API of the client the same and update the docs if behaviour changes. ';
  const make = (bytes) => {
    let s = '';
    while (s.length < bytes) s += paragraph;
    return s.slice(0, bytes);
  };
  const tenKB = make(10 * 1024);
  const oneMB = make(1024 * 1024);
  for (let i = 0; i < 300; i++) classifyTask(tenKB + (i % 7)); // warm-up (slightly varied input)
  const micros = [];
  for (let i = 0; i < 500; i++) {
    const t0 = process.hrtime.bigint();
    classifyTask(tenKB);
    micros.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  for (let i = 0; i < 3; i++) classifyTask(oneMB);
  const millis = [];
  for (let i = 0; i < 15; i++) {
    const t0 = process.hrtime.bigint();
    classifyTask(oneMB);
    millis.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return {
    median10KBMicros: Math.round(median(micros) * 10) / 10,
    median1MBMillis: Math.round(median(millis) * 100) / 100,
  };
}

const files = existsSync(benchDir) ? (await readdir(benchDir)).filter((f) => f.endsWith('.tsv')).sort() : [];
if (files.length === 0) {
  console.error(
    `bench-routing: no benchmark files (*.tsv) in ${benchDir}: put the labelled sets (routing-dev.tsv, ` +
      'routing-wild-dev.tsv, public-prompts.tsv, public-subagents.tsv) there, or point CR_BENCHMARKS_DIR at them',
  );
  process.exit(2);
}

const report = {
  generatedBy: 'scripts/bench-routing.mjs',
  benchmarksDir: benchDir,
  files: {},
  overall: {},
  speed: {},
  targets: TARGETS,
  failures: [],
};
const allResults = [];
for (const file of files) {
  const rows = parseTsv(await readFile(path.join(benchDir, file), 'utf8'), file);
  const r = evaluate(rows);
  report.files[file] = r;
  rows.forEach((row) => allResults.push(row));
  console.log(`\n## ${file}`);
  console.log(
    `rows ${r.rows}  accuracy ${pct(r.accuracy)}  macro-F1 ${f3(r.macroF1)}  severe errors ${r.severeErrors} (${pct(r.severeRate)})  ${r.classificationsPerSecond.toLocaleString('en-US')} classifications/s`,
  );
  for (const t of TIERS) {
    const p = r.perTier[t];
    console.log(
      `  ${t.padEnd(6)} support ${String(p.support).padStart(3)}  predicted ${String(p.predicted).padStart(3)}  precision ${pct(p.precision).padStart(6)}  recall ${pct(p.recall).padStart(6)}  F1 ${f3(p.f1)}`,
    );
  }
  console.log(
    `  confusion (rows = expected, cols = got ${TIERS.join('/')}): ${TIERS.map((e) => `${e} ${TIERS.map((p) => r.confusion[e][p]).join('/')}`).join('; ')}`,
  );
  console.log(
    `  confidence: ${r.calibration.map((b) => `${b.bucket}: ${b.count} (${pct(b.accuracy)} right)`).join(', ')}`,
  );
  if (rows.some((row) => row.group !== undefined)) {
    // Per group (kind of task): figures only, never the rows, so nobody tunes to one of them.
    r.groups = {};
    const results = rows.map((row) => classifyTask(row.task));
    for (const group of [...new Set(rows.map((row) => row.group))].sort()) {
      const idx = rows.map((_, i) => i).filter((i) => rows[i].group === group);
      const g = figures(
        idx.map((i) => rows[i]),
        idx.map((i) => results[i]),
      );
      delete g.misses;
      r.groups[group] = g;
      console.log(
        `  group ${group.padEnd(10)} rows ${String(g.rows).padStart(3)}  accuracy ${pct(g.accuracy).padStart(6)}  severe errors ${g.severeErrors}  confusion ${TIERS.map((e) => `${e} ${TIERS.map((p) => g.confusion[e][p]).join('/')}`).join('; ')}`,
      );
    }
  }
  if (process.argv.includes('--misses') && !rows.some((row) => row.group !== undefined))
    for (const m of r.misses)
      console.log(`    expected ${m.expect} got ${m.got} (${m.confidence}, ${m.family}): ${m.task}`);
}

// Overall calibration across all files.
const overallRows = [];
for (const file of files) {
  const rows = parseTsv(await readFile(path.join(benchDir, file), 'utf8'), file);
  for (const row of rows) overallRows.push({ row, c: classifyTask(row.task) });
}
report.overall.rows = overallRows.length;
report.overall.calibration = BUCKETS.map((b) => {
  const sel = overallRows.filter(({ c }) => c.confidence >= b.lo && c.confidence < b.hi);
  const ok = sel.filter(({ row, c }) => row.expect === c.tier).length;
  return { bucket: b.name, count: sel.length, correct: ok, accuracy: sel.length ? ok / sel.length : null };
});
console.log(
  `\n## all files\nconfidence: ${report.overall.calibration.map((b) => `${b.bucket}: ${b.count} (${pct(b.accuracy)} right)`).join(', ')}`,
);

report.speed = speed();
console.log(
  `\n## speed\n10 KB task: median ${report.speed.median10KBMicros} µs per decision (after warm-up)\n1 MB task: median ${report.speed.median1MBMillis} ms per decision`,
);

// Gate.
const fail = (msg) => report.failures.push(msg);
for (const [file, min] of Object.entries(TARGETS.accuracy)) {
  const r = report.files[file];
  if (!r) fail(`${file}: missing`);
  else if (r.accuracy < min) fail(`${file}: accuracy ${pct(r.accuracy)} < ${pct(min)}`);
}
for (const [file, min] of Object.entries(TARGETS.macroF1)) {
  const r = report.files[file];
  if (!r) fail(`${file}: missing`);
  else if (r.macroF1 < min) fail(`${file}: macro-F1 ${f3(r.macroF1)} < ${min}`);
}
for (const [file, min] of Object.entries(TARGETS.groupAccuracy)) {
  for (const [group, g] of Object.entries(report.files[file]?.groups ?? {}))
    if (g.accuracy < min) fail(`${file} group ${group}: accuracy ${pct(g.accuracy)} < ${pct(min)}`);
}
for (const [file, r] of Object.entries(report.files)) {
  const max = TARGETS.maxSevereRate[file] ?? TARGETS.maxSevereRate.default;
  if (r.severeRate > max) fail(`${file}: severe-error rate ${pct(r.severeRate)} > ${pct(max)}`);
  const h = r.calibration.find((b) => b.bucket === '>=0.8');
  if (h.count > 0 && h.accuracy < TARGETS.highConfidence.minAccuracy)
    fail(
      `${file}: decisions at confidence >= 0.8 right ${pct(h.accuracy)} < ${pct(TARGETS.highConfidence.minAccuracy)}`,
    );
}
const high = report.overall.calibration.find((b) => b.bucket === '>=0.8');
if (high.count > 0 && high.accuracy < TARGETS.highConfidence.minAccuracy)
  fail(`confidence >= 0.8 right ${pct(high.accuracy)} < ${pct(TARGETS.highConfidence.minAccuracy)}`);
// The training corpus repeats no benchmark row (scripts/corpus-overlap.mjs): a figure measured on
// rows the weights learned would say nothing.
{
  const overlap = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'corpus-overlap.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, CR_BENCHMARKS_DIR: benchDir },
  });
  const summary = overlap.stdout.trim().split('\n').at(-1) ?? '';
  console.log(`\ncorpus: ${summary}`);
  report.corpusOverlap = summary;
  if (overlap.status !== 0)
    fail(`corpus: ${summary || overlap.stderr.trim()} (node scripts/corpus-overlap.mjs lists them)`);
}
if (report.speed.median10KBMicros > TARGETS.maxMedianMicros10KB)
  fail(`10 KB decision ${report.speed.median10KBMicros} µs > ${TARGETS.maxMedianMicros10KB} µs`);
if (report.speed.median1MBMillis > TARGETS.maxMedianMillis1MB)
  fail(`1 MB decision ${report.speed.median1MBMillis} ms > ${TARGETS.maxMedianMillis1MB} ms`);

// Markdown table for docs/benchmarks.md: a row per file, and one per group of a file that has groups.
const md = [];
md.push(
  '| benchmark | rows | accuracy | macro-F1 | haiku P/R | sonnet P/R | opus P/R | severe errors | conf ≥ 0.8: n (right) |',
);
md.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [file, r] of Object.entries(report.files)) {
  const pr = (t) => (r.perTier[t].support ? `${pct(r.perTier[t].precision)} / ${pct(r.perTier[t].recall)}` : '—');
  const h = r.calibration.find((b) => b.bucket === '>=0.8');
  md.push(
    `| ${file} | ${r.rows} | ${pct(r.accuracy)} | ${f3(r.macroF1)} | ${pr('haiku')} | ${pr('sonnet')} | ${pr('opus')} | ${r.severeErrors} (${pct(r.severeRate)}) | ${h.count} (${pct(h.accuracy)}) |`,
  );
  for (const [group, g] of Object.entries(r.groups ?? {})) {
    const gpr = (t) => (g.perTier[t].support ? `${pct(g.perTier[t].precision)} / ${pct(g.perTier[t].recall)}` : '—');
    const gh = g.calibration.find((b) => b.bucket === '>=0.8');
    md.push(
      `| ↳ ${group} | ${g.rows} | ${pct(g.accuracy)} | ${f3(g.macroF1)} | ${gpr('haiku')} | ${gpr('sonnet')} | ${gpr('opus')} | ${g.severeErrors} (${pct(g.severeRate)}) | ${gh.count} (${pct(gh.accuracy)}) |`,
    );
  }
}
md.push('');
md.push(
  `Confidence calibration, all ${report.overall.rows} rows: ${report.overall.calibration.map((b) => `${b.bucket}: ${b.count} rows, ${pct(b.accuracy)} right`).join('; ')}.`,
);
md.push(
  `Speed: ${report.speed.median10KBMicros} µs median per decision for a 10 KB task (after warm-up); ${report.speed.median1MBMillis} ms for 1 MB.`,
);
report.markdown = md.join('\n');
console.log(`\n## Markdown\n\n${report.markdown}\n`);

for (const r of Object.values(report.files)) delete r.misses;
await mkdir(path.join(repoRoot, 'bench-results'), { recursive: true });
await writeFile(path.join(repoRoot, 'bench-results/routing.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('wrote bench-results/routing.json');

if (report.failures.length) {
  console.log(`\ntargets missed:\n${report.failures.map((f) => `  - ${f}`).join('\n')}`);
  if (gate) process.exit(1);
} else {
  console.log('\nall targets met');
}
