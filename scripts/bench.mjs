#!/usr/bin/env node
// Benchmarks for cr, measured in one run:
//   1. start-up and launch, before and after: cr as built from main at BASELINE (built by this script
//      into a temp folder from `git archive`) and cr as built from this tree (`npm run bench` builds
//      it), side by side, on the machine's Node and the pinned Node 22 (scripts/node-versions.mjs),
//      with the environment as it is and without NODE_EXTRA_CA_CERTS:
//      `cr --explain "refactor auth"` in a folder without and with a config file (the example one),
//      and the time `cr "task"` adds in front of a fake claude that exits at once; goal: the launch
//      grows by at most 15 ms on Node 22. A third build, BASELINE's source with this tree's plain
//      start-up (see buildBaselinePlain), shows how much of the growth the plain start-up alone
//      accounts for. The start-up table also goes into docs/performance.md.
//   2. what each start-up shortcut buys (the plain way vs the shortcut, in the same rounds); cr keeps
//      one only where it buys at least 5 ms on Node 22 without NODE_EXTRA_CA_CERTS
//   2b. finding claude: `cr --dry-run` with the real 400 MB claude on CLAUDE_PATH vs a tiny script
//   3. decision throughput: classifyTask() from dist/index.js, decisions per second
//   4. history append latency with 10k and 1M existing records (must not grow with file size)
// Then scripts/bench-scale.mjs, when present. Prints Markdown tables and writes
// bench-results/bench.json. Needs `npm run build` first (`npm run bench` does that); --quick takes
// fewer samples and leaves docs/performance.md alone. Makes no network calls except for installing
// the pinned Node from the npm registry once; everything else lives in a temp dir.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeBinary } from './node-versions.mjs';
import { quietWaiter, shuffle } from './quiet-machine.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CR = path.join(ROOT, 'bin', 'cr.js');
const NODE = process.execPath;
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 8 : 30;
const WARMUPS = 3;
/** The "before" of the start-up figures: main before the plain start-up (V8 code cache, patched dependencies). */
const BASELINE = 'db72c0f';
/** The launch may grow by at most this much over BASELINE on Node 22. */
const LAUNCH_GROWTH_GOAL_MS = 15;
/** A start-up shortcut stays only where it buys at least this much on Node 22 without NODE_EXTRA_CA_CERTS. */
const SHORTCUT_MIN_MS = 5;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

// ---------- environment: temp HOME and XDG dirs, offline, no developer settings ----------
const home = path.join(tmp, 'home');
for (const d of ['home', 'state', 'config', 'cache', 'project', 'bin'])
  fs.mkdirSync(path.join(tmp, d), { recursive: true });
const fakeClaude = path.join(tmp, 'bin', 'claude');
fs.writeFileSync(fakeClaude, '#!/bin/sh\nexit 0\n', { mode: 0o755 });

const baseEnv = {};
for (const [k, v] of Object.entries(process.env)) {
  if (!/^(ANTHROPIC_|CLAUDE_|CR_|XDG_|NODE_OPTIONS$|NODE_COMPILE_CACHE$|npm_)/.test(k) && k !== 'HOME') baseEnv[k] = v;
}
function envFor(historyFile) {
  const history = historyFile ?? path.join(tmp, 'state', 'history.jsonl');
  // One cache dir per history file, as for a real user: cr's caches (e.g. learned examples) are
  // keyed to one history file, and sharing one between two files would rebuild it on every run.
  const cacheDir = path.join(tmp, 'cache', `claude-router-${path.basename(history, '.jsonl')}`);
  return {
    ...baseEnv,
    HOME: home,
    XDG_STATE_HOME: path.join(tmp, 'state'),
    XDG_CONFIG_HOME: path.join(tmp, 'config'),
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
    CR_CACHE_DIR: cacheDir,
    CR_HISTORY_FILE: history,
    CLAUDE_PATH: fakeClaude,
    // Never reached (the fake does not call out), but keep any real claude offline too.
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
    ANTHROPIC_API_KEY: 'sk-ant-test-bench',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    NO_COLOR: '1',
  };
}
const cwd = path.join(tmp, 'project');

// ---------- timing helpers ----------
// A project with a config file (the example one): what most users run cr in. Written once the
// baseline is built: both builds read the baseline's example, which the newer one also accepts.
const configuredCwd = path.join(tmp, 'configured-project');

/**
 * Runs a command once; returns wall time in ms. Throws if it fails. `input`, when given, is written
 * to its stdin (a pipe), else stdin is /dev/null; stdout is /dev/null unless `stdout` is 'pipe'.
 */
function timeRun(file, args, env, dir = cwd, { input, stdout = 'ignore' } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, args, {
    cwd: dir,
    env,
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', stdout, 'pipe'],
    timeout: 30_000,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    throw new Error(
      `${path.basename(file)} ${args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(0, 500)}`,
    );
  }
  return ms;
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { n: s.length, median: q(0.5), p10: q(0.1), p90: q(0.9), min: s[0], max: s.at(-1) };
}

// The machine may be shared: each round waits (up to 10 s) for idle CPUs before it starts.
const { quiet, waitQuiet } = quietWaiter(10_000);

/** Interleaves the named commands: warm-ups first, then `runs` rounds of one run each (see shuffle). */
function interleaved(commands, runs = RUNS) {
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < WARMUPS; i++) for (const c of Object.values(commands)) c();
  const names = Object.keys(commands);
  for (let i = 0; i < runs; i++) {
    waitQuiet();
    for (const name of shuffle(names)) samples[name].push(commands[name]());
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)]));
}

const round = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? null : Number(x.toFixed(d)));
const signed = (x) => (x === null ? '' : `${x > 0 ? '+' : ''}${x}`);
const results = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: os.cpus().length,
  loadAverage: os.loadavg().map((l) => round(l, 2)),
  runs: RUNS,
  warmups: WARMUPS,
  benchmarks: {},
};
const rows = [];
const log = (msg) => process.stderr.write(`${msg}\n`);
const markdownTable = (header, body) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- |').join('')}`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

if (!fs.existsSync(path.join(ROOT, 'dist', 'cr.js'))) {
  log('dist/cr.js is missing: run `npm run build` (or `npm run bench`).');
  process.exit(1);
}

// ---------- the builds, the Nodes and the environments compared ----------
/** cr as main built it at BASELINE, in a temp folder (sharing this tree's node_modules); undefined when it cannot be. */
function buildBaseline() {
  const dir = path.join(tmp, 'before');
  fs.mkdirSync(dir);
  const archive = spawnSync('sh', ['-c', 'git -C "$1" archive "$2" | tar -x -C "$3"', 'sh', ROOT, BASELINE, dir], {
    encoding: 'utf8',
  });
  if (archive.status !== 0 || !fs.existsSync(path.join(dir, 'scripts', 'build.mjs'))) {
    log(`no "before": git archive ${BASELINE} failed (${archive.stderr.trim() || archive.status})`);
    return undefined;
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const build = spawnSync(NODE, ['scripts/build.mjs'], { cwd: dir, encoding: 'utf8' });
  if (build.status !== 0) {
    log(`no "before": its build failed:\n${build.stderr}`);
    return undefined;
  }
  return path.join(dir, 'bin', 'cr.js');
}

/**
 * BASELINE's own source with the plain start-up this tree has: built by this tree's scripts/build.mjs
 * (ES modules, no patched dependencies, no ESM→CJS rewrite) and started by this tree's bin/cr.js
 * (Node's compile cache, no hand-written V8 code cache), with the imports of src/launch-path.ts (which
 * only shaped esbuild's chunks) taken out. Its source and the classifier are BASELINE's: the launch
 * it measures is what the plain start-up alone costs, apart from everything added since.
 */
function buildBaselinePlain() {
  const dir = path.join(tmp, 'before-plain');
  fs.cpSync(path.join(tmp, 'before'), dir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (from) => !/[\\/](dist|node_modules)$/.test(from),
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.copyFileSync(path.join(ROOT, 'scripts', 'build.mjs'), path.join(dir, 'scripts', 'build.mjs'));
  fs.copyFileSync(CR, path.join(dir, 'bin', 'cr.js'));
  fs.rmSync(path.join(dir, 'bin', 'package.json'), { force: true }); // it made bin/cr.js CommonJS
  let edited = 0;
  for (const file of fs.readdirSync(path.join(dir, 'src'), { recursive: true })) {
    if (!String(file).endsWith('.ts')) continue;
    const full = path.join(dir, 'src', String(file));
    const text = fs.readFileSync(full, 'utf8');
    const plain = text.replace(/^import '(?:\.\.?\/)+launch-path\.js';\n/m, '');
    if (plain === text) continue;
    fs.writeFileSync(full, plain);
    edited++;
  }
  const build = spawnSync(NODE, ['scripts/build.mjs'], { cwd: dir, encoding: 'utf8' });
  if (edited === 0 || build.status !== 0) {
    log(
      `no "${BASELINE}, plain start-up": ${edited === 0 ? 'no import of launch-path.js found' : `its build failed:\n${build.stderr}`}`,
    );
    return undefined;
  }
  return path.join(dir, 'bin', 'cr.js');
}

log(`building cr as of ${BASELINE}, as it was and with the plain start-up…`);
const baselineBin = buildBaseline();
const baselinePlainBin = baselineBin && buildBaselinePlain();
fs.mkdirSync(configuredCwd, { recursive: true });
fs.copyFileSync(
  path.join(baselineBin ? path.join(tmp, 'before') : ROOT, '.claude-router.example.json'),
  path.join(configuredCwd, '.claude-router.json'),
);
const builds = [
  ...(baselineBin ? [{ key: 'before', label: `before (${BASELINE})`, bin: baselineBin }] : []),
  ...(baselinePlainBin ? [{ key: 'beforePlain', label: `${BASELINE}, plain start-up`, bin: baselinePlainBin }] : []),
  { key: 'after', label: 'after (this tree)', bin: CR },
];

const nodes = [{ key: `node${process.versions.node.split('.')[0]}`, version: process.version, bin: NODE }];
for (const major of ['22']) {
  if (nodes.some((n) => n.key === `node${major}`)) continue;
  try {
    const bin = nodeBinary(major);
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
    nodes.push({ key: `node${major}`, version, bin });
  } catch (error) {
    log(`no Node ${major}: ${error.message}`);
  }
}

// NODE_EXTRA_CA_CERTS (set on this project's machine) makes every Node start-up read the extra
// certificates (~37 ms on Node 20), which inflates `node -e 0` and cr alike. When it is set, every
// figure is taken with the environment as it is and again with it removed, in the same rounds.
const environments = [
  {
    key: 'asIs',
    label: process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'not set',
    env: (e) => e,
  },
];
if (process.env.NODE_EXTRA_CA_CERTS) {
  environments.push({
    key: 'withoutExtraCaCerts',
    label: 'not set',
    env: ({ NODE_EXTRA_CA_CERTS: _, ...rest }) => rest,
  });
}
const withoutCerts = environments.at(-1);

// ---------- 1. start-up and launch, before and after ----------
log(`start-up and launch (${builds.map((b) => b.key).join(' and ')}, ${nodes.map((n) => n.version).join(' and ')})…`);
const startupRows = [];
{
  const commands = { fake: () => timeRun(fakeClaude, [], envFor()) };
  for (const n of nodes) {
    for (const e of environments) {
      const at = `${n.key} ${e.key}`;
      commands[`node -e 0 ${at}`] = () => timeRun(n.bin, ['-e', '0'], e.env(envFor()));
      for (const b of builds) {
        // Each build has its own history and cache folder, as two installs would.
        const explainEnv = e.env(envFor(path.join(tmp, 'state', `explain-${b.key}.jsonl`)));
        const launchEnv = e.env(envFor(path.join(tmp, 'state', `launch-${b.key}.jsonl`)));
        commands[`explain ${b.key} ${at}`] = () => timeRun(n.bin, [b.bin, '--explain', 'refactor auth'], explainEnv);
        commands[`explainConfigured ${b.key} ${at}`] = () =>
          timeRun(n.bin, [b.bin, '--explain', 'refactor auth'], explainEnv, configuredCwd);
        commands[`launch ${b.key} ${at}`] = () =>
          timeRun(n.bin, [b.bin, 'add a /health endpoint to the express server'], launchEnv);
      }
    }
  }
  const r = interleaved(commands);
  const measures = [
    ['explain', '`cr --explain "refactor auth"`', (s) => s.median],
    ['explainConfigured', '`cr --explain "refactor auth"`, example config', (s) => s.median],
    ['launch', '`cr "task"`: time added to the fake claude', (s) => s.median - r.fake.median],
  ];
  const out = { baseline: BASELINE, fakeClaudeMs: r.fake, figures: {} };
  for (const n of nodes) {
    for (const e of environments) {
      const at = `${n.key} ${e.key}`;
      const node = r[`node -e 0 ${at}`];
      const figure = (out.figures[at] = { node: n.version, extraCaCerts: e.label, nodeE0Ms: node });
      const nodeMs = `${round(node.median)} ms`;
      startupRows.push([n.version, e.label, '`node -e 0`', ...builds.map(() => nodeMs), '', '']);
      for (const [key, label, value] of measures) {
        const ms = Object.fromEntries(builds.map((b) => [b.key, value(r[`${key} ${b.key} ${at}`])]));
        const change = ms.before === undefined ? null : round(ms.after - ms.before);
        const plainChange =
          ms.before === undefined || ms.beforePlain === undefined ? null : round(ms.beforePlain - ms.before);
        figure[key] = {
          ...Object.fromEntries(builds.map((b) => [`${b.key}Ms`, r[`${key} ${b.key} ${at}`]])),
          changeMs: change,
          plainStartUpChangeMs: plainChange,
        };
        startupRows.push([
          n.version,
          e.label,
          label,
          ...builds.map((b) => `${round(ms[b.key])} ms`),
          change === null ? '' : `${signed(change)} ms`,
          plainChange === null ? '' : `${signed(plainChange)} ms`,
        ]);
      }
    }
  }
  // The goal: on Node 22, the launch grows by at most LAUNCH_GROWTH_GOAL_MS over BASELINE.
  const goal = out.figures[`node22 ${withoutCerts.key}`]?.launch;
  out.launchGoal = {
    goal: `Node 22, NODE_EXTRA_CA_CERTS ${withoutCerts.label}: launch grows by at most ${LAUNCH_GROWTH_GOAL_MS} ms`,
    changeMs: goal?.changeMs ?? null,
    plainStartUpChangeMs: goal?.plainStartUpChangeMs ?? null,
    pass: goal?.changeMs == null ? null : goal.changeMs <= LAUNCH_GROWTH_GOAL_MS,
  };
  results.benchmarks.startup = out;
}

// ---------- 2. what each start-up shortcut buys ----------
// The plain way against the shortcut, in the same rounds, without NODE_EXTRA_CA_CERTS. A config
// check is measured in cr itself; the others alone, as ES modules that load first what every cr
// run loads anyway (node:fs, and node:process through chalk, which makes the standard streams).
// Only the kept shortcuts are in cr; the others show why they went.
log('start-up shortcuts…');
const shortcutRows = [];
{
  const PRELUDE = "import 'node:fs'; import 'node:process';";
  const env = withoutCerts.env(envFor(path.join(tmp, 'state', 'shortcuts.jsonl')));
  const checkedList = path.join(env.CR_CACHE_DIR, 'config-checked.json');
  const script = (n, code) => () => timeRun(n.bin, ['--input-type=module', '-e', `${PRELUDE} ${code}`], env);
  const explainConfigured = (n) => () => timeRun(n.bin, [CR, '--explain', 'refactor auth'], env, configuredCwd);
  const STRING_WIDTH = pathToFileURL(path.join(ROOT, 'node_modules', 'string-width', 'index.js')).href;
  // Twenty rows' rule and task cells, as `cr history` cuts them to their columns.
  const TABLE_CELLS = JSON.stringify(
    Array.from({ length: 20 }, (_, i) => [
      `task-type`,
      `refactor the auth module and its tests, part ${i} of the…`,
    ]).flat(),
  );
  // As `cr statusline` is run by Claude Code: its JSON on stdin (a pipe), one line on stdout.
  const STATUS_JSON = JSON.stringify({ session_id: 'a1b2', model: { id: 'claude-opus-4-7' } });
  const statusScript = (n, code) => () =>
    timeRun(n.bin, ['--input-type=module', '-e', code], env, cwd, { input: STATUS_JSON });
  // As `cr --explain` into a pipe, without the prelude: what loads chalk's node:process is measured.
  const CHALK = pathToFileURL(path.join(ROOT, 'node_modules', 'chalk', 'source', 'index.js')).href;
  const pipedScript = (n, code) => () =>
    timeRun(n.bin, ['--input-type=module', '-e', code], env, cwd, { stdout: 'pipe' });
  const shortcuts = [
    {
      key: 'noStreams',
      label:
        "a status line without node:net and the streams: node:fs by process.getBuiltinModule, stdin's terminal check by fstat (kept, src/context.ts) vs import fs from 'node:fs' and tty.isatty(0)",
      plain: (n) =>
        statusScript(
          n,
          "import fs from 'node:fs'; const { isatty } = await import('node:tty'); if (!isatty(0)) JSON.parse(fs.readFileSync(0, 'utf8')); fs.writeSync(1, 'cr opus\\n');",
        ),
      shortcut: (n) =>
        statusScript(
          n,
          "const fs = process.getBuiltinModule('node:fs'); if (!(fs.fstatSync(0).isCharacterDevice() && process.getBuiltinModule('node:tty').isatty(0))) JSON.parse(fs.readFileSync(0, 'utf8')); fs.writeSync(1, 'cr opus\\n');",
        ),
    },
    {
      key: 'noChalk',
      label:
        'output into a pipe: chalk not loaded, after fstat (and node:tty for a character device) on stdout and stderr (kept, src/cli.ts) vs chalk loaded for a palette that colours nothing',
      plain: (n) =>
        pipedScript(
          n,
          `const { Chalk } = await import(${JSON.stringify(CHALK)}); new Chalk({ level: 0 }); process.stdout.write('cr → sonnet\\n');`,
        ),
      shortcut: (n) =>
        pipedScript(
          n,
          "const fs = process.getBuiltinModule('node:fs'); const term = (fd) => fs.fstatSync(fd).isCharacterDevice() && process.getBuiltinModule('node:tty').isatty(fd); term(1) || term(2); process.stdout.write('cr → sonnet\\n');",
        ),
    },
    {
      key: 'configCheck',
      label:
        'a JSON config file found valid before: not checked again (kept, src/config/checked-configs.ts) vs checked with zod; `cr --explain`, example config',
      plain: (n) => {
        const run = explainConfigured(n);
        return () => {
          fs.rmSync(checkedList, { force: true });
          return run();
        };
      },
      shortcut: explainConfigured,
    },
    {
      key: 'zoneClock',
      label:
        "a schedule window's named zone: its wall clock read with process.env.TZ switched (kept, src/launch/zone-clock.ts) vs a first Intl.DateTimeFormat",
      plain: (n) =>
        script(
          n,
          "new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', hourCycle: 'h23', weekday: 'short', hour: 'numeric', minute: 'numeric' }).formatToParts(Date.now());",
        ),
      shortcut: (n) =>
        script(
          n,
          "process.env.TZ = 'Europe/Berlin'; const d = new Date(); d.getDay(); d.getHours(); delete process.env.TZ;",
        ),
    },
    {
      key: 'randomUUID',
      label: 'a session id: 16 bytes of /dev/urandom (kept, src/random-uuid.ts) vs crypto.randomUUID()',
      plain: (n) => script(n, "const { randomUUID } = await import('node:crypto'); randomUUID();"),
      shortcut: (n) =>
        script(
          n,
          "const { openSync, readSync, closeSync } = await import('node:fs'); const fd = openSync('/dev/urandom', 'r'); readSync(fd, Buffer.alloc(16), 0, 16, null); closeSync(fd);",
        ),
    },
    {
      key: 'oneColumnText',
      label:
        "a history table's 40 cells of one-column text: measured by their length (kept, src/ui/columns.ts) vs string-width loaded and used",
      plain: (n) =>
        script(
          n,
          `const { default: w } = await import(${JSON.stringify(STRING_WIDTH)}); for (const t of ${TABLE_CELLS}) w(t);`,
        ),
      shortcut: (n) =>
        script(
          n,
          `for (const t of ${TABLE_CELLS}) /^[\\u0020-\\u007e\\u00a0-\\u00ac\\u00ae-\\u02ff\\u2010-\\u2027\\u2190-\\u21ff]*$/.test(t) && t.length;`,
        ),
    },
    {
      key: 'stderrLine',
      label: 'a line on stderr (a pipe): fs.writeSync(2) (gone) vs process.stderr',
      plain: (n) => script(n, "process.stderr.write('cr: a notice\\n');"),
      shortcut: (n) => script(n, "(await import('node:fs')).writeSync(2, 'cr: a notice\\n');"),
    },
    {
      key: 'stdoutFile',
      label: 'output into a file: fs.writeSync(1) (gone) vs process.stdout',
      plain: (n) => script(n, "process.stdout.write('cr → sonnet\\n');"),
      shortcut: (n) => script(n, "(await import('node:fs')).writeSync(1, 'cr → sonnet\\n');"),
    },
  ];
  const commands = {};
  for (const n of nodes) {
    for (const s of shortcuts) {
      commands[`plain ${s.key} ${n.key}`] = s.plain(n);
      commands[`shortcut ${s.key} ${n.key}`] = s.shortcut(n);
    }
  }
  const r = interleaved(commands);
  const out = { extraCaCerts: withoutCerts.label, minimumMs: SHORTCUT_MIN_MS, figures: {} };
  for (const s of shortcuts) {
    for (const n of nodes) {
      const plain = r[`plain ${s.key} ${n.key}`];
      const shortcut = r[`shortcut ${s.key} ${n.key}`];
      const buys = round(plain.median - shortcut.median);
      (out.figures[s.key] ??= {})[n.key] = { node: n.version, plainMs: plain, shortcutMs: shortcut, buysMs: buys };
      shortcutRows.push([
        s.label,
        n.version,
        `${round(plain.median)} ms`,
        `${round(shortcut.median)} ms`,
        `${signed(buys)} ms`,
        n.key === 'node22' ? (buys >= SHORTCUT_MIN_MS ? 'yes' : 'no') : '',
      ]);
    }
  }
  results.benchmarks.shortcuts = out;
}
const startupTable = markdownTable(
  [
    'Node',
    'NODE_EXTRA_CA_CERTS',
    'measure (median)',
    ...builds.map((b) => b.label),
    'change',
    `of it, the plain start-up alone (${BASELINE}'s source)`,
  ],
  startupRows,
);
const shortcutTable = markdownTable(
  ['shortcut', 'Node', 'plain way', 'shortcut', 'buys', `≥ ${SHORTCUT_MIN_MS} ms on Node 22?`],
  shortcutRows,
);
const goal = results.benchmarks.startup.launchGoal;
const goalLine =
  `Goal: ${goal.goal}: ${goal.changeMs === null ? 'not measured' : `${signed(goal.changeMs)} ms, ${goal.pass ? 'pass' : 'FAIL'}`}.` +
  (goal.plainStartUpChangeMs === null
    ? ''
    : ` ${BASELINE}'s own source with the plain start-up launches ${signed(goal.plainStartUpChangeMs)} ms over ${BASELINE} as it was.`);
const machineLine = `${results.platform}, ${results.cpus} CPUs, load average ${results.loadAverage.join(' ')} at the start; ${RUNS} runs after ${WARMUPS} warm-ups, interleaved, each round after idle CPUs${quiet.notQuiet ? ` (${quiet.notQuiet} of ${quiet.runs} rounds started without)` : ''}; ${results.date.slice(0, 10)}.`;
process.stdout.write(
  `\n${startupTable}\n\n${goalLine}\n\nStart-up shortcuts, NODE_EXTRA_CA_CERTS ${withoutCerts.label}:\n\n${shortcutTable}\n`,
);
if (!QUICK) writeStartupSection();

/** Regenerates the figures in docs/performance.md between the start-up markers (the prose around them is kept). */
function writeStartupSection() {
  const file = path.join(ROOT, 'docs', 'performance.md');
  const begin = '<!-- start-up figures: written by npm run bench -->';
  const end = '<!-- end of start-up figures -->';
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    log(`docs/performance.md has no start-up markers ("${begin}"): the figures were not written into it`);
    return;
  }
  const figures = [
    begin,
    '',
    startupTable,
    '',
    goalLine,
    '',
    `What each start-up shortcut buys, NODE_EXTRA_CA_CERTS ${withoutCerts.label}:`,
    '',
    shortcutTable,
    '',
    machineLine,
    '',
  ].join('\n');
  fs.writeFileSync(file, text.slice(0, from) + figures + text.slice(to));
  log('docs/performance.md: start-up figures written');
}

// ---------- 2b. finding claude: the real 400 MB binary on CLAUDE_PATH vs a tiny script ----------
// cr inspects the file on CLAUDE_PATH before it starts it; that must not cost more with a big binary.
const realClaude = path.join(ROOT, 'node_modules', '.bin', 'claude');
if (fs.existsSync(realClaude)) {
  log('finding claude (real binary vs tiny script)…');
  const envFake = envFor(path.join(tmp, 'state', 'dry-history.jsonl'));
  const envReal = { ...envFake, CLAUDE_PATH: realClaude };
  const runs = QUICK ? 5 : 10;
  const r = interleaved(
    {
      fake: () => timeRun(NODE, [CR, '--dry-run', 'refactor auth'], envFake),
      real: () => timeRun(NODE, [CR, '--dry-run', 'refactor auth'], envReal),
    },
    runs,
  );
  const ratio = r.real.median / r.fake.median;
  results.benchmarks.findClaude = {
    dryRunFakeMs: r.fake,
    dryRunRealBinaryMs: r.real,
    ratio: round(ratio, 2),
    goal: '< 1.2x',
    pass: ratio < 1.2,
  };
  rows.push([
    '`cr --dry-run`: CLAUDE_PATH = real claude (400 MB) vs a tiny script',
    `${round(r.real.median)} ms vs ${round(r.fake.median)} ms`,
    `${round(ratio, 2)}x`,
    '< 1.2x',
    ratio < 1.2 ? 'pass' : 'FAIL',
  ]);
}

// ---------- 3. decision throughput ----------
log('decision throughput…');
const lib = await import(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href);
{
  const tasks = [
    'refactor auth',
    'convert this CSV file to JSON',
    'review the authentication module for security issues',
    'add a /health endpoint to the express server',
    'fix the typo in README',
    'design a caching layer for the API',
    'write unit tests for the parser',
    'rename getUser to fetchUser',
    'why does the build fail on CI?',
    'migrate the database schema to support multi-tenancy',
  ];
  if (typeof lib.classifyTask !== 'function') {
    results.benchmarks.decisionThroughput = { skipped: 'dist/index.js does not export classifyTask' };
    rows.push(['decision throughput: `classifyTask` on short tasks', 'skipped: not exported', '', '', '']);
  } else {
    for (let i = 0; i < 2000; i++) lib.classifyTask(tasks[i % tasks.length]);
    const perRound = [];
    let total = 0;
    let totalNs = 0n;
    for (let round = 0; round < 5; round++) {
      let n = 0;
      const t0 = process.hrtime.bigint();
      const until = t0 + BigInt(QUICK ? 100e6 : 300e6);
      let now = t0;
      while (now < until) {
        for (let i = 0; i < 100; i++) lib.classifyTask(tasks[(n + i) % tasks.length]);
        n += 100;
        now = process.hrtime.bigint();
      }
      const ns = now - t0;
      perRound.push(n / (Number(ns) / 1e9));
      total += n;
      totalNs += ns;
    }
    const perSec = stats(perRound).median;
    results.benchmarks.decisionThroughput = {
      decisionsPerSecond: Math.round(perSec),
      microsecondsPerDecision: round(1e6 / perSec, 2),
      decisions: total,
      seconds: round(Number(totalNs) / 1e9, 2),
      tasks: tasks.length,
    };
    rows.push([
      'decision throughput: `classifyTask` on short tasks',
      `${Math.round(perSec).toLocaleString('en-US')} decisions/s (${round(1e6 / perSec, 2)} µs each)`,
      '',
      '',
      '',
    ]);
  }
}

// ---------- 4. history append latency ----------
log('history append latency (pre-filling 10k and 1M records)…');
{
  /** Writes `count` decision/outcome lines in the format cr writes. */
  function prefill(file, count) {
    const fd = fs.openSync(file, 'w', 0o600);
    const chunk = [];
    const time = new Date('2026-01-01T00:00:00Z').getTime();
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const record =
        i % 2 === 0
          ? {
              v: 1,
              type: 'decision',
              id,
              time: new Date(time + i * 1000).toISOString(),
              cwd: '/home/dev/project',
              kind: 'route',
              task: `task number ${i}: convert this CSV file to JSON`,
              tier: ['haiku', 'sonnet', 'opus'][i % 3],
              model: ['haiku', 'sonnet', 'opus'][i % 3],
              rule: 'classifier',
              confidence: 0.9,
              sessionId: randomUUID(),
              print: false,
            }
          : {
              v: 1,
              type: 'outcome',
              id,
              time: new Date(time + i * 1000 + 500).toISOString(),
              exitCode: 0,
              durationMs: 1234,
            };
      chunk.push(JSON.stringify(record));
      if (chunk.length === 10_000) {
        fs.writeSync(fd, `${chunk.join('\n')}\n`);
        chunk.length = 0;
      }
    }
    if (chunk.length) fs.writeSync(fd, `${chunk.join('\n')}\n`);
    fs.closeSync(fd);
    return fs.statSync(file).size;
  }

  const sizes = { '10k': 10_000, '1M': QUICK ? 200_000 : 1_000_000 };
  const files = {};
  for (const [label, count] of Object.entries(sizes)) {
    const file = path.join(tmp, 'state', `history-${label}.jsonl`);
    const bytes = prefill(file, count);
    files[label] = { file, count, bytes };
  }
  const out = {};
  const record = () => ({
    v: 1,
    type: 'decision',
    id: randomUUID(),
    time: new Date().toISOString(),
    cwd,
    kind: 'route',
    task: 'refactor auth',
    tier: 'sonnet',
    model: 'sonnet',
    rule: 'classifier',
    confidence: 0.8,
    sessionId: randomUUID(),
  });

  // 4a. The append function itself, when the library exports it.
  if (typeof lib.appendHistoryRecord === 'function') {
    const N = QUICK ? 200 : 1000;
    const direct = {};
    for (let i = 0; i < 50; i++) {
      for (const { file } of Object.values(files)) lib.appendHistoryRecord(file, record());
    }
    const samples = Object.fromEntries(Object.keys(files).map((k) => [k, []]));
    for (let i = 0; i < N; i++) {
      for (const [label, { file }] of Object.entries(files)) {
        const rec = record();
        const t0 = process.hrtime.bigint();
        lib.appendHistoryRecord(file, rec);
        samples[label].push(Number(process.hrtime.bigint() - t0) / 1e3);
      }
    }
    for (const [label, s] of Object.entries(samples)) direct[label] = { ...stats(s), unit: 'µs' };
    const growth = direct['1M'].median / direct['10k'].median;
    out.appendFunction = { ...direct, growth1Mvs10k: round(growth, 2), pass: growth < 1.5 };
    rows.push([
      '`appendHistoryRecord`: 10k vs 1M existing records',
      `${round(direct['10k'].median, 1)} µs vs ${round(direct['1M'].median, 1)} µs (p90 ${round(direct['10k'].p90, 1)} / ${round(direct['1M'].p90, 1)})`,
      `${round(growth, 2)}x`,
      'no growth (< 1.5x)',
      growth < 1.5 ? 'pass' : 'FAIL',
    ]);
  } else {
    out.appendFunction = { skipped: 'dist/index.js does not export appendHistoryRecord' };
    rows.push([
      '`appendHistoryRecord`: 10k vs 1M existing records',
      'skipped: not exported from dist/index.js',
      '',
      '',
      '',
    ]);
  }

  // 4b. A whole `cr "task"` launch (fake claude) that appends a decision and an outcome.
  {
    const runs = QUICK ? 6 : 15;
    const cmds = {};
    for (const [label, { file }] of Object.entries(files)) {
      const env = envFor(file);
      cmds[label] = () => timeRun(NODE, [CR, 'refactor auth'], env);
    }
    const r = interleaved(cmds, runs);
    const growth = r['1M'].median / r['10k'].median;
    out.cliLaunch = { ...r, growth1Mvs10k: round(growth, 2), pass: growth < 1.2 };
    rows.push([
      '`cr "task"` launch (fake claude): 10k vs 1M history records',
      `${round(r['10k'].median)} ms vs ${round(r['1M'].median)} ms`,
      `${round(growth, 2)}x`,
      'no growth (< 1.2x)',
      growth < 1.2 ? 'pass' : 'FAIL',
    ]);
  }
  for (const [label, f] of Object.entries(files))
    out[`file${label}`] = { records: f.count, bytes: fs.statSync(f.file).size };
  results.benchmarks.historyAppend = out;
}

// ---------- report ----------
const table = [
  '| benchmark | measured (median) | ratio | goal | result |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
results.markdown = { startup: startupTable, shortcuts: shortcutTable, other: table };
const outDir = path.join(ROOT, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\n${table}\n\n${machineLine} JSON: bench-results/bench.json\n`);

// ---------- data at scale: its own script, when there is one ----------
const scale = path.join(ROOT, 'scripts', 'bench-scale.mjs');
if (fs.existsSync(scale)) {
  // --quick is this script's own option: the scale bench takes fewer rounds instead.
  const args = process.argv.slice(2).filter((a) => a !== '--quick');
  const r = spawnSync(NODE, [scale, ...args, ...(QUICK ? ['--runs', '2'] : [])], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
