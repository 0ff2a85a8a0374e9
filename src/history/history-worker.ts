// `cr stats` reads the history on a thread of its own while the main thread reads the transcripts:
// on a machine of two cores, the two reads then each have one (reading the transcripts on two threads
// as well only made them compete). The worker runs this module's own file (as parallel-scan.ts does),
// which imports nothing of the launch path. Where no worker can be started (the TypeScript sources
// under test), the history is read on this thread, with the same result.
import { statSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { DecisionTally, type TallySnapshot } from '../report/decision-tally.js';
import type { Tier } from '../types.js';
import { readStatsHistory } from './stats-history.js';

const TAG = 'cr-history-tally';
/** Smaller histories (~3,500 records) are read on this thread. */
export const WORKER_MIN_BYTES = 1024 * 1024;
/** Set in the worker's environment: the module then knows it is the worker without loading worker_threads first. */
const WORKER_ENV = 'CR_HISTORY_WORKER';
const threads = () => process.getBuiltinModule('node:worker_threads');

interface Job {
  tag: typeof TAG;
  file: string;
  since: number;
  until: number;
  tiers: Tier[];
}

export interface TalliedHistory {
  tally: TallySnapshot;
  /** History lines that were not valid records. */
  skipped: number;
  /** Which thread read it. */
  readOn: 'worker' | 'here';
}

function tallyHere(job: Omit<Job, 'tag'>): TalliedHistory {
  const tally = new DecisionTally(job.since, job.until, job.tiers);
  const skipped = readStatsHistory(job.file, tally);
  return { tally: tally.snapshot(), skipped, readOn: 'here' };
}

let workerUrl: URL | undefined;
try {
  // The bundle's own file: dist/index.js or a chunk of the CLI (dist/chunks/); not the TypeScript source.
  workerUrl = /\.js$/.test(import.meta.url) ? new URL(import.meta.url) : undefined;
} catch {
  workerUrl = undefined;
}

/**
 * The tally of the decisions in [since, until) and the outcomes of the history `file`, read on a
 * worker thread when it is big (`thread`: always, or never) and one can be started, else here.
 * Rejects as reading it here would throw.
 */
export function tallyHistory(
  file: string,
  since: number,
  until: number,
  tiers: readonly Tier[],
  thread: 'auto' | 'here' | 'worker' = 'auto',
): Promise<TalliedHistory> {
  const job: Job = { tag: TAG, file, since, until, tiers: [...tiers] };
  let worker;
  // A thread takes ~30 ms of CPU to start: worth it only for a history that takes longer to read.
  const big =
    thread === 'worker' ||
    (thread === 'auto' && (statSync(file, { throwIfNoEntry: false })?.size ?? 0) >= WORKER_MIN_BYTES);
  if (big && workerUrl) {
    try {
      const { Worker } = threads();
      worker = new Worker(workerUrl, {
        workerData: job,
        stdout: false,
        stderr: false,
        env: { ...process.env, [WORKER_ENV]: '1' },
      });
    } catch {
      worker = undefined;
    }
  }
  if (!worker) {
    try {
      return Promise.resolve(tallyHere(job));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  const w = worker;
  return new Promise((resolve, reject) => {
    let done = false;
    w.once('message', (result: TalliedHistory) => {
      done = true;
      resolve({ ...result, readOn: 'worker' });
    });
    w.once('error', (error) => {
      done = true;
      reject(error);
    });
    w.once('exit', (code) => {
      if (!done) reject(new Error(`reading the history stopped (worker exit code ${code})`));
    });
  });
}

if (process.env[WORKER_ENV] === '1') {
  const { isMainThread, workerData, parentPort } = threads();
  if (!isMainThread && (workerData as Partial<Job> | null)?.tag === TAG && parentPort) {
    // An error thrown here reaches the main thread as the worker's 'error' event.
    (parentPort as MessagePort).postMessage(tallyHere(workerData as Job));
  }
}
