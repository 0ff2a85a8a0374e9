// The configuration for one run of cr, from its context: every command loads it this way, so that
// the notice about an untrusted project config reads the same everywhere. Apart from the launch so
// that a subcommand that reads the config does not load the classifier with it.
import type { AppContext } from '../context.js';
import type { LaunchRequest } from '../parse-args.js';
import { loadConfig, type LoadedConfig } from './load-config.js';
import type { ConfigFile } from './schema.js';
import { formatUntrustedNotice, trustFilePath } from './trust.js';

/** Command-line flags that are settings too: the top configuration layer. */
export function flagLayer(request: LaunchRequest): ConfigFile {
  const flags: ConfigFile = {};
  if (request.ask) flags.ask = 'always';
  if (!request.history) flags.history = { enabled: false };
  if (!request.retry) flags.retry = { enabled: false };
  return flags;
}

export async function loadConfigFor(
  ctx: AppContext,
  request: { configFile?: string },
  flags?: ConfigFile,
): Promise<LoadedConfig> {
  const loaded = await loadConfig({
    cwd: ctx.cwd,
    home: ctx.home,
    env: ctx.env,
    globalConfigFile: ctx.paths.globalConfigFile,
    explicitFile: request.configFile,
    flags,
    trustFile: trustFilePath(ctx.paths.stateDir),
    cacheDir: ctx.paths.cacheDir,
  });
  if (loaded.untrusted) ctx.err(`${ctx.errColor.warn('cr:')} ${formatUntrustedNotice(loaded.untrusted)}\n`);
  return loaded;
}
