/** The built-in rules, in their default order ("defaults" in config expands to this list). */
export const BUILTIN_RULE_IDS = ['plan-mode', 'long-context', 'learned', 'task-type'] as const;
