import type { ClaudeFlags } from './claude-flags.js';

export interface ClaudeCommand {
  command: string;
  args: string[];
}

export interface BuildArgvInput {
  claudePath: string;
  model: string | null;
  /** A new session id to pass, or undefined when resuming or the user gave one. */
  sessionId?: string;
  fallbackModel?: string | false;
  /** A configured `--effort` level to pass (undefined: none, or the user passed their own). */
  effort?: string;
  claudeArgs: readonly string[];
  flags: ClaudeFlags;
  task: string;
}

/** `--model` first, then cr's own additions, then the user's flags in order, then the task as the prompt (after `--` when needed). */
export function buildClaudeArgv(input: BuildArgvInput): ClaudeCommand {
  const args: string[] = [];
  if (input.model !== null) args.push('--model', input.model);
  if (input.sessionId) args.push('--session-id', input.sessionId);
  if (input.fallbackModel && !input.flags.fallbackModel && input.fallbackModel !== input.model) {
    args.push('--fallback-model', input.fallbackModel);
  }
  if (input.effort && !input.flags.effort) args.push('--effort', input.effort);
  args.push(...input.claudeArgs);
  if (input.task) {
    // A list-taking flag (--add-dir a b) would swallow the prompt, and claude would read a prompt
    // that begins with "-" as options; `--` ends the options, so the prompt stays the prompt.
    if (input.flags.variadic || input.task.startsWith('-')) args.push('--');
    args.push(input.task);
  }
  return { command: input.claudePath, args };
}

/** Whether cr should name a new session: never with --resume/--continue or a user-given --session-id. */
export function needsNewSessionId(flags: ClaudeFlags): boolean {
  return !flags.resume && !flags.sessionId;
}
