import path from 'node:path';

/** Where cr keeps its files; every location can be moved by the environment (tests rely on that). */
export interface CrPaths {
  home: string;
  historyFile: string;
  stateDir: string;
  cacheDir: string;
  globalConfigFile: string;
}

/** An XDG base directory: the XDG spec has relative values ignored, as if unset. */
function xdgDir(value: string | undefined, fallback: string): string {
  return value && path.isAbsolute(value) ? value : fallback;
}

export function resolvePaths(env: NodeJS.ProcessEnv, home: string): CrPaths {
  const xdgState = xdgDir(env.XDG_STATE_HOME, path.join(home, '.local', 'state'));
  const xdgConfig = xdgDir(env.XDG_CONFIG_HOME, path.join(home, '.config'));
  const xdgCache = xdgDir(env.XDG_CACHE_HOME, path.join(home, '.cache'));
  const stateDir = path.join(xdgState, 'claude-router');
  return {
    home,
    stateDir,
    historyFile: env.CR_HISTORY_FILE || path.join(stateDir, 'history.jsonl'),
    cacheDir: env.CR_CACHE_DIR || path.join(xdgCache, 'claude-router'),
    globalConfigFile: path.join(xdgConfig, 'claude-router', 'config.json'),
  };
}
