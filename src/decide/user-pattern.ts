// Regular expressions from config files (a rule's `when.pattern`) may come from a cloned repository:
// they run on RE2 semantics (re2js, linear time in the text), so no pattern can hang a launch the way
// `^(\w+\s?)*$` hangs a backtracking engine. Patterns are written as JavaScript regular expressions;
// re2js translates what differs (\uXXXX, named groups) and refuses what RE2 cannot do in linear time
// (backreferences, lookaround).
import type { RE2JS } from 're2js';

let engine: typeof RE2JS | undefined;

/**
 * Loads the engine; needed once before the first check or match. re2js is 260 KB (~10 ms to load),
 * so only a config that has patterns loads it: the config loader does, when it finds one.
 */
export async function loadUserPatternEngine(): Promise<void> {
  engine ??= (await import('re2js')).RE2JS;
}

/** The engine, given by a module that has it at hand (validate-config.ts, loaded with zod). */
export function useUserPatternEngine(re2: typeof RE2JS): void {
  engine = re2;
}

/** Compiled patterns of this process: decide() may test one pattern on several attempts. */
const compiled = new Map<string, RE2JS>();

function compile(pattern: string): RE2JS {
  if (!engine) throw new Error('user patterns need loadUserPatternEngine() first');
  let re = compiled.get(pattern);
  if (!re) {
    re = engine.compile(engine.translateRegExp(pattern), engine.CASE_INSENSITIVE);
    compiled.set(pattern, re);
  }
  return re;
}

/** Why `pattern` cannot be used (one line), or undefined when it can. */
export function userPatternProblem(pattern: string): string | undefined {
  try {
    compile(pattern);
    return undefined;
  } catch (error) {
    if (!engine) throw error;
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
    return `not a valid regular expression: ${reason} (patterns use RE2 syntax: no backreferences or lookaround)`;
  }
}

/** Whether `text` contains a match of `pattern`, case-insensitively. Pure; throws on a pattern userPatternProblem refuses. */
export function matchesUserPattern(pattern: string, text: string): boolean {
  return compile(pattern).matcher(text).find();
}
