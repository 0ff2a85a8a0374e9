// Reading many transcripts on two threads: the main thread and one worker take files from a shared
// counter (largest first, so that neither waits long for the other at the end) and each file's usage
// entries come back as compact columns. The caller adds them up in the files' sorted order, so the
// result (deduplication included: the first file in sorted order wins) is exactly that of reading
// the files one after the other on one thread.
//
// The worker runs this same module: `new Worker(new URL(import.meta.url))` works from the bundle
// without a build entry of its own. node:worker_threads is loaded only when a worker is started (or
// in the worker): the launch-time budget check imports this module and must stay light. When a worker cannot be started (e.g. tests that run the
// TypeScript sources), or never gets going, the main thread simply reads every file itself.
import type { MessagePort, Worker } from 'node:worker_threads';
import { readTranscriptFile, type FileReadResult } from './read-transcripts.js';
import type { UsageEntry } from './transcript-lines.js';
import { hashKey } from './usage-index.js';

/** Below this many bytes to read, a second thread costs more (~20 ms to start) than it saves. */
export const PARALLEL_MIN_BYTES = 50 * 1024 * 1024;

export interface ReadJob {
  path: string;
  /** Offset to read from. */
  from: number;
  /** Bytes expected after `from` (for balancing only). */
  bytes: number;
}

/** Entry columns: [hash or NaN, timeMs, input, output, write5m, write1h, read, session, cwd, model]. */
export const FIELDS = 10;

export interface FileEntries {
  /** Undefined when the file could not be read (vanished, unreadable): left out, as when reading alone. */
  result: FileReadResult | undefined;
  count: number;
  cols: Float64Array;
  /** Strings the session, cwd and model columns index (-1: undefined). */
  strings: string[];
  /** Read by the worker thread. */
  byWorker?: boolean;
}

/** Collects a file's entries as columns. */
class Columns {
  cols = new Float64Array(256 * FIELDS);
  count = 0;
  strings: string[] = [];
  private readonly index = new Map<string, number>();

  private str(s: string | undefined): number {
    if (s === undefined) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  add = (e: UsageEntry): void => {
    let o = this.count * FIELDS;
    if (o + FIELDS > this.cols.length) {
      const grown = new Float64Array(this.cols.length * 2);
      grown.set(this.cols);
      this.cols = grown;
    }
    const c = this.cols;
    const t = e.tokens;
    c[o++] = e.key === undefined ? Number.NaN : hashKey(e.key);
    c[o++] = e.timeMs;
    c[o++] = t.input;
    c[o++] = t.output;
    c[o++] = t.cacheWrite5m;
    c[o++] = t.cacheWrite1h;
    c[o++] = t.cacheRead;
    c[o++] = this.str(e.sessionId);
    c[o++] = this.str(e.cwd);
    c[o] = this.str(e.model);
    this.count++;
  };
}

function readOne(job: ReadJob): FileEntries {
  const columns = new Columns();
  let result: FileReadResult | undefined;
  try {
    result = readTranscriptFile(job.path, job.from, columns.add);
  } catch {
    return { result: undefined, count: 0, cols: new Float64Array(0), strings: [] };
  }
  return { result, count: columns.count, cols: columns.cols.slice(0, columns.count * FIELDS), strings: columns.strings };
}

const TAG = 'cr-usage-scan';
/** Set in the worker's environment: the module then knows it is the worker without loading worker_threads. */
const WORKER_ENV = 'CR_USAGE_SCAN_WORKER';
const threads = () => process.getBuiltinModule('node:worker_threads');
// Shared state: [next claim, worker state (0 not started, 1 running, 2 done), files done by the worker].
const NEXT = 0;
const STATE = 1;
const PROGRESS = 2;

interface WorkerInput {
  tag: typeof TAG;
  jobs: ReadJob[];
  order: number[];
  shared: SharedArrayBuffer;
  port: MessagePort;
}

/** Gives up on a worker that finished no file for this long (it died or hangs): its files are read here. */
const STALL_MS = 30_000;

let workerUrl: URL | undefined;
try {
  workerUrl = import.meta.url.endsWith('.js') ? new URL(import.meta.url) : undefined;
} catch {
  workerUrl = undefined;
}

export interface ParallelOptions {
  /** false: leave every file to the worker (tests: its results must come back whole). */
  mainReads?: boolean;
  /** Start reading only once the worker runs (tests: both threads then read some files). */
  waitForWorker?: boolean;
}

/**
 * Reads every job's file, on two threads when the module can start a worker. Returns one entry per
 * job, in job order.
 */
export function readFilesParallel(jobs: readonly ReadJob[], options: ParallelOptions = {}): FileEntries[] {
  const out: (FileEntries | undefined)[] = new Array(jobs.length);
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.bytes - jobs[a]!.bytes);
  let worker: Worker | undefined;
  let port: MessagePort | undefined;
  const shared = new Int32Array(new SharedArrayBuffer(3 * 4));
  if (workerUrl && jobs.length > 1) {
    try {
      const { MessageChannel, Worker } = threads();
      const channel = new MessageChannel();
      const input: WorkerInput = { tag: TAG, jobs: [...jobs], order, shared: shared.buffer as SharedArrayBuffer, port: channel.port2 };
      worker = new Worker(workerUrl, { workerData: input, transferList: [channel.port2], stdout: false, stderr: false, env: { ...process.env, [WORKER_ENV]: '1' } });
      worker.on('error', () => {});
      worker.unref();
      port = channel.port1;
    } catch {
      worker = undefined;
    }
  }
  if (worker && options.waitForWorker) {
    const start = Date.now();
    while (Atomics.load(shared, STATE) === 0 && Date.now() - start < STALL_MS) Atomics.wait(shared, STATE, 0, 50);
  }
  for (;;) {
    if (options.mainReads === false && worker) break;
    const k = Atomics.add(shared, NEXT, 1);
    if (k >= order.length) break;
    out[order[k]!] = readOne(jobs[order[k]!]!);
  }
  if (worker && port) {
    let progress = Atomics.load(shared, PROGRESS);
    let since = Date.now();
    for (;;) {
      const state = Atomics.load(shared, STATE);
      // Done; or never started while this thread read everything.
      if (state === 2 || (state === 0 && options.mainReads !== false)) break;
      Atomics.wait(shared, STATE, state, 200);
      const now = Atomics.load(shared, PROGRESS);
      if (now !== progress) {
        progress = now;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        break;
      }
    }
    const { receiveMessageOnPort } = threads();
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const { i, entries } = m.message as { i: number; entries: FileEntries };
      out[i] = { ...entries, byWorker: true };
    }
    port.close();
    void worker.terminate();
  }
  // Files a failed worker claimed but did not finish.
  for (let i = 0; i < jobs.length; i++) out[i] ??= readOne(jobs[i]!);
  return out as FileEntries[];
}

function runWorker(input: WorkerInput): void {
  const shared = new Int32Array(input.shared);
  Atomics.store(shared, STATE, 1);
  try {
    for (;;) {
      const k = Atomics.add(shared, NEXT, 1);
      if (k >= input.order.length) break;
      const i = input.order[k]!;
      const entries = readOne(input.jobs[i]!);
      input.port.postMessage({ i, entries }, [entries.cols.buffer as ArrayBuffer]);
      Atomics.add(shared, PROGRESS, 1);
    }
  } finally {
    Atomics.store(shared, STATE, 2);
    Atomics.notify(shared, STATE);
    input.port.close();
  }
}

if (process.env[WORKER_ENV] === '1') {
  const { isMainThread, workerData } = threads();
  if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.tag === TAG) {
    // After the whole module graph has been evaluated.
    setImmediate(() => runWorker(workerData as WorkerInput));
  }
}
