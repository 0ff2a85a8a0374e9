// For the benchmark scripts, since the machine may be shared: wait for idle CPUs before a timed run,
// and run the commands of each round in a new random order.
import { existsSync, readFileSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Sleeps `ms` milliseconds without returning to the event loop. */
export function sleepSync(ms) {
  Atomics.wait(pause, 0, 0, ms);
}

function cpuTimes() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}

/**
 * A waiter that, called before a timed run, waits (up to `waitMs`) for the CPUs to be 90% idle
 * for 0.3 s; `quiet` counts the runs and those that started without idle CPUs.
 */
export function quietWaiter(waitMs) {
  const quiet = { runs: 0, notQuiet: 0 };
  function waitQuiet() {
    if (!(waitMs > 0) || !existsSync('/proc/stat')) return;
    quiet.runs++;
    const t = Date.now();
    while (Date.now() - t < waitMs) {
      const a = cpuTimes();
      sleepSync(300);
      const b = cpuTimes();
      if (b.total > a.total && (b.idle - a.idle) / (b.total - a.total) >= 0.9) return;
    }
    quiet.notQuiet++;
  }
  return { quiet, waitQuiet };
}

/**
 * Shuffles `names` in place (Fisher-Yates) and returns it: a round in a new random order, so that
 * anything periodic on the machine (runs landing on a slower CPU every other time) does not fall on
 * the same commands every round.
 */
export function shuffle(names) {
  for (let j = names.length - 1; j > 0; j--) {
    const k = Math.floor(Math.random() * (j + 1));
    [names[j], names[k]] = [names[k], names[j]];
  }
  return names;
}
