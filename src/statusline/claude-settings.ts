// Turning the status line on: the `statusLine` setting in the user's Claude Code settings
// (~/.claude/settings.json, or $CLAUDE_CONFIG_DIR/settings.json). Merged into the file, every other
// key kept; a file that is not valid JSON is never rewritten.
import path from 'node:path';

const fs = process.getBuiltinModule('node:fs');

export interface StatusLineSetting {
  type: 'command';
  command: string;
}

export type SettingsPlan =
  /**
   * The file would get this text; `previous` is the statusLine it replaces, if any; `original` the
   * file's text as read (undefined: there is no file).
   */
  | { kind: 'write'; file: string; text: string; setting: StatusLineSetting; previous?: unknown; original?: string }
  /** The file already has exactly this setting. */
  | { kind: 'same'; file: string }
  /** The file cannot be merged into (not JSON, not an object, unreadable): left alone. */
  | { kind: 'invalid'; file: string; reason: string };

export function claudeSettingsFile(env: NodeJS.ProcessEnv, home: string): string {
  const configDir = env.CLAUDE_CONFIG_DIR?.trim();
  return configDir ? path.join(configDir, 'settings.json') : path.join(home, '.claude', 'settings.json');
}

const shQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * The command Claude Code should run: `cr statusline` when `cr` on PATH is this cr, else this cr
 * by its full path (with the node that runs it), which works without PATH.
 */
export function statusLineCommand(env: NodeJS.ProcessEnv, selfPath: string | undefined, nodePath: string): string {
  if (!selfPath) return 'cr statusline';
  let self: string;
  try {
    self = fs.realpathSync(selfPath);
  } catch {
    return 'cr statusline';
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      if (fs.realpathSync(path.join(dir, 'cr')) === self) return 'cr statusline';
    } catch {
      // not here
    }
  }
  return `${shQuote(nodePath)} ${shQuote(self)} statusline`;
}

/** What writing the setting would do to the settings file. */
export function planStatusLine(file: string, command: string): SettingsPlan {
  const setting: StatusLineSetting = { type: 'command', command };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { kind: 'write', file, text: `${JSON.stringify({ statusLine: setting }, null, 2)}\n`, setting };
    return { kind: 'invalid', file, reason: `cannot be read (${code ?? (error as Error).message})` };
  }
  let data: unknown;
  try {
    data = text.trim() === '' ? {} : JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { kind: 'invalid', file, reason: `not valid JSON (${(error as Error).message.split('\n')[0]})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { kind: 'invalid', file, reason: 'not a JSON object' };
  const settings = data as Record<string, unknown>;
  const previous = settings.statusLine;
  if (JSON.stringify(previous) === JSON.stringify(setting)) return { kind: 'same', file };
  const merged = { ...settings, statusLine: setting };
  return {
    kind: 'write',
    file,
    text: `${JSON.stringify(merged, null, 2)}\n`,
    setting,
    original: text,
    ...(previous !== undefined ? { previous } : {}),
  };
}

/** The change as a person reads it: the statusLine before and after. */
export function describePlan(plan: Extract<SettingsPlan, { kind: 'write' }>, shownFile: string): string {
  const lines = [`${shownFile}:`];
  if (plan.previous !== undefined) lines.push(`- "statusLine": ${JSON.stringify(plan.previous)}`);
  lines.push(`+ "statusLine": ${JSON.stringify(plan.setting)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the planned text through a temporary file and a rename, into the file a symbolic link
 * points to (a settings file kept with one's dotfiles stays a link), keeping its mode. Refuses a
 * file that changed since it was read.
 */
export function writeSettings(plan: Extract<SettingsPlan, { kind: 'write' }>): void {
  fs.mkdirSync(path.dirname(plan.file), { recursive: true });
  const exists = fs.existsSync(plan.file);
  const now = exists ? fs.readFileSync(plan.file, 'utf8') : undefined;
  if (now !== plan.original) throw new Error(`${plan.file} changed since cr read it`);
  const target = exists ? fs.realpathSync(plan.file) : plan.file;
  const mode = exists ? fs.statSync(target).mode & 0o7777 : 0o644;
  const tmp = `${target}.cr-${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, plan.text, { mode });
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}
