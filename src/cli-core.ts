// The launch path: see launch-path.ts for why it is listed here.
export * as context from './context.js';
export * as errors from './errors.js';
export * as parseArgs from './parse-args.js';
export * as registry from './commands/registry.js';
export * as runLaunch from './launch/run-launch.js';
export * as colors from './ui/colors.js';
export * as format from './ui/format.js';
export * as types from './types.js';
export * as claudeSubcommands from './claude-subcommands.js';
