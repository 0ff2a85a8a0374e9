// `cr trust [DIR]`, `cr trust --list`, `cr trust --revoke [DIR]`: which project directories may
// change where claude's requests go or what runs (claudePath, profiles, JS/TS config files).
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { findProjectConfigFile, loadConfig } from '../config/load-config.js';
import type { ConfigFile } from '../config/schema.js';
import {
  hashFile,
  isCodeConfig,
  readTrustStore,
  revokeTrust,
  trustFile,
  trustFilePath,
  type TrustEntry,
} from '../config/trust.js';
import { CrError, EXIT, UsageError } from '../errors.js';
import { displayUrl, profileEnvShown } from '../launch/profile-env.js';
import { shellQuote } from '../ui/shell-quote.js';
import { visible } from '../ui/format.js';
import type { SubcommandModule } from './registry.js';

const fs = process.getBuiltinModule('node:fs');

interface TrustOptions {
  list?: boolean;
  revoke?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** What a config file's trust-only settings would change, one line each. Pure. */
export function describeTrusted(data: ConfigFile): string[] {
  const lines: string[] = [];
  if (data.claudePath !== undefined) lines.push(`claude binary  ${data.claudePath}`);
  for (const [name, profile] of Object.entries(data.profiles ?? {})) {
    const shown = profileEnvShown(profile);
    const vars = Object.entries(shown).map(([k, v]) => (v.startsWith('$') ? `${k} (from ${v})` : k));
    // Where requests go: the profile's `env` is applied last (profileEnv), so its ANTHROPIC_BASE_URL wins.
    const endpoint = profile.env?.ANTHROPIC_BASE_URL ?? profile.baseUrl;
    lines.push(
      `profile ${name}  ${endpoint ? `→ ${displayUrl(endpoint)}` : 'the default endpoint'}${vars.length ? `; sets ${vars.join(', ')}` : ''}`,
    );
  }
  if (data.fallbackProfile !== undefined)
    lines.push(`fallbackProfile  ${data.fallbackProfile} (used when a print-mode attempt hits an outage)`);
  for (const [tier, settings] of Object.entries(data.tiers ?? {}))
    if (settings?.profile) lines.push(`tiers.${tier}.profile  ${settings.profile}`);
  (data.rules ?? []).forEach((rule, i) => {
    if (typeof rule !== 'string' && rule.profile) lines.push(`rules[${i}] (${rule.id}).profile  ${rule.profile}`);
  });
  (data.schedule ?? []).forEach((window, i) => {
    if (window.profile)
      lines.push(`schedule[${i}]${window.name ? ` (${window.name})` : ''}.profile  ${window.profile}`);
  });
  return lines;
}

function projectFileFor(ctx: AppContext, dirArg: string | undefined): { dir: string; file: string } {
  const dir = path.resolve(ctx.cwd, dirArg ?? '.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  const file = findProjectConfigFile(dir, ctx.home);
  if (!file)
    throw new CrError(`no cr config file in ${dir} or the directories above it; nothing to trust`, EXIT.failure);
  return { dir: path.dirname(file), file };
}

async function confirm(question: string): Promise<boolean> {
  const readline = await import('node:readline/promises');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    // readline writes the question itself, past the output boundary (createContext).
    return /^y(?:es)?$/i.test((await rl.question(visible(question))).trim());
  } finally {
    rl.close();
  }
}

async function trustDirectory(ctx: AppContext, dirArg: string | undefined, options: TrustOptions): Promise<number> {
  const { dir, file } = projectFileFor(ctx, dirArg);
  // Trust is asked for; with nobody at a terminal to answer, only --yes gives it.
  if (!ctx.stdinIsTTY && !options.yes)
    throw new UsageError(`not trusting ${dir}: no terminal to ask at; pass --yes to trust it without asking`);
  const storeFile = trustFilePath(ctx.paths.stateDir);
  let lines: string[];
  if (isCodeConfig(file)) {
    // Reading it would run it: say so instead.
    lines = [`runs code     ${path.basename(file)} is JavaScript/TypeScript: cr runs it on every start in ${dir}`];
  } else {
    const loaded = await loadConfig({
      cwd: dir,
      home: ctx.home,
      env: {},
      globalConfigFile: path.join(file, 'none'),
      explicitFile: file,
    });
    lines = describeTrusted(loaded.layers.find((l) => l.file === file)?.data ?? {});
  }
  ctx.out(`${ctx.color.heading('cr trust')} ${file}\n`);
  if (lines.length === 0)
    ctx.out('  nothing in it needs trust (no claudePath, profiles or code); trusting it as it is\n');
  for (const line of lines) ctx.out(`  ${line}\n`);
  if (!options.yes && !(await confirm(`trust ${dir} with this file as it is now? [y/N] `))) {
    ctx.err('cr: not trusted\n');
    return EXIT.failure;
  }
  const entry = trustFile(storeFile, file, ctx.now);
  ctx.out(
    `trusted ${dir} (${path.basename(file)}, sha256 ${entry.sha256.slice(0, 12)}); a change to the file needs cr trust again\n`,
  );
  return EXIT.ok;
}

function entryState(entry: TrustEntry): 'trusted' | 'changed' | 'missing' {
  if (!fs.existsSync(entry.file)) return 'missing';
  try {
    return hashFile(entry.file) === entry.sha256 ? 'trusted' : 'changed';
  } catch {
    return 'missing';
  }
}

function listTrust(ctx: AppContext, options: TrustOptions): number {
  const store = readTrustStore(trustFilePath(ctx.paths.stateDir));
  const rows = Object.entries(store.dirs).map(([dir, entry]) => ({
    dir,
    file: entry.file,
    sha256: entry.sha256,
    time: entry.time,
    state: entryState(entry),
  }));
  if (options.json) {
    ctx.out(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  if (rows.length === 0) {
    ctx.out('no trusted directories; trust one with cr trust [DIR]\n');
    return EXIT.ok;
  }
  for (const row of rows) {
    const note =
      row.state === 'trusted'
        ? ''
        : row.state === 'changed'
          ? `  (changed since; run cr trust ${shellQuote(row.dir)} again)`
          : '  (file gone)';
    ctx.out(`${row.state.padEnd(8)} ${row.dir}  ${path.basename(row.file)}  ${row.time}${note}\n`);
  }
  return EXIT.ok;
}

function revoke(ctx: AppContext, dirArg: string | undefined): number {
  const storeFile = trustFilePath(ctx.paths.stateDir);
  const dir = path.resolve(ctx.cwd, dirArg ?? '.');
  // The directory itself, or the one whose config file applies here.
  const candidates = [dir];
  const found = fs.existsSync(dir) ? findProjectConfigFile(dir, ctx.home) : undefined;
  if (found) candidates.push(path.dirname(found));
  for (const candidate of candidates) {
    if (revokeTrust(storeFile, candidate)) {
      ctx.out(`revoked trust for ${candidate}\n`);
      return EXIT.ok;
    }
  }
  throw new CrError(`${dir} is not trusted (see cr trust --list)`, EXIT.failure);
}

const trust: SubcommandModule = {
  name: 'trust',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('trust')
      .description(
        "let a project's config choose the claude binary, providers (profiles) and run JS/TS config; keyed by the file's content",
      )
      .argument('[dir]', 'the project directory (default: the current one)')
      .option('--list', 'list trusted directories and whether their file changed since')
      .option('--revoke', 'remove the trust of DIR (default: the current directory)')
      .option('-y, --yes', 'trust without asking (needed when stdin is not a terminal)')
      .option('--json', 'with --list: as JSON')
      .action(async (dir: string | undefined, options: TrustOptions) => {
        if (options.list && options.revoke) throw new UsageError('use one of --list and --revoke');
        if (options.list) setExit(listTrust(ctx, options));
        else if (options.revoke) setExit(revoke(ctx, dir));
        else setExit(await trustDirectory(ctx, dir, options));
      });
  },
};

export default trust;
