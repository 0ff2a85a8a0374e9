import { join } from 'node:path';
import { priceForModel, type Prices } from './prices.js';
import { readTranscriptFile, transcriptRoots } from './read-transcripts.js';

const { existsSync, readdirSync } = process.getBuiltinModule('node:fs');

/** The transcript file of one session: `<root>/<project>/<sessionId>.jsonl`. */
export function sessionTranscript(
  env: Record<string, string | undefined>,
  home: string,
  sessionId: string,
): string | undefined {
  for (const root of transcriptRoots(env, home)) {
    let projects: string[];
    try {
      projects = readdirSync(root);
    } catch {
      continue;
    }
    for (const project of projects) {
      const file = join(root, project, `${sessionId}.jsonl`);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

/**
 * The size of the session's context at its last turn: what the last main-session call read,
 * cached or not. A model switch re-reads this much without the cache.
 */
export function lastContextTokens(
  env: Record<string, string | undefined>,
  home: string,
  sessionId: string,
): number | undefined {
  const file = sessionTranscript(env, home, sessionId);
  if (!file) return undefined;
  let last: number | undefined;
  readTranscriptFile(file, 0, (entry) => {
    if (entry.sessionId !== undefined && entry.sessionId !== sessionId) return;
    const t = entry.tokens;
    last = t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h;
  });
  return last;
}

/** USD per million input tokens for a model string (alias or id), from config prices. */
export function inputPriceFor(model: string, prices: Prices): number | undefined {
  return priceForModel(model, prices)?.input;
}
