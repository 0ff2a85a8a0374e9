// Builders for Claude Code transcript lines with known usage, for tests.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface Usage {
  input: number;
  output: number;
  write5m?: number;
  write1h?: number;
  read?: number;
  /** Leave out the cache_creation split (older transcripts). */
  noSplit?: boolean;
}

export interface AssistantOptions {
  sessionId: string;
  model?: string;
  id: string;
  requestId?: string;
  usage: Usage;
  timestamp?: string;
  cwd?: string;
  text?: string;
}

export function assistantLine(o: AssistantOptions): string {
  const w5 = o.usage.write5m ?? 0;
  const w1 = o.usage.write1h ?? 0;
  const usage: Record<string, unknown> = {
    input_tokens: o.usage.input,
    cache_creation_input_tokens: w5 + w1,
    cache_read_input_tokens: o.usage.read ?? 0,
    output_tokens: o.usage.output,
  };
  if (!o.usage.noSplit) usage.cache_creation = { ephemeral_5m_input_tokens: w5, ephemeral_1h_input_tokens: w1 };
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    cwd: o.cwd ?? '/home/dev/proj',
    sessionId: o.sessionId,
    version: '2.1.332',
    message: {
      model: o.model ?? 'claude-sonnet-5-5',
      id: o.id,
      type: 'message',
      role: 'assistant',
      content: [
        { type: 'text', text: o.text ?? 'Done. "usage": {"input_tokens": 999999} \\ and "content": [ {' },
        {
          type: 'tool_use',
          id: 'toolu_1',
          name: 'Edit',
          input: { usage: { input_tokens: 5 }, model: 'claude-opus-4-7', content: ['x'] },
        },
      ],
      stop_reason: 'end_turn',
      usage,
    },
    requestId: o.requestId ?? `req_${o.id}`,
    type: 'assistant',
    uuid: `u-${o.id}`,
    timestamp: o.timestamp ?? '2026-11-20T10:00:00.000Z',
  });
}

export function userLine(sessionId: string, text: string): string {
  return JSON.stringify({
    type: 'user',
    sessionId,
    message: { role: 'user', content: text },
    timestamp: '2026-11-20T09:59:00.000Z',
  });
}

export async function tempDir(prefix = 'cr-usage-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Writes lines (each followed by a newline unless `noFinalNewline`) to root/<project>/<rel>. */
export async function writeTranscript(
  root: string,
  rel: string,
  lines: string[],
  noFinalNewline = false,
): Promise<string> {
  const file = path.join(root, '-home-dev-proj', rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, lines.join('\n') + (noFinalNewline ? '' : '\n'));
  return file;
}
