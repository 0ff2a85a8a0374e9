// A loopback stand-in for the Anthropic Messages API, good enough for the real
// `claude` binary in print and interactive mode. Listens on 127.0.0.1 only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Full request URL (path + query). */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** Value of the `x-claude-code-session-id` header, if any. */
  sessionId: string | undefined;
  /** Parsed JSON body (undefined when there was none or it did not parse). */
  body: MessagesRequestBody | undefined;
  /** `body.model`, for convenience. */
  model: string | undefined;
  /** Whether the request asked for a stream. */
  stream: boolean;
  /** What the stand-in answered with. */
  status: number;
}

export interface MessagesRequestBody {
  model?: string;
  stream?: boolean;
  messages?: Array<{ role: string; content: unknown }>;
  system?: unknown;
  max_tokens?: number;
  [key: string]: unknown;
}

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** What to answer to one `POST /v1/messages`. */
export type ScriptedReply =
  /** `model`: the model the answer says it came from (default: the one asked for). */
  | { kind?: 'text'; text?: string | string[]; usage?: Partial<Usage>; stopReason?: string; model?: string }
  /** A tool call (e.g. the Agent tool, to make claude start a subagent); stop reason tool_use. */
  | { kind: 'tool_use'; name: string; input: Record<string, unknown>; usage?: Partial<Usage> }
  | { kind: 'refusal'; text?: string; usage?: Partial<Usage> }
  | { kind: 'error'; status: number; errorType?: string; message?: string };

export interface ScriptContext {
  /** 0-based index among all `POST /v1/messages` requests so far. */
  index: number;
  /** 0-based index among the streaming `POST /v1/messages` requests (the turns). */
  streamIndex: number;
  request: RecordedRequest;
}

export type Script = (ctx: ScriptContext) => ScriptedReply | undefined;

export interface StandInOptions {
  /** Default reply text. */
  text?: string;
  /** Default usage. */
  usage?: Partial<Usage>;
  script?: Script;
}

export interface StandIn {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** Every request in arrival order. */
  requests: RecordedRequest[];
  /** Only `POST /v1/messages` requests. */
  messageRequests(): RecordedRequest[];
  /** Only the streaming `POST /v1/messages` requests: one per conversation turn. */
  turnRequests(): RecordedRequest[];
  setScript(script: Script | undefined): void;
  /** Resolves once `count` turn requests have arrived (or rejects after timeoutMs). */
  waitForTurns(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export const DEFAULT_USAGE: Usage = {
  input_tokens: 100,
  output_tokens: 20,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
};

export const REFUSAL_TEXT = "I can't help with that request.";

function errorTypeFor(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return 'api_error';
  }
}

function sse(res: http.ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  let script: Script | undefined = options.script;
  let messageIndex = 0;
  let streamIndex = 0;
  const waiters = new Set<() => void>();
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const path = url.split('?')[0] ?? '/';
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: MessagesRequestBody | undefined;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw) as MessagesRequestBody;
        } catch {
          body = undefined;
        }
      }
      const header = req.headers['x-claude-code-session-id'];
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        url,
        headers: req.headers,
        sessionId: Array.isArray(header) ? header[0] : header,
        body,
        model: typeof body?.model === 'string' ? body.model : undefined,
        stream: body?.stream === true,
        status: 200,
      };
      requests.push(record);

      if (record.method === 'HEAD' || record.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(record.method === 'GET' ? '{}' : undefined);
        notify();
        return;
      }
      if (record.method !== 'POST' || !/\/v1\/messages$/.test(path)) {
        // count_tokens and anything else: a harmless answer.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(path.endsWith('/count_tokens') ? '{"input_tokens":10}' : '{}');
        notify();
        return;
      }

      const ctx: ScriptContext = { index: messageIndex++, streamIndex, request: record };
      if (record.stream) streamIndex++;
      const reply: ScriptedReply = script?.(ctx) ?? {};
      answer(record, reply, res);
      notify();
    });
  });

  function answer(record: RecordedRequest, reply: ScriptedReply, res: http.ServerResponse): void {
    if (reply.kind === 'error') {
      record.status = reply.status;
      res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': `req_${randomUUID()}` });
      res.end(
        JSON.stringify({
          type: 'error',
          error: {
            type: reply.errorType ?? errorTypeFor(reply.status),
            message: reply.message ?? (reply.status === 529 ? 'Overloaded' : 'Internal server error'),
          },
        }),
      );
      return;
    }
    const parts =
      reply.kind === 'tool_use'
        ? []
        : reply.kind === 'refusal'
          ? [reply.text ?? REFUSAL_TEXT]
          : Array.isArray(reply.text)
            ? reply.text
            : [reply.text ?? options.text ?? 'OK from the stand-in.'];
    const usage: Usage = { ...DEFAULT_USAGE, ...options.usage, ...reply.usage };
    // As the real API does: the cache write broken down by lifetime (all 5-minute here).
    const wireUsage = {
      ...usage,
      cache_creation: {
        ephemeral_5m_input_tokens: usage.cache_creation_input_tokens ?? 0,
        ephemeral_1h_input_tokens: 0,
      },
    };
    const stopReason =
      reply.kind === 'tool_use'
        ? 'tool_use'
        : reply.kind === 'refusal'
          ? 'end_turn'
          : ((reply as { stopReason?: string }).stopReason ?? 'end_turn');
    const model =
      (reply.kind === undefined || reply.kind === 'text' ? reply.model : undefined) ??
      record.model ??
      'claude-stand-in';
    const id = `msg_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const requestId = `req_${randomUUID().replace(/-/g, '').slice(0, 24)}`;

    if (!record.stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
      res.end(
        JSON.stringify({
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [{ type: 'text', text: parts.join('') }],
          stop_reason: stopReason,
          stop_sequence: null,
          usage: wireUsage,
        }),
      );
      return;
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'request-id': requestId,
    });
    sse(res, 'message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...wireUsage, output_tokens: 1 },
      },
    });
    if (reply.kind === 'tool_use') {
      sse(res, 'content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: {
          type: 'tool_use',
          id: `toolu_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
          name: reply.name,
          input: {},
        },
      });
      sse(res, 'content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(reply.input) },
      });
    } else {
      sse(res, 'content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      });
      for (const text of parts) {
        sse(res, 'content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
      }
    }
    sse(res, 'content_block_stop', { type: 'content_block_stop', index: 0 });
    sse(res, 'message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    });
    sse(res, 'message_stop', { type: 'message_stop' });
    res.end();
  }

  function notify(): void {
    for (const w of [...waiters]) w();
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const messageRequests = (): RecordedRequest[] =>
    requests.filter((r) => r.method === 'POST' && /\/v1\/messages$/.test(r.path));
  const turnRequests = (): RecordedRequest[] => messageRequests().filter((r) => r.stream);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    messageRequests,
    turnRequests,
    setScript(next) {
      script = next;
    },
    waitForTurns(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const turns = turnRequests();
          if (turns.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(turns);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`stand-in: waited ${timeoutMs} ms for ${count} turn request(s), saw ${turnRequests().length}`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
}
