// Model ids a config holds that are probably not what the user meant: a typo of a Claude model, or
// a model of no known family (its tokens go unpriced). Warnings only: claude accepts any id.
import { TIERS } from '../types.js';
import { likelyTypoOf } from '../typo.js';
import { familyOfModel } from '../usage/prices.js';
import type { ConfigFile } from './schema.js';
import type { ConfigProblem } from './validate-config.js';

/** Claude Code's aliases besides the tier names (claude 2.1.332); `[1m]` is taken off an id first. */
const CLAUDE_CODE_ALIASES = ['default', 'best', 'fable', 'opusplan'];
const LONG_CONTEXT_SUFFIX = '[1m]';
const CLAUDE_WORDS = ['claude', ...TIERS];

/** The settings that hold model ids; a resolved config fits as well as a file. */
export type ModelSettings = Pick<
  ConfigFile,
  'tiers' | 'planModel' | 'fallbackModel' | 'subagents' | 'rules' | 'profiles' | 'prices'
>;

/** Every model id with its key path. */
function modelIds(config: ModelSettings): { path: string; id: string }[] {
  const ids: { path: string; id: string }[] = [];
  const add = (path: string, id: string | false | undefined) => {
    if (typeof id === 'string' && id !== '') ids.push({ path, id });
  };
  for (const tier of TIERS) add(`tiers.${tier}.model`, config.tiers?.[tier]?.model);
  add('planModel', config.planModel);
  // claude takes a list of fallback models separated by commas.
  if (typeof config.fallbackModel === 'string')
    for (const id of config.fallbackModel.split(',')) add('fallbackModel', id.trim());
  const subagents = config.subagents?.model;
  if (subagents !== 'same' && subagents !== 'one-below' && !TIERS.some((t) => t === subagents))
    add('subagents.model', subagents);
  config.rules?.forEach((rule, i) => {
    if (typeof rule !== 'string') add(`rules[${i}].model`, rule.model);
  });
  for (const [name, profile] of Object.entries(config.profiles ?? {}))
    for (const tier of TIERS) add(`profiles.${name}.models.${tier}`, profile.models?.[tier]);
  return ids;
}

/** What is wrong with one id, or undefined. */
function modelIdWarning(id: string, prices: Readonly<Record<string, unknown>>): string | undefined {
  // A price entry for the exact id says the user knows this model.
  if (prices[id] !== undefined) return undefined;
  const lower = id.toLowerCase();
  const base = lower.endsWith(LONG_CONTEXT_SUFFIX) ? lower.slice(0, -LONG_CONTEXT_SUFFIX.length) : lower;
  const aliases = [...CLAUDE_CODE_ALIASES, ...TIERS];
  if (aliases.includes(base)) return undefined;
  const alias = likelyTypoOf(base, aliases);
  if (alias) return `looks like a typo of "${alias}"`;
  const parts = base.split(/[^a-z]+/).filter(Boolean);
  let typo = false;
  const meant = parts.map((part) => {
    if (CLAUDE_WORDS.includes(part)) return part;
    const word = likelyTypoOf(part, CLAUDE_WORDS);
    if (word) typo = true;
    return word ?? part;
  });
  if (typo) {
    const family = TIERS.find((t) => meant.includes(t));
    return `looks like a typo of a claude${family ? `-${family}` : ''} id`;
  }
  if (!familyOfModel(id))
    return 'is of no known family: cr stats shows its tokens unpriced (add a prices entry to price it)';
  return undefined;
}

/**
 * One warning per model id that looks like a typo of a Claude model or names no known family
 * (opus, sonnet, haiku). Claude Code's aliases pass, with or without `[1m]`. Pure.
 */
export function modelIdWarnings(config: ModelSettings): ConfigProblem[] {
  const prices = config.prices ?? {};
  return modelIds(config).flatMap(({ path, id }) => {
    const warning = modelIdWarning(id, prices);
    return warning ? [{ path, message: `"${id}" ${warning}` }] : [];
  });
}

/** "tiers.opus.model "glm-4.6" is of no known family: …": one line a warning. */
export function formatModelIdWarning(warning: ConfigProblem): string {
  return `${warning.path} ${warning.message}`;
}
