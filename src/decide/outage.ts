// Whether a failed claude attempt failed because the provider did not answer (an outage), so that
// another provider may: connection errors, HTTP 5xx, 529 overloaded. Pure.

export interface OutageInput {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputFormat: 'text' | 'json' | 'stream-json';
}

export interface OutageVerdict {
  outage: boolean;
  reason: string;
}

const OUTAGE_PATTERNS: [RegExp, string][] = [
  [
    /overloaded_error|\b529\b[^\n]{0,40}overloaded|\boverloaded\b[^\n]{0,40}\b529\b/i,
    'the provider is overloaded: 529',
  ],
  [/API Error:?\s*\(?\s*5\d\d\b/i, 'the provider answered with a server error: 5xx'],
  [/\b(?:status(?: code)?|HTTP(?:\/\d(?:\.\d)?)?)[:\s]+5\d\d\b/i, 'the provider answered with a server error: 5xx'],
  [
    /\b5\d\d\b[^\n]{0,10}(?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)/i,
    'the provider answered with a server error: 5xx',
  ],
  [/\b(?:api_error|internal_server_error|service_unavailable)\b/, 'the provider answered with a server error: 5xx'],
  [/API Error:?\s*\(?\s*(?:Connection error|Request timed out|fetch failed)/i, 'could not connect to the provider'],
  [
    /\b(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)\b|socket hang up/,
    'could not connect to the provider',
  ],
];

/** The text claude reported the failure in: JSON output's `result` (with is_error), else stdout and stderr. */
function failureText(input: OutageInput): { failed: boolean; text: string } {
  const head = (s: string) => (s.length > 16_384 ? `${s.slice(0, 8192)}\n${s.slice(-8192)}` : s);
  if (input.outputFormat === 'json') {
    try {
      const parsed = JSON.parse(input.stdout) as { result?: unknown; is_error?: unknown };
      const isError = parsed.is_error === true;
      const result = typeof parsed.result === 'string' ? parsed.result : '';
      return { failed: isError || input.exitCode !== 0, text: head(`${result}\n${input.stderr}`) };
    } catch {
      // not JSON: read it as text
    }
  }
  return { failed: input.exitCode !== 0, text: head(`${input.stdout}\n${input.stderr}`) };
}

/** An outage only when the attempt failed (non-zero exit or an error result) and said why in a provider's words. */
export function classifyOutage(input: OutageInput): OutageVerdict {
  const { failed, text } = failureText(input);
  if (!failed) return { outage: false, reason: 'the attempt did not fail' };
  for (const [pattern, reason] of OUTAGE_PATTERNS) if (pattern.test(text)) return { outage: true, reason };
  return { outage: false, reason: 'the failure does not look like an outage' };
}
