import type { Command } from 'commander';
import type { AppContext } from '../context.js';

/** A subcommand: recognised only as the first argument, as a bare word. */
export interface SubcommandModule {
  name: string;
  aliases?: string[];
  /**
   * Adds the subcommand (options, help, action) to the program. `rawArgs` are the words after the
   * subcommand's name, for commands that read claude flags the way the main command does.
   */
  register(program: Command, ctx: AppContext, setExit: (code: number) => void, rawArgs: readonly string[]): void;
}

/**
 * Subcommand names, known without loading any of them, so that `cr "task"` never pays for them.
 * Each loader imports the module only when that subcommand runs (or for help and completion).
 */
export const SUBCOMMANDS: Record<string, () => Promise<SubcommandModule>> = {
  explain: async () => (await import('./explain.js')).default,
  stats: async () => (await import('./stats.js')).default,
  history: async () => (await import('./history.js')).default,
  escalate: async () => (await import('./escalate.js')).default,
  check: async () => (await import('./check.js')).default,
  learn: async () => (await import('./learn.js')).default,
  init: async () => (await import('./init.js')).default,
  doctor: async () => (await import('./doctor.js')).default,
  config: async () => (await import('./config.js')).default,
  'shell-init': async () => (await import('./shell-init.js')).default,
  trust: async () => (await import('./trust.js')).default,
  agents: async () => (await import('./agents.js')).default,
  statusline: async () => (await import('./statusline.js')).default,
};

export const SUBCOMMAND_ALIASES: Record<string, string> = { up: 'escalate' };

export function subcommandName(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  if (SUBCOMMANDS[word]) return word;
  return SUBCOMMAND_ALIASES[word];
}
