import { describe, expect, it } from 'vitest';
import { formatBudgetUsd } from '../../src/ui/format.js';

describe('formatBudgetUsd', () => {
  it.each([
    [0, '$0.00'],
    [0.004, '$0.004'],
    [0.01, '$0.01'],
    [0.0123, '$0.012'],
    [0.25, '$0.25'],
    [0.999, '$1.00'],
    [1, '$1.00'],
    [12.345, '$12.35'],
    [0.00004, '$0.00004'],
    [1e-9, '<$0.000001'],
  ])('%f → %s', (usd, text) => {
    expect(formatBudgetUsd(usd)).toBe(text);
  });
});
