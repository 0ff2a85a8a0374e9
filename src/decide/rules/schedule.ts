// Time-of-day windows (config `schedule`): inside the first window the clock is in, a session with
// no task gets the window's defaultTier, nothing goes above its maxTier, and its profile applies.
import type { ScheduleWindow } from '../../config/schema.js';
import { minTier, type Tier } from '../../types.js';
import { inWindow } from '../schedule.js';
import type { CeilingVerdict, RuleFacts, TierChoice } from './rule.js';

export interface ScheduleTrace {
  rule: 'schedule';
  fired: boolean;
  code: 'inside' | 'outside';
  window?: ScheduleWindow;
  /** The window's defaultTier, when it replaced the default tier of a request no rule decided. */
  defaultTier?: Tier;
}

type ScheduleFacts = Pick<RuleFacts, 'schedule' | 'print' | 'now' | 'timeZone' | 'clock'>;

/** The first window the clock is in (print-only windows only in print mode). */
function currentWindow(facts: ScheduleFacts): ScheduleWindow | undefined {
  return facts.schedule.find(
    (window) =>
      (!window.printOnly || facts.print) &&
      inWindow(window, facts.now, window.timezone ?? facts.timeZone(), facts.clock),
  );
}

export function schedule(
  facts: ScheduleFacts,
  pick: TierChoice,
): CeilingVerdict<ScheduleTrace> & { window?: ScheduleWindow } {
  if (facts.schedule.length === 0) return { pick };
  const window = currentWindow(facts);
  if (!window) return { pick, trace: { rule: 'schedule', fired: false, code: 'outside' } };
  const trace: ScheduleTrace = { rule: 'schedule', fired: true, code: 'inside', window };
  let chosen = pick;
  if (window.defaultTier && pick.rule === 'default') {
    chosen = { ...pick, tier: window.defaultTier, rule: 'schedule' };
    trace.defaultTier = window.defaultTier;
  }
  if (!window.maxTier) return { pick: chosen, trace, window };
  const limit = { by: 'schedule' as const, window, to: window.maxTier };
  if (minTier(chosen.tier, window.maxTier) === chosen.tier) return { pick: chosen, limit, trace, window };
  return {
    pick: { ...chosen, tier: window.maxTier, rule: 'schedule', model: undefined },
    limit,
    cap: { by: 'schedule', window, from: chosen.tier, to: window.maxTier, rule: chosen.rule },
    trace,
    window,
  };
}
