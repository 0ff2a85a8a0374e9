// Learning from the user's overrides: the edge (history → cached examples → model) and the pure
// learner decide() calls. Loaded lazily by the launcher only when config.learn is on.
import type { LearnedVerdict } from '../decide/decide.js';
import type { Classification } from '../types.js';
import { updateLearnedExamples, type CacheStats } from './cache.js';
import { readForgetRanges } from './forget.js';
import { makeLearner, prepareModel, type LearnedModel } from './learner.js';

export * from './terms.js';
export * from './examples.js';
export * from './learner.js';
export * from './cache.js';
export * from './forget.js';

export interface LearnPaths {
  historyFile: string;
  cacheDir: string;
  stateDir: string;
}

export interface LoadedLearner {
  learn: (task: string, classification: Classification) => LearnedVerdict | undefined;
  model: LearnedModel;
  stats: CacheStats;
}

/**
 * Loads the model from history (through the cache) and binds it to the clock and the forget
 * markers. Undefined when there is no history. Never throws: learning is an extra, and a
 * problem with it must never keep claude from starting.
 */
export function loadLearner(paths: LearnPaths, now: Date): LoadedLearner | undefined {
  try {
    const loaded = updateLearnedExamples({ historyFile: paths.historyFile, cacheDir: paths.cacheDir });
    if (!loaded || loaded.set.examples.length === 0) return undefined;
    const model = prepareModel(loaded.set.examples);
    const forget = readForgetRanges(paths.stateDir);
    return { learn: makeLearner(model, { now: now.getTime(), forget }), model, stats: loaded.stats };
  } catch {
    return undefined;
  }
}
