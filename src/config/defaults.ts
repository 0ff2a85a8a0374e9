import type { EffortLevel, Tier } from '../types.js';
import type { BudgetConfig, ConfigFile, Price, ProfileConfig, RuleEntry, ScheduleWindow } from './schema.js';

/** The configuration after defaults and every layer are merged. */
export interface ResolvedConfig {
  defaultTier: Tier;
  tiers: Record<Tier, { model: string; profile?: string; effort?: EffortLevel }>;
  rules: RuleEntry[];
  examples: { task: string; expect: Tier }[];
  claudePath?: string;
  longContext: { enabled: boolean; threshold: number };
  schedule: ScheduleWindow[];
  retry: { enabled: boolean; max: number };
  fallbackModel: string | false;
  planModel: string;
  prices: Record<string, Price>;
  budget?: BudgetConfig;
  history: { enabled: boolean; tasks: 'full' | 'truncate' | 'none'; truncateAt: number };
  ask: 'never' | 'low-confidence' | 'always';
  askBelow: number;
  learn: boolean;
  profiles: Record<string, ProfileConfig>;
  fallbackProfile?: string;
  /** `model`: "same", "one-below", a tier or a model id (see src/decide/session-settings.ts). */
  subagents: { model: string };
}

/** The routing guide's defaults: Sonnet by default, the Claude Code aliases, the guide's prices. */
export const DEFAULT_CONFIG: ResolvedConfig = {
  defaultTier: 'sonnet',
  tiers: {
    opus: { model: 'opus' },
    sonnet: { model: 'sonnet' },
    haiku: { model: 'haiku' },
  },
  rules: ['defaults'],
  examples: [],
  longContext: { enabled: true, threshold: 40_000 },
  schedule: [],
  retry: { enabled: true, max: 1 },
  fallbackModel: false,
  planModel: 'opus',
  prices: {
    opus: { input: 5, output: 25, cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 },
    sonnet: { input: 3, output: 15, cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 },
    haiku: { input: 1, output: 5, cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 },
  },
  history: { enabled: true, tasks: 'full', truncateAt: 80 },
  ask: 'never',
  askBelow: 0.6,
  learn: true,
  profiles: {},
  subagents: { model: 'same' },
};

/** Keys whose values are replaced whole by a later layer instead of merged key by key. */
export const REPLACED_WHOLE = new Set(['rules', 'schedule', 'examples']);

export type ConfigLayerData = ConfigFile;
