#!/usr/bin/env node
// The history at a heavy user's scale: 1,000,000 records (500,000 decisions, each with its
// outcome, over the year before the bench's "now"; about 41,000 decisions in the last 30 days),
// against 1,000 records of the same shape. In fresh processes, interleaved, medians:
//   - `cr history` (20 rows): reads the end of the file only;
//   - `cr stats` (the last 30 days, no transcripts): reads from the period's start, found by
//     bisecting the file; and `cr stats --days 400`, every record in the period, for reference;
//   - rebuilding the learned examples with no learned.json (the library's updateLearnedExamples),
//     and the incremental load after one more decision.
// Each against its goal; `node -e 0` is timed in the same rounds, as Node's own share.
//
//   npm run build && node scripts/bench-scale.mjs [--runs 5] [--data DIR] [--docs] [--quiet-wait 10]
//
// The histories are generated once into --data (default /tmp/cr-bench-data) and reused. --docs
// rewrites the history part of "Data at scale" in docs/performance.md. Results: bench-results/scale.json.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { quietWaiter } from './quiet-machine.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    data: { type: 'string', default: path.join(os.tmpdir(), 'cr-bench-data') },
    docs: { type: 'boolean', default: false },
    'quiet-wait': { type: 'string', default: '10' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const DATA = path.resolve(values.data);
const NOW = '2026-12-01T00:00:00Z';
const crBin = path.join(repo, 'bin', 'cr.js');
const dist = path.join(repo, 'dist', 'index.js');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
if (!existsSync(dist)) {
  console.error('dist/ not found: run npm run build first');
  process.exit(1);
}
const log = (s) => process.stderr.write(`${s}\n`);
mkdirSync(DATA, { recursive: true });
const work = path.join(DATA, `scale-${process.pid}`);
mkdirSync(work, { recursive: true });
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));

/** A deterministic history of `records` records (decision + outcome pairs) over the year before NOW. */
function history(records) {
  const file = path.join(DATA, `history-${records}.jsonl`);
  if (existsSync(file)) return file;
  log(`generating ${records} history records into ${file}`);
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const tiers = ['haiku', 'sonnet', 'opus'];
  const words =
    'fix the login bug refactor auth module write tests for parser convert csv to json review migration plan database schema'.split(
      ' ',
    );
  const end = Date.parse(NOW);
  const span = 365 * 86_400_000;
  const fd = openSync(`${file}.tmp`, 'w');
  let chunk = '';
  const pairs = records / 2;
  let last;
  for (let i = 0; i < pairs; i++) {
    const t = end - span + Math.floor((i / pairs) * span);
    const id = uuid();
    const tier = tiers[Math.floor(rand() * 3)];
    const task = Array.from(
      { length: 4 + Math.floor(rand() * 10) },
      () => words[Math.floor(rand() * words.length)],
    ).join(' ');
    const r = rand();
    const kind = r < 0.08 ? 'override' : r < 0.1 && last ? 'escalation' : 'route';
    const d = {
      v: 1,
      type: 'decision',
      id,
      time: new Date(t).toISOString(),
      cwd: '/home/dev/src/api-01',
      kind,
      task,
      tier,
      model: tier,
      rule: kind === 'route' ? 'task-type' : kind,
      confidence: 0.8123,
      sessionId: uuid(),
    };
    if (kind === 'override') d.suggested = { tier: 'sonnet', rule: 'task-type' };
    if (kind === 'escalation') d.parent = last;
    last = id;
    chunk += `${JSON.stringify(d)}\n`;
    chunk += `${JSON.stringify({ v: 1, type: 'outcome', id, time: new Date(t + 600_000).toISOString(), exitCode: rand() < 0.05 ? 1 : 0, durationMs: 600_000 })}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  spawnSync('mv', [`${file}.tmp`, file]);
  return file;
}

const { quiet, waitQuiet } = quietWaiter(Number(values['quiet-wait']) * 1000);
function timed(cmd, args, { env, cwd, stdout = 'ignore' } = {}) {
  waitQuiet();
  const argv = timeBin ? [timeBin, ['-f', '__TIME=%M', cmd, ...args]] : [cmd, args];
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], {
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env,
    cwd,
    timeout: 600_000,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = /__TIME=(\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, rssMB: m ? Number(m[1]) / 1024 : undefined, stdout: r.stdout };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => (xs.length ? Math.max(...xs) : undefined);

const home = path.join(work, 'home');
mkdirSync(home, { recursive: true });
const crEnv = (historyFile) => ({
  PATH: process.env.PATH,
  HOME: home,
  TZ: 'UTC',
  NO_COLOR: '1',
  CR_NOW: NOW,
  XDG_STATE_HOME: path.join(work, 'state'),
  XDG_CONFIG_HOME: path.join(work, 'config'),
  XDG_CACHE_HOME: path.join(work, 'xdg-cache'),
  CR_CACHE_DIR: path.join(work, 'cache'),
  CR_HISTORY_FILE: historyFile,
  CLAUDE_CONFIG_DIR: path.join(work, 'no-transcripts'),
});
const cr = (historyFile, args) =>
  timed(process.execPath, [crBin, ...args], { env: crEnv(historyFile), cwd: home, stdout: 'pipe' });

// Learning, in a fresh process: the rebuild (no learned.json), then one decision appended and the incremental load.
const learnScript = path.join(work, 'learn.mjs');
writeFileSync(
  learnScript,
  `import { updateLearnedExamples } from ${JSON.stringify(pathToFileURL(dist).href)};
import { appendFileSync, rmSync } from 'node:fs';
const [historyFile, cacheDir, mode] = process.argv.slice(2);
if (mode === 'rebuild') rmSync(cacheDir, { recursive: true, force: true });
if (mode === 'append') appendFileSync(historyFile, JSON.stringify({ v: 1, type: 'decision', id: 'x' + Date.now(), time: new Date().toISOString(), cwd: '/p', kind: 'override', task: 'write the parser tests', tier: 'opus', model: 'opus', rule: 'override', confidence: 1, suggested: { tier: 'sonnet', rule: 'task-type' } }) + '\\n');
const t = performance.now();
const r = updateLearnedExamples({ historyFile, cacheDir });
process.stdout.write(JSON.stringify({ ms: performance.now() - t, cache: r.stats.cache, examples: r.set.examples.length, recordsRead: r.stats.recordsRead }));
`,
);
const learn = (historyFile, mode) => {
  const r = timed(process.execPath, [learnScript, historyFile, path.join(work, 'learn-cache'), mode], {
    stdout: 'pipe',
  });
  return { ...JSON.parse(r.stdout), rssMB: r.rssMB };
};

const big = history(1_000_000);
const small = history(1_000);
// A copy of the big history for the learning rows, which append to it.
const learnHistory = path.join(work, 'learn-history.jsonl');
spawnSync('cp', [big, learnHistory]);
spawnSync('cat', [big, small, learnHistory], { stdio: 'ignore' }); // page cache warm
cr(big, ['history']); // code cache
const rows = {
  node: [],
  histBig: [],
  histSmall: [],
  statsBig: [],
  statsSmall: [],
  statsAll: [],
  statsBigRss: [],
  statsAllRss: [],
  rebuild: [],
  rebuildRss: [],
  incremental: [],
};
let rebuildInfo;
for (let i = 0; i < RUNS; i++) {
  rows.node.push(timed(process.execPath, ['-e', '0']).ms);
  rows.histBig.push(cr(big, ['history']).ms);
  rows.histSmall.push(cr(small, ['history']).ms);
  const s = cr(big, ['stats']);
  rows.statsBig.push(s.ms);
  if (s.rssMB) rows.statsBigRss.push(s.rssMB);
  rows.statsSmall.push(cr(small, ['stats']).ms);
  const all = cr(big, ['stats', '--days', '400']);
  rows.statsAll.push(all.ms);
  if (all.rssMB) rows.statsAllRss.push(all.rssMB);
  rebuildInfo = learn(learnHistory, 'rebuild');
  rows.rebuild.push(rebuildInfo.ms);
  if (rebuildInfo.rssMB) rows.rebuildRss.push(rebuildInfo.rssMB);
  rows.incremental.push(learn(learnHistory, 'append').ms);
}
const r = {
  node: process.version,
  cpus: os.cpus().length,
  runs: RUNS,
  nodeMs: median(rows.node),
  historyMs: median(rows.histBig),
  historySmallMs: median(rows.histSmall),
  statsMs: median(rows.statsBig),
  statsSmallMs: median(rows.statsSmall),
  statsPeakMB: max(rows.statsBigRss),
  statsAllMs: median(rows.statsAll),
  statsAllPeakMB: max(rows.statsAllRss),
  rebuildMs: median(rows.rebuild),
  rebuildPeakMB: max(rows.rebuildRss),
  rebuildRecordsRead: rebuildInfo.recordsRead,
  rebuildExamples: rebuildInfo.examples,
  incrementalMs: median(rows.incremental),
  loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
  quiet,
  rows,
};
mkdirSync(path.join(repo, 'bench-results'), { recursive: true });
writeFileSync(path.join(repo, 'bench-results', 'scale.json'), `${JSON.stringify(r, null, 2)}\n`);

const ms = (x) => (x === undefined ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const verdict = (ok) => (ok ? 'met' : '**missed**');
const table = [
  '| figure (1,000,000 history records, 236 MB) | measured | goal | result |',
  '| --- | --- | --- | --- |',
  `| \`cr history\`, 20 rows | ${ms(r.historyMs)} (1,000 records: ${ms(r.historySmallMs)}; \`node -e 0\`: ${ms(r.nodeMs)}) | <= 50 ms over \`node -e 0\` | ${verdict(r.historyMs - r.nodeMs <= 50)} |`,
  `| \`cr stats\`, last 30 days (~41,000 decisions) | ${ms(r.statsMs)} (1,000 records: ${ms(r.statsSmallMs)}) | <= 1.5 s | ${verdict(r.statsMs <= 1500)} |`,
  `| \`cr stats\`: peak memory | ${r.statsPeakMB?.toFixed(0)} MiB | <= 200 MiB | ${verdict(r.statsPeakMB <= 200)} |`,
  `| \`cr stats --days 400\`: every record in the period (500,000 decisions) | ${ms(r.statsAllMs)}, ${r.statsAllPeakMB?.toFixed(0)} MiB | | |`,
  `| learned examples rebuilt (no learned.json; ${r.rebuildRecordsRead} records read from the end, ${r.rebuildExamples} examples) | ${ms(r.rebuildMs)}, ${r.rebuildPeakMB?.toFixed(0)} MiB | <= 2 s, <= 200 MiB | ${verdict(r.rebuildMs <= 2000 && r.rebuildPeakMB <= 200)} |`,
  `| learned examples after one more decision (incremental) | ${ms(r.incrementalMs)} | | |`,
];
const header = `Measured ${new Date().toISOString().slice(0, 10)} by \`node scripts/bench-scale.mjs\` (${RUNS} interleaved rounds, medians, fresh processes); ${r.cpus} CPUs, Node ${process.version}; load average ${r.loadAverage[0]} at the end${quiet.notQuiet ? `; ${quiet.notQuiet} of ${quiet.runs} runs started without idle CPUs` : ''}. The learning rows time the library call in its process (no Node start-up).`;
const text = `${header}\n\n${table.join('\n')}\n`;
console.log(`\n${text}`);
if (values.docs) {
  const file = path.join(repo, 'docs', 'performance.md');
  const begin = '<!-- bench-scale:begin -->';
  const end = '<!-- bench-scale:end -->';
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const block = `${begin}\n${text}${end}`;
  if (doc.includes(begin) && doc.includes(end))
    doc = doc.slice(0, doc.indexOf(begin)) + block + doc.slice(doc.indexOf(end) + end.length);
  else doc = `${doc.trimEnd()}\n\n${block}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, doc);
  log('docs/performance.md: bench-scale updated');
}
