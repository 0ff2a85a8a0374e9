// Library entry: the pure decision core and readers, for scripts and benchmarks.
export { classifyTask } from './decide/classify-task.js';
export { recommendAgentTier } from './agents/recommend.js';
export * from './types.js';
export * from './learn/index.js';
export * from './usage/index.js';
export { computeStats, renderStats } from './report/stats.js';
export { appendHistoryRecord, readHistory, parseHistory } from './history/history-store.js';
