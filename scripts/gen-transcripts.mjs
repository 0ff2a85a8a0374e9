#!/usr/bin/env node
// Generates Claude Code transcripts that look like real ones, with known totals, for the
// stats benchmark. Deterministic for a given --seed and --end.
//
//   node scripts/gen-transcripts.mjs --out DIR [--mb 500] [--seed 1] [--end ISO] [--days 30]
//
// Writes DIR/projects/<project>/<session>.jsonl (+ nested subagent files) and
// DIR/expected.json: the deduplicated token totals per model and the session ids.
import { mkdirSync, openSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    mb: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    end: { type: 'string' },
    days: { type: 'string', default: '30' },
  },
});
if (!values.out) {
  console.error('usage: gen-transcripts.mjs --out DIR [--mb N] [--seed N] [--end ISO] [--days N]');
  process.exit(2);
}

const outDir = values.out;
const targetBytes = Math.round(Number(values.mb) * 1024 * 1024);
const endMs = values.end ? Date.parse(values.end) : Math.floor(Date.now() / 3_600_000) * 3_600_000;
const spanMs = Number(values.days) * 86_400_000;

// mulberry32: small, fast, deterministic.
let state = Number(values.seed) >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const b62 = (n) => Array.from({ length: n }, () => B62[Math.floor(rand() * 62)]).join('');
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

const WORDS = (
  'the a to of and in that is for it with as on be this by are or from at an function const return ' +
  'import export await async if else value type string number error test file path config model token session ' +
  'user assistant usage cache read write budget stats history route tier opus sonnet haiku refactor fix review'
).split(' ');
function prose(bytes) {
  let s = '';
  while (s.length < bytes) s += pick(WORDS) + (rand() < 0.08 ? '.\n' : ' ');
  return s.slice(0, bytes);
}

const MODELS = [
  ['claude-opus-4-7', 0.25],
  ['claude-sonnet-5-5', 0.55],
  ['claude-haiku-4-5-20251001', 0.2],
];
function pickModel() {
  let r = rand();
  for (const [m, w] of MODELS) if ((r -= w) < 0) return m;
  return MODELS[0][0];
}

const expected = { models: {}, sessions: [], messages: 0, files: 0, bytes: 0 };
function addExpected(model, u) {
  const e = (expected.models[model] ??= {
    input: 0,
    output: 0,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheRead: 0,
    messages: 0,
  });
  e.input += u.input;
  e.output += u.output;
  e.cacheWrite5m += u.c5;
  e.cacheWrite1h += u.c1;
  e.cacheRead += u.cr;
  e.messages++;
  expected.messages++;
}

function writeSession(path, sessionId, cwd, startMs, model, bytesBudget, sidechain) {
  const fd = openSync(path, 'w', 0o600);
  let written = 0;
  let t = startMs;
  let parent = null;
  let chunk = '';
  const base = `"isSidechain":${sidechain},"userType":"external","cwd":${JSON.stringify(cwd)},"sessionId":"${sessionId}","version":"2.1.332","gitBranch":"main"`;
  const emit = (line) => {
    chunk += line + '\n';
    written += line.length + 1;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  };
  const stamp = () => new Date(t).toISOString();
  while (written < bytesBudget) {
    t += int(2_000, 90_000);
    let uuidU = uuid();
    // A user turn: a prompt or a tool result (often large: file contents).
    const content =
      rand() < 0.3
        ? JSON.stringify(prose(int(40, 400)))
        : `[{"tool_use_id":"toolu_${b62(24)}","type":"tool_result","content":${JSON.stringify(prose(int(500, 12_000)))}}]`;
    emit(
      `{"parentUuid":${parent ? `"${parent}"` : 'null'},${base},"type":"user","message":{"role":"user","content":${content}},"uuid":"${uuidU}","timestamp":"${stamp()}"}`,
    );
    parent = uuidU;
    if (rand() < 0.2)
      emit(
        `{"parentUuid":"${parent}",${base},"type":"attachment","attachment":{"type":"todo","content":[],"itemCount":0},"uuid":"${uuid()}","timestamp":"${stamp()}"}`,
      );
    if (rand() < 0.05)
      emit(
        `{"parentUuid":"${parent}",${base},"type":"system","subtype":"api_error","content":"Overloaded","level":"error","uuid":"${uuid()}","timestamp":"${stamp()}"}`,
      );
    if (rand() < 0.05)
      emit(
        `{"type":"queue-operation","operation":"enqueue","timestamp":"${stamp()}","sessionId":"${sessionId}","content":"next"}`,
      );
    // An assistant message: 1-3 lines (one per content block), same id and usage each time.
    t += int(1_000, 30_000);
    const m = rand() < 0.9 ? model : pickModel();
    const u = {
      input: int(1, 50),
      output: int(20, 4000),
      c5: int(0, 8000),
      c1: rand() < 0.2 ? int(0, 20_000) : 0,
      cr: int(0, 150_000),
    };
    const msgId = `msg_01${b62(22)}`;
    const reqId = `req_011CU${b62(18)}`;
    addExpected(m, u);
    const usage = `{"input_tokens":${u.input},"cache_creation_input_tokens":${u.c5 + u.c1},"cache_read_input_tokens":${u.cr},"cache_creation":{"ephemeral_5m_input_tokens":${u.c5},"ephemeral_1h_input_tokens":${u.c1}},"output_tokens":${u.output},"service_tier":"standard"}`;
    const blocks = int(1, 3);
    for (let i = 0; i < blocks; i++) {
      const block =
        i === blocks - 1 && rand() < 0.6
          ? `{"type":"tool_use","id":"toolu_${b62(24)}","name":"Edit","input":{"file_path":"/src/x.ts","old_string":${JSON.stringify(prose(int(100, 2000)))},"new_string":${JSON.stringify(prose(int(100, 2000)))}}}`
          : `{"type":"text","text":${JSON.stringify(prose(int(300, 6000)))}}`;
      const uuidA = uuid();
      emit(
        `{"parentUuid":"${parent}",${base},"message":{"model":"${m}","id":"${msgId}","type":"message","role":"assistant","content":[${block}],"stop_reason":${i === blocks - 1 ? '"end_turn"' : 'null'},"stop_sequence":null,"usage":${usage}},"requestId":"${reqId}","type":"assistant","uuid":"${uuidA}","timestamp":"${stamp()}"}`,
      );
      parent = uuidA;
    }
  }
  if (chunk) writeSync(fd, chunk);
  closeSync(fd);
  expected.files++;
  expected.bytes += written;
  return written;
}

mkdirSync(join(outDir, 'projects'), { recursive: true });
const projects = Array.from({ length: 12 }, (_, i) => `/home/dev/work/project-${i}`);
let total = 0;
while (total < targetBytes) {
  const cwd = pick(projects);
  const dir = join(outDir, 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const sessionId = uuid();
  const startMs = endMs - spanMs + Math.floor(rand() * (spanMs - 8 * 3_600_000));
  const model = pickModel();
  // Session sizes vary widely: most are small, a few are tens of megabytes.
  const size = Math.min(targetBytes - total, Math.round(Math.exp(rand() * 6.5) * 6_000));
  total += writeSession(join(dir, `${sessionId}.jsonl`), sessionId, cwd, startMs, model, Math.max(size, 2_000), false);
  if (rand() < 0.25 && total < targetBytes) {
    const sub = join(dir, sessionId, 'subagents');
    mkdirSync(sub, { recursive: true });
    total += writeSession(
      join(sub, `agent-${hex(8)}.jsonl`),
      sessionId,
      cwd,
      startMs + 60_000,
      'claude-haiku-4-5-20251001',
      int(20_000, 400_000),
      true,
    );
  }
  expected.sessions.push(sessionId);
}
writeFileSync(join(outDir, 'expected.json'), JSON.stringify(expected, null, 1));
console.log(
  `${expected.files} files, ${(expected.bytes / 1048576).toFixed(1)} MB, ${expected.messages} assistant messages in ${outDir}`,
);
