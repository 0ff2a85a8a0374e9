// One stand-in API + one sealed environment per test, torn down afterwards.
import { afterEach, beforeEach } from 'vitest';
import { startStandIn, type StandIn, type StandInOptions } from './anthropic-stand-in.js';
import { makeClaudeEnv, runCr, type ClaudeEnv } from './claude-env.js';
import type { Options, Result } from 'execa';

export interface World {
  api: StandIn;
  env: ClaudeEnv;
  /** Runs `node bin/cr.js …` in the project dir with the sealed env. */
  cr(args: readonly string[], extraEnv?: NodeJS.ProcessEnv, timeoutMs?: number): Promise<Result<Options>>;
}

/** Registers beforeEach/afterEach hooks and returns a getter for the current world. */
export function useWorld(options: StandInOptions = {}): () => World {
  let world: World | undefined;
  const cleanups: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    const api = await startStandIn(options);
    cleanups.push(() => api.close());
    const env = await makeClaudeEnv(api.url);
    cleanups.push(() => env.cleanup());
    world = {
      api,
      env,
      cr: (args, extraEnv = {}, timeoutMs) =>
        runCr(args, { cwd: env.project, env: { ...env.env, ...extraEnv }, ...(timeoutMs ? { timeoutMs } : {}) }),
    };
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
    world = undefined;
  });
  return () => {
    if (!world) throw new Error('world used outside a test');
    return world;
  };
}

export function parseJson<T = unknown>(text: unknown): T {
  const s = String(text).trim();
  try {
    return JSON.parse(s) as T;
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}\n---\n${s.slice(0, 2000)}`, { cause: err });
  }
}

/** Tier order, cheapest first. */
export const TIER_RANK = { haiku: 0, sonnet: 1, opus: 2, unknown: -1 } as const;
