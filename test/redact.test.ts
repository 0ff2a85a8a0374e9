// redactSecrets skips an expression when the text lacks a substring every match of it contains.
// The result must be exactly that of running every expression, as before that shortcut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSecretVarName, redactSecrets } from '../src/redact.js';

/** The redaction as it was written before the shortcut: every expression, always. */
function reference(text: string): string {
  const patterns = [
    /\bsk-[A-Za-z0-9_-]{16,}/g,
    /\b(?:Bearer|bearer)\s+[A-Za-z0-9._~+/=-]{16,}/g,
    /\b(?:ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{20,}/g,
    /\bAKIA[0-9A-Z]{16}\b/g,
    /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
    /\b(?:api[_-]?key|token|secret|password)\s*[=:]\s*["']?[^\s"']{12,}/gi,
  ];
  let out = text;
  for (const pattern of patterns)
    out = out.replace(
      pattern,
      (m) => `${m.slice(0, Math.min(6, m.indexOf(' ') > 0 ? m.indexOf(' ') + 1 : 3))}[redacted]`,
    );
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@'"]+:[^/\s@'"]+@/gi, '$1[redacted]@');
  out = out.replace(
    /([?&](?:key|api[_-]?key|token|access[_-]?token|auth|secret|password|sig)=)[^&#\s"']+/gi,
    '$1[redacted]',
  );
  out = out.replace(
    /\b([A-Za-z_][A-Za-z0-9_]*)([ \t]*=[ \t]*)("[^"\n]*"|'[^'\n]*'|[^\s"'&;|]+)/g,
    (m, name, eq, value) =>
      isSecretVarName(name as string) && !/^["']?(?:\$\w+|\[redacted\])?["']?$/.test(value as string)
        ? `${name}${eq}[redacted]`
        : m,
  );
  return out;
}

const pieces = [
  'sk-',
  'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123',
  'Bearer ',
  'bearer abcdefghijklmnop.qrstuvwx',
  'ghp_',
  'github_pat_',
  'ghs_abcdefghijklmnopqrstuvwxyz',
  'AKIA',
  'AKIAABCDEFGHIJKLMNOP',
  'xoxb-1234567890-abc',
  'API_KEY=',
  'export ANTHROPIC_API_KEY=',
  'DB_PASSWORD=',
  'GITHUB_TOKEN',
  '$OTHER',
  'MONKEY=',
  'Token: ',
  'SECRET =',
  'password:"hunter2hunter2hunter2"',
  'https://',
  'user:pa55word@',
  'host.example/x',
  '?',
  '&',
  'key=',
  'sig=abc',
  'access_token=',
  '@',
  ':',
  '=',
  ' ',
  '\n',
  '"',
  "'",
  'refactor the auth module',
  'tokens',
  'KEY',
  'é',
  '😀',
  '[redacted]',
];

describe('redactSecrets', () => {
  it('redacts each kind of secret', () => {
    const text =
      'use sk-ant-api03-abcdefghijklmnopqrstuv and Bearer abcdefghijklmnopqrstu, ghp_abcdefghijklmnopqrstuvwx, AKIAABCDEFGHIJKLMNOP, xoxb-1234567890-abc, api_key=abcdefghijklmnop, https://me:pw@example.com/?token=xyz&a=1';
    const out = redactSecrets(text);
    for (const secret of ['abcdefghijklmnopqrstuv', 'ABCDEFGHIJKLMNOP', '1234567890-abc', 'me:pw@', 'token=xyz'])
      expect(out).not.toContain(secret);
    expect(out).toBe(reference(text));
  });

  it('redacts NAME=value when the name says it holds a credential, and only then', () => {
    const cases: Array<[string, string]> = [
      ['set ANTHROPIC_API_KEY=abc123 and run it', 'set ANTHROPIC_API_KEY=[redacted] and run it'],
      ['export AWS_SECRET_ACCESS_KEY="wJalr XUtnFEMI"; next', 'export AWS_SECRET_ACCESS_KEY=[redacted]; next'],
      ["DB_PASSWORD='hunter2' psql", 'DB_PASSWORD=[redacted] psql'],
      ['$env:GITHUB_TOKEN = ghx1', '$env:GITHUB_TOKEN = [redacted]'],
      ['api_key=short; ls', 'api_key=[redacted]; ls'],
      [
        'ANTHROPIC_API_KEY=$OPENROUTER_API_KEY stays a reference',
        'ANTHROPIC_API_KEY=$OPENROUTER_API_KEY stays a reference',
      ],
      ['MONKEY=banana PWD=/tmp TOKENS=5 x=1', 'MONKEY=banana PWD=/tmp TOKENS=5 x=1'],
      ["ANTHROPIC_API_KEY='' unsets it", "ANTHROPIC_API_KEY='' unsets it"],
    ];
    for (const [text, redacted] of cases) expect(redactSecrets(text), text).toBe(redacted);
  });

  it('gives exactly what running every expression gives, on random text made of secret shapes and near-misses', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 24 }),
        (parts) => {
          const text = parts.join('');
          expect(redactSecrets(text)).toBe(reference(text));
        },
      ),
      { numRuns: 3000, seed: 20261126 },
    );
  });
});
