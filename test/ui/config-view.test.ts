// Unit tables for the `cr config` renderer: every leaf with its source, widths, JSON.
import { describe, expect, it } from 'vitest';
import { mergeLayers } from '../../src/config/load-config.js';
import { configJson, configRows, renderConfig, sourceLabel, type ConfigFiles } from '../../src/report/config-view.js';
import { makePalette } from '../../src/ui/colors.js';

const loaded = mergeLayers([
  {
    source: 'global',
    file: '/home/u/.config/claude-router/config.json',
    data: { defaultTier: 'opus', tiers: { haiku: { model: 'claude-haiku-4-5' } } },
  },
  {
    source: 'project',
    file: '/home/u/p/.claude-router.json',
    data: {
      tiers: { opus: { model: 'claude-opus-4-7' } },
      rules: [{ id: 'docs', when: { pattern: 'readme' }, tier: 'haiku' }, 'defaults'],
    },
  },
  { source: 'environment', data: { ask: 'low-confidence' } },
  { source: 'flag', data: { history: { enabled: false } } },
]);
const files: ConfigFiles = {
  global: { path: '/home/u/.config/claude-router/config.json', exists: true },
  project: { path: '/home/u/p/.claude-router.json', explicit: false },
};
const plain = makePalette(false);

describe('configRows', () => {
  const rows = configRows(loaded);
  const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
  const table: [string, unknown, string, string | undefined][] = [
    ['defaultTier', 'opus', 'global file', '/home/u/.config/claude-router/config.json'],
    ['tiers.opus.model', 'claude-opus-4-7', 'project file', '/home/u/p/.claude-router.json'],
    ['tiers.haiku.model', 'claude-haiku-4-5', 'global file', '/home/u/.config/claude-router/config.json'],
    ['tiers.sonnet.model', 'sonnet', 'default', undefined],
    ['ask', 'low-confidence', 'environment CR_ASK', undefined],
    ['history.enabled', false, 'flag --no-history', undefined],
    ['history.tasks', 'full', 'default', undefined],
    ['askBelow', 0.6, 'default', undefined],
  ];
  it.each(table)('%s = %j from %s', (key, value, label, file) => {
    const row = byKey[key]!;
    expect(row.value).toEqual(value);
    expect(sourceLabel(row)).toBe(label);
    expect(row.file).toBe(file);
  });

  it('keeps lists whole (rules is one row) and shows empty objects', () => {
    expect(byKey.rules!.value).toEqual([{ id: 'docs', when: { pattern: 'readme' }, tier: 'haiku' }, 'defaults']);
    expect(rows.some((r) => r.key.startsWith('rules.'))).toBe(false);
    expect(byKey.profiles!.value).toEqual({});
  });
});

describe('renderConfig', () => {
  it('prints files, then key, source and value per line', () => {
    const out = renderConfig(configRows(loaded), files, { color: plain, columns: 100, home: '/home/u' });
    expect(out).toContain('global file  ~/.config/claude-router/config.json\n');
    expect(out).toContain('project file ~/p/.claude-router.json\n');
    expect(out).toMatch(/^defaultTier\s+global file\s+"opus"$/m);
    expect(out).toMatch(/^tiers\.opus\.model\s+project file\s+"claude-opus-4-7"$/m);
    expect(out).toMatch(/^ask\s+environment CR_ASK\s+"low-confidence"$/m);
    expect(out).toMatch(/^history\.enabled\s+flag --no-history\s+false$/m);
    expect(out).not.toMatch(/\x1b\[/);
  });

  it.each([60, 80, 100])('fits %i columns: long values are cut, keys and sources never', (columns) => {
    const out = renderConfig(configRows(loaded), files, { color: plain, columns, home: '/home/u' });
    const table = out.split('\n').slice(4).filter(Boolean);
    for (const line of table) expect(line.length).toBeLessThanOrEqual(columns);
    expect(out).toMatch(/^rules\s+project file\s+\[.*…$/m);
    expect(out).toMatch(/^history\.enabled\s+flag --no-history\s+false$/m);
  });

  it('says when there is no global file and no project file', () => {
    const out = renderConfig(
      configRows(mergeLayers([])),
      { global: { path: '/x/config.json', exists: false } },
      { color: plain, columns: 100 },
    );
    expect(out).toContain('/x/config.json (not found)');
    expect(out).toContain('project file (none found)');
  });

  it('colours only when the palette is on', () => {
    expect(renderConfig(configRows(loaded), files, { color: makePalette(true), columns: 100 })).toMatch(/\x1b\[/);
  });
});

describe('configJson', () => {
  it('has the resolved config, a source for every leaf, and the files', () => {
    const json = configJson(loaded, files) as {
      config: { defaultTier: string };
      sources: Record<string, { source: string; file?: string; via?: string }>;
      files: ConfigFiles;
    };
    expect(json.config.defaultTier).toBe('opus');
    expect(json.sources.defaultTier).toEqual({ source: 'global', file: '/home/u/.config/claude-router/config.json' });
    expect(json.sources['tiers.opus.model']).toEqual({ source: 'project', file: '/home/u/p/.claude-router.json' });
    expect(json.sources.ask).toEqual({ source: 'environment', via: 'CR_ASK' });
    expect(json.sources['history.enabled']).toEqual({ source: 'flag', via: '--no-history' });
    expect(json.sources['longContext.threshold']).toEqual({ source: 'default' });
    expect(json.files).toEqual(files);
  });
});
