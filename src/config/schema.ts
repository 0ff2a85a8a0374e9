import { z } from 'zod';
import { BUILTIN_RULE_IDS } from '../decide/rules/index.js';
import { EFFORT_LEVELS, TIERS } from '../types.js';

/**
 * The configuration file format. Every key is optional; defaults live in defaults.ts.
 * Objects are strict so that a typo is reported instead of silently ignored.
 */
const tier = z.enum(TIERS);

const effort = z.enum(EFFORT_LEVELS);

const tierSettings = z.strictObject({
  /** String passed to `claude --model`: an alias (`opus`) or a full id (`claude-opus-4-7`). */
  model: z.string().min(1).optional(),
  /** Name of a profile (provider environment) to start claude with for this tier. */
  profile: z.string().min(1).optional(),
  /** Passed as `claude --effort` for sessions on this tier, when claude accepts it. */
  effort: effort.optional(),
});

const ruleCondition = z.strictObject({
  /** Regular expression (case-insensitive) tested against the task. */
  pattern: z.string().min(1).optional(),
  /** Classifier families, e.g. ["review", "format-conversion"]. */
  families: z.array(z.string().min(1)).optional(),
  /** The tier the classifier chose. */
  classifiedAs: z.array(tier).optional(),
  print: z.boolean().optional(),
  planMode: z.boolean().optional(),
  minTokens: z.number().int().nonnegative().optional(),
  maxTokens: z.number().int().nonnegative().optional(),
});

const customRule = z.strictObject({
  id: z.string().min(1),
  description: z.string().optional(),
  when: ruleCondition,
  tier,
  model: z.string().min(1).optional(),
  profile: z.string().min(1).optional(),
  /** Passed as `claude --effort` when this rule decides (instead of the tier's effort). */
  effort: effort.optional(),
});

/** "defaults" expands to the built-in rules in their default order. */
const ruleEntry = z.union([z.enum([...BUILTIN_RULE_IDS, 'defaults']), customRule]);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

const scheduleWindow = z.strictObject({
  name: z.string().optional(),
  days: z.array(weekday).optional(),
  from: hhmm,
  to: hhmm,
  /** IANA time zone, e.g. "Europe/Berlin"; the machine's local time when absent. */
  timezone: z.string().min(1).optional(),
  /** Never route above this tier inside the window. */
  maxTier: tier.optional(),
  /** Tier for sessions with no task (and for tasks when the classifier is unsure). */
  defaultTier: tier.optional(),
  /** Apply only to print-mode (-p) runs. */
  printOnly: z.boolean().optional(),
  profile: z.string().min(1).optional(),
});

/**
 * A price entry in a file. Like every object it merges key by key with what is below it, so it
 * may give only some keys: the rest comes from the default for its family (see validate-config.ts
 * for entries that have no family to take it from, and mergeLayers for the merge).
 */
const price = z.strictObject({
  /** USD per million input tokens. */
  input: z.number().nonnegative().optional(),
  /** USD per million output tokens. */
  output: z.number().nonnegative().optional(),
  /** Multiples of the input price. */
  cacheRead: z.number().nonnegative().optional(),
  cacheWrite5m: z.number().nonnegative().optional(),
  cacheWrite1h: z.number().nonnegative().optional(),
});

const onExceed = z.union([z.enum(['downgrade', 'ask', 'block']), z.templateLiteral(['cap:', tier])]);

const budget = z.strictObject({
  daily: z.number().positive().optional(),
  weekly: z.number().positive().optional(),
  monthly: z.number().positive().optional(),
  /** "usd" (API users) or "tokens" (subscription users): the unit of the limits above. */
  unit: z.enum(['usd', 'tokens']).optional(),
  /** Warn once spend reaches this fraction of a limit. */
  warnAt: z.number().gt(0).max(1).optional(),
  onExceed: onExceed.optional(),
});

const profile = z.strictObject({
  baseUrl: z.url().optional(),
  /** Name of the environment variable that holds the key; never the key itself. */
  keyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
    .optional(),
  /** How the key is sent: as ANTHROPIC_AUTH_TOKEN (bearer, default) or ANTHROPIC_API_KEY. */
  keyAs: z.enum(['authToken', 'apiKey']).optional(),
  /** Model ids the tiers resolve to through this provider. */
  models: z
    .strictObject({ opus: z.string().optional(), sonnet: z.string().optional(), haiku: z.string().optional() })
    .optional(),
  env: z.record(z.string(), z.string()).optional(),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  defaultTier: tier.optional(),
  tiers: z
    .strictObject({ opus: tierSettings.optional(), sonnet: tierSettings.optional(), haiku: tierSettings.optional() })
    .optional(),
  rules: z.array(ruleEntry).optional(),
  examples: z.array(z.strictObject({ task: z.string().min(1), expect: tier })).optional(),
  claudePath: z.string().min(1).optional(),
  longContext: z
    .strictObject({ enabled: z.boolean().optional(), threshold: z.number().int().positive().optional() })
    .optional(),
  schedule: z.array(scheduleWindow).optional(),
  retry: z.strictObject({ enabled: z.boolean().optional(), max: z.number().int().min(0).max(3).optional() }).optional(),
  /** Passed as claude --fallback-model (overload only) unless the user passes one. */
  fallbackModel: z.union([z.string().min(1), z.literal(false)]).optional(),
  /** Model for --permission-mode plan: "opus" or "opusplan" (Opus plans, Sonnet executes). */
  planModel: z.string().min(1).optional(),
  prices: z.record(z.string(), price).optional(),
  budget: budget.optional(),
  history: z
    .strictObject({
      enabled: z.boolean().optional(),
      /** How tasks are stored: as written, cut to `truncateAt` characters, or not at all. */
      tasks: z.enum(['full', 'truncate', 'none']).optional(),
      truncateAt: z.number().int().positive().optional(),
    })
    .optional(),
  ask: z.enum(['never', 'low-confidence', 'always']).optional(),
  /** With ask "low-confidence": ask below this confidence. */
  askBelow: z.number().min(0).max(1).optional(),
  learn: z.boolean().optional(),
  profiles: z
    .record(z.string().regex(/^[\w.-]+$/, 'expected a profile name of letters, digits, "_", "." or "-"'), profile)
    .optional(),
  fallbackProfile: z.string().min(1).optional(),
  subagents: z
    .strictObject({
      /**
       * The model of subagents whose definition names none (CLAUDE_CODE_SUBAGENT_MODEL): "same"
       * (sets nothing), "one-below" (a tier under the session's), a tier, or a full model id.
       */
      model: z
        .string()
        .regex(
          /^[\w.:@/[\]-]+$/,
          'expected "same", "one-below", a tier (opus, sonnet, haiku) or a model id (claude-haiku-4-5)',
        )
        .optional(),
    })
    .optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;
export type CustomRule = z.infer<typeof customRule>;
export type RuleEntry = z.infer<typeof ruleEntry>;
export type ScheduleWindow = z.infer<typeof scheduleWindow>;
/** A price entry in a file: any of its keys. */
export type PriceSetting = z.infer<typeof price>;
/** A price after the merge: input and output are always there. */
export type Price = PriceSetting & { input: number; output: number };
export type BudgetConfig = z.infer<typeof budget>;
export type ProfileConfig = z.infer<typeof profile>;
