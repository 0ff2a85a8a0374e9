import { describe, expect, it } from 'vitest';
import { cutWithEllipsis } from '../../src/ui/format.js';
import { taskForHistory } from '../../src/launch/launch-history.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';

/** No lone surrogate: in a /u pattern a whole pair is one code point, so only a half is in Cs. */
const wellFormed = (text: string) => !/\p{Cs}/u.test(text);

describe('cutWithEllipsis', () => {
  it('leaves text that fits alone and ends a cut one with "…" within the limit', () => {
    expect(cutWithEllipsis('refactor auth', 13)).toBe('refactor auth');
    expect(cutWithEllipsis('refactor auth', 9)).toBe('refactor…');
    expect(cutWithEllipsis('refactor auth', 9)).toHaveLength(9);
  });

  it('never keeps half of an emoji: the cut moves before the pair', () => {
    const text = 'ship it 🚀 now'; // the rocket is two UTF-16 units, at 8 and 9
    const cut = cutWithEllipsis(text, 10);
    expect(cut).toBe('ship it …');
    for (let max = 2; max <= text.length; max++) expect(wellFormed(cutWithEllipsis(text, max))).toBe(true);
  });

  it('a truncated task in the history is well-formed text too', () => {
    const history = { ...DEFAULT_CONFIG.history, tasks: 'truncate' as const, truncateAt: 10 };
    const stored = taskForHistory('ship it 🚀 now, and the rest of the task', history)!;
    expect(wellFormed(stored)).toBe(true);
    expect(stored.length).toBeLessThanOrEqual(10);
  });
});

describe('formatInt', () => {
  it('groups thousands, and leaves numbers JavaScript writes with an exponent as they are', async () => {
    const { formatInt } = await import('../../src/ui/format.js');
    expect(formatInt(40000)).toBe('40,000');
    expect(formatInt(-1234567.4)).toBe('-1,234,567');
    expect(formatInt(1e300)).toBe('1e+300');
    expect(formatInt(-1e21)).toBe('-1e+21');
    expect(formatInt(Infinity)).toBe('Infinity');
  });
});
