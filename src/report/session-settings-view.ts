// The effort and subagent lines of --explain (src/decide/session-settings.ts makes the plans).
import type { SessionSettings } from '../decide/session-settings.js';

/**
 * One line each for the effort and the subagents' model, when there is something to say: an effort
 * configured for this session, a subagents policy other than "same", or the user's own variable.
 */
export function sessionSettingLines(settings: Partial<SessionSettings>): { label: string; text: string }[] {
  const lines: { label: string; text: string }[] = [];
  const effort = settings.effort;
  if (effort)
    lines.push({
      label: 'effort',
      text: effort.passed
        ? `${effort.level} (${effort.source}) → --effort ${effort.level}`
        : `${effort.level} (${effort.source}), not passed: ${effort.reason ?? 'claude does not take it'}`,
    });
  const subagents = settings.subagents;
  if (subagents && (subagents.policy !== 'same' || subagents.userModel !== undefined))
    lines.push({ label: 'subagents', text: subagents.note });
  return lines;
}
