#!/usr/bin/env node
// How long `cr statusline` takes once warm (goal: 50 ms), against `node -e 0` measured in the same
// rounds, in four cases:
//   1. nothing new in the session since the last call (the status bar refreshing)
//   2. one more turn written to the session's transcript since the last call
//   3. as 1, with a daily budget configured: what is left comes from the usage summary of every
//      transcript on the machine (the transcripts made by ../shared/benchmarks/transcripts/gen.py)
//   4. as 3, with one more turn in the session (the summary reads the new bytes too)
// Each case in the environment as it is and, when NODE_EXTRA_CA_CERTS is set, without it (every Node
// start-up reads those certificates). Runs are interleaved; medians of RUNS rounds after warm-ups.
//
//   npm run bench:statusline      # build, then run
//   node scripts/bench-statusline.mjs [--quick]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quietWaiter, shuffle } from './quiet-machine.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CR = path.join(ROOT, 'bin', 'cr.js');
const GEN = path.resolve(
  process.env.CR_BENCHMARKS_DIR ?? path.join(ROOT, '../shared/benchmarks'),
  'transcripts',
  'gen.py',
);
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 8 : 30;
const WARMUPS = 3;
const SESSIONS = QUICK ? 60 : 300;

if (!fs.existsSync(path.join(ROOT, 'dist', 'cr.js'))) {
  console.error('bench-statusline: dist/cr.js is missing: run `npm run build` first');
  process.exit(2);
}
if (!fs.existsSync(GEN)) {
  console.error(`bench-statusline: ${GEN} not found (set CR_BENCHMARKS_DIR)`);
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-bench-status-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

// ---------- a user with transcripts, a history and (for the budget cases) a config ----------
const home = path.join(tmp, 'home');
const claudeDir = path.join(home, '.claude');
fs.mkdirSync(claudeDir, { recursive: true });
const gen = spawnSync(
  'python3',
  [GEN, claudeDir, '--sessions', String(SESSIONS), '--seed', '7', '--now', new Date().toISOString()],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (gen.status !== 0) throw new Error('gen.py failed');
// "This session": the largest transcript gen.py wrote.
const transcripts = [];
for (const project of fs.readdirSync(path.join(claudeDir, 'projects'))) {
  for (const name of fs.readdirSync(path.join(claudeDir, 'projects', project)))
    if (name.endsWith('.jsonl')) transcripts.push(path.join(claudeDir, 'projects', project, name));
}
const transcript = transcripts.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
const sessionId = path.basename(transcript, '.jsonl');
const totalMb = transcripts.reduce((s, f) => s + fs.statSync(f).size, 0) / 1e6;

const stateDir = path.join(tmp, 'state');
fs.mkdirSync(path.join(stateDir, 'claude-router'), { recursive: true });
const history = path.join(stateDir, 'claude-router', 'history.jsonl');
// 10,000 decisions before this session's: cr reads only the end of the history.
const lines = [];
for (let i = 0; i < 10_000; i++)
  lines.push(
    JSON.stringify({
      v: 1,
      type: 'decision',
      id: `d${i}`,
      time: new Date().toISOString(),
      cwd: tmp,
      kind: 'route',
      tier: 'sonnet',
      model: 'sonnet',
      rule: 'task-type',
      confidence: 0.9,
      sessionId: `s-${i}`,
    }),
  );
lines.push(
  JSON.stringify({
    v: 1,
    type: 'decision',
    id: 'this',
    time: new Date().toISOString(),
    cwd: tmp,
    kind: 'route',
    tier: 'opus',
    model: 'opus',
    rule: 'task-type',
    confidence: 0.9,
    sessionId,
  }),
);
fs.writeFileSync(history, `${lines.join('\n')}\n`);

const input = JSON.stringify({
  session_id: sessionId,
  transcript_path: transcript,
  cwd: tmp,
  model: { id: 'claude-opus-4-7', display_name: 'Opus' },
  workspace: { current_dir: tmp, project_dir: tmp },
  version: '2.1.332',
  cost: { total_cost_usd: 1.23 },
});

const baseEnv = {};
for (const [k, v] of Object.entries(process.env))
  if (!/^(ANTHROPIC_|CLAUDE_|CR_|XDG_|NODE_OPTIONS$)/.test(k) && k !== 'HOME') baseEnv[k] = v;
function envFor(budget) {
  const config = path.join(tmp, budget ? 'config-budget' : 'config-none');
  fs.mkdirSync(path.join(config, 'claude-router'), { recursive: true });
  if (budget)
    fs.writeFileSync(path.join(config, 'claude-router', 'config.json'), JSON.stringify({ budget: { daily: 50 } }));
  return {
    ...baseEnv,
    HOME: home,
    XDG_STATE_HOME: stateDir,
    XDG_CONFIG_HOME: config,
    CR_CACHE_DIR: path.join(tmp, budget ? 'cache-budget' : 'cache-none'),
    NO_COLOR: '1',
  };
}

// One assistant turn in the shape Claude Code writes, appended to the session before a run.
let turn = 0;
function appendTurn() {
  turn++;
  const line = {
    type: 'assistant',
    sessionId,
    timestamp: new Date().toISOString(),
    requestId: `req_bench_${turn}`,
    message: {
      id: `msg_bench_${turn}`,
      model: 'claude-opus-4-7',
      role: 'assistant',
      content: [{ type: 'text', text: 'x'.repeat(2000) }],
      usage: { input_tokens: 12, output_tokens: 300, cache_read_input_tokens: 40000, cache_creation_input_tokens: 800 },
    },
  };
  fs.appendFileSync(transcript, `${JSON.stringify(line)}\n`);
}

// The machine may be shared: every run waits (up to 10 s) for idle CPUs.
const { quiet, waitQuiet } = quietWaiter(10_000);

function timeRun(args, env, stdin) {
  waitQuiet();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: tmp,
    env,
    input: stdin,
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 30_000,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
  if (stdin && !/^cr opus \(task-type\) /.test(String(r.stdout))) throw new Error(`unexpected line: ${r.stdout}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(label, env) {
  const cases = {
    'node -e 0': () => timeRun(['-e', '0'], env.none),
    // The floor of any cr command: the entry, its code cache and the context.
    'cr --version (reference)': () => timeRun([CR, '--version'], env.none),
    // "Nothing new" for this environment: a run (not timed) first takes in what the cases before
    // appended, as Claude Code's refresh after a turn would.
    'nothing new': () => (timeRun([CR, 'statusline'], env.none, input), timeRun([CR, 'statusline'], env.none, input)),
    'one new turn': () => (appendTurn(), timeRun([CR, 'statusline'], env.none, input)),
    'budget, nothing new': () => (
      timeRun([CR, 'statusline'], env.budget, input),
      timeRun([CR, 'statusline'], env.budget, input)
    ),
    'budget, one new turn': () => (appendTurn(), timeRun([CR, 'statusline'], env.budget, input)),
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < WARMUPS; i++) for (const c of Object.values(cases)) c();
  // A new random order every round (see shuffle): each case is self-contained.
  const names = Object.keys(cases);
  for (let i = 0; i < RUNS; i++) for (const k of shuffle(names)) samples[k].push(cases[k]());
  const base = median(samples['node -e 0']);
  const busy = quiet.notQuiet ? `; ${quiet.notQuiet} of ${quiet.runs} runs so far started without idle CPUs` : '';
  console.log(`\n${label} (medians of ${RUNS} interleaved rounds${busy}; load average ${os.loadavg()[0].toFixed(2)})`);
  console.log('| case | cr statusline | minus node -e 0 | goal: 50 ms over node -e 0 |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| node -e 0 | ${base.toFixed(1)} ms | | |`);
  for (const k of Object.keys(cases).slice(1)) {
    const m = median(samples[k]);
    // The goal is cr's own time: what it takes over Node's start-up (`node -e 0`, same rounds).
    const goal = k.startsWith('cr --version') ? '' : m - base <= 50 ? 'pass' : 'miss';
    console.log(`| ${k} | ${m.toFixed(1)} ms | ${(m - base).toFixed(1)} ms | ${goal} |`);
  }
}

console.log(
  `cr statusline: one session of ${(fs.statSync(transcript).size / 1e6).toFixed(1)} MB; ${transcripts.length} transcripts (${totalMb.toFixed(0)} MB) for the budget; ${os.cpus().length} CPUs, node ${process.version}`,
);
const withCerts = { none: envFor(false), budget: envFor(true) };
measure('environment as is', withCerts);
if (process.env.NODE_EXTRA_CA_CERTS) {
  const strip = (e) => {
    const { NODE_EXTRA_CA_CERTS: _, ...rest } = e;
    return rest;
  };
  measure('without NODE_EXTRA_CA_CERTS', { none: strip(withCerts.none), budget: strip(withCerts.budget) });
}
