// What claude 2.1.332 prints in print mode when a call fails, and when it does not (checked against
// the loopback stand-in): only an API or transport failure is one to run the task again for.
import { describe, expect, it } from 'vitest';
import { apiFailure, type AttemptOutput } from '../../src/decide/api-failure.js';

const text = (stdout: string, exitCode = 1, stderr = ''): AttemptOutput => ({
  exitCode,
  stdout,
  stderr,
  outputFormat: 'text',
});
/** claude's --output-format json result, with the fields that say what failed. */
const json = (fields: Record<string, unknown>, exitCode = 1): AttemptOutput => ({
  exitCode,
  stdout: `${JSON.stringify({ type: 'result', subtype: 'success', num_turns: 1, session_id: 's', ...fields })}\n`,
  stderr: '',
  outputFormat: 'json',
});
const hint = 'This is a server-side issue, usually temporary — try again in a moment.';

describe('apiFailure', () => {
  it.each<[string, AttemptOutput, ReturnType<typeof apiFailure>]>([
    ['HTTP 500', text(`API Error: 500 Internal server error. ${hint}\n`), { kind: 'server-error', status: 500 }],
    ['HTTP 503', text(`API Error: 503 Internal server error. ${hint}\n`), { kind: 'server-error', status: 503 }],
    ['HTTP 529', text(`API Error: 529 Overloaded. ${hint}\n`), { kind: 'overloaded', status: 529 }],
    [
      'connection refused',
      text('API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)\n'),
      { kind: 'connection' },
    ],
    [
      'a time-out',
      text('Request timed out. If the API is slow to answer, set API_TIMEOUT_MS above 3000.\n'),
      { kind: 'timeout' },
    ],
    [
      'JSON: 500',
      json({ is_error: true, terminal_reason: 'api_error', api_error_status: 500, result: 'API Error: 500 …' }),
      { kind: 'server-error', status: 500 },
    ],
    [
      'JSON: 529',
      json({ is_error: true, terminal_reason: 'api_error', api_error_status: 529, result: 'API Error: 529 …' }),
      { kind: 'overloaded', status: 529 },
    ],
    [
      'JSON: a connection error',
      json({
        is_error: true,
        api_error_status: null,
        api_error: 'connection_failed',
        result: 'API Error: Connection refused',
      }),
      { kind: 'connection' },
    ],
    [
      'JSON: a time-out',
      json({ is_error: true, api_error_status: null, result: 'Request timed out. If the API is slow …' }),
      { kind: 'timeout' },
    ],
  ])('%s: run again', (_, attempt, failure) => {
    expect(apiFailure(attempt)).toEqual(failure);
  });

  it.each<[string, AttemptOutput]>([
    ['an answer that found nothing', text("I couldn't find any TODO comments, so the list is empty.\n", 0)],
    ['a question back', text('Which of the two config files do you mean?\n', 0)],
    ['a refusal in words', text("I can't help with that request.\n", 0)],
    ['an answer that quotes an API error', text('API Error: 500 is what the log says\n', 0)],
    [
      'a run that ended with another exit code, whatever it says',
      text('The server returned HTTP 500 Internal Server Error because of a null pointer\n', 2),
    ],
    ['killed by a signal (143) after printing a 503', text('', 143, 'Error: 503 Service Unavailable\n')],
    [
      'JSON: an answer that found nothing',
      json({ is_error: false, api_error_status: null, result: "I couldn't find any TODO comments." }, 0),
    ],
    ["claude's usage error", text('', 1, "error: unknown option '--explian'\n")],
    ['HTTP 401', text('Failed to authenticate. API Error: 401 Internal server error\n')],
    ['HTTP 429', text('API Error: Request rejected (429) · Internal server error\n')],
    [
      'JSON: HTTP 429',
      json({
        is_error: true,
        api_error_status: 429,
        result: 'API Error: Request rejected (429) · Internal server error',
      }),
    ],
    ['a prompt too long (400)', text('Prompt is too long · this conversation is a single exchange\n')],
    [
      "the model's safeguards (stop_reason refusal)",
      json({
        is_error: true,
        stop_reason: 'refusal',
        terminal_reason: 'api_error',
        api_error_status: null,
        result: "API Error: Opus 5.5's safeguards flagged this message. Request ID: req_529a500b",
      }),
    ],
    ['a plain failure', text('', 1)],
  ])('%s: not run again', (_, attempt) => {
    expect(apiFailure(attempt)).toBeUndefined();
  });
});
