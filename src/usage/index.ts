// Measured usage: reading Claude Code's transcripts, prices, the incremental cache, spend.
export * from './prices.js';
export * from './transcript-lines.js';
export * from './read-transcripts.js';
export * from './usage-index.js';
export * from './usage-cache.js';
export * from './spend.js';
export * from './budget-spend.js';
