#!/usr/bin/env node
// `cr stats` and the launch-time budget check against ccusage 20.0.24, on transcripts from the
// shared generator (../shared/benchmarks/transcripts/gen.py), at 1,000 and 5,000 sessions.
//
// In the same interleaved rounds, each program in a fresh process: `cr stats --json` cold (no usage
// cache of cr's), `cr stats --json` warm (its cache from the cold run), and `ccusage daily --json
// --offline` (CLAUDE_CONFIG_DIR, an empty HOME). The page cache is warm for all three alike: every
// transcript is read once before the rounds, as on a machine where they were just written. Wall
// times are medians; peak RSS is the highest of the runs (/usr/bin/time). cr's totals are checked
// against the generator's expected.json and ccusage's. Two floors run in the same rounds: `node -e
// 0`, and a Node script that only reads every transcript (open, read, close), parsing nothing.
//
// Then, at the largest size, the budget check a launch runs: `cr --explain` with a budget minus the
// same without one (fresh processes, interleaved, medians), with the transcripts' mtimes set to
// their last line's time (shifted to today), as on a real machine: nothing changed since the last
// check; one transcript grew; a new session file appeared; the usage cache deleted (the launch must
// not wait for a full read: a provisional figure); and the same with onExceed "block" (waits).
// Last, the one hand-written scanner kept (src/usage/fast-line.ts) against JSON.parse of the same
// assistant lines, in one process over the same files.
//
//   npm run build && node scripts/bench-stats.mjs [--sizes 1000,5000] [--runs 5] [--data DIR]
//     [--launch-runs 21] [--own-mb 0] [--docs] [--quiet-wait 10]
//
// Data is generated once into --data (default /tmp/cr-bench-data) and reused. --own-mb N adds a
// second data shape from scripts/gen-transcripts.mjs. --docs rewrites the transcripts part of
// "Data at scale" in docs/performance.md. Results: bench-results/stats.json.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { quietWaiter, sleepSync } from './quiet-machine.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000' },
    runs: { type: 'string', default: '5' },
    data: { type: 'string', default: path.join(os.tmpdir(), 'cr-bench-data') },
    'launch-runs': { type: 'string', default: '21' },
    'own-mb': { type: 'string', default: '0' },
    docs: { type: 'boolean', default: false },
    'quiet-wait': { type: 'string', default: '10' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const RUNS = Math.max(1, Number(values.runs));
const LAUNCH_RUNS = Math.max(3, Number(values['launch-runs']));
const DATA = path.resolve(values.data);
const CCUSAGE_VERSION = '20.0.24';
const GEN_PY = path.resolve(repo, '..', 'shared', 'benchmarks', 'transcripts', 'gen.py');
/** The generator's "now": sessions lie in the 30 days before it. Fixed, so that data can be reused. */
const GEN_NOW = '2026-06-01T00:00:00Z';
const PERIOD = ['--since', '2026-04-01', '--until', '2026-06-02'];
const crBin = path.join(repo, 'bin', 'cr.js');
const dist = path.join(repo, 'dist', 'index.js');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
if (!existsSync(dist)) {
  console.error('dist/ not found: run npm run build first');
  process.exit(1);
}
const log = (s) => process.stderr.write(`${s}\n`);
mkdirSync(DATA, { recursive: true });
const work = path.join(DATA, `run-${process.pid}`);
mkdirSync(work, { recursive: true });
/** Folders where the budget rows write transcripts of their own (*-bench-*), removed on exit. */
const benchFiles = [];
function removeBenchFiles() {
  for (const dir of benchFiles)
    for (const f of existsSync(dir) ? readdirSync(dir) : []) if (f.includes('-bench-')) rmSync(path.join(dir, f));
}
process.on('exit', () => {
  removeBenchFiles();
  rmSync(work, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

// ---------- data ----------
function genPy(sessions) {
  const dir = path.join(DATA, `gen.py-${sessions}`);
  if (!existsSync(path.join(dir, 'expected.json'))) {
    log(`generating ${sessions} sessions with gen.py into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    const r = spawnSync('python3', [GEN_PY, dir, '--sessions', String(sessions), '--now', GEN_NOW], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error('gen.py failed');
  }
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  const t = expected.totals;
  return {
    name: `gen.py, ${sessions} sessions`,
    dir,
    sessionIds: Object.keys(expected.per_session),
    bytes: expected.bytes,
    totals: {
      input: t.input_tokens,
      output: t.output_tokens,
      cacheWrite: t.cache_creation_input_tokens,
      cacheRead: t.cache_read_input_tokens,
    },
  };
}

function ownShape(mb) {
  const dir = path.join(DATA, `gen-transcripts-${mb}mb`);
  if (!existsSync(path.join(dir, 'expected.json'))) {
    log(`generating ${mb} MB with scripts/gen-transcripts.mjs into ${dir}`);
    const r = spawnSync(
      process.execPath,
      [path.join(here, 'gen-transcripts.mjs'), '--out', dir, '--mb', String(mb), '--seed', '7', '--end', GEN_NOW],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0) throw new Error('gen-transcripts failed');
  }
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  const sum = (f) => Object.values(expected.models).reduce((s, m) => s + f(m), 0);
  return {
    name: `gen-transcripts.mjs, ${mb} MB`,
    dir,
    sessionIds: expected.sessions,
    bytes: expected.bytes,
    totals: {
      input: sum((m) => m.input),
      output: sum((m) => m.output),
      cacheWrite: sum((m) => m.cacheWrite5m + m.cacheWrite1h),
      cacheRead: sum((m) => m.cacheRead),
    },
  };
}

/** One decision per session, in the period: so that every session's cost is in cr's report. */
function historyFor(set) {
  const file = path.join(set.dir, 'cr-history.jsonl');
  if (!existsSync(file)) {
    const time = new Date(Date.parse(GEN_NOW) - 10 * 86_400_000).toISOString();
    const tiers = ['haiku', 'sonnet', 'opus'];
    const lines = set.sessionIds.map((sessionId, i) =>
      JSON.stringify({
        v: 1,
        type: 'decision',
        id: `bench-${i}`,
        time,
        cwd: '/home/dev/src/api-01',
        kind: 'route',
        task: 'refactor the module',
        tier: tiers[i % 3],
        model: tiers[i % 3],
        rule: 'task-type',
        confidence: 0.9,
        sessionId,
      }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
  return file;
}

function transcriptFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.jsonl') && !e.name.startsWith('cr-') && !e.name.includes('-bench-')) out.push(p);
    }
  };
  walk(path.join(dir, 'projects'));
  return out.sort();
}

function ccusageBin() {
  const prefix = path.join(DATA, `ccusage-${CCUSAGE_VERSION}`);
  const bin = path.join(prefix, 'node_modules', '.bin', 'ccusage');
  if (!existsSync(bin)) {
    log(`installing ccusage@${CCUSAGE_VERSION} into ${prefix}`);
    mkdirSync(prefix, { recursive: true });
    const r = spawnSync(
      'npm',
      ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `ccusage@${CCUSAGE_VERSION}`],
      { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 },
    );
    if (r.status !== 0 || !existsSync(bin)) return undefined;
  }
  return bin;
}

// ---------- timing ----------
const { quiet, waitQuiet } = quietWaiter(Number(values['quiet-wait']) * 1000);

/** Runs a command: wall ms (measured here), peak RSS MB and CPU seconds (from /usr/bin/time). */
function timed(cmd, args, { env, cwd, stdout = 'ignore', wait = true } = {}) {
  if (wait) waitQuiet();
  const argv = timeBin ? [timeBin, ['-f', '__TIME=%M %U %S', cmd, ...args]] : [cmd, args];
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], {
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 600_000,
    env,
    cwd,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = /__TIME=(\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    ms,
    rssMB: m ? Number(m[1]) / 1024 : undefined,
    cpuS: m ? Number(m[2]) + Number(m[3]) : undefined,
    status: r.status,
    stdout: r.stdout,
    stderr: (r.stderr ?? '').replace(/__TIME=.*\n?/, ''),
  };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => (xs.length ? Math.max(...xs) : undefined);

// ---------- cr and ccusage ----------
const emptyHome = path.join(work, 'empty-home');
mkdirSync(emptyHome, { recursive: true });
function crEnv(set, cacheDir, configHome = path.join(work, 'config-none')) {
  return {
    PATH: process.env.PATH,
    HOME: emptyHome,
    TZ: 'UTC',
    NO_COLOR: '1',
    XDG_STATE_HOME: path.join(work, 'state'),
    XDG_CONFIG_HOME: configHome,
    XDG_CACHE_HOME: path.join(work, 'xdg-cache'),
    CR_CACHE_DIR: cacheDir,
    CR_HISTORY_FILE: historyFor(set),
    CLAUDE_CONFIG_DIR: set.dir,
  };
}
/** Cold: no usage data of cr's (its code cache, made by every earlier cr run, stays). */
function dropUsageCache(cacheDir) {
  if (!existsSync(cacheDir)) return;
  for (const entry of readdirSync(cacheDir)) if (entry.startsWith('usage-')) rmSync(path.join(cacheDir, entry));
}
const crStats = (set, cacheDir) =>
  timed(process.execPath, [crBin, 'stats', '--json', ...PERIOD], {
    env: crEnv(set, cacheDir),
    cwd: emptyHome,
    stdout: 'pipe',
  });
const ccusage = (bin, set) =>
  timed(bin, ['daily', '--json', '--offline'], {
    env: { PATH: process.env.PATH, HOME: emptyHome, CLAUDE_CONFIG_DIR: set.dir, TZ: 'UTC' },
    stdout: 'pipe',
  });

function crTotals(stdout) {
  const t = JSON.parse(stdout).real.tokens;
  return { input: t.input, output: t.output, cacheWrite: t.cacheWrite5m + t.cacheWrite1h, cacheRead: t.cacheRead };
}
function ccTotals(stdout) {
  const t = JSON.parse(stdout).totals;
  return {
    input: t.inputTokens,
    output: t.outputTokens,
    cacheWrite: t.cacheCreationTokens,
    cacheRead: t.cacheReadTokens,
  };
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Floors, in the same rounds: what any Node program pays before it does anything (`node -e 0`), and
 * what it pays to read every transcript into one 1 MB buffer, file by file (open, read, close),
 * parsing nothing. The goals can be read against them.
 */
const readOnlyScript = path.join(work, 'read-only.mjs');
writeFileSync(
  readOnlyScript,
  `import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
const block = Buffer.allocUnsafe(1 << 20);
for (const f of JSON.parse(readFileSync(process.argv[2], 'utf8'))) {
  const fd = openSync(f, 'r');
  let at = 0;
  for (let n; (n = readSync(fd, block, 0, block.length, at)) > 0; ) at += n;
  closeSync(fd);
}
`,
);
const nodeOnly = () => timed(process.execPath, ['-e', '0']);
const readOnly = (listFile) => timed(process.execPath, [readOnlyScript, listFile]);

function benchSet(set, bin) {
  const files = transcriptFiles(set.dir);
  log(`${set.name}: ${files.length} files, ${(set.bytes / 1e6).toFixed(0)} MB`);
  const cacheDir = path.join(work, `cache-${path.basename(set.dir)}`);
  const listFile = path.join(work, `files-${path.basename(set.dir)}.json`);
  writeFileSync(listFile, JSON.stringify(files));
  // The page cache warm for every program alike; and one untimed cr run (makes its code cache).
  spawnSync('cat', files, { stdio: 'ignore' });
  crStats(set, cacheDir);
  const runs = {
    cold: [],
    warm: [],
    cc: [],
    coldRss: [],
    warmRss: [],
    ccRss: [],
    coldCpu: [],
    ccCpu: [],
    node: [],
    nodeRss: [],
    readOnly: [],
  };
  let coldOut;
  let warmOut;
  let ccOut;
  for (let i = 0; i < RUNS; i++) {
    dropUsageCache(cacheDir);
    const cold = crStats(set, cacheDir);
    if (cold.status !== 0) throw new Error(`cr stats failed: ${cold.stderr}`);
    const warm = crStats(set, cacheDir);
    if (warm.status !== 0) throw new Error(`cr stats (warm) failed: ${warm.stderr}`);
    runs.cold.push(cold.ms);
    runs.warm.push(warm.ms);
    if (cold.rssMB) runs.coldRss.push(cold.rssMB);
    if (warm.rssMB) runs.warmRss.push(warm.rssMB);
    if (cold.cpuS !== undefined) runs.coldCpu.push(cold.cpuS);
    coldOut = cold.stdout;
    warmOut = warm.stdout;
    const floor = nodeOnly();
    runs.node.push(floor.ms);
    if (floor.rssMB) runs.nodeRss.push(floor.rssMB);
    runs.readOnly.push(readOnly(listFile).ms);
    if (bin) {
      const c = ccusage(bin, set);
      if (c.status === 0) {
        runs.cc.push(c.ms);
        if (c.rssMB) runs.ccRss.push(c.rssMB);
        if (c.cpuS !== undefined) runs.ccCpu.push(c.cpuS);
        ccOut = c.stdout;
      } else log(`ccusage failed: ${c.stderr.slice(0, 300)}`);
    }
  }
  const r = {
    name: set.name,
    files: files.length,
    mb: set.bytes / 1e6,
    crColdMs: median(runs.cold),
    crWarmMs: median(runs.warm),
    ccusageMs: runs.cc.length ? median(runs.cc) : undefined,
    crColdPeakMB: max(runs.coldRss),
    crWarmPeakMB: max(runs.warmRss),
    ccusagePeakMB: max(runs.ccRss),
    crColdCpuS: runs.coldCpu.length ? median(runs.coldCpu) : undefined,
    ccusageCpuS: runs.ccCpu.length ? median(runs.ccCpu) : undefined,
    nodeOnlyMs: median(runs.node),
    nodeOnlyPeakMB: max(runs.nodeRss),
    readOnlyMs: median(runs.readOnly),
    crTotalsMatchExpected: same(crTotals(coldOut), set.totals) && same(crTotals(warmOut), set.totals),
    ccusageTotalsMatchExpected: ccOut ? same(ccTotals(ccOut), set.totals) : undefined,
    runs,
  };
  r.coldRatio = r.ccusageMs ? r.crColdMs / r.ccusageMs : undefined;
  r.warmRatio = r.ccusageMs ? r.crWarmMs / r.ccusageMs : undefined;
  return r;
}

// ---------- the budget check at launch ----------
/** Each transcript's mtime: its last line's time, shifted so that the generator's "now" is today. */
function realisticMtimes(files) {
  const shift = Date.now() - Date.parse(GEN_NOW);
  const tail = Buffer.alloc(64 * 1024);
  for (const f of files) {
    const fd = openSync(f, 'r');
    const size = statSync(f).size;
    const n = readSync(fd, tail, 0, tail.length, Math.max(0, size - tail.length));
    closeSync(fd);
    const times = tail.toString('utf8', 0, n).match(/"timestamp":"([^"]+)"/g);
    const last = times ? Date.parse(times.at(-1).slice(13, -1)) : Date.parse(GEN_NOW);
    const when = new Date(Math.min(Date.now(), last + shift));
    utimesSync(f, when, when);
  }
}

function benchBudget(set) {
  const files = transcriptFiles(set.dir);
  realisticMtimes(files);
  const configHome = (budget) => {
    const dir = path.join(work, budget ? `config-${budget}` : 'config-none');
    mkdirSync(path.join(dir, 'claude-router'), { recursive: true });
    const config = budget ? { budget: { daily: 1e9, weekly: 1e9, monthly: 1e9, onExceed: budget } } : {};
    writeFileSync(path.join(dir, 'claude-router', 'config.json'), JSON.stringify(config));
    return dir;
  };
  const withBudget = configHome('downgrade');
  const blocking = configHome('block');
  const without = configHome(undefined);
  const cacheDir = path.join(work, 'launch-cache');
  const explain = (config, cache = cacheDir) => {
    const r = timed(process.execPath, [crBin, '--explain', 'refactor the auth module'], {
      env: crEnv(set, cache, config),
      cwd: emptyHome,
      stdout: 'ignore',
      wait: false,
    });
    if (r.status !== 0) throw new Error(`cr --explain failed: ${r.stderr}`);
    return r;
  };
  explain(withBudget); // builds the usage cache
  explain(withBudget);
  explain(without);
  const recent = files.filter((f) => statSync(f).mtimeMs >= Date.now() - 3 * 86_400_000);
  // The bench grows files of its own (named *-bench-*, removed at the end): the data set stays as generated.
  const newDir = path.dirname(files[0]);
  const grown = path.join(newDir, '00000000-grow-bench-4000-a000-000000000000.jsonl');
  benchFiles.push(newDir);
  const rows = { without: [], nothing: [], grew: [], newFile: [], missing: [], missingBlock: [] };
  let provisionalSaid = true;
  let blockSaid = true;
  const growBy = (file, sessionId, n) => {
    let out = '';
    for (let k = 0; k < 64; k++) {
      const id = `${n}_${k}`;
      out += `${JSON.stringify({ type: 'user', sessionId, message: { role: 'user', content: 'x'.repeat(3000) }, timestamp: new Date().toISOString() })}\n`;
      out += `${JSON.stringify({ type: 'assistant', sessionId, requestId: `req_b${id}`, timestamp: new Date().toISOString(), message: { id: `msg_b${id}`, model: 'claude-sonnet-4-6', content: [{ type: 'text', text: 'ok' }], usage: { input_tokens: 3, output_tokens: 30, cache_read_input_tokens: 2000 } } })}\n`;
    }
    appendFileSync(file, out); // ~256 KB
  };
  for (let i = 0; i < LAUNCH_RUNS; i++) {
    rows.without.push(explain(without).ms);
    rows.nothing.push(explain(withBudget).ms);
    growBy(grown, path.basename(grown, '.jsonl'), i);
    rows.grew.push(explain(withBudget).ms);
    const id = `0000${String(i).padStart(4, '0')}-bench-4000-a000-000000000000`;
    growBy(path.join(newDir, `${id}.jsonl`), id, i);
    rows.newFile.push(explain(withBudget).ms);
  }
  // The usage cache deleted: a provisional figure, never a full read (a few rounds: each starts a
  // rebuild in the background, which is waited for before the next).
  const missingCache = path.join(work, 'missing-cache');
  for (let i = 0; i < Math.min(5, LAUNCH_RUNS); i++) {
    rmSync(missingCache, { recursive: true, force: true });
    explain(without, missingCache); // its code cache only
    dropUsageCache(missingCache);
    const r = explain(withBudget, missingCache);
    rows.missing.push(r.ms);
    provisionalSaid &&= /provisional/.test(r.stderr);
    for (let t = 0; t < 600 && existsSync(path.join(missingCache, 'usage-refresh.lock')); t++) sleepSync(100);
    dropUsageCache(missingCache);
    const b = explain(blocking, missingCache);
    rows.missingBlock.push(b.ms);
    blockSaid &&= /block/.test(b.stderr);
  }
  removeBenchFiles();
  const base = median(rows.without);
  return {
    launchRuns: LAUNCH_RUNS,
    recentFiles: recent.length,
    withoutBudgetMs: base,
    addedNothingChangedMs: median(rows.nothing) - base,
    addedGrewMs: median(rows.grew) - base,
    addedNewFileMs: median(rows.newFile) - base,
    addedCacheMissingMs: median(rows.missing) - base,
    addedCacheMissingBlockMs: median(rows.missingBlock) - base,
    provisionalSaid,
    blockSaid,
    rows,
  };
}

// ---------- the scanner kept, against JSON.parse ----------
function benchScanner(set) {
  const files = transcriptFiles(set.dir);
  const listFile = path.join(work, 'files.json');
  writeFileSync(listFile, JSON.stringify(files));
  const script = `
import { readTranscriptFile } from ${JSON.stringify(pathToFileURL(dist).href)};
import { readFileSync } from 'node:fs';
const files = JSON.parse(readFileSync(${JSON.stringify(listFile)}, 'utf8'));
const out = { walk: [], json: [] };
for (let round = 0; round < 5; round++) {
  for (const walk of [true, false]) {
    let n = 0;
    const t = performance.now();
    for (const f of files) readTranscriptFile(f, 0, { message() { n++; } }, { walk });
    out[walk ? 'walk' : 'json'].push(performance.now() - t);
  }
}
process.stdout.write(JSON.stringify(out));`;
  const file = path.join(work, 'scanner.mjs');
  writeFileSync(file, script);
  const r = timed(process.execPath, [file], { stdout: 'pipe' });
  const out = JSON.parse(r.stdout);
  return { walkMs: median(out.walk), jsonParseMs: median(out.json) };
}

// ---------- run ----------
const bin = ccusageBin();
if (!bin) log('ccusage could not be installed: its columns stay empty');
const sets = SIZES.map(genPy);
if (Number(values['own-mb']) > 0) sets.push(ownShape(Number(values['own-mb'])));
const loadAtStart = os.loadavg();
const results = {
  node: process.version,
  cpus: os.cpus().length,
  ccusage: bin ? CCUSAGE_VERSION : undefined,
  runs: RUNS,
  sets: sets.map((s) => benchSet(s, bin)),
};
const largest = sets[SIZES.length - 1];
results.budget = benchBudget(largest);
results.scanner = { set: largest.name, ...benchScanner(largest) };
results.loadAverage = { start: loadAtStart.map((x) => +x.toFixed(2)), end: os.loadavg().map((x) => +x.toFixed(2)) };
results.quiet = quiet;
mkdirSync(path.join(repo, 'bench-results'), { recursive: true });
writeFileSync(path.join(repo, 'bench-results', 'stats.json'), `${JSON.stringify(results, null, 2)}\n`);

// ---------- report ----------
const ms = (x) => (x === undefined ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const mb = (x) => (x === undefined ? '—' : `${x.toFixed(0)} MiB`);
const ratio = (x) => (x === undefined ? '—' : `${x.toFixed(2)}x`);
const verdict = (ok) => (ok === undefined ? '—' : ok ? 'met' : '**missed**');
const table = ['| figure | measured | goal | result |', '| --- | --- | --- | --- |'];
for (const s of results.sets) {
  const shared = s.name.startsWith('gen.py');
  table.push(
    `| ${s.name} (${s.files} files, ${s.mb.toFixed(0)} MB): \`cr stats\` cold vs ccusage | ${ms(s.crColdMs)} vs ${ms(s.ccusageMs)}: ${ratio(s.coldRatio)} | ${shared ? '<= 1.0x' : ''} | ${shared ? verdict(s.coldRatio === undefined ? undefined : s.coldRatio <= 1) : ''} |`,
    `| ${s.name}: peak memory, cold, vs ccusage | ${mb(s.crColdPeakMB)} vs ${mb(s.ccusagePeakMB)} | ${shared ? 'no higher' : ''} | ${shared ? verdict(s.ccusagePeakMB === undefined ? undefined : s.crColdPeakMB <= s.ccusagePeakMB) : ''} |`,
    `| ${s.name}: \`cr stats\` warm vs ccusage | ${ms(s.crWarmMs)} vs ${ms(s.ccusageMs)}: ${ratio(s.warmRatio)} | ${shared ? '<= 0.3x' : ''} | ${shared ? verdict(s.warmRatio === undefined ? undefined : s.warmRatio <= 0.3) : ''} |`,
    `| ${s.name}: floors, same rounds: \`node -e 0\`; Node reading every transcript (open, read, close; nothing parsed) | ${ms(s.nodeOnlyMs)} (${mb(s.nodeOnlyPeakMB)}); ${ms(s.readOnlyMs)} | ${shared && s.ccusageMs ? `cold goal ${ms(s.ccusageMs)}, warm goal ${ms(0.3 * s.ccusageMs)}` : ''} | |`,
    `| ${s.name}: CPU time, cold (user + system) | cr ${s.crColdCpuS?.toFixed(2)} s, ccusage ${s.ccusageCpuS?.toFixed(2) ?? '—'} s | | |`,
    `| ${s.name}: totals | cr = expected.json: ${s.crTotalsMatchExpected ? 'yes' : '**no**'}; ccusage = expected.json: ${s.ccusageTotalsMatchExpected === undefined ? '—' : s.ccusageTotalsMatchExpected ? 'yes' : '**no**'} | equal | ${verdict(s.crTotalsMatchExpected && s.ccusageTotalsMatchExpected !== false)} |`,
  );
}
const b = results.budget;
table.push(
  `| budget check at launch, ${largest.name}, nothing changed (${b.recentFiles} transcripts written in the last 3 days) | ${ms(b.addedNothingChangedMs)} added | <= 5 ms | ${verdict(b.addedNothingChangedMs <= 5)} |`,
  `| budget check, one recent transcript grew by 256 KB | ${ms(b.addedGrewMs)} added | | |`,
  `| budget check, a new session file (256 KB) appeared | ${ms(b.addedNewFileMs)} added | | |`,
  `| budget check, usage cache deleted: provisional figure, said on stderr, rebuilt in the background | ${ms(b.addedCacheMissingMs)} added; said: ${b.provisionalSaid ? 'yes' : '**no**'} | no full read | ${verdict(b.provisionalSaid && b.addedCacheMissingMs < results.sets.at(SIZES.length - 1).crColdMs)} |`,
  `| budget check, usage cache deleted, onExceed "block" (waits, says why) | ${ms(b.addedCacheMissingBlockMs)} added; said: ${b.blockSaid ? 'yes' : '**no**'} | | |`,
  `| the one hand-written scanner (fast-line.ts) vs JSON.parse of the same lines, ${results.scanner.set}, in one process | ${ms(results.scanner.walkMs)} vs ${ms(results.scanner.jsonParseMs)} | faster | ${verdict(results.scanner.walkMs < results.scanner.jsonParseMs)} |`,
);
const when = new Date().toISOString().slice(0, 10);
const header = `Measured ${when} by \`npm run bench:stats\` (${RUNS} interleaved rounds, medians; launches: ${LAUNCH_RUNS}); ${results.cpus} CPUs, Node ${process.version}; load average ${results.loadAverage.start[0]} at the start, ${results.loadAverage.end[0]} at the end${quiet.notQuiet ? `; ${quiet.notQuiet} of ${quiet.runs} runs started without idle CPUs` : ''}. Page cache warm for every program alike; "cold" means no usage cache of cr's.`;
const text = `${header}\n\n${table.join('\n')}\n`;
console.log(`\n${text}`);
if (values.docs) writeDocs('bench-stats', text);

function writeDocs(name, body) {
  const file = path.join(repo, 'docs', 'performance.md');
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const block = `${begin}\n${body}${end}`;
  if (doc.includes(begin) && doc.includes(end))
    doc = doc.slice(0, doc.indexOf(begin)) + block + doc.slice(doc.indexOf(end) + end.length);
  else doc = `${doc.trimEnd()}\n\n${block}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, doc);
  log(`docs/performance.md: ${name} updated`);
}
