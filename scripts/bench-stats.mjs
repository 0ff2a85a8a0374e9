#!/usr/bin/env node
// Benchmark of measured cost: over the same generated transcripts, in one run, times
//   cat (every file to /dev/null); a bare Node loop that only reads the files and finds the
//   assistant lines (the floor for any reader in Node); our cold scan (library, no usage cache);
//   `cr stats --json` end to end (empty cache dir, 100,000 history records); ccusage 20; and the
//   warm budget check a launch runs, in a fresh process: `cr --explain` with a budget minus the same
//   with a config without one (nothing changed since the last check; one transcript grew by
//   --grow-kb KB; a new session file of that size appeared), and the budget function's first call
//   after import.
// Page cache: each cold run is timed three ways: with only the transcripts and the history evicted
// from the page cache (see evictData), with the whole page cache dropped first (when allowed, i.e.
// as root), and with it warm. Runs of the programs are interleaved; medians; peak RSS from /usr/bin/time.
// Each timed run waits (up to --quiet-wait seconds) for idle CPUs first, and the machine's load
// average is recorded: on a shared machine, re-run when it is high.
//
//   npm run build && node scripts/bench-stats.mjs [--mb 500] [--runs 5] [--keep] [--lib dist/index.js]
//     [--budget-only] [--grow-kb 256] [--quiet-wait 10]
//
// Writes bench-results/stats.json. Generated data lives under /tmp/cr-bench-* and is deleted.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  readdirSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  openSync,
  closeSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '500' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    // Another bundle of the library (e.g. one made with esbuild from src/usage/index.ts).
    lib: { type: 'string' },
    // Only the warm budget check (skips cat, the cold scans, cr stats and ccusage).
    'budget-only': { type: 'boolean', default: false },
    // How much a transcript grows between two launches in the "one transcript grew" row.
    'grow-kb': { type: 'string', default: '256' },
    // Before each timed run, wait up to this many seconds for the CPUs to be idle (0: do not wait).
    'quiet-wait': { type: 'string', default: '10' },
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
const cleanup = () => {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

function log(s) {
  process.stderr.write(`${s}\n`);
}

// 1. Data: transcripts with known totals, and 100,000 history records.
log(`generating ${MB} MB of transcripts in ${work}`);
const gen = spawnSync(
  process.execPath,
  [path.join(here, 'gen-transcripts.mjs'), '--out', claudeDir, '--mb', String(MB), '--seed', '7'],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
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
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
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

// "Transcripts evicted": only the data files' pages leave the page cache (GNU dd's nocache flag
// with count=0 asks the kernel to drop a whole file's cached pages; needs no root). The programs
// (Node, cat, ccusage) stay in memory as on any machine that runs Claude Code, and so do folder
// listings and inodes. "Page cache dropped" (root only) drops everything, Node's ~100 MB binary
// included, which every Node program then pays for (~0.16 s) whatever it reads.
const evictFiles = () => [...files, historyFile];
function evictData() {
  spawnSync('sync');
  return (
    spawnSync('sh', [
      '-c',
      'for f; do dd if="$f" iflag=nocache count=0 status=none || exit 1; done',
      'sh',
      ...evictFiles(),
    ]).status === 0
  );
}
const evictAllowed = evictData();

// On a shared machine, another process's burst of work distorts the run it falls on. Before each
// run of the scan table (every program alike) the bench waits, up to --quiet-wait seconds, until the
// CPUs have been idle for 0.3 s; runs that started without that are counted and reported. The
// launches of the budget rows (~0.1 s each) are not held back: they are medians of differences of
// interleaved runs.
const QUIET_WAIT_MS = Number(values['quiet-wait']) * 1000;
const quiet = { runs: 0, waitedMs: 0, notQuiet: 0 };
function cpuTimes() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}
const pause = new Int32Array(new SharedArrayBuffer(4));
function waitQuiet() {
  if (!(QUIET_WAIT_MS > 0) || !existsSync('/proc/stat')) return;
  quiet.runs++;
  const t = Date.now();
  while (Date.now() - t < QUIET_WAIT_MS) {
    const a = cpuTimes();
    Atomics.wait(pause, 0, 0, 300);
    const b = cpuTimes();
    if (b.total > a.total && (b.idle - a.idle) / (b.total - a.total) >= 0.95) {
      quiet.waitedMs += Date.now() - t;
      return;
    }
  }
  quiet.waitedMs += Date.now() - t;
  quiet.notQuiet++;
}

/** Runs a command; returns wall seconds (measured here) and peak RSS in MB (from /usr/bin/time). */
function timed(cmd, args, opts = {}) {
  if (opts.quiet) waitQuiet();
  const argv = timeBin ? [timeBin, ['-f', '__RSS_KB=%M', cmd, ...args]] : [cmd, [...args]];
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], {
    stdio: ['ignore', opts.stdout ?? 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: opts.timeout ?? 600_000,
    env: opts.env ?? process.env,
    cwd: opts.cwd,
  });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const rss = /__RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return {
    seconds,
    rssMB: rss ? Number(rss[1]) / 1024 : undefined,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Our cold scan in a child: the whole `cr stats` transcript path (walk, read ahead, dedupe, aggregate
// per session, write the usage cache), with Node start-up, like the other commands timed here.
const coldScript = `
import { updateUsageIndexAsync, sessionUsage, usageCells, writeSummary } from ${JSON.stringify(dist)};
import { rmSync } from 'node:fs';
const [root, cacheDir] = process.argv.slice(2);
rmSync(cacheDir, { recursive: true, force: true });
const index = await updateUsageIndexAsync({ roots: [root], cacheDir });
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
  return timed(process.execPath, [scriptFile, root, cacheDir], { stdout: 'pipe', quiet: true });
}
function runCat() {
  return timed('cat', files, { quiet: true });
}

let ccusageBin;
function findCcusage() {
  log(`fetching ${CCUSAGE} (npm exec)…`);
  const r = spawnSync('npm', ['exec', '--yes', '--package', CCUSAGE, '--', 'sh', '-c', 'command -v ccusage'], {
    encoding: 'utf8',
    timeout: 180_000,
    cwd: work,
  });
  const bin = r.status === 0 ? r.stdout.trim().split('\n').at(-1) : '';
  return bin && existsSync(bin) ? bin : undefined;
}
const BUDGET_ONLY = values['budget-only'];
const GROW_KB = Number(values['grow-kb']);
if (!BUDGET_ONLY) ccusageBin = findCcusage();
const ccEnv = { ...process.env, CLAUDE_CONFIG_DIR: claudeDir, HOME: work, TZ: 'UTC' };
function runCcusage() {
  return timed(ccusageBin, ['daily', '--json', '--offline'], {
    stdout: 'pipe',
    env: ccEnv,
    timeout: 600_000,
    quiet: true,
  });
}

const bareScript = `
import { closeSync, openSync, readSync } from 'node:fs';
const files = JSON.parse(process.argv[2]);
const block = Buffer.allocUnsafe(2 << 20);
const needle = Buffer.from('"assist');
let lines = 0;
for (const f of files) {
  const fd = openSync(f, 'r');
  for (let pos = 0; ;) {
    const n = readSync(fd, block, 0, block.length, pos);
    if (n === 0) break;
    pos += n;
    for (let p = 0; ;) {
      const hit = block.indexOf(needle, p);
      if (hit < 0 || hit >= n) break;
      lines++;
      const nl = block.indexOf(10, hit);
      p = nl < 0 ? n : nl + 1;
    }
  }
  closeSync(fd);
}
process.stdout.write(String(lines));
`;
const bareFile = path.join(work, 'bare.mjs');
writeFileSync(bareFile, bareScript);
const filesJson = path.join(work, 'files.json');
writeFileSync(filesJson, JSON.stringify(files));
function runBare() {
  return timed(process.execPath, [bareFile, readFileSync(filesJson, 'utf8')], { stdout: 'pipe', quiet: true });
}

// `cr stats --json` end to end, as a user runs it: empty usage cache, 100,000 history records.
const crBin = path.join(repo, 'bin', 'cr.js');
const home = path.join(work, 'home');
const projectDir = path.join(work, 'project');
mkdirSync(home, { recursive: true });
mkdirSync(projectDir, { recursive: true });
const crEnv = (cache) => ({
  PATH: process.env.PATH,
  HOME: home,
  TZ: 'UTC',
  NO_COLOR: '1',
  XDG_STATE_HOME: path.join(work, 'state'),
  XDG_CONFIG_HOME: path.join(work, 'config'),
  XDG_CACHE_HOME: path.join(work, 'xdg-cache'),
  CR_CACHE_DIR: cache,
  CR_HISTORY_FILE: historyFile,
  CLAUDE_CONFIG_DIR: claudeDir,
});
// Cold means no usage data cached: everything in cr's cache folder goes before each run except
// code-cache/, the V8 code cache of cr's own bundle, which every cr run since the install has made
// (a user's first `cr stats` follows their launches). One untimed run below makes it.
function runCrStats() {
  const cache = path.join(work, 'stats-cache');
  if (existsSync(cache))
    for (const entry of readdirSync(cache))
      if (entry !== 'code-cache') rmSync(path.join(cache, entry), { recursive: true, force: true });
  return timed(process.execPath, [crBin, 'stats', '--json', '--days', '60'], {
    stdout: 'pipe',
    env: crEnv(cache),
    cwd: projectDir,
    quiet: true,
  });
}

const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const results = {
  mb: MB,
  files: files.length,
  bytes: expected.bytes,
  messages: expected.messages,
  runs: RUNS,
  node: process.version,
  cpus: os.cpus().length,
  loadAtStart: load(),
  modes: {},
};
const modes = BUDGET_ONLY
  ? []
  : [
      ...(evictAllowed ? ['transcripts evicted'] : []),
      ...(dropAllowed ? ['page cache dropped'] : []),
      'page cache warm',
    ];
let ours;
let cc;
let crStats;
if (modes.length > 0) runCrStats(); // untimed: makes cr's code cache (see runCrStats)
for (const mode of modes) {
  const runs = {
    cat: [],
    bare: [],
    ours: [],
    crStats: [],
    ccusage: [],
    oursRss: [],
    crStatsRss: [],
    ccRss: [],
    bareRss: [],
    load: [],
  };
  const cold = () => {
    if (mode === 'page cache dropped') dropCaches();
    else if (mode === 'transcripts evicted') evictData();
  };
  for (let i = 0; i < RUNS; i++) {
    if (mode === 'page cache warm' && i === 0) runCat(); // fill the cache
    runs.load.push(os.loadavg()[0]);
    cold();
    runs.cat.push(runCat().seconds);
    cold();
    const bare = runBare();
    runs.bare.push(bare.seconds);
    if (bare.rssMB) runs.bareRss.push(bare.rssMB);
    cold();
    ours = runOurs();
    if (ours.status !== 0) throw new Error(`our scan failed: ${ours.stderr}`);
    runs.ours.push(ours.seconds);
    if (ours.rssMB) runs.oursRss.push(ours.rssMB);
    cold();
    const c = runCrStats();
    if (c.status !== 0) throw new Error(`cr stats failed: ${c.stderr}`);
    crStats = c;
    runs.crStats.push(c.seconds);
    if (c.rssMB) runs.crStatsRss.push(c.rssMB);
    if (ccusageBin) {
      cold();
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
  const ratio = (xs) => (xs.length ? median(xs) / cat : undefined);
  results.modes[mode] = {
    catSeconds: cat,
    bareSeconds: median(runs.bare),
    bareVsCat: ratio(runs.bare),
    barePeakRssMB: runs.bareRss.length ? Math.max(...runs.bareRss) : undefined,
    oursSeconds: median(runs.ours),
    oursVsCat: ratio(runs.ours),
    oursPeakRssMB: runs.oursRss.length ? Math.max(...runs.oursRss) : undefined,
    crStatsSeconds: median(runs.crStats),
    crStatsVsCat: ratio(runs.crStats),
    crStatsPeakRssMB: runs.crStatsRss.length ? Math.max(...runs.crStatsRss) : undefined,
    ccusageSeconds: runs.ccusage.length ? median(runs.ccusage) : undefined,
    ccusageVsCat: ratio(runs.ccusage),
    ccusagePeakRssMB: runs.ccRss.length ? Math.max(...runs.ccRss) : undefined,
    loadAverage1m: median(runs.load),
    all: runs,
  };
}

// Correctness: our totals against the generator's, and ccusage's totals against both.
if (BUDGET_ONLY) ours = runOurs();
const ourOut = JSON.parse(ours.stdout);
const sum = (obj, f) => Object.values(obj).reduce((s, t) => s + f(t), 0);
const exp = expected.models;
results.totalsMatchGenerator =
  JSON.stringify(
    Object.keys(exp)
      .sort()
      .map((m) => exp[m]),
  ) ===
  JSON.stringify(
    Object.keys(ourOut.totals)
      .sort()
      .map((m) => ourOut.totals[m]),
  );
results.ourTotals = ourOut.totals;
if (cc) {
  try {
    const t = JSON.parse(cc.stdout).totals;
    results.ccusageTotals = t;
    results.ccusageAgrees =
      t.inputTokens === sum(exp, (x) => x.input) &&
      t.outputTokens === sum(exp, (x) => x.output) &&
      t.cacheReadTokens === sum(exp, (x) => x.cacheRead) &&
      t.cacheCreationTokens === sum(exp, (x) => x.cacheWrite5m + x.cacheWrite1h);
  } catch {
    results.ccusageAgrees = false;
  }
}

try {
  if (BUDGET_ONLY) crStats = runCrStats();
  const report = JSON.parse(crStats.stdout);
  const tokens = Object.values(exp).reduce(
    (s, x) => s + x.input + x.output + x.cacheWrite5m + x.cacheWrite1h + x.cacheRead,
    0,
  );
  results.crStatsTotalTokens = report.real?.totalTokens;
  results.crStatsMatchesGenerator = report.real?.totalTokens === tokens;
} catch {
  results.crStatsMatchesGenerator = false;
}

// Warm budget check, in a fresh process each time (a launch is one): the cache is warm, nothing
// changed. (1) `cr --explain` with a budget, minus the same with a config that has none, interleaved.
const budgetDir = path.join(work, 'with-budget');
const noBudgetDir = path.join(work, 'without-budget');
mkdirSync(budgetDir, { recursive: true });
mkdirSync(noBudgetDir, { recursive: true });
writeFileSync(
  path.join(budgetDir, '.claude-router.json'),
  JSON.stringify({ budget: { daily: 1e9, weekly: 1e9, monthly: 1e9 } }),
);
writeFileSync(path.join(noBudgetDir, '.claude-router.json'), '{}');
const launchCache = path.join(work, 'launch-cache');
const explain = (cwd) => {
  const r = timed(process.execPath, [crBin, '--explain', 'refactor the auth module'], { env: crEnv(launchCache), cwd });
  if (r.status !== 0) throw new Error(`cr --explain failed: ${r.stderr}`);
  return r.seconds * 1000;
};
explain(budgetDir); // warms the usage cache (reads everything once)
explain(budgetDir);
explain(noBudgetDir);
// What a Claude session leaves behind between two launches: GROW_KB more of one transcript (user
// turns with tool results, assistant messages with new ids), or a new session file of that size.
let growSeq = 0;
function sessionBytes(sessionId, kb) {
  let out = '';
  const filler = 'lorem ipsum dolor sit amet, consectetur adipiscing elit '.repeat(40);
  while (out.length < kb * 1024) {
    const n = growSeq++;
    const stamp = new Date().toISOString();
    out += `${JSON.stringify({ parentUuid: null, isSidechain: false, cwd: '/home/dev/work/project-1', sessionId, type: 'user', message: { role: 'user', content: [{ type: 'tool_result', content: filler.repeat(3) }] }, uuid: `gu${n}`, timestamp: stamp })}\n`;
    const msg = {
      model: 'claude-sonnet-4-5',
      id: `msg_grow_${n}`,
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: filler }],
      usage: { input_tokens: 3, cache_creation_input_tokens: 500, cache_read_input_tokens: 20000, output_tokens: 300 },
    };
    const line = JSON.stringify({
      parentUuid: `gu${n}`,
      isSidechain: false,
      cwd: '/home/dev/work/project-1',
      sessionId,
      message: msg,
      requestId: `req_grow_${n}`,
      type: 'assistant',
      uuid: `ga${n}`,
      timestamp: stamp,
    });
    out += `${line}\n${line}\n`; // two content blocks: the same message twice
  }
  return out;
}
const grownFile = files.find((f) => !f.includes(`${path.sep}subagents${path.sep}`)) ?? files[0];
const grownSession = path.basename(grownFile, '.jsonl');
const newFileDir = path.dirname(grownFile);
const filesCachePath = path.join(launchCache, 'usage-files.json');
const filesCacheBefore = readFileSync(filesCachePath);
const withBudget = [];
const withoutBudget = [];
const afterGrow = [];
const afterNewFile = [];
const launchLoads = [];
// Launches take ~0.1 s and the differences sought are a few ms: many rounds, medians.
for (let i = 0; i < Math.max(31, RUNS * 6); i++) {
  launchLoads.push(os.loadavg()[0]);
  withoutBudget.push(explain(noBudgetDir));
  withBudget.push(explain(budgetDir));
  appendFileSync(grownFile, sessionBytes(grownSession, GROW_KB));
  afterGrow.push(explain(budgetDir));
  const id = `0000${String(i).padStart(4, '0')}-bench-4000-a000-000000000000`;
  writeFileSync(path.join(newFileDir, `${id}.jsonl`), sessionBytes(id, GROW_KB));
  afterNewFile.push(explain(budgetDir));
}
const launchLoad = median(launchLoads);
// The launches read the new bytes into the summary only: the files cache was not rewritten.
const filesCacheUntouched = readFileSync(filesCachePath).equals(filesCacheBefore);
// (2) The budget function's first call in a fresh `node`, after importing the library (and later calls).
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
const firstCalls = [];
let w;
let warm;
for (let i = 0; i < 7; i++) {
  warm = timed(process.execPath, [warmFile, root, launchCache], { stdout: 'pipe' });
  w = JSON.parse(warm.stdout);
  firstCalls.push(w.times[0][0]);
}
warm = timed(process.execPath, [warmFile, root, launchCache, files[0]], { stdout: 'pipe' });
w = JSON.parse(warm.stdout);
const hits = w.times.slice(1).map((x) => x[0]);
results.warmBudgetCheck = {
  historyRecords: 100_000,
  historyFileMB: readFileSync(historyFile).length / 1048576,
  launchWithBudgetMs: median(withBudget),
  launchWithoutBudgetMs: median(withoutBudget),
  addedToLaunchMs: median(withBudget) - median(withoutBudget),
  growKB: GROW_KB,
  launchAfterGrowMs: median(afterGrow),
  addedAfterGrowMs: median(afterGrow) - median(withoutBudget),
  launchAfterNewFileMs: median(afterNewFile),
  addedAfterNewFileMs: median(afterNewFile) - median(withoutBudget),
  filesCacheUntouched,
  launchRuns: withBudget.length,
  launchMs: { withoutBudget, withBudget, afterGrow, afterNewFile },
  launchLoadAverage1m: launchLoad,
  firstCallMs: median(firstCalls),
  laterCallsMedianMs: median(hits),
  source: w.times.at(-1)[1],
  afterOneFileGrewMs: w.grown?.[0],
  afterOneFileGrewSource: w.grown?.[1],
  peakRssMB: warm.rssMB,
  summaryBytes: existsSync(path.join(launchCache, 'usage-summary.bin'))
    ? readFileSync(path.join(launchCache, 'usage-summary.bin')).length
    : undefined,
};
results.loadAtEnd = load();
results.quiet = { waitLimitSeconds: QUIET_WAIT_MS / 1000, ...quiet };

mkdirSync(path.join(repo, 'bench-results'), { recursive: true });
writeFileSync(path.join(repo, 'bench-results', 'stats.json'), `${JSON.stringify(results, null, 2)}\n`);

const f2 = (x) => (x === undefined ? '—' : x.toFixed(2));
const f0 = (x) => (x === undefined ? '—' : x.toFixed(0));
const row = (...cells) => cells.map((c, i) => String(c).padEnd(i === 0 ? 44 : 12)).join('');
console.log(
  `\n${(expected.bytes / 1048576).toFixed(0)} MB, ${files.length} files, ${expected.messages} assistant messages; median of ${RUNS}; ${os.cpus().length} CPUs, Node ${process.version}; load average at start ${results.loadAtStart.join(' ')}, at end ${results.loadAtEnd.join(' ')}`,
);
if (quiet.runs)
  console.log(
    `each run of the scan table waited for idle CPUs (up to ${QUIET_WAIT_MS / 1000} s): ${quiet.runs} runs, ${(quiet.waitedMs / 1000).toFixed(0)} s waited, ${quiet.notQuiet} started without idle CPUs`,
  );
for (const [mode, m] of Object.entries(results.modes)) {
  console.log(`\n${mode} (1-min load average during the runs: ${m.loadAverage1m.toFixed(2)})`);
  console.log(row('', 'seconds', 'x cat', 'peak RSS MB'));
  console.log(row('cat', f2(m.catSeconds), '1.00', '—'));
  console.log(row('floor: Node read + find assistant lines', f2(m.bareSeconds), f2(m.bareVsCat), f0(m.barePeakRssMB)));
  console.log(row('cr stats scan (library, cold, no cache)', f2(m.oursSeconds), f2(m.oursVsCat), f0(m.oursPeakRssMB)));
  console.log(
    row('cr stats --json (end to end, empty cache)', f2(m.crStatsSeconds), f2(m.crStatsVsCat), f0(m.crStatsPeakRssMB)),
  );
  console.log(
    row(
      ccusageBin ? `ccusage ${CCUSAGE.split('@')[1]} daily --json` : 'ccusage: not available',
      f2(m.ccusageSeconds),
      f2(m.ccusageVsCat),
      f0(m.ccusagePeakRssMB),
    ),
  );
}
const wb = results.warmBudgetCheck;
console.log(
  `\nwarm budget check, fresh process, ${wb.historyRecords} history records, summary ${(wb.summaryBytes / 1024).toFixed(0)} KB (load ${wb.launchLoadAverage1m.toFixed(2)}):`,
);
console.log(
  `  launch time added by the budget check (cr --explain, fresh process, median of ${wb.launchRuns} interleaved runs; without a budget ${wb.launchWithoutBudgetMs.toFixed(1)} ms):`,
);
console.log(`    ${'nothing changed since the last check'.padEnd(64)}${wb.addedToLaunchMs.toFixed(1).padStart(6)} ms`);
console.log(
  `    ${`one transcript grew by ${wb.growKB} KB since the last check`.padEnd(64)}${wb.addedAfterGrowMs.toFixed(1).padStart(6)} ms`,
);
console.log(
  `    ${`a new session file (${wb.growKB} KB) appeared`.padEnd(64)}${wb.addedAfterNewFileMs.toFixed(1).padStart(6)} ms`,
);
console.log(
  `    files cache left untouched by those launches (summary-only updates): ${wb.filesCacheUntouched ? 'yes' : 'NO'}`,
);
console.log(
  `  budgetSpend first call after import ${wb.firstCallMs.toFixed(1)} ms, later calls ${wb.laterCallsMedianMs.toFixed(1)} ms (${wb.source}); after one file grew ${wb.afterOneFileGrewMs?.toFixed(1)} ms (${wb.afterOneFileGrewSource})`,
);
console.log(
  `totals match the generator: library ${results.totalsMatchGenerator ? 'yes' : 'NO'}, cr stats ${results.crStatsMatchesGenerator ? 'yes' : 'NO'}${cc ? `; ccusage agrees: ${results.ccusageAgrees ? 'yes' : 'NO'}` : ''}`,
);
console.log('results: bench-results/stats.json');
