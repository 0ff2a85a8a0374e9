// Black-box: cr config shows the resolved value and source of each key: default, global, project, environment, flag.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
  w.write(w.globalFile, { defaultTier: 'opus', tiers: { haiku: { model: 'claude-haiku-4-5' } } });
  w.write(path.join(w.project, '.claude-router.json'), { tiers: { opus: { model: 'claude-opus-4-7' } } });
});

type Shown = {
  config: Record<string, unknown>;
  sources: Record<string, { source: string; file?: string; via?: string }>;
  files: { global: { path: string; exists: boolean }; project?: { path: string } };
};

describe('cr config', () => {
  it('--json: values and the source of each, every layer', async () => {
    const r = await w.cr(['config', '--json', '--no-history'], { env: { CR_ASK: 'low-confidence' } });
    expect(r.exitCode).toBe(0);
    const shown = JSON.parse(r.stdout) as Shown;
    expect(shown.config.defaultTier).toBe('opus');
    expect(shown.sources.defaultTier).toEqual({ source: 'global', file: w.globalFile });
    expect(shown.sources['tiers.haiku.model']).toEqual({ source: 'global', file: w.globalFile });
    expect(shown.sources['tiers.opus.model']).toEqual({
      source: 'project',
      file: path.join(w.project, '.claude-router.json'),
    });
    expect(shown.sources['tiers.sonnet.model']).toEqual({ source: 'default' });
    expect(shown.sources.ask).toEqual({ source: 'environment', via: 'CR_ASK' });
    expect(shown.sources['history.enabled']).toEqual({ source: 'flag', via: '--no-history' });
    expect(shown.files.global).toEqual({ path: w.globalFile, exists: true });
    expect(shown.files.project?.path).toBe(path.join(w.project, '.claude-router.json'));
  });

  it('the table names each source; the flag --ask wins over the environment', async () => {
    const r = await w.cr(['config', '--ask'], { env: { CR_ASK: 'never', COLUMNS: '90' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^defaultTier\s+global file\s+"opus"$/m);
    expect(r.stdout).toMatch(/^tiers\.opus\.model\s+project file\s+"claude-opus-4-7"$/m);
    expect(r.stdout).toMatch(/^tiers\.sonnet\.model\s+default\s+"sonnet"$/m);
    expect(r.stdout).toMatch(/^ask\s+flag --ask\s+"always"$/m);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(90);
  });

  it('--config FILE replaces the project file', async () => {
    const other = w.write(path.join(w.root, 'other.json'), { defaultTier: 'haiku' });
    const shown = JSON.parse((await w.cr(['config', '--json', '--config', other])).stdout) as Shown;
    expect(shown.sources.defaultTier).toEqual({ source: 'file', file: other });
    expect(shown.sources['tiers.opus.model']).toEqual({ source: 'default' });
  });

  it('a bad config is exit 2 on stderr, naming file and key', async () => {
    w.write(path.join(w.project, '.claude-router.json'), { tiers: { opus: { modle: 'x' } } });
    const r = await w.cr(['config']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/\.claude-router\.json: tiers\.opus\.modle: unknown key/);
  });
});
