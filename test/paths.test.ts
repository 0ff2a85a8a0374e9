// Where cr keeps its files: the XDG variables, and what it does without them.
import { describe, expect, it } from 'vitest';
import { resolvePaths } from '../src/paths.js';

describe('resolvePaths', () => {
  it('uses absolute XDG directories', () => {
    const p = resolvePaths({ XDG_STATE_HOME: '/s', XDG_CONFIG_HOME: '/c', XDG_CACHE_HOME: '/k' }, '/home/u');
    expect(p).toMatchObject({
      historyFile: '/s/claude-router/history.jsonl',
      globalConfigFile: '/c/claude-router/config.json',
      cacheDir: '/k/claude-router',
    });
  });

  it('ignores relative or empty ones, as the XDG spec says (no folders made where cr happens to run)', () => {
    for (const value of ['rel/state', './x', '', '~/state']) {
      const p = resolvePaths({ XDG_STATE_HOME: value, XDG_CONFIG_HOME: value, XDG_CACHE_HOME: value }, '/home/u');
      expect(p).toMatchObject({
        historyFile: '/home/u/.local/state/claude-router/history.jsonl',
        globalConfigFile: '/home/u/.config/claude-router/config.json',
        cacheDir: '/home/u/.cache/claude-router',
      });
    }
  });
});
