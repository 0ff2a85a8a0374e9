import type { Command } from 'commander';
import type { AppContext } from '../context.js';

/** A subcommand: recognised only as the first argument, as a bare word. */
export interface SubcommandModule {
  name: string;
  aliases?: string[];
  /** Adds the subcommand (options, help, action) to the program. */
  register(program: Command, ctx: AppContext, setExit: (code: number) => void): void;
}

/**
 * Subcommand names, known without loading any of them, so that `cr "task"` never pays for them.
 * Each loader imports the module only when that subcommand runs (or for help and completion).
 */
export const SUBCOMMANDS: Record<string, () => Promise<SubcommandModule>> = {
  explain: async () => (await import('./explain.js')).default,
};

export const SUBCOMMAND_ALIASES: Record<string, string> = {};

export function subcommandName(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  if (SUBCOMMANDS[word]) return word;
  return SUBCOMMAND_ALIASES[word];
}
