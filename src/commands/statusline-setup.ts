// `cr init`'s offer to turn on the status line in Claude Code's settings (src/statusline/claude-settings.ts).
import type { AppContext } from '../context.js';
import { CrError, EXIT } from '../errors.js';
import {
  claudeSettingsFile,
  describePlan,
  planStatusLine,
  statusLineCommand,
  writeSettings,
} from '../statusline/claude-settings.js';
import { confirm } from '../ui/prompt.js';

const tildify = (file: string, home: string) => (file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file);

/**
 * `wanted` true (--statusline): write the setting, showing the change; false (--no-statusline): leave
 * it; undefined: ask at a terminal (`ask`), after showing the change, else only say how to turn it on.
 */
export async function offerStatusLine(ctx: AppContext, wanted: boolean | undefined, ask: boolean): Promise<void> {
  const p = ctx.color;
  if (wanted === false) return;
  if (wanted === undefined && !ask) {
    ctx.out(
      `${p.dim("Claude Code's status bar can show cr's pick, the session's spend and the budget left: cr init --statusline (see cr statusline --help)")}\n`,
    );
    return;
  }
  const file = claudeSettingsFile(ctx.env, ctx.home);
  const shown = tildify(file, ctx.home);
  const plan = planStatusLine(file, statusLineCommand(ctx.env, ctx.selfPath, process.execPath));
  if (plan.kind === 'same') {
    ctx.out(`${shown} already shows cr's status line\n`);
    return;
  }
  if (plan.kind === 'invalid') {
    const message = `not changing ${shown}: ${plan.reason}; fix it, or add "statusLine": {"type": "command", "command": "cr statusline"} by hand`;
    if (wanted) throw new CrError(message, EXIT.failure);
    ctx.out(`${p.warn('note:')} ${message}\n`);
    return;
  }
  ctx.out(describePlan(plan, shown));
  const replaces = plan.previous !== undefined ? ' (it replaces the status line set there now)' : '';
  if (!wanted && !(await confirm(ctx, `Show cr's status line in Claude Code${replaces}?`, false))) return;
  try {
    writeSettings(plan);
  } catch (error) {
    throw new CrError(
      `could not write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      EXIT.failure,
    );
  }
  ctx.out(`${p.good('updated')} ${shown}: Claude Code runs ${plan.setting.command} for its status bar\n`);
}
