// Reading many transcripts on two threads: the main thread and one worker take files from a shared
// counter (largest first, so that neither waits long for the other at the end) and each file's usage
// entries come back as compact columns. The caller adds them up in the files' sorted order, so the
// result (deduplication included: the first file in sorted order wins) is exactly that of reading
// the files one after the other on one thread.
//
// The worker runs this same module: `new Worker(new URL(import.meta.url))` works from the bundle
// (dist/index.js, or the chunk of the CLI that holds this module) without a build entry of its
// own. node:worker_threads is loaded only when a worker is started (or in the worker): the
// launch-time budget check imports this module and must stay light. When a worker cannot be started
// (e.g. tests that run the TypeScript sources), or never gets going, the main thread simply reads
// every file itself.
import { closeSync, openSync, read } from 'node:fs';
import type { MessagePort, Worker } from 'node:worker_threads';
import { BLOCK_BYTES, readTranscriptFile, type FileReadResult } from './read-transcripts.js';
import { TranscriptLineReader, type UsageSink } from './transcript-lines.js';

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
class Columns implements UsageSink {
  cols = new Float64Array(256 * FIELDS);
  count = 0;
  strings: string[] = [];
  private readonly index = new Map<string, number>();
  // The last string of each column and its index: the lines of a file mostly repeat them.
  private readonly lastString: (string | undefined)[] = [undefined, undefined, undefined];
  private readonly lastIndex = [-1, -1, -1];

  private str(s: string | undefined, column: number): number {
    if (s === undefined) return -1;
    if (s === this.lastString[column]) return this.lastIndex[column]!;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    this.lastString[column] = s;
    this.lastIndex[column] = i;
    return i;
  }

  message(
    hash: number,
    sessionId: string | undefined,
    cwd: string | undefined,
    model: string,
    timeMs: number,
    input: number,
    output: number,
    write5m: number,
    write1h: number,
    read: number,
  ): void {
    let o = this.count * FIELDS;
    if (o + FIELDS > this.cols.length) {
      const grown = new Float64Array(this.cols.length * 2);
      grown.set(this.cols);
      this.cols = grown;
    }
    const c = this.cols;
    c[o++] = hash;
    c[o++] = timeMs;
    c[o++] = input;
    c[o++] = output;
    c[o++] = write5m;
    c[o++] = write1h;
    c[o++] = read;
    c[o++] = this.str(sessionId, 0);
    c[o++] = this.str(cwd, 1);
    c[o] = this.str(model, 2);
    this.count++;
  }
}

function readOne(job: ReadJob): FileEntries {
  const columns = new Columns();
  let result: FileReadResult | undefined;
  try {
    result = readTranscriptFile(job.path, job.from, columns);
  } catch {
    return { result: undefined, count: 0, cols: new Float64Array(0), strings: [] };
  }
  return {
    result,
    count: columns.count,
    cols: columns.cols.slice(0, columns.count * FIELDS),
    strings: columns.strings,
  };
}

const failed = (): FileEntries => ({ result: undefined, count: 0, cols: new Float64Array(0), strings: [] });

/** Files read ahead on one thread: each has one read in flight (libuv's thread pool does the I/O). */
export const READ_AHEAD_FILES = 4;

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Nothing to do: the file was only read.
  }
}

/** A file in the read-ahead pipeline. */
interface Slot {
  i: number;
  job: ReadJob;
  fd: number;
  /** Next offset to read (reads are sequential within a file). */
  pos: number;
  /** Read, not yet parsed (in order). */
  ready: Buffer[];
  readyLen: number[];
  /** A read is in flight. */
  busy: boolean;
  /** No more reads: end of file reached, or failed. */
  done: boolean;
  failed: boolean;
  bytesRead: number;
  columns: Columns;
  reader: TranscriptLineReader;
}

/**
 * Reads the files `claim` hands out (job indexes, -1 when none are left) with the I/O overlapped with
 * the parsing: while the file at the head is parsed, the next READ_AHEAD_FILES - 1 files are already
 * being read, and the head's next block too. Files are parsed one after the other, each in order,
 * exactly as readTranscriptFile does; `onFile` gets each file's entries as soon as it is done.
 * Memory stays bounded: READ_AHEAD_FILES + 1 blocks (a file behind the head holds at most one block).
 */
export function readFilesAhead(
  jobs: readonly ReadJob[],
  claim: () => number,
  onFile: (i: number, entries: FileEntries) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const free: Buffer[] = [];
    const slots: Slot[] = [];
    let exhausted = false;
    let finished = false;

    const held = (s: Slot) => s.ready.length + (s.busy ? 1 : 0);
    const take = () => free.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);

    const issue = (s: Slot): void => {
      s.busy = true;
      const buf = take();
      read(s.fd, buf, 0, buf.length, s.pos, (error, n) => {
        s.busy = false;
        if (error) {
          free.push(buf);
          s.failed = s.done = true;
        } else if (n === 0) {
          free.push(buf);
          s.done = true;
        } else {
          s.pos += n;
          s.bytesRead += n;
          s.ready.push(buf);
          s.readyLen.push(n);
          // A short read at or past the size the listing saw is the end of the file (an earlier
          // one means it changed meanwhile: read on until a read returns nothing).
          if (n < buf.length && s.pos >= s.job.from + s.job.bytes) s.done = true;
        }
        try {
          step();
        } catch (error) {
          finished = true;
          reject(error);
        }
      });
    };

    const start = (): boolean => {
      const i = claim();
      if (i < 0) return false;
      const job = jobs[i]!;
      const columns = new Columns();
      const s: Slot = {
        i,
        job,
        fd: -1,
        pos: job.from,
        ready: [],
        readyLen: [],
        busy: false,
        done: false,
        failed: false,
        bytesRead: 0,
        columns,
        reader: new TranscriptLineReader(columns),
      };
      slots.push(s);
      // Opened here: the listing has just looked the file up, so this does not wait for the disk.
      try {
        s.fd = openSync(job.path, 'r');
      } catch {
        s.failed = s.done = true;
      }
      return true;
    };

    /** Keeps reads in flight: the head may hold two blocks (one parsed, one read), the others one. */
    const pump = (): void => {
      while (!exhausted && slots.length < READ_AHEAD_FILES) {
        if (!start()) exhausted = true;
      }
      for (let k = 0; k < slots.length; k++) {
        const s = slots[k]!;
        if (!s.busy && !s.done && held(s) < (k === 0 ? 2 : 1)) issue(s);
      }
    };

    const step = (): void => {
      if (finished) return;
      pump();
      // Parse what the head has, then hand it over when it is done; the next file becomes the head.
      for (;;) {
        const head = slots[0];
        if (!head) break;
        if (head.failed) {
          for (const b of head.ready) free.push(b);
          head.ready.length = head.readyLen.length = 0;
          if (head.busy) break; // its read is still in flight
          if (head.fd >= 0) closeQuietly(head.fd);
          slots.shift();
          onFile(head.i, failed());
          pump();
          continue;
        }
        let result: FileReadResult | undefined;
        try {
          while (head.ready.length > 0) {
            const buf = head.ready.shift()!;
            const n = head.readyLen.shift()!;
            head.reader.feed(buf, 0, n);
            free.push(buf);
            pump();
          }
          if (!head.done || head.busy) break;
          const { tailMalformed } = head.reader.finish();
          const reader = head.reader;
          result = {
            bytesRead: head.bytesRead,
            completeOffset: head.job.from + reader.completeBytes,
            malformed: reader.malformed,
            tailMalformed,
          };
        } catch {
          // As when reading alone (readOne): a file that cannot be read to its end is left out.
          head.failed = head.done = true;
          continue;
        }
        closeQuietly(head.fd);
        slots.shift();
        const columns = head.columns;
        onFile(head.i, {
          result,
          count: columns.count,
          cols: columns.cols.slice(0, columns.count * FIELDS),
          strings: columns.strings,
        });
        pump();
      }
      if (exhausted && slots.length === 0) {
        finished = true;
        resolve();
      }
    };

    try {
      step();
    } catch (error) {
      reject(error);
    }
  });
}

const TAG = 'cr-usage-scan';
/** Set in the worker's environment: the module then knows it is the worker without loading worker_threads. */
const WORKER_ENV = 'CR_USAGE_SCAN_WORKER';
const threads = () => process.getBuiltinModule('node:worker_threads');
// Shared state: [next claim, worker state (0 not started, 1 running, 2 done), files done by the worker].
const NEXT = 0;
const STATE = 1;
const PROGRESS = 2;

/** What the worker is started with: the port it gets its jobs on and sends its files back on. */
interface WorkerStart {
  tag: typeof TAG;
  port: MessagePort;
}

/** The jobs, sent when the scan starts (the worker may have been started before, see startScanWorker). */
interface WorkerJobs {
  jobs: ReadJob[];
  order: number[];
  shared: SharedArrayBuffer;
}

/** Gives up on a worker that finished no file for this long (it died or hangs): its files are read here. */
const STALL_MS = 30_000;

let workerUrl: URL | undefined;
try {
  // The bundle's own file: dist/index.js or a chunk of the CLI (dist/chunks/); not the TypeScript source.
  workerUrl = /\.js$/.test(import.meta.url) ? new URL(import.meta.url) : undefined;
} catch {
  workerUrl = undefined;
}

export interface ParallelOptions {
  /** false: leave every file to the worker (tests: its results must come back whole). */
  mainReads?: boolean;
  /** Start reading only once the worker runs (tests: both threads then read some files). */
  waitForWorker?: boolean;
}

interface Scan {
  jobs: readonly ReadJob[];
  out: (FileEntries | undefined)[];
  order: number[];
  shared: Int32Array;
  worker?: Worker;
  port?: MessagePort;
}

/** A worker started ahead of a scan, waiting for its jobs (see startScanWorker). */
export interface ScanWorker {
  worker: Worker;
  port: MessagePort;
}

/**
 * Starts the worker now, before the jobs are known: it takes ~50 ms to get going, which can overlap
 * the listing of the transcripts. Give it to readFilesParallelAsync, or to stopScanWorker.
 */
export function startScanWorker(): ScanWorker | undefined {
  if (!workerUrl) return undefined;
  try {
    const { MessageChannel, Worker } = threads();
    const channel = new MessageChannel();
    const start: WorkerStart = { tag: TAG, port: channel.port2 };
    const worker = new Worker(workerUrl, {
      workerData: start,
      transferList: [channel.port2],
      stdout: false,
      stderr: false,
      env: { ...process.env, [WORKER_ENV]: '1' },
    });
    worker.on('error', () => {});
    worker.unref();
    return { worker, port: channel.port1 };
  } catch {
    return undefined;
  }
}

export function stopScanWorker(w: ScanWorker | undefined): void {
  if (!w) return;
  w.port.close();
  void w.worker.terminate();
}

/**
 * Sets up a read of every job, largest file first; with `withWorker`, gives the jobs to the worker
 * (`early`, or one started now, when it can). An early worker not needed is stopped.
 */
function startScan(jobs: readonly ReadJob[], withWorker: boolean, early?: ScanWorker): Scan {
  const scan: Scan = {
    jobs,
    out: new Array(jobs.length),
    order: jobs.map((_, i) => i).sort((a, b) => jobs[b]!.bytes - jobs[a]!.bytes),
    shared: new Int32Array(new SharedArrayBuffer(3 * 4)),
  };
  if (withWorker && jobs.length > 1) {
    const w = early ?? startScanWorker();
    if (w) {
      try {
        const message: WorkerJobs = {
          jobs: [...jobs],
          order: scan.order,
          shared: scan.shared.buffer as SharedArrayBuffer,
        };
        w.port.postMessage(message);
        scan.worker = w.worker;
        scan.port = w.port;
      } catch {
        stopScanWorker(w);
      }
    }
  } else {
    stopScanWorker(early);
  }
  return scan;
}

/** The next job for this thread (shared with the worker), -1 when none is left. */
function claimer(scan: Scan, options: ParallelOptions): () => number {
  return () => {
    if (options.mainReads === false && scan.worker) return -1;
    const k = Atomics.add(scan.shared, NEXT, 1);
    return k < scan.order.length ? scan.order[k]! : -1;
  };
}

/** Whether to stop waiting for the worker: done, never started while this thread read everything, or stalled. */
function workerSettled(scan: Scan, options: ParallelOptions, watch: { progress: number; since: number }): boolean {
  const state = Atomics.load(scan.shared, STATE);
  if (state === 2 || (state === 0 && options.mainReads !== false)) return true;
  const now = Atomics.load(scan.shared, PROGRESS);
  if (now !== watch.progress) {
    watch.progress = now;
    watch.since = Date.now();
    return false;
  }
  return Date.now() - watch.since > STALL_MS;
}

/** Takes the worker's files, stops it, and reads here whatever it claimed but did not finish. */
function endScan(scan: Scan, onFile?: (i: number, entries: FileEntries) => void): FileEntries[] {
  const { out, jobs, worker, port } = scan;
  if (worker && port) {
    const { receiveMessageOnPort } = threads();
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) fromWorker(scan, m.message, onFile);
    port.close();
    void worker.terminate();
  }
  for (let i = 0; i < jobs.length; i++) {
    if (out[i]) continue;
    out[i] = readOne(jobs[i]!);
    onFile?.(i, out[i]!);
  }
  return out as FileEntries[];
}

function fromWorker(scan: Scan, message: unknown, onFile?: (i: number, entries: FileEntries) => void): void {
  const { i, entries } = message as { i: number; entries: FileEntries };
  scan.out[i] = { ...entries, byWorker: true };
  onFile?.(i, scan.out[i]!);
}

/**
 * Reads every job's file, on two threads when the module can start a worker. Returns one entry per
 * job, in job order.
 */
export function readFilesParallel(jobs: readonly ReadJob[], options: ParallelOptions = {}): FileEntries[] {
  const scan = startScan(jobs, true);
  const { shared } = scan;
  if (scan.worker && options.waitForWorker) {
    const start = Date.now();
    while (Atomics.load(shared, STATE) === 0 && Date.now() - start < STALL_MS) Atomics.wait(shared, STATE, 0, 50);
  }
  const claim = claimer(scan, options);
  for (let i = claim(); i >= 0; i = claim()) scan.out[i] = readOne(jobs[i]!);
  if (scan.worker) {
    const watch = { progress: Atomics.load(shared, PROGRESS), since: Date.now() };
    while (!workerSettled(scan, options, watch)) Atomics.wait(shared, STATE, Atomics.load(shared, STATE), 200);
  }
  return endScan(scan);
}

/**
 * readFilesParallel without blocking: this thread reads ahead (readFilesAhead) and so does the
 * worker (`early`, or one started now), used only with `parallel` (the read is big enough to be worth
 * it). The event loop is free while reads are in flight: the caller may do other work meanwhile.
 * `onFile` gets each file's entries as soon as this thread has them (in no particular order; those
 * of a file the worker read come as the worker sends them), so that it can use the time of the scan.
 */
export async function readFilesParallelAsync(
  jobs: readonly ReadJob[],
  parallel: boolean,
  options: ParallelOptions = {},
  early?: ScanWorker,
  onFile?: (i: number, entries: FileEntries) => void,
): Promise<FileEntries[]> {
  const scan = startScan(jobs, parallel, early);
  const { shared } = scan;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  try {
    if (scan.port && onFile) scan.port.on('message', (m) => fromWorker(scan, m, onFile));
    if (scan.worker && options.waitForWorker) {
      const start = Date.now();
      while (Atomics.load(shared, STATE) === 0 && Date.now() - start < STALL_MS) await sleep(5);
    }
    await readFilesAhead(jobs, claimer(scan, options), (i, entries) => {
      scan.out[i] = entries;
      onFile?.(i, entries);
    });
    if (scan.worker) {
      const watch = { progress: Atomics.load(shared, PROGRESS), since: Date.now() };
      while (!workerSettled(scan, options, watch)) await sleep(1);
    }
  } catch (error) {
    // The port listened to keeps the process alive: close it, and stop the worker.
    if (scan.worker && scan.port) stopScanWorker({ worker: scan.worker, port: scan.port });
    throw error;
  }
  return endScan(scan, onFile);
}

function runWorker(input: WorkerJobs, port: MessagePort): void {
  const shared = new Int32Array(input.shared);
  Atomics.store(shared, STATE, 1);
  const claim = () => {
    const k = Atomics.add(shared, NEXT, 1);
    return k < input.order.length ? input.order[k]! : -1;
  };
  const done = () => {
    Atomics.store(shared, STATE, 2);
    Atomics.notify(shared, STATE);
    port.close();
  };
  readFilesAhead(input.jobs, claim, (i, entries) => {
    port.postMessage({ i, entries }, [entries.cols.buffer as ArrayBuffer]);
    Atomics.add(shared, PROGRESS, 1);
  }).then(done, done);
}

if (process.env[WORKER_ENV] === '1') {
  const { isMainThread, workerData } = threads();
  if (!isMainThread && (workerData as Partial<WorkerStart> | null)?.tag === TAG) {
    // The jobs come when the scan starts (the whole module graph has been evaluated by then).
    const { port } = workerData as WorkerStart;
    port.once('message', (jobs: WorkerJobs) => runWorker(jobs, port));
  }
}
