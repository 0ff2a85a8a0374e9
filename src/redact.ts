/** Shapes of secrets that must never reach history, explanations or printed commands. */
const SECRET_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/g, // Anthropic, OpenAI, OpenRouter style keys
  /\b(?:Bearer|bearer)\s+[A-Za-z0-9._~+/=-]{16,}/g,
  /\b(?:ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{20,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\b(?:api[_-]?key|token|secret|password)\s*[=:]\s*["']?[^\s"']{12,}/gi,
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, (m) => `${m.slice(0, Math.min(6, m.indexOf(' ') > 0 ? m.indexOf(' ') + 1 : 3))}[redacted]`);
  // Credentials inside URLs: user:password@ and key-like query parameters.
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@'"]+:[^/\s@'"]+@/gi, '$1[redacted]@');
  out = out.replace(/([?&](?:key|api[_-]?key|token|access[_-]?token|auth|secret|password|sig)=)[^&#\s"']+/gi, '$1[redacted]');
  return out;
}

/** Environment variables whose values are keys or tokens, by name. */
const KNOWN_KEY_VARS = new Set(['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'OPENROUTER_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN']);

/** Whether an environment variable's name says its value is a credential. */
export function isSecretVarName(name: string): boolean {
  return KNOWN_KEY_VARS.has(name) || /(?:_API_KEY|_TOKEN|_SECRET|_PASSWORD|^API_KEY|_AUTH_KEY)$/i.test(name);
}

/**
 * The values of key variables in the environment (the known ones, `*_API_KEY`, `*_TOKEN`, and every
 * name in `keyEnvs`, e.g. each profile's keyEnv). Short values are left out: they would redact ordinary words.
 */
export function secretValues(env: NodeJS.ProcessEnv, keyEnvs: Iterable<string> = []): string[] {
  const names = new Set(keyEnvs);
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 8 && (names.has(name) || isSecretVarName(name))) values.add(value);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replaces the given secret values, then every secret-shaped string. */
export function redactKnownValues(text: string, known: readonly string[]): string {
  let out = text;
  for (const value of known) if (out.includes(value)) out = out.split(value).join('[redacted]');
  return redactSecrets(out);
}

/**
 * Every string inside a JSON-like value, redacted (so that JSON output stays valid); the value of a
 * secret-named key (`"ANTHROPIC_AUTH_TOKEN": "…"` in a profile's env) too, unless it only names a variable ("$VAR").
 */
export function redactDeep<T>(value: T, known: readonly string[]): T {
  if (typeof value === 'string') return redactKnownValues(value, known) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, known)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && v !== '' && isSecretVarName(k) && !/^\$\w+$/.test(v) ? '[redacted]' : redactDeep(v, known)]),
    ) as T;
  }
  return value;
}
