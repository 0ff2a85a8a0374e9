// `cr config`: the resolved configuration, each value with where it came from. Pure.
import type { ConfigSource, LoadedConfig } from '../config/load-config.js';
import type { Palette } from '../ui/colors.js';
import { cutWithEllipsis } from '../ui/format.js';

/** Which environment variable or flag sets a key, to name it next to the value. */
export const ENV_VARS: Record<string, string> = {
  claudePath: 'CLAUDE_PATH',
  defaultTier: 'CR_DEFAULT_TIER',
  ask: 'CR_ASK',
  learn: 'CR_LEARN',
};
export const FLAGS: Record<string, string> = {
  ask: '--ask',
  'history.enabled': '--no-history',
  'retry.enabled': '--no-retry',
};

export interface ConfigRow {
  key: string;
  value: unknown;
  source: ConfigSource;
  file?: string;
  /** The environment variable or flag that set it. */
  via?: string;
}

export interface ConfigFiles {
  global: { path: string; exists: boolean };
  /** The project file found (or given with --config). */
  project?: { path: string; explicit: boolean };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One row per leaf of the resolved config, in the config's own key order. */
export function configRows(loaded: Pick<LoadedConfig, 'config' | 'sources'>): ConfigRow[] {
  const rows: ConfigRow[] = [];
  const walk = (value: unknown, key: string) => {
    const source = loaded.sources[key];
    if (source || !isPlainObject(value) || (key !== '' && Object.keys(value).length === 0)) {
      if (key === '') return;
      const row: ConfigRow = { key, value, source: source?.source ?? 'default' };
      if (source?.file) row.file = source.file;
      if (row.source === 'environment' && ENV_VARS[key]) row.via = ENV_VARS[key];
      if (row.source === 'flag' && FLAGS[key]) row.via = FLAGS[key];
      rows.push(row);
      return;
    }
    for (const [k, v] of Object.entries(value)) if (v !== undefined) walk(v, key ? `${key}.${k}` : k);
  };
  walk(loaded.config, '');
  return rows;
}

const SOURCE_LABEL: Record<ConfigSource, string> = {
  default: 'default',
  global: 'global file',
  project: 'project file',
  file: '--config file',
  environment: 'environment',
  flag: 'flag',
};

export function sourceLabel(row: Pick<ConfigRow, 'source' | 'via'>): string {
  return row.via ? `${SOURCE_LABEL[row.source]} ${row.via}` : SOURCE_LABEL[row.source];
}

function tildify(file: string, home: string | undefined): string {
  return home && (file === home || file.startsWith(`${home}/`)) ? `~${file.slice(home.length)}` : file;
}

/** Cut to `width` with "…", keeping at least one character before it. */
function shorten(text: string, width: number): string {
  return cutWithEllipsis(text, Math.max(2, width));
}

export interface RenderConfigOptions {
  color: Palette;
  columns: number;
  home?: string;
}

/** The table: key, source, value; values are cut to fit the terminal, never keys or sources. */
export function renderConfig(rows: readonly ConfigRow[], files: ConfigFiles, options: RenderConfigOptions): string {
  const p = options.color;
  const out: string[] = [];
  out.push(p.heading('cr configuration') + p.dim('  (default < global file < project file < environment < flag)'));
  out.push(
    `${p.dim('global file ')} ${tildify(files.global.path, options.home)}${files.global.exists ? '' : p.dim(' (not found)')}`,
  );
  const project = files.project
    ? `${tildify(files.project.path, options.home)}${files.project.explicit ? p.dim(' (--config)') : ''}`
    : p.dim('(none found)');
  out.push(`${p.dim('project file')} ${project}`);
  out.push('');
  const keyWidth = Math.max(3, ...rows.map((r) => r.key.length));
  const sourceWidth = Math.max(6, ...rows.map((r) => sourceLabel(r).length));
  const valueWidth = Math.max(10, options.columns - keyWidth - sourceWidth - 4);
  out.push(p.dim(`${'key'.padEnd(keyWidth)}  ${'source'.padEnd(sourceWidth)}  value`));
  for (const row of rows) {
    const label = sourceLabel(row).padEnd(sourceWidth);
    const value = shorten(JSON.stringify(row.value) ?? String(row.value), valueWidth);
    out.push(`${row.key.padEnd(keyWidth)}  ${row.source === 'default' ? p.dim(label) : p.accent(label)}  ${value}`);
  }
  return `${out.join('\n')}\n`;
}

/** `cr config --json`: the resolved values, the source of each, and the files read. */
export function configJson(loaded: Pick<LoadedConfig, 'config' | 'sources'>, files: ConfigFiles): object {
  const sources: Record<string, { source: ConfigSource; file?: string; via?: string }> = {};
  for (const row of configRows(loaded)) {
    sources[row.key] = {
      source: row.source,
      ...(row.file ? { file: row.file } : {}),
      ...(row.via ? { via: row.via } : {}),
    };
  }
  return { config: loaded.config, sources, files };
}
