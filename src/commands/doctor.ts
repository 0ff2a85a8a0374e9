import type { Dirent } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import type { ResolvedConfig } from '../config/defaults.js';
import { environmentLayer, findProjectConfigFile, loadConfig } from '../config/load-config.js';
import { formatModelIdWarning, modelIdWarnings } from '../config/model-id-warnings.js';
import { CrError, EXIT } from '../errors.js';
import { INSTALL_HINT, claudePathFix, describeClaudePathProblem, locateClaude } from '../launch/find-claude.js';
import { loadConfigFor } from '../config/load-config-for.js';
import { isCodeConfig, isFileTrusted, trustFilePath } from '../config/trust.js';
import type { Palette } from '../ui/colors.js';
import type { SubcommandModule } from './registry.js';
import { historyErrorReason, historyPathProblem, readHistory } from '../history/history-store.js';
import { transcriptRoots } from '../usage/read-transcripts.js';
import { featuresFromHelp, rememberFeatures } from '../launch/claude-features.js';

const fs = process.getBuiltinModule('node:fs');

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  name: string;
  status: CheckStatus;
  summary: string;
  details: string[];
}

/** Flags cr may pass to claude; without the first two cr cannot start a routed session at all. */
export const CLAUDE_FLAGS = [
  '--model',
  '--session-id',
  '--resume',
  '--continue',
  '--permission-mode',
  '--fallback-model',
  '-p',
] as const;
const REQUIRED_FLAGS = ['--model', '--session-id'];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Which of CLAUDE_FLAGS `claude --help` lists. Pure. */
export function flagsInHelp(help: string): Record<string, boolean> {
  const found: Record<string, boolean> = {};
  for (const flag of CLAUDE_FLAGS)
    found[flag] = new RegExp(`(^|[\\s,])${escapeRegExp(flag)}(?=[\\s,=<[]|$)`, 'm').test(help);
  return found;
}

function tildify(file: string, home: string): string {
  return file === home || file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

async function checkClaude(ctx: AppContext, config: ResolvedConfig | undefined): Promise<Check> {
  const { found, problem } = locateClaude({
    env: ctx.env,
    claudePath: config?.claudePath,
    cwd: ctx.cwd,
    selfPath: ctx.selfPath,
  });
  // A launch stops on it (exit 126/127) instead of starting another claude.
  if (problem) {
    const details = [
      `${claudePathFix(problem)}; until then cr stops before starting claude (exit ${problem.exitCode})`,
    ];
    return { name: 'claude', status: 'fail', summary: describeClaudePathProblem(problem, false), details };
  }
  const details: string[] = [];
  if (!found) {
    return {
      name: 'claude',
      status: 'fail',
      summary: 'not found (CLAUDE_PATH, config claudePath, PATH)',
      details: [...details, INSTALL_HINT.replace(/^claude not found: /, '')],
    };
  }
  const { execa } = await import('execa');
  const run = (arg: string) =>
    execa(found.path, [arg], {
      env: ctx.env,
      extendEnv: false,
      cwd: ctx.cwd,
      stdin: 'ignore',
      timeout: 5000,
      reject: false,
      all: true,
    });
  const [version, help] = await Promise.all([run('--version'), run('--help')]);
  const where = `${tildify(found.path, ctx.home)} (${found.via})`;
  if (version.failed) {
    const why = version.timedOut
      ? 'timed out'
      : String(version.all ?? '')
          .trim()
          .split('\n')[0] || `exit ${version.exitCode ?? version.signal ?? '?'}`;
    return { name: 'claude', status: 'fail', summary: `${where}: \`claude --version\` failed: ${why}`, details };
  }
  const versionText =
    String(version.stdout ?? '')
      .trim()
      .split('\n')[0] || '(printed no version)';
  const helpText = help.failed ? '' : String(help.stdout ?? '');
  if (!helpText.trim()) {
    details.push('`claude --help` printed nothing: cannot tell which flags it takes');
    return { name: 'claude', status: 'warn', summary: `${where} · ${versionText}`, details };
  }
  const flags = flagsInHelp(helpText);
  const required = new Set([...REQUIRED_FLAGS, ...(config?.fallbackModel ? ['--fallback-model'] : [])]);
  const missing = CLAUDE_FLAGS.filter((f) => !flags[f]);
  const broken = missing.filter((f) => required.has(f));
  details.push(`flags: ${CLAUDE_FLAGS.map((f) => `${f} ${flags[f] ? '✓' : '✗'}`).join('  ')}`);
  if (broken.length) details.push(`cr needs ${broken.join(' and ')}: update Claude Code (claude update)`);
  else if (missing.length) details.push(`not listed: ${missing.join(', ')} (cr passes them only when you use them)`);
  // Kept for the launch, which passes a configured effort only to a claude that takes --effort.
  const features = featuresFromHelp(versionText, helpText);
  rememberFeatures(ctx.paths.cacheDir, found.path, features);
  const effortSettings = config ? configuredEfforts(config) : [];
  const effortUnusable = effortSettings.length > 0 && !features.effort;
  if (effortUnusable)
    details.push(
      `no --effort in this claude: ${effortSettings.join(', ')} ${effortSettings.length === 1 ? 'is' : 'are'} not passed; update Claude Code (claude update)`,
    );
  else
    details.push(
      features.effort
        ? `--effort ✓ (passed where config sets an effort${effortSettings.length ? `: ${effortSettings.join(', ')}` : ''})`
        : '--effort ✗ (an effort in config would not be passed)',
    );
  return {
    name: 'claude',
    status: broken.length ? 'fail' : missing.length || effortUnusable ? 'warn' : 'ok',
    summary: `${where} · ${versionText}`,
    details,
  };
}

/** The settings that give an effort: "tiers.opus.effort", "rules[0].effort". */
function configuredEfforts(config: ResolvedConfig): string[] {
  const tiers = (['opus', 'sonnet', 'haiku'] as const)
    .filter((t) => config.tiers[t].effort)
    .map((t) => `tiers.${t}.effort`);
  const rules = config.rules.flatMap((r, i) => (typeof r !== 'string' && r.effort ? [`rules[${i}].effort`] : []));
  return [...tiers, ...rules];
}

/** Validates one file on its own, with the same reader cr uses. */
async function checkConfigFile(ctx: AppContext, file: string): Promise<string | undefined> {
  try {
    await loadConfig({
      cwd: ctx.cwd,
      home: ctx.home,
      env: {},
      globalConfigFile: path.join(file, 'none'),
      explicitFile: file,
    });
    return undefined;
  } catch (error) {
    if (error instanceof CrError) return [error.message, ...error.details].join('\n');
    throw error;
  }
}

async function checkConfig(
  ctx: AppContext,
  explicitFile: string | undefined,
): Promise<{ check: Check; config?: ResolvedConfig }> {
  const details: string[] = [];
  const problems: string[] = [];
  const parts: string[] = [];
  const global = ctx.paths.globalConfigFile;
  if (fs.existsSync(global)) {
    const problem = await checkConfigFile(ctx, global);
    parts.push(`global ${tildify(global, ctx.home)} ${problem ? 'INVALID' : 'valid'}`);
    if (problem) problems.push(problem);
  } else {
    details.push(`global file ${tildify(global, ctx.home)}: none (cr init --global writes one)`);
  }
  const project = explicitFile ? path.resolve(ctx.cwd, explicitFile) : findProjectConfigFile(ctx.cwd, ctx.home);
  let untrustedCode = false;
  if (
    project &&
    project !== global &&
    !explicitFile &&
    isCodeConfig(project) &&
    !isFileTrusted(trustFilePath(ctx.paths.stateDir), project)
  ) {
    // Checking it would run it: a project's code runs only once the user trusts it (cr trust).
    untrustedCode = true;
    parts.push(`project ${tildify(project, ctx.home)} not trusted, not run`);
    details.push(
      `project file ${tildify(project, ctx.home)}: JavaScript/TypeScript config runs code, so it is not loaded until you trust it (cr trust)`,
    );
  } else if (project && project !== global) {
    const problem = await checkConfigFile(ctx, project);
    parts.push(
      `${explicitFile ? '--config' : 'project'} ${tildify(project, ctx.home)} ${problem ? 'INVALID' : 'valid'}`,
    );
    if (problem) problems.push(problem);
  } else if (!project) {
    // The search stops at the home directory when it passes it, else at the root.
    const cwd = path.resolve(ctx.cwd);
    const home = path.resolve(ctx.home);
    const underHome = cwd === home || cwd.startsWith(home.endsWith(path.sep) ? home : home + path.sep);
    details.push(
      `project file: none found from here up to ${underHome ? 'your home directory' : 'the root directory (/)'}`,
    );
  }
  try {
    environmentLayer(ctx.env);
  } catch (error) {
    problems.push(`environment: ${(error as Error).message}`);
  }
  let config: ResolvedConfig | undefined;
  if (!problems.length) {
    try {
      config = (await loadConfigFor(ctx, { configFile: explicitFile })).config;
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const files = parts.length ? parts.join('; ') : 'defaults only (no config files)';
  const summary = problems.length
    ? `${problems.length} problem${problems.length === 1 ? '' : 's'} (below) · ${files}`
    : files;
  for (const p of problems) details.push(...p.split('\n'));
  // Claude accepts any model id, so a suspicious one is a warning, never a failure.
  const warnings = config ? modelIdWarnings(config).map(formatModelIdWarning) : [];
  details.push(...warnings);
  const status: CheckStatus = problems.length ? 'fail' : warnings.length || untrustedCode ? 'warn' : 'ok';
  return { check: { name: 'config', status, summary, details }, config };
}

/** Why the append refuses the history path (a symbolic link, FIFO, device), or undefined. A directory is read and fails like any unreadable file. */
function pathProblem(file: string): string | undefined {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false })?.isDirectory() ? undefined : historyPathProblem(file);
  } catch {
    return undefined; // a path that cannot be looked at: historyWritable says why
  }
}

/** Whether cr could append to `file`, without writing anything. */
function historyWritable(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return st.isDirectory() ? 'it is a directory' : 'not a regular file';
    const fd = fs.openSync(file, 'a');
    fs.closeSync(fd);
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return historyErrorReason(error);
  }
  // Not there yet: cr creates the directories on the first write; the nearest existing one must let it.
  let dir = path.dirname(file);
  for (;;) {
    try {
      const st = fs.statSync(dir);
      if (!st.isDirectory()) return `${dir} is not a directory`;
      fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return `${dir}: ${errorCode(error)}`;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'no existing directory above it';
    dir = parent;
  }
}

async function checkHistory(ctx: AppContext, config: ResolvedConfig | undefined): Promise<Check> {
  const file = ctx.paths.historyFile;
  const where = tildify(file, ctx.home);
  const details: string[] = [];
  let status: CheckStatus = 'ok';
  if (config && !config.history.enabled) details.push('history is off in config (history.enabled: false)');
  // Refused by the append; reading it could block (a FIFO) or never end (/dev/zero), so it is not read.
  const refused = pathProblem(file);
  if (refused)
    return {
      name: 'history',
      status: 'fail',
      summary: `${where}: ${refused}`,
      details: [...details, 'not writable; cr warns and starts claude without recording'],
    };
  const unwritable = historyWritable(file);
  if (unwritable) {
    status = 'fail';
    details.push(`not writable: ${unwritable}; cr warns and starts claude without recording`);
  }
  if (!fs.existsSync(file))
    return {
      name: 'history',
      status,
      summary: `${where}: ${unwritable ? `cannot be created (${unwritable})` : 'no records yet'}`,
      details,
    };
  let summary: string;
  try {
    const { records, skipped } = readHistory(file);
    const decisions = records.filter((r) => r.type === 'decision').length;
    summary = `${where}: ${records.length} records (${decisions} decisions)`;
    if (skipped > 0) {
      if (status === 'ok') status = 'warn';
      details.push(`${skipped} unreadable line${skipped === 1 ? '' : 's'} (skipped by every reader)`);
    }
    const mode = fs.statSync(file).mode & 0o777;
    if (mode & 0o077) {
      if (status === 'ok') status = 'warn';
      details.push(`readable by others (mode ${mode.toString(8).padStart(4, '0')}); fix with chmod 600 ${where}`);
    }
  } catch (error) {
    status = 'fail';
    // The reason on the check's own line: cr history, stats and escalate stop on it.
    summary = `${where}: cannot read (${historyErrorReason(error)})`;
    details.push('cr history, stats, learn and escalate stop on it; a launch warns and starts claude');
  }
  return { name: 'history', status, summary, details };
}

async function transcriptRootsFor(ctx: AppContext): Promise<string[]> {
  try {
    return transcriptRoots(ctx.env, ctx.home);
  } catch {
    const dir = ctx.env.CLAUDE_CONFIG_DIR?.trim();
    return dir
      ? [path.join(dir, 'projects')]
      : [path.join(ctx.home, '.claude', 'projects'), path.join(ctx.home, '.config', 'claude', 'projects')];
  }
}

async function checkTranscripts(ctx: AppContext): Promise<Check> {
  const roots = await transcriptRootsFor(ctx);
  const details: string[] = [];
  const found: string[] = [];
  let status: CheckStatus = 'ok';
  for (const root of roots) {
    let entries: Dirent[];
    try {
      entries = fs.readdirSync(root, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      status = 'fail';
      details.push(`${tildify(root, ctx.home)}: cannot read (${errorCode(error)})`);
      continue;
    }
    let files = 0;
    let unreadable = 0;
    const projects = entries.filter((e) => e.isDirectory());
    for (const project of projects) {
      try {
        for (const name of fs.readdirSync(path.join(root, project.name))) if (name.endsWith('.jsonl')) files++;
      } catch {
        unreadable++;
      }
    }
    if (unreadable) {
      status = 'fail';
      details.push(
        `${tildify(root, ctx.home)}: ${unreadable} project folder${unreadable === 1 ? '' : 's'} cannot be read`,
      );
    }
    found.push(
      `${tildify(root, ctx.home)}: ${projects.length} project${projects.length === 1 ? '' : 's'}, ${files} session file${files === 1 ? '' : 's'}`,
    );
  }
  if (!found.length && status === 'ok') {
    return {
      name: 'transcripts',
      status: 'warn',
      summary: `none yet in ${roots.map((r) => tildify(r, ctx.home)).join(' or ')}`,
      details: ['budget and stats read spend from them; they appear after your first claude session'],
    };
  }
  return { name: 'transcripts', status, summary: found.join('; ') || 'unreadable', details };
}

export async function runChecks(ctx: AppContext, explicitFile: string | undefined): Promise<Check[]> {
  const { check: config, config: resolved } = await checkConfig(ctx, explicitFile);
  const [claude, history, transcripts] = await Promise.all([
    checkClaude(ctx, resolved),
    checkHistory(ctx, resolved),
    checkTranscripts(ctx),
  ]);
  return [claude, config, history, transcripts];
}

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗' };

/** Breaks a line at spaces to fit `width`; a word longer than that (a long path) is split. */
export function wrap(line: string, width: number): string[] {
  const w = Math.max(20, width);
  const out: string[] = [];
  let current = '';
  const words = line.split(' ').flatMap((word) => word.match(new RegExp(`.{1,${w}}`, 'gu')) ?? ['']);
  for (const word of words) {
    if (current && current.length + 1 + word.length > w) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(current);
  return out;
}

/** The checklist: one line per check (wrapped to the terminal width), details indented and wrapped under it. Pure. */
export function renderChecks(checks: readonly Check[], p: Palette, columns: number, header: string): string {
  const paint: Record<CheckStatus, (s: string) => string> = { ok: p.good, warn: p.warn, fail: p.bad };
  const nameWidth = Math.max(...checks.map((c) => c.name.length)) + 2;
  const out = [p.heading(header)];
  for (const check of checks) {
    // Wrapped, not cut: the end of a summary may be what matters ("… INVALID").
    const [first = '', ...rest] = wrap(check.summary, columns - nameWidth - 2);
    out.push(`${paint[check.status](MARK[check.status])} ${check.name.padEnd(nameWidth)}${first}`);
    for (const piece of rest) out.push(`${' '.repeat(nameWidth + 2)}${piece}`);
    for (const line of check.details)
      for (const piece of wrap(line, columns - nameWidth - 2)) out.push(p.dim(`${' '.repeat(nameWidth + 2)}${piece}`));
  }
  const failed = checks.filter((c) => c.status === 'fail').map((c) => c.name);
  const warned = checks.filter((c) => c.status === 'warn').map((c) => c.name);
  if (failed.length) out.push(p.bad(`broken: ${failed.join(', ')}`));
  else out.push(p.good(warned.length ? `nothing broken (look at: ${warned.join(', ')})` : 'everything looks fine'));
  return `${out.join('\n')}\n`;
}

export async function doctor(ctx: AppContext, options: { json?: boolean; config?: string }): Promise<number> {
  const checks = await runChecks(ctx, options.config);
  const ok = !checks.some((c) => c.status === 'fail');
  if (options.json) ctx.out(`${JSON.stringify({ ok, checks }, null, 2)}\n`);
  else ctx.out(renderChecks(checks, ctx.color, ctx.columns, `cr ${ctx.version} doctor · node ${process.version}`));
  return ok ? EXIT.ok : EXIT.failure;
}

const doctorCommand: SubcommandModule = {
  name: 'doctor',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('doctor')
      .description('check claude, config, history and transcripts; exit 1 when something is broken')
      .option('--json', 'print the checks as JSON')
      .option('--config <file>', 'check this config file instead of searching for one')
      .action(async (options: { json?: boolean; config?: string }) => setExit(await doctor(ctx, options)));
  },
};

export default doctorCommand;
