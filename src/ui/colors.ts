import { Chalk, type ChalkInstance } from 'chalk';

/** Colours by role, so every screen speaks the same language. */
export interface Palette {
  tier: (tier: string, text?: string) => string;
  heading: (text: string) => string;
  dim: (text: string) => string;
  good: (text: string) => string;
  warn: (text: string) => string;
  bad: (text: string) => string;
  accent: (text: string) => string;
  enabled: boolean;
}

export function makePalette(enabled: boolean): Palette {
  const c: ChalkInstance = new Chalk({ level: enabled ? 1 : 0 });
  const tierColor: Record<string, (s: string) => string> = {
    opus: c.magenta.bold,
    sonnet: c.blue.bold,
    haiku: c.green.bold,
  };
  return {
    tier: (tier, text = tier) => (tierColor[tier] ?? c.bold)(text),
    heading: c.bold,
    dim: c.dim,
    good: c.green,
    warn: c.yellow,
    bad: c.red,
    accent: c.cyan,
    enabled,
  };
}
