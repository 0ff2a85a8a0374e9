import { describe, expect, it } from 'vitest';
import type { ScheduleWindow } from '../../../src/config/schema.js';
import { schedule } from '../../../src/decide/rules/schedule.js';
import type { TierChoice } from '../../../src/decide/rules/rule.js';

const NOW = new Date('2026-11-26T14:00:00Z'); // a Thursday, 14:00 UTC
const at = (windows: ScheduleWindow[], print = false) => ({
  schedule: windows,
  print,
  now: NOW,
  timeZone: () => 'UTC',
});
const plan: TierChoice = { tier: 'opus', rule: 'plan-mode', model: 'opusplan' };
const fallback: TierChoice = { tier: 'sonnet', rule: 'default' };
const day: ScheduleWindow = { name: 'day', from: '09:00', to: '18:00', maxTier: 'sonnet' };

describe('schedule', () => {
  it('no windows: no trace, the pick as it was', () => {
    expect(schedule(at([]), plan)).toEqual({ pick: plan });
  });

  it('outside every window: traced, the pick as it was', () => {
    expect(schedule(at([{ from: '22:00', to: '07:00', maxTier: 'haiku' }]), plan)).toEqual({
      pick: plan,
      trace: { rule: 'schedule', fired: false, code: 'outside' },
    });
  });

  it('a maxTier lowers a pick above it, drops its model, and is a limit in force', () => {
    expect(schedule(at([day]), plan)).toEqual({
      pick: { tier: 'sonnet', rule: 'schedule', model: undefined },
      limit: { by: 'schedule', window: day, to: 'sonnet' },
      cap: { by: 'schedule', window: day, from: 'opus', to: 'sonnet', rule: 'plan-mode' },
      trace: { rule: 'schedule', fired: true, code: 'inside', window: day },
      window: day,
    });
  });

  it('a pick at or below the maxTier stays; the limit is still in force', () => {
    const v = schedule(at([day]), fallback);
    expect(v.pick).toBe(fallback);
    expect(v.cap).toBeUndefined();
    expect(v.limit).toEqual({ by: 'schedule', window: day, to: 'sonnet' });
  });

  it('a defaultTier replaces only the default tier, and the maxTier applies to it', () => {
    const w: ScheduleWindow = { from: '00:00', to: '00:00', defaultTier: 'opus', maxTier: 'sonnet' };
    const v = schedule(at([w]), fallback);
    expect(v.pick).toEqual({ tier: 'sonnet', rule: 'schedule', model: undefined });
    expect(v.trace).toMatchObject({ code: 'inside', defaultTier: 'opus' });
    expect(v.cap).toMatchObject({ from: 'opus', to: 'sonnet', rule: 'schedule' });
    expect(schedule(at([{ ...w, maxTier: undefined }]), plan).pick).toBe(plan);
  });

  it('a printOnly window applies only in print mode; the first window the clock is in wins', () => {
    const printOnly: ScheduleWindow = { ...day, printOnly: true, maxTier: 'haiku' };
    expect(schedule(at([printOnly]), plan).trace?.code).toBe('outside');
    expect(schedule(at([printOnly], true), plan).pick.tier).toBe('haiku');
    expect(schedule(at([printOnly, day]), plan).pick.tier).toBe('sonnet');
  });
});
