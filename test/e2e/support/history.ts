// Reads cr's JSON Lines history and claude's transcripts the way the tests need them.
import { readFile } from 'node:fs/promises';
import type { DecisionRecord, HistoryRecord, OutcomeRecord } from '../../../src/history/records.js';

export type { DecisionRecord, HistoryRecord, OutcomeRecord };

export async function readHistory(file: string): Promise<HistoryRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as HistoryRecord);
}

export async function decisions(file: string): Promise<DecisionRecord[]> {
  return (await readHistory(file)).filter((r): r is DecisionRecord => r.type === 'decision');
}

export async function outcomes(file: string): Promise<OutcomeRecord[]> {
  return (await readHistory(file)).filter((r): r is OutcomeRecord => r.type === 'outcome');
}

export interface TranscriptUsage {
  model: string;
  messageId: string;
  requestId: string | undefined;
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

/** The assistant lines of a transcript, one per message id + request id. */
export async function transcriptUsage(file: string): Promise<TranscriptUsage[]> {
  const seen = new Set<string>();
  const out: TranscriptUsage[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    let obj: {
      type?: string;
      requestId?: string;
      message?: { id?: string; model?: string; usage?: Record<string, number> };
    };
    try {
      obj = JSON.parse(line);
    } catch {
      continue;
    }
    if (obj.type !== 'assistant' || !obj.message?.usage) continue;
    const key = `${obj.message.id}|${obj.requestId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const u = obj.message.usage;
    out.push({
      model: obj.message.model ?? '',
      messageId: obj.message.id ?? '',
      requestId: obj.requestId,
      input: u.input_tokens ?? 0,
      output: u.output_tokens ?? 0,
      cacheRead: u.cache_read_input_tokens ?? 0,
      cacheCreation: u.cache_creation_input_tokens ?? 0,
    });
  }
  return out;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The model family of a resolved model id, by substring; never compare exact ids. */
export function family(model: string | undefined): 'opus' | 'sonnet' | 'haiku' | 'unknown' {
  const m = (model ?? '').toLowerCase();
  if (m.includes('opus')) return 'opus';
  if (m.includes('sonnet')) return 'sonnet';
  if (m.includes('haiku')) return 'haiku';
  return 'unknown';
}
