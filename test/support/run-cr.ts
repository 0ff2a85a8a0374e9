// Runs the built cr CLI (bin/cr.js) as a child process, never throwing on a non-zero exit.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { assertDistIsCurrent } from './built-dist.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CR_BIN = path.join(REPO_ROOT, 'bin', 'cr.js');

assertDistIsCurrent();

export interface CrRun {
  exitCode: number | undefined;
  signal: string | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export async function runCr(
  args: readonly string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; input?: Buffer; timeoutMs?: number },
): Promise<CrRun> {
  const r = await execa(process.execPath, [CR_BIN, ...args], {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    ...(opts.input ? { input: opts.input } : { stdin: 'ignore' as const }),
    timeout: opts.timeoutMs ?? 20_000,
    killSignal: 'SIGKILL',
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    exitCode: r.exitCode,
    signal: r.signal ?? undefined,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    timedOut: Boolean(r.timedOut),
  };
}
