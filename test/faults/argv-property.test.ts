// Property: whatever argument vector a user types, `cr --dry-run …` answers with a clean
// exit code (0 ok, 1 failure, 2 usage) and never a stack trace.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { crEnv, makeFakeClaude, type FakeClaude } from '../support/fake-claude.js';
import { runCr } from '../support/run-cr.js';

const KNOWN = [
  '-p',
  '--print',
  '--json',
  '--explain',
  '--dry-run',
  '--opus',
  '--sonnet',
  '--haiku',
  '--model',
  'opus',
  'sonnet',
  'haiku',
  'claude-opus-5-5',
  '--ask',
  '--profile',
  '--resume',
  '-r',
  '--continue',
  '-c',
  '--session-id',
  '--permission-mode',
  'plan',
  '--fallback-model',
  '--add-dir',
  '--output-format',
  'json',
  '--effort',
  'high',
  '--verbose',
  '--',
  '-',
  '',
  '--help',
  '-h',
  '--version',
  '-V',
  'stats',
  'escalate',
  'up',
  '--to',
  'history',
  'config',
  '--no-history',
  '--model=',
  '--model=opus',
  '-pp',
  '---',
  '--x',
  'refactor auth',
  'convert this CSV file to JSON',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '1e309',
  '-1',
  'NaN',
];

const arg = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KNOWN) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => `--${s}`) },
);

describe('cr --dry-run over random argument vectors', () => {
  let fake: FakeClaude;
  let root: string;
  let cwd: string;
  beforeAll(async () => {
    fake = await makeFakeClaude();
    root = await mkdtemp(path.join(os.tmpdir(), 'cr-faults-argv-'));
    cwd = path.join(root, 'project');
    await mkdir(cwd, { recursive: true });
  });
  afterAll(async () => {
    await fake?.cleanup();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('exits 0, 1 or 2 and never prints a stack trace', async () => {
    // --dry-run must never start claude: the fake writes this file if it does.
    const mustNotRun = path.join(root, 'fake-must-not-run.json');
    const env = crEnv(root, fake, { FAKE_CLAUDE_LOG: mustNotRun });
    await fc.assert(
      fc.asyncProperty(fc.array(arg, { maxLength: 6 }), async (args) => {
        const r = await runCr(['--dry-run', ...args], { cwd, env, timeoutMs: 15_000 });
        const launched = existsSync(mustNotRun);
        const ok = !launched && !r.timedOut && [0, 1, 2].includes(r.exitCode ?? -1) && !/^\s{4}at /m.test(r.stderr);
        if (!ok) {
          throw new Error(
            `cr --dry-run ${JSON.stringify(args)} → exit ${r.exitCode} launched claude: ${launched} signal ${r.signal} timedOut ${r.timedOut}\n${r.stderr.slice(0, 1500)}`,
          );
        }
      }),
      {
        numRuns: Number(process.env.CR_FAULTS_RUNS ?? 60),
        seed: process.env.CR_FAULTS_SEED ? Number(process.env.CR_FAULTS_SEED) : undefined,
      },
    );
  }, 180_000);
});
