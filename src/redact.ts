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
  return out;
}
