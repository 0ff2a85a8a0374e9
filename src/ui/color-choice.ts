// Whether to colour a stream, and the palette that colours nothing: what cr needs before it knows
// whether a command prints in colour at all, without loading chalk (src/ui/colors.ts).
import type { Palette } from './colors.js';

/** NO_COLOR wins, then FORCE_COLOR, then whether the stream is a terminal. */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

const asIs = (text: string): string => text;

/** A palette for output that is never coloured (cr statusline's line). */
export const PLAIN_PALETTE: Palette = {
  tier: (tier, text = tier) => text,
  heading: asIs,
  dim: asIs,
  good: asIs,
  warn: asIs,
  bad: asIs,
  accent: asIs,
  enabled: false,
};
