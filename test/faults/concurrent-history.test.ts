// Many cr processes appending to one history file at once leave every record intact:
// one JSON object per line, none lost, none interleaved.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crEnv, makeFakeClaude, type FakeClaude } from '../support/fake-claude.js';
import { CR_BIN, REPO_ROOT } from '../support/run-cr.js';

const WORKERS = 32;
/** Launches per worker through the whole CLI. 100 (3,200 launches) takes minutes on 2 cores: set CR_FAULTS_FULL=1 for that. */
const CLI_RUNS = process.env.CR_FAULTS_FULL ? 100 : 4;
/** Appends per worker through the library's append function, in 32 separate processes. */
const LIB_RUNS = 100;

interface Line {
  raw: string;
  value: Record<string, unknown> | undefined;
}

async function readLines(file: string): Promise<Line[]> {
  const text = await readFile(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  // A blank line is no record, and every reader skips it: an append that finds the file not ending
  // in a newline starts its record on a new line, and it may find that while another's write is
  // still in progress.
  return text
    .slice(0, -1)
    .split('\n')
    .filter((raw) => raw !== '')
    .map((raw) => {
      try {
        return { raw, value: JSON.parse(raw) as Record<string, unknown> };
      } catch {
        return { raw, value: undefined };
      }
    });
}

describe('concurrent history appends', () => {
  let fake: FakeClaude;
  let root: string;
  let cwd: string;
  // If a test times out, its workers must not go on launching cr into a removed temp dir.
  const stop = new AbortController();
  const inFlight: Array<Promise<unknown>> = [];
  beforeAll(async () => {
    fake = await makeFakeClaude();
    // The fastest possible claude: a shell script, so the test measures cr, not node start-ups.
    await writeFile(fake.path, '#!/bin/sh\nexit 0\n');
    await chmod(fake.path, 0o755);
    root = await mkdtemp(path.join(os.tmpdir(), 'cr-faults-concurrent-'));
    cwd = path.join(root, 'project');
    await mkdir(cwd, { recursive: true });
  });
  afterAll(async () => {
    stop.abort();
    await Promise.allSettled(inFlight);
    await fake?.cleanup();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it(
    `${WORKERS} cr processes × ${CLI_RUNS} launches leave ${WORKERS * CLI_RUNS} intact decisions and outcomes`,
    async () => {
      const env = crEnv(root, fake, { CR_HISTORY_FILE: path.join(root, 'state', 'cli-history.jsonl') });
      // Long tasks on some workers push lines past 4 KiB, where a non-atomic writer would interleave.
      const taskFor = (w: number, i: number) =>
        `convert file ${w}-${i} from CSV to JSON ${w % 4 === 0 ? 'x'.repeat(6000) : ''}`.trim();
      const worker = async (w: number) => {
        for (let i = 0; i < CLI_RUNS && !stop.signal.aborted; i++) {
          const r = await execa(process.execPath, [CR_BIN, taskFor(w, i)], {
            cwd,
            env,
            extendEnv: false,
            stdin: 'ignore',
            reject: false,
            timeout: 60_000,
            cancelSignal: stop.signal,
          });
          expect(r.exitCode, String(r.stderr)).toBe(0);
        }
      };
      const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
      inFlight.push(...workers);
      await Promise.all(workers);

      const lines = await readLines(env.CR_HISTORY_FILE!);
      const broken = lines.filter((l) => l.value === undefined);
      expect(broken.map((l) => l.raw.slice(0, 120))).toEqual([]);
      const decisions = lines.filter((l) => l.value?.type === 'decision').map((l) => l.value!);
      const outcomes = lines.filter((l) => l.value?.type === 'outcome').map((l) => l.value!);
      expect(decisions).toHaveLength(WORKERS * CLI_RUNS);
      expect(outcomes).toHaveLength(WORKERS * CLI_RUNS);
      expect(new Set(decisions.map((d) => d.id)).size).toBe(WORKERS * CLI_RUNS);
      expect(new Set(outcomes.map((o) => o.id))).toEqual(new Set(decisions.map((d) => d.id)));
      const tasks = new Set(decisions.map((d) => d.task));
      for (let w = 0; w < WORKERS; w++) for (let i = 0; i < CLI_RUNS; i++) expect(tasks.has(taskFor(w, i))).toBe(true);
    },
    // A safety net, not a speed goal: on a shared, loaded machine 32 concurrent launches take a
    // second each and more.
    60_000 + WORKERS * CLI_RUNS * 1000,
  );

  it(`${WORKERS} processes × ${LIB_RUNS} appendHistoryRecord calls leave ${WORKERS * LIB_RUNS} intact records`, async (ctx) => {
    const lib = (await import(pathToFileURL(path.join(REPO_ROOT, 'dist', 'index.js')).href)) as Record<string, unknown>;
    // Skipped until src/index.ts exports appendHistoryRecord (the CLI-level test above still runs).
    if (typeof lib.appendHistoryRecord !== 'function') ctx.skip('dist/index.js does not export appendHistoryRecord');
    const file = path.join(root, 'state', 'lib-history.jsonl');
    const script = `
      const { appendHistoryRecord } = await import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'dist', 'index.js')).href)});
      const w = Number(process.argv[1]);
      for (let i = 0; i < ${LIB_RUNS}; i++) {
        appendHistoryRecord(${JSON.stringify(file)}, {
          v: 1, type: 'decision', id: w + '-' + i, time: new Date().toISOString(), cwd: '/x', kind: 'route',
          task: 'w' + w + ' i' + i + ' ' + 'y'.repeat((w * 997 + i * 131) % 9000), tier: 'haiku', model: 'haiku',
          rule: 'fault-test', confidence: 0.5,
        });
      }`;
    const workers = Array.from({ length: WORKERS }, (_, w) =>
      execa(process.execPath, ['--input-type=module', '-e', script, String(w)], {
        stdin: 'ignore',
        timeout: 60_000,
        cancelSignal: stop.signal,
      }),
    );
    inFlight.push(...workers);
    await Promise.all(workers);
    const lines = await readLines(file);
    expect(lines.filter((l) => l.value === undefined)).toHaveLength(0);
    expect(lines).toHaveLength(WORKERS * LIB_RUNS);
    const ids = new Set(lines.map((l) => l.value!.id));
    for (let w = 0; w < WORKERS; w++) for (let i = 0; i < LIB_RUNS; i++) expect(ids.has(`${w}-${i}`)).toBe(true);
  }, 120_000);
});
