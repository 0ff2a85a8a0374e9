import '../launch-path.js';
import type { z } from 'zod';
import { configSchema, type ConfigFile } from './schema.js';

export interface ConfigProblem {
  /** Dotted key path, e.g. "tiers.opus.model" or "rules[2].tier". */
  path: string;
  message: string;
}

function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out || '(root)';
}

function problemsFromZod(error: z.ZodError): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: formatPath([...issue.path, key]), message: 'unknown key' });
    } else if (issue.code === 'invalid_union' && issue.path.length > 0 && issue.path[0] === 'rules') {
      problems.push({ path: formatPath(issue.path), message: 'expected "defaults", a built-in rule id (plan-mode, long-context, learned, task-type) or a rule object { id, when, tier }' });
    } else {
      problems.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
}

function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks the schema, then what the schema cannot: references between keys, patterns, time zones. */
export function validateConfig(
  data: unknown,
  /** Profiles defined by a lower layer (the global file), which this file may name too. */
  inheritedProfiles: ReadonlySet<string> = new Set(),
): { config?: ConfigFile; problems: ConfigProblem[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { problems: [{ path: '(root)', message: 'expected an object of settings' }] };
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) return { problems: problemsFromZod(parsed.error) };
  const config = parsed.data;
  const problems: ConfigProblem[] = [];
  const profileNames = new Set([...inheritedProfiles, ...Object.keys(config.profiles ?? {})]);
  const checkProfile = (name: string | undefined, path: string) => {
    if (name !== undefined && !profileNames.has(name)) problems.push({ path, message: `no profile named "${name}" in "profiles"` });
  };
  for (const [tier, settings] of Object.entries(config.tiers ?? {})) checkProfile(settings?.profile, `tiers.${tier}.profile`);
  checkProfile(config.fallbackProfile, 'fallbackProfile');
  const ruleIds = new Set<string>();
  (config.rules ?? []).forEach((rule, i) => {
    if (typeof rule === 'string') {
      if (ruleIds.has(rule)) problems.push({ path: `rules[${i}]`, message: `"${rule}" is listed twice` });
      ruleIds.add(rule);
      return;
    }
    if (ruleIds.has(rule.id)) problems.push({ path: `rules[${i}].id`, message: `"${rule.id}" is used by another rule` });
    ruleIds.add(rule.id);
    if (rule.when.pattern !== undefined && !isValidRegex(rule.when.pattern)) {
      problems.push({ path: `rules[${i}].when.pattern`, message: 'not a valid regular expression' });
    }
    checkProfile(rule.profile, `rules[${i}].profile`);
  });
  (config.schedule ?? []).forEach((window, i) => {
    if (window.timezone !== undefined && !isValidTimeZone(window.timezone)) {
      problems.push({ path: `schedule[${i}].timezone`, message: `unknown time zone "${window.timezone}"` });
    }
    if (window.maxTier === undefined && window.defaultTier === undefined && window.profile === undefined) {
      problems.push({ path: `schedule[${i}]`, message: 'a window needs at least one of maxTier, defaultTier or profile' });
    }
    checkProfile(window.profile, `schedule[${i}].profile`);
  });
  return problems.length ? { problems } : { config, problems };
}
