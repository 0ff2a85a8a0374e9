#!/usr/bin/env node
// Benchmark of measured cost: over the same generated transcripts, in one run, times
//   cat (every file to /dev/null), our cold scan (no usage cache), the warm budget check
//   (cache hit, no new bytes; 100,000 history records on disk), and ccusage 20 if it can be fetched.
// Page cache: each cold run is timed twice, with the kernel page cache dropped first (when allowed,
// i.e. as root) and with it warm. Peak RSS from /usr/bin/time when present.
//
//   npm run build && node scripts/bench-stats.mjs [--mb 500] [--runs 3] [--keep] [--lib dist/index.js]
//
// Writes bench-results/stats.json. Generated data lives under /tmp/cr-bench-* and is deleted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '500' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    // Another bundle of the library (e.g. one made with esbuild from src/usage/index.ts).
    lib: { type: 'string' },
  },
});
const dist = path.resolve(values.lib ?? path.join(repo, 'dist', 'index.js'));
const MB = Number(values.mb);
const RUNS = Math.max(1, Number(values.runs));
const CCUSAGE = 'ccusage@20.0.24';
if (!existsSync(dist)) {
  console.error(`${dist} not found: run npm run build first`);
  process.exit(1);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'cr-bench-'));
const claudeDir = path.join(work, 'claude');
const root = path.join(claudeDir, 'projects');
const cacheDir = path.join(work, 'cache');
const historyFile = path.join(work, 'history.jsonl');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cleanup = () => { if (!values.keep) rmSync(work, { recursive: true, force: true }); };
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

function log(s) { process.stderr.write(`${s}\n`); }

// 1. Data: transcripts with known totals, and 100,000 history records.
log(`generating ${MB} MB of transcripts in ${work}`);
const gen = spawnSync(process.execPath, [path.join(here, 'gen-transcripts.mjs'), '--out', claudeDir, '--mb', String(MB), '--seed', '7'], { stdio: ['ignore', 'inherit', 'inherit'] });
if (gen.status !== 0) process.exit(1);
const expected = JSON.parse(readFileSync(path.join(claudeDir, 'expected.json'), 'utf8'));
{
  const fd = openSync(historyFile, 'w');
  let chunk = '';
  const tiers = ['haiku', 'sonnet', 'opus'];
  const t0 = Date.now() - 30 * 86_400_000;
  for (let i = 0; i < 100_000; i++) {
    const sessionId = expected.sessions[i % expected.sessions.length];
    chunk += `${JSON.stringify({ v: 1, type: 'decision', id: `d${i}`, time: new Date(t0 + i * 25_000).toISOString(), cwd: '/home/dev/work/project-1', kind: 'route', task: `task number ${i}: refactor the module`, tier: tiers[i % 3], model: tiers[i % 3], rule: 'task-type', confidence: 0.9, sessionId })}\n`;
    if (chunk.length > 1 << 20) { writeSync(fd, chunk); chunk = ''; }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}
const listing = spawnSync('find', [root, '-name', '*.jsonl', '-type', 'f'], { encoding: 'utf8', maxBuffer: 1 << 28 });
const files = listing.stdout.split('\n').filter(Boolean);

function canDropCaches() {
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}
const dropAllowed = canDropCaches();
function dropCaches() {
  spawnSync('sync');
  writeFileSync('/proc/sys/vm/drop_caches', '3');
}

/** Runs a command; returns wall seconds (measured here) and peak RSS in MB (from /usr/bin/time). */
function timed(cmd, args, opts = {}) {
  const argv = timeBin ? [timeBin, ['-f', '__RSS_KB=%M', cmd, ...args]] : [cmd, [...args]];
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], { stdio: ['ignore', opts.stdout ?? 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28, timeout: opts.timeout ?? 600_000, env: opts.env ?? process.env });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const rss = /__RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { seconds, rssMB: rss ? Number(rss[1]) / 1024 : undefined, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Our cold scan in a child: the whole `cr stats` transcript path (walk, read, dedupe, aggregate
// per session, write the usage cache), with Node start-up, like the other commands timed here.
const coldScript = `
import { updateUsageIndex, sessionUsage, usageCells, writeSummary } from ${JSON.stringify(dist)};
import { rmSync } from 'node:fs';
const [root, cacheDir] = process.argv.slice(2);
rmSync(cacheDir, { recursive: true, force: true });
const index = updateUsageIndex({ roots: [root], cacheDir });
writeSummary(cacheDir, index, Date.now());
const sessions = sessionUsage(index);
const totals = {};
for (const c of usageCells(index)) {
  const t = (totals[c.model] ??= { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, messages: 0 });
  for (const k of Object.keys(t)) t[k] += c.totals[k];
}
process.stdout.write(JSON.stringify({ sessions: sessions.size, malformed: index.malformedLines, bytes: index.stats.bytesRead, totals }));
`;
const scriptFile = path.join(work, 'cold.mjs');
writeFileSync(scriptFile, coldScript);

function runOurs() {
  return timed(process.execPath, [scriptFile, root, cacheDir], { stdout: 'pipe' });
}
function runCat() {
  return timed('cat', files);
}

let ccusageBin;
function findCcusage() {
  log(`fetching ${CCUSAGE} (npm exec)…`);
  const r = spawnSync('npm', ['exec', '--yes', '--package', CCUSAGE, '--', 'sh', '-c', 'command -v ccusage'], { encoding: 'utf8', timeout: 180_000, cwd: work });
  const bin = r.status === 0 ? r.stdout.trim().split('\n').at(-1) : '';
  return bin && existsSync(bin) ? bin : undefined;
}
ccusageBin = findCcusage();
const ccEnv = { ...process.env, CLAUDE_CONFIG_DIR: claudeDir, HOME: work, TZ: 'UTC' };
function runCcusage() {
  return timed(ccusageBin, ['daily', '--json', '--offline'], { stdout: 'pipe', env: ccEnv, timeout: 600_000 });
}

const results = { mb: MB, files: files.length, bytes: expected.bytes, messages: expected.messages, runs: RUNS, node: process.version, cpus: os.cpus().length, modes: {} };
const modes = dropAllowed ? ['page cache dropped', 'page cache warm'] : ['page cache warm'];
let ours;
let cc;
for (const mode of modes) {
  const runs = { cat: [], ours: [], ccusage: [], oursRss: [], ccRss: [] };
  for (let i = 0; i < RUNS; i++) {
    if (mode === 'page cache warm' && i === 0) runCat(); // fill the cache
    if (mode !== 'page cache warm') dropCaches();
    runs.cat.push(runCat().seconds);
    if (mode !== 'page cache warm') dropCaches();
    ours = runOurs();
    if (ours.status !== 0) throw new Error(`our scan failed: ${ours.stderr}`);
    runs.ours.push(ours.seconds);
    if (ours.rssMB) runs.oursRss.push(ours.rssMB);
    if (ccusageBin) {
      if (mode !== 'page cache warm') dropCaches();
      const r = runCcusage();
      if (r.status === 0) {
        cc = r;
        runs.ccusage.push(r.seconds);
        if (r.rssMB) runs.ccRss.push(r.rssMB);
      } else {
        log(`ccusage failed: ${(r.stderr ?? '').slice(0, 300)}`);
      }
    }
  }
  const cat = median(runs.cat);
  results.modes[mode] = {
    catSeconds: cat,
    oursSeconds: median(runs.ours),
    oursVsCat: median(runs.ours) / cat,
    oursPeakRssMB: runs.oursRss.length ? Math.max(...runs.oursRss) : undefined,
    ccusageSeconds: runs.ccusage.length ? median(runs.ccusage) : undefined,
    ccusageVsCat: runs.ccusage.length ? median(runs.ccusage) / cat : undefined,
    ccusagePeakRssMB: runs.ccRss.length ? Math.max(...runs.ccRss) : undefined,
    all: runs,
  };
}

// Correctness: our totals against the generator's, and ccusage's totals against both.
const ourOut = JSON.parse(ours.stdout);
const sum = (obj, f) => Object.values(obj).reduce((s, t) => s + f(t), 0);
const exp = expected.models;
results.totalsMatchGenerator = JSON.stringify(Object.keys(exp).sort().map((m) => exp[m])) === JSON.stringify(Object.keys(ourOut.totals).sort().map((m) => ourOut.totals[m]));
results.ourTotals = ourOut.totals;
if (cc) {
  try {
    const t = JSON.parse(cc.stdout).totals;
    results.ccusageTotals = t;
    results.ccusageAgrees = t.inputTokens === sum(exp, (x) => x.input) && t.outputTokens === sum(exp, (x) => x.output)
      && t.cacheReadTokens === sum(exp, (x) => x.cacheRead) && t.cacheCreationTokens === sum(exp, (x) => x.cacheWrite5m + x.cacheWrite1h);
  } catch {
    results.ccusageAgrees = false;
  }
}

// Warm budget check: the cache is warm (written by the last cold run), nothing changed.
const warmScript = `
import { budgetSpend, budgetVerdict } from ${JSON.stringify(dist)};
import { appendFileSync } from 'node:fs';
const [root, cacheDir, grow] = process.argv.slice(2);
const times = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  const { spend, source } = budgetSpend({ roots: [root], cacheDir, now: Date.now(), prices: {} });
  budgetVerdict({ daily: 50, weekly: 200, monthly: 500 }, spend);
  times.push([performance.now() - t, source]);
}
let grown;
if (grow) {
  const line = JSON.stringify({ type: 'assistant', sessionId: 's', requestId: 'req_bench', timestamp: new Date().toISOString(), message: { id: 'msg_bench', model: 'claude-sonnet-5-5', usage: { input_tokens: 1, output_tokens: 1 } } });
  appendFileSync(grow, line + '\\n');
  const t = performance.now();
  const r = budgetSpend({ roots: [root], cacheDir, now: Date.now(), prices: {} });
  grown = [performance.now() - t, r.source];
}
process.stdout.write(JSON.stringify({ times, grown }));
`;
const warmFile = path.join(work, 'warm.mjs');
writeFileSync(warmFile, warmScript);
const warm = timed(process.execPath, [warmFile, root, cacheDir, files[0]], { stdout: 'pipe' });
const w = JSON.parse(warm.stdout);
const hits = w.times.slice(1).map((x) => x[0]); // the first call also warms the process (JIT, Intl)
results.warmBudgetCheck = {
  historyRecords: 100_000,
  historyFileMB: readFileSync(historyFile).length / 1048576,
  firstCallMs: w.times[0][0],
  medianMs: median(hits),
  maxMs: Math.max(...hits),
  source: w.times.at(-1)[1],
  afterOneFileGrewMs: w.grown?.[0],
  peakRssMB: warm.rssMB,
};

mkdirSync(path.join(repo, 'bench-results'), { recursive: true });
writeFileSync(path.join(repo, 'bench-results', 'stats.json'), `${JSON.stringify(results, null, 2)}\n`);

const f2 = (x) => (x === undefined ? '—' : x.toFixed(2));
const row = (...cells) => cells.map((c, i) => String(c).padEnd(i === 0 ? 34 : 12)).join('');
console.log(`\n${(expected.bytes / 1048576).toFixed(0)} MB, ${files.length} files, ${expected.messages} assistant messages; median of ${RUNS}; ${os.cpus().length} CPUs, Node ${process.version}`);
for (const [mode, m] of Object.entries(results.modes)) {
  console.log(`\n${mode}`);
  console.log(row('', 'seconds', 'x cat', 'peak RSS MB'));
  console.log(row('cat', f2(m.catSeconds), '1.00', '—'));
  console.log(row('cr stats scan (cold, no cache)', f2(m.oursSeconds), f2(m.oursVsCat), f2(m.oursPeakRssMB)));
  console.log(row(ccusageBin ? `ccusage ${CCUSAGE.split('@')[1]} daily --json` : 'ccusage: not available', f2(m.ccusageSeconds), f2(m.ccusageVsCat), f2(m.ccusagePeakRssMB)));
}
const wb = results.warmBudgetCheck;
console.log(`\nwarm budget check (cache hit, no new bytes, ${wb.historyRecords} history records on disk): median ${wb.medianMs.toFixed(1)} ms, max ${wb.maxMs.toFixed(1)} ms (first call in the process ${wb.firstCallMs.toFixed(1)} ms); after one file grew: ${wb.afterOneFileGrewMs?.toFixed(1)} ms`);
console.log(`totals match the generator: ${results.totalsMatchGenerator ? 'yes' : 'NO'}${cc ? `; ccusage agrees: ${results.ccusageAgrees ? 'yes' : 'NO'}` : ''}`);
console.log('results: bench-results/stats.json');
