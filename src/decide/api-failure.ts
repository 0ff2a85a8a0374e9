// Whether a print-mode attempt failed because the API or the connection to it failed, as claude
// reports it: HTTP 5xx, 529 overloaded, a time-out, a connection error. Only such a failure is worth
// running the task again (on the next tier up, or on the fallback provider): an answer's wording, a
// question back, a refusal, a 4xx (auth, rate limit, a prompt too long) or claude's own usage error
// would fail the same way again. Pure.
//
// Claude Code 2.1.332 in print mode exits 1 on such a failure (and only then is text output read for
// one) and prints its message on stdout:
// "API Error: 500 Internal server error…", "API Error: 529 Overloaded…", "API Error: Connection
// refused … (ECONNREFUSED)", "Request timed out…". With --output-format json it prints one object with
// is_error true, terminal_reason "api_error", api_error_status (500, 529; null for a time-out or a
// connection error) and api_error "connection_failed" for a connection error. A model's refusal
// (stop_reason "refusal") also ends as an "API Error:" with is_error, and is not retried.

export interface AttemptOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputFormat: 'text' | 'json' | 'stream-json';
}

/** What failed: the provider answered 5xx or 529, did not answer in time, or could not be reached. */
export interface ApiFailure {
  kind: 'overloaded' | 'server-error' | 'timeout' | 'connection';
  /** The HTTP status, when claude or the text names one. */
  status?: number;
}

/** The fields of claude's --output-format json result that say what failed. */
interface JsonResult {
  result?: unknown;
  is_error?: unknown;
  stop_reason?: unknown;
  api_error_status?: unknown;
  api_error?: unknown;
}

const serverError = (status: number): ApiFailure =>
  status === 529 ? { kind: 'overloaded', status } : { kind: 'server-error', status };

/** Failures in a provider's or claude's words, for text output and for gateways that word them their own way. */
const TEXT_PATTERNS: [RegExp, (m: RegExpExecArray) => ApiFailure][] = [
  [/overloaded_error|\b529\b[^\n]{0,40}overloaded|\boverloaded\b[^\n]{0,40}\b529\b/i, () => serverError(529)],
  [/API Error:?\s*\(?\s*(5\d\d)\b/i, (m) => serverError(Number(m[1]))],
  [/\b(?:status(?: code)?|HTTP(?:\/\d(?:\.\d)?)?)[:\s]+(5\d\d)\b/i, (m) => serverError(Number(m[1]))],
  [
    /\b(5\d\d)\b[^\n]{0,10}(?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)/i,
    (m) => serverError(Number(m[1])),
  ],
  [/\b(?:api_error|internal_server_error|service_unavailable)\b/, () => ({ kind: 'server-error' })],
  [/(?:^|API Error:?\s*)Request timed out\b/im, () => ({ kind: 'timeout' })],
  [/API Error:?\s*\(?\s*(?:Connection error|fetch failed)/i, () => ({ kind: 'connection' })],
  [
    /\b(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)\b|socket hang up/,
    () => ({ kind: 'connection' }),
  ],
];

function fromText(text: string): ApiFailure | undefined {
  for (const [pattern, failure] of TEXT_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return failure(match);
  }
  return undefined;
}

/** Long output: its start and its end, where claude puts an error. */
const ends = (s: string) => (s.length > 16_384 ? `${s.slice(0, 8192)}\n${s.slice(-8192)}` : s);

/** The API or transport failure an attempt ended with; undefined when it did not fail, or failed otherwise. */
export function apiFailure(attempt: AttemptOutput): ApiFailure | undefined {
  if (attempt.outputFormat === 'json') {
    let parsed: JsonResult | undefined;
    try {
      parsed = JSON.parse(attempt.stdout) as JsonResult;
    } catch {
      // not JSON: read it as text below
    }
    if (parsed && typeof parsed === 'object') {
      if (parsed.is_error !== true && attempt.exitCode === 0) return undefined;
      if (parsed.stop_reason === 'refusal') return undefined;
      if (typeof parsed.api_error_status === 'number')
        return parsed.api_error_status >= 500 ? serverError(parsed.api_error_status) : undefined;
      if (parsed.api_error === 'connection_failed') return { kind: 'connection' };
      const result = typeof parsed.result === 'string' ? parsed.result : '';
      return fromText(ends(`${result}\n${attempt.stderr}`));
    }
  }
  // Claude Code ends an API or transport failure with exit code 1. Any other code (its own usage
  // error is 1 too, told apart by the words) is a run that ended otherwise, whatever its output says
  // ("the server returned HTTP 500 because of a null pointer" is an answer, not an outage).
  if (attempt.exitCode !== 1) return undefined;
  return fromText(ends(`${attempt.stdout}\n${attempt.stderr}`));
}
