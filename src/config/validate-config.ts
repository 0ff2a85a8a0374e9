import type { z } from 'zod';
import { TASK_FAMILIES } from '../decide/classifier/families.js';
import { BUILTIN_RULE_IDS } from '../decide/rules/index.js';
import { TIERS } from '../types.js';
import { familyOfModel } from '../usage/prices.js';
import { configSchema, type ConfigFile } from './schema.js';
import { RE2JS } from 're2js';
import { userPatternProblem, useUserPatternEngine } from '../decide/user-pattern.js';

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

type Issue = z.ZodError['issues'][number];

function problemsFromZod(issues: readonly Issue[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: formatPath([...issue.path, key]), message: 'unknown key' });
    } else if (issue.code === 'invalid_union' && issue.path.length > 0 && issue.path[0] === 'rules') {
      // A rules entry is an id or a rule object (the union's second option): an object's own
      // problems name their key ("rules[0].tier"), not just that the entry is neither.
      const asRule = issue.errors[1];
      if (asRule && !asRule.some((i) => i.path.length === 0 && i.code === 'invalid_type')) {
        problems.push(...problemsFromZod(asRule.map((i) => ({ ...i, path: [...issue.path, ...i.path] }))));
        continue;
      }
      problems.push({
        path: formatPath(issue.path),
        message: `expected "defaults", a built-in rule id (${BUILTIN_RULE_IDS.join(', ')}) or a rule object { id, when, tier }`,
      });
    } else {
      problems.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
}

/** Conditions of a custom rule that no task can meet: the rule would be accepted and never fire. */
function neverFires(when: Record<string, unknown>, at: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of ['families', 'classifiedAs'] as const) {
    if (Array.isArray(when[key]) && when[key].length === 0)
      problems.push({ path: `${at}.${key}`, message: 'an empty list matches no task: the rule would never fire' });
  }
  listAt(when.families).forEach((family, i) => {
    if (typeof family === 'string' && family !== '' && !(TASK_FAMILIES as readonly string[]).includes(family))
      problems.push({
        path: `${at}.families[${i}]`,
        message: `no family "${family}": the classifier's families are ${TASK_FAMILIES.join(', ')}`,
      });
  });
  const { minTokens: min, maxTokens: max } = when;
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    problems.push({ path: `${at}.minTokens`, message: `${min} is above maxTokens ${max}: the rule would never fire` });
  return problems;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const objectAt = (value: unknown): Record<string, unknown> => (isPlainObject(value) ? value : {});
const stringAt = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const listAt = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * What the schema cannot check: references between keys, patterns, time zones, price entries with
 * nothing to merge with. It reads the raw data, each value only where it has the right type, so it
 * runs whether or not the schema accepted the rest: every problem of a file comes out at once.
 */
function crossChecks(data: Record<string, unknown>, inheritedProfiles: ReadonlySet<string>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const profileNames = new Set([...inheritedProfiles, ...Object.keys(objectAt(data.profiles))]);
  const checkProfile = (name: unknown, path: string) => {
    // A profile that is not a non-empty string is the schema's to report.
    if (typeof name === 'string' && name !== '' && !profileNames.has(name))
      problems.push({ path, message: `no profile named "${name}" in "profiles"` });
  };
  const tiers = objectAt(data.tiers);
  for (const tier of TIERS) checkProfile(objectAt(tiers[tier]).profile, `tiers.${tier}.profile`);
  checkProfile(data.fallbackProfile, 'fallbackProfile');
  const ruleIds = new Set<string>();
  listAt(data.rules).forEach((rule, i) => {
    if (typeof rule === 'string') {
      if (ruleIds.has(rule)) problems.push({ path: `rules[${i}]`, message: `"${rule}" is listed twice` });
      ruleIds.add(rule);
      return;
    }
    if (!isPlainObject(rule)) return;
    const id = stringAt(rule.id);
    if (id !== undefined) {
      if (ruleIds.has(id)) problems.push({ path: `rules[${i}].id`, message: `"${id}" is used by another rule` });
      ruleIds.add(id);
    }
    const when = objectAt(rule.when);
    const pattern = stringAt(when.pattern);
    const patternProblem = pattern === undefined ? undefined : userPatternProblem(pattern);
    if (patternProblem) problems.push({ path: `rules[${i}].when.pattern`, message: patternProblem });
    problems.push(...neverFires(when, `rules[${i}].when`));
    checkProfile(rule.profile, `rules[${i}].profile`);
  });
  listAt(data.schedule).forEach((window, i) => {
    if (!isPlainObject(window)) return;
    const timezone = stringAt(window.timezone);
    if (timezone !== undefined && timezone !== '' && !isValidTimeZone(timezone)) {
      problems.push({ path: `schedule[${i}].timezone`, message: `unknown time zone "${timezone}"` });
    }
    if (window.maxTier === undefined && window.defaultTier === undefined && window.profile === undefined) {
      problems.push({
        path: `schedule[${i}]`,
        message: 'a window needs at least one of maxTier, defaultTier or profile',
      });
    }
    checkProfile(window.profile, `schedule[${i}].profile`);
  });
  // A price entry merges with the default of its family (a tier name, or a model id naming one);
  // an entry for any other model has nothing to merge with, so it must give both prices.
  for (const [key, entry] of Object.entries(objectAt(data.prices))) {
    if (!isPlainObject(entry) || familyOfModel(key)) continue;
    for (const part of ['input', 'output'] as const) {
      if (entry[part] === undefined)
        problems.push({
          path: `prices.${key}.${part}`,
          message: `required: "${key}" is not a model of a known family (opus, sonnet, haiku), so there is no default price to take it from`,
        });
    }
  }
  return problems;
}

/** Checks the schema and what the schema cannot (crossChecks), and reports every problem at once. */
export function validateConfig(
  data: unknown,
  /** Profiles defined by a lower layer (the global file), which this file may name too. */
  inheritedProfiles: ReadonlySet<string> = new Set(),
): { config?: ConfigFile; problems: ConfigProblem[] } {
  // Patterns are checked by the engine that will run them.
  useUserPatternEngine(RE2JS);
  if (!isPlainObject(data)) {
    return { problems: [{ path: '(root)', message: 'expected an object of settings' }] };
  }
  const parsed = configSchema.safeParse(data);
  const problems = parsed.success ? [] : problemsFromZod(parsed.error.issues);
  // One problem a key path: the schema's report wins over a cross-check of the same value.
  const reported = new Set(problems.map((p) => p.path));
  for (const problem of crossChecks(data, inheritedProfiles)) if (!reported.has(problem.path)) problems.push(problem);
  return problems.length || !parsed.success ? { problems } : { config: parsed.data, problems };
}
