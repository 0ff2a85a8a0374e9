// Library entry: the pure decision core and readers, for scripts and benchmarks.
export { classifyTask } from './decide/classify-task.js';
export * from './types.js';
export * from './learn/index.js';
