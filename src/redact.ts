/** Keeps a few characters of a secret so that a reader sees what kind it was. */
const keepPrefix = (m: string) => `${m.slice(0, Math.min(6, m.indexOf(' ') > 0 ? m.indexOf(' ') + 1 : 3))}[redacted]`;

/**
 * Shapes of secrets that must never reach history, explanations or printed commands. Each comes
 * with a test that is false only for text no match can be in (a substring every match contains is
 * missing; `lower` gives the text lower-cased): most text cr redacts has no secret, and running all
 * nine expressions over it cost more than the rest of an explanation. A replacement never makes
 * such a substring appear. test/redact.test.ts compares the result with running every expression.
 */
const SECRET_PATTERNS: ReadonlyArray<{
  pattern: RegExp;
  replace: string | ((m: string, ...groups: string[]) => string);
  mayMatch: (text: string, lower: () => string) => boolean;
}> = [
  // Anthropic, OpenAI, OpenRouter style keys
  { pattern: /\bsk-[A-Za-z0-9_-]{16,}/g, replace: keepPrefix, mayMatch: (t) => t.includes('sk-') },
  {
    pattern: /\b(?:Bearer|bearer)\s+[A-Za-z0-9._~+/=-]{16,}/g,
    replace: keepPrefix,
    mayMatch: (t) => t.includes('earer'),
  },
  {
    pattern: /\b(?:ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{20,}/g,
    replace: keepPrefix,
    mayMatch: (t) => t.includes('gh') || t.includes('github_pat'),
  },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/g, replace: keepPrefix, mayMatch: (t) => t.includes('AKIA') },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, replace: keepPrefix, mayMatch: (t) => t.includes('xox') },
  {
    pattern: /\b(?:api[_-]?key|token|secret|password)\s*[=:]\s*["']?[^\s"']{12,}/gi,
    replace: keepPrefix,
    mayMatch: (t, lower) =>
      (t.includes('=') || t.includes(':')) && ['key', 'token', 'secret', 'password'].some((n) => lower().includes(n)),
  },
  // Credentials inside URLs: user:password@.
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@'"]+:[^/\s@'"]+@/gi,
    replace: '$1[redacted]@',
    mayMatch: (t) => t.includes('://') && t.includes('@'),
  },
  // Key-like query parameters.
  {
    pattern: /([?&](?:key|api[_-]?key|token|access[_-]?token|auth|secret|password|sig)=)[^&#\s"']+/gi,
    replace: '$1[redacted]',
    mayMatch: (t) => t.includes('=') && (t.includes('?') || t.includes('&')),
  },
  // NAME=value as typed in a shell (`export ANTHROPIC_API_KEY=…`, `set DB_PASSWORD=…`), when the
  // name says it holds a credential; a reference to another variable ($OTHER), an empty value ('' or
  // "", which unsets a key) and a value already redacted stay.
  {
    pattern: /\b([A-Za-z_][A-Za-z0-9_]*)([ \t]*=[ \t]*)("[^"\n]*"|'[^'\n]*'|[^\s"'&;|]+)/g,
    replace: (m, name, equals, value) =>
      isSecretVarName(name!) && !/^["']?(?:\$\w+|\[redacted\])?["']?$/.test(value!) ? `${name}${equals}[redacted]` : m,
    mayMatch: (t, lower) =>
      t.includes('=') && ['key', 'token', 'secret', 'passw', 'credential'].some((n) => lower().includes(n)),
  },
];

export function redactSecrets(text: string): string {
  let out = text;
  let lowered: string | undefined;
  const lower = () => (lowered ??= out.toLowerCase());
  for (const { pattern, replace, mayMatch } of SECRET_PATTERNS) {
    if (!mayMatch(out, lower)) continue;
    const next = typeof replace === 'string' ? out.replace(pattern, replace) : out.replace(pattern, replace);
    if (next !== out) {
      out = next;
      lowered = undefined;
    }
  }
  return out;
}

/** Environment variables whose values are keys or tokens, by name. */
const KNOWN_KEY_VARS = new Set([
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'OPENROUTER_API_KEY',
  'CLAUDE_CODE_OAUTH_TOKEN',
]);

/**
 * Whether an environment variable's name says its value is a credential: a known one, or a name
 * with KEY, TOKEN, SECRET, PASSWORD or CREDENTIALS as one of its `_`-separated words
 * (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN, DB_PASSWORD, api_key).
 */
export function isSecretVarName(name: string): boolean {
  return (
    KNOWN_KEY_VARS.has(name) || /(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)(?:_|$)/i.test(name)
  );
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
      Object.entries(value).map(([k, v]) => [
        k,
        typeof v === 'string' && v !== '' && isSecretVarName(k) && !/^\$\w+$/.test(v)
          ? '[redacted]'
          : redactDeep(v, known),
      ]),
    ) as T;
  }
  return value;
}
