import type { Command } from 'commander';
import type { AppContext } from '../context.js';
import { EXIT } from '../errors.js';
import { flagLayer, loadConfigFor } from '../config/load-config-for.js';
import { formatModelIdWarning, modelIdWarnings } from '../config/model-id-warnings.js';
import { parseLaunchArgs } from '../parse-args.js';
import { profileSecrets } from '../launch/profile-env.js';
import { redactDeep } from '../redact.js';
import { configJson, configRows, renderConfig, type ConfigFiles } from '../report/config-view.js';
import type { SubcommandModule } from './registry.js';

const fs = process.getBuiltinModule('node:fs');

interface ConfigOptions {
  json?: boolean;
  config?: string;
  ask?: boolean;
  history?: boolean;
  retry?: boolean;
}

export async function showConfig(ctx: AppContext, options: ConfigOptions): Promise<number> {
  // The same flag layer the main command builds, so `cr config --ask` shows what `cr --ask` would use.
  const request = {
    ...parseLaunchArgs([]),
    ask: Boolean(options.ask),
    history: options.history !== false,
    retry: options.retry !== false,
  };
  const resolved = await loadConfigFor(ctx, { configFile: options.config }, flagLayer(request));
  for (const warning of modelIdWarnings(resolved.config))
    ctx.err(`${ctx.errColor.warn('cr: warning:')} ${formatModelIdWarning(warning)}\n`);
  // No key or token reaches the screen (values of key variables, sk-… and bearer strings, secret-named env entries).
  const loaded = {
    ...resolved,
    config: redactDeep(resolved.config, profileSecrets(ctx.env, resolved.config.profiles)),
  };
  const fileLayer = loaded.layers.find((l) => l.source === 'project' || l.source === 'file');
  const files: ConfigFiles = {
    global: { path: ctx.paths.globalConfigFile, exists: fs.existsSync(ctx.paths.globalConfigFile) },
    ...(fileLayer?.file ? { project: { path: fileLayer.file, explicit: fileLayer.source === 'file' } } : {}),
  };
  if (options.json) ctx.out(`${JSON.stringify(configJson(loaded, files), null, 2)}\n`);
  else ctx.out(renderConfig(configRows(loaded), files, { color: ctx.color, columns: ctx.columns, home: ctx.home }));
  return EXIT.ok;
}

const config: SubcommandModule = {
  name: 'config',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('config')
      .description('show the resolved configuration and where each value comes from')
      .option('--json', 'print it as JSON: config, sources, files')
      .option('--config <file>', 'use this config file instead of searching for one')
      .option('--ask', 'as with cr --ask')
      .option('--no-history', 'as with cr --no-history')
      .option('--no-retry', 'as with cr --no-retry')
      .action(async (options: ConfigOptions) => setExit(await showConfig(ctx, options)));
  },
};

export default config;
