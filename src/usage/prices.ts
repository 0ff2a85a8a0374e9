import type { Price } from '../config/schema.js';
import type { Tier } from '../types.js';

export type { Price };
export type Prices = Record<string, Price>;

/** Token counts of one or more assistant messages, as Claude Code's transcripts report them. */
export interface TokenCounts {
  input: number;
  output: number;
  /** Cache writes that live 5 minutes (Claude Code's default). */
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

/** Cache prices as multiples of the input price, when a price entry does not give them. */
export const DEFAULT_CACHE_MULTIPLIERS = { cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 } as const;

/** The routing guide's prices, USD per million tokens. */
export const DEFAULT_PRICES: Record<Tier, Price> = {
  opus: { input: 5, output: 25, ...DEFAULT_CACHE_MULTIPLIERS },
  sonnet: { input: 3, output: 15, ...DEFAULT_CACHE_MULTIPLIERS },
  haiku: { input: 1, output: 5, ...DEFAULT_CACHE_MULTIPLIERS },
};

export function emptyCounts(): TokenCounts {
  return { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };
}

/** Every token counted once, cache reads included: the figure subscription limits are closest to. */
export function totalTokens(c: TokenCounts): number {
  return c.input + c.output + c.cacheWrite5m + c.cacheWrite1h + c.cacheRead;
}

export function addCounts(into: TokenCounts, c: TokenCounts): TokenCounts {
  into.input += c.input;
  into.output += c.output;
  into.cacheWrite5m += c.cacheWrite5m;
  into.cacheWrite1h += c.cacheWrite1h;
  into.cacheRead += c.cacheRead;
  return into;
}

/** The family of a model id ("claude-opus-4-7" -> opus), or undefined for ids of no known family. */
export function familyOfModel(id: string): Tier | undefined {
  const lower = id.toLowerCase();
  if (lower.includes('opus')) return 'opus';
  if (lower.includes('sonnet')) return 'sonnet';
  if (lower.includes('haiku')) return 'haiku';
  return undefined;
}

/**
 * The price of a model id: an entry for the exact id first, then its family's entry in `prices`,
 * then the default for the family. Undefined for a model of no known family without its own entry.
 */
export function priceForModel(id: string, prices: Prices = {}): Price | undefined {
  const own = prices[id];
  if (own) return own;
  const family = familyOfModel(id);
  if (!family) return undefined;
  return prices[family] ?? DEFAULT_PRICES[family];
}

/** USD for these tokens at this price. */
export function costOfUsage(usage: TokenCounts, price: Price): number {
  const cacheRead = price.cacheRead ?? DEFAULT_CACHE_MULTIPLIERS.cacheRead;
  const write5m = price.cacheWrite5m ?? DEFAULT_CACHE_MULTIPLIERS.cacheWrite5m;
  const write1h = price.cacheWrite1h ?? DEFAULT_CACHE_MULTIPLIERS.cacheWrite1h;
  const inputLike =
    usage.input + usage.cacheRead * cacheRead + usage.cacheWrite5m * write5m + usage.cacheWrite1h * write1h;
  return (inputLike * price.input + usage.output * price.output) / 1_000_000;
}
