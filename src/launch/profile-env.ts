// Profiles: the environment claude starts with for one provider (base URL, key, model ids). Pure.
import type { ProfileConfig } from '../config/schema.js';
import { CrError, EXIT } from '../errors.js';
import { isSecretVarName, redactSecrets, secretValues } from '../redact.js';
import { TIERS } from '../types.js';

const MODEL_VARS = {
  opus: 'ANTHROPIC_DEFAULT_OPUS_MODEL',
  sonnet: 'ANTHROPIC_DEFAULT_SONNET_MODEL',
  haiku: 'ANTHROPIC_DEFAULT_HAIKU_MODEL',
} as const;

const KEY_VARS = { authToken: 'ANTHROPIC_AUTH_TOKEN', apiKey: 'ANTHROPIC_API_KEY' } as const;

/** The named profile, or a usage error naming the ones there are. */
export function requireProfile(profiles: Record<string, ProfileConfig>, name: string): ProfileConfig {
  const profile = profiles[name];
  if (profile) return profile;
  const known = Object.keys(profiles);
  throw new CrError(
    `no profile named "${name}" in config${known.length ? ` (profiles: ${known.join(', ')})` : ' ("profiles" is empty)'}`,
    EXIT.usage,
  );
}

/**
 * The environment for claude on a profile: ANTHROPIC_BASE_URL from `baseUrl`; the key copied from
 * the variable `keyEnv` names into ANTHROPIC_AUTH_TOKEN (default) or ANTHROPIC_API_KEY (`keyAs`),
 * the other one set empty; ANTHROPIC_DEFAULT_<TIER>_MODEL from `models`; then `env` as given.
 * With a `baseUrl` and no `keyEnv`, the user's own Anthropic credentials are not passed on to
 * the other server. A missing key variable is a usage error that names the variable, never a value.
 */
export function profileEnv(baseEnv: NodeJS.ProcessEnv, name: string, profile: ProfileConfig): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  if (profile.baseUrl) env.ANTHROPIC_BASE_URL = profile.baseUrl;
  if (profile.keyEnv) {
    const key = baseEnv[profile.keyEnv];
    if (!key)
      throw new CrError(
        `profile "${name}" takes its key from ${profile.keyEnv}, which is not set; export ${profile.keyEnv} or pick another profile`,
        EXIT.usage,
      );
    const target = KEY_VARS[profile.keyAs ?? 'authToken'];
    const other = target === KEY_VARS.authToken ? KEY_VARS.apiKey : KEY_VARS.authToken;
    env[target] = key;
    env[other] = '';
  } else if (profile.baseUrl) {
    delete env.ANTHROPIC_API_KEY;
    delete env.ANTHROPIC_AUTH_TOKEN;
  }
  for (const tier of TIERS) {
    const model = profile.models?.[tier];
    if (model) env[MODEL_VARS[tier]] = model;
  }
  Object.assign(env, profile.env ?? {});
  return env;
}

/** A base URL fit to show: no user name or password, no query (either may carry a token). */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    const query = parsed.search !== '';
    parsed.search = '';
    parsed.hash = '';
    const text = parsed.toString();
    return `${url.endsWith('/') || !text.endsWith('/') ? text : text.slice(0, -1)}${query ? '?[redacted]' : ''}`;
  } catch {
    return redactSecrets(url);
  }
}

/**
 * What a profile sets, fit to show: the key as a reference to its variable (`$OPENROUTER_API_KEY`),
 * values of secret-looking variables in `env` as [redacted]. Keys are variable names, in the order set.
 */
export function profileEnvShown(profile: ProfileConfig): Record<string, string> {
  const shown: Record<string, string> = {};
  if (profile.baseUrl) shown.ANTHROPIC_BASE_URL = displayUrl(profile.baseUrl);
  if (profile.keyEnv) {
    const target = KEY_VARS[profile.keyAs ?? 'authToken'];
    shown[target] = `$${profile.keyEnv}`;
    shown[target === KEY_VARS.authToken ? KEY_VARS.apiKey : KEY_VARS.authToken] = '';
  }
  for (const tier of TIERS) {
    const model = profile.models?.[tier];
    if (model) shown[MODEL_VARS[tier]] = model;
  }
  for (const [k, v] of Object.entries(profile.env ?? {}))
    shown[k] = isSecretVarName(k) ? '[redacted]' : redactSecrets(v);
  return shown;
}

/**
 * The variables a profile takes out of claude's environment (profileEnv): with a `baseUrl` and no
 * `keyEnv`, the user's own Anthropic credentials, so that they never reach the other server.
 */
export function profileEnvRemoved(profile: ProfileConfig): string[] {
  if (!profile.baseUrl || profile.keyEnv) return [];
  // A variable the profile's own `env` sets again is not removed (profileEnv assigns `env` last).
  return [KEY_VARS.apiKey, KEY_VARS.authToken].filter((k) => profile.env?.[k] === undefined);
}

/**
 * The environment prefix of a printed command: `NAME=value …`, a key as "$VAR", preceded by
 * `env -u NAME …` for variables the profile removes, so that the printed line, run as it is, gives
 * claude the environment a launch would.
 */
export function formatEnvPrefix(
  shown: Record<string, string>,
  quote: (word: string) => string,
  removed: readonly string[] = [],
): string {
  const unset = removed.length ? [`env ${removed.map((k) => `-u ${k}`).join(' ')}`] : [];
  return [
    ...unset,
    ...Object.entries(shown).map(([k, v]) => `${k}=${/^\$[A-Za-z_]\w*$/.test(v) ? `"${v}"` : quote(v)}`),
  ].join(' ');
}

/** The secret values to keep out of every output: key variables in the environment and each profile's keyEnv. */
export function profileSecrets(env: NodeJS.ProcessEnv, profiles: Record<string, ProfileConfig>): string[] {
  return secretValues(
    env,
    Object.values(profiles).flatMap((p) => (p.keyEnv ? [p.keyEnv] : [])),
  );
}
