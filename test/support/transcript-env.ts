// The environment of a black-box test that reads Claude Code transcripts with cr (stats, history):
// everything cr reads or writes under `root`, transcripts under root/claude, a fixed clock and zone.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export function transcriptTestEnv(root: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: path.join(root, 'home'),
    XDG_STATE_HOME: path.join(root, 'state'),
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_CACHE_HOME: path.join(root, 'cache'),
    CR_CACHE_DIR: path.join(root, 'cache', 'claude-router'),
    CR_HISTORY_FILE: path.join(root, 'history.jsonl'),
    CLAUDE_CONFIG_DIR: path.join(root, 'claude'),
    CR_NOW: '2026-11-26T12:00:00Z',
    TZ: 'UTC',
    NO_COLOR: '1',
  };
}

/** Appends lines to a session's transcript in that environment (project "-work-p"); its path. */
export function appendTranscript(root: string, sessionId: string, lines: string[], rel = `${sessionId}.jsonl`): string {
  const file = path.join(root, 'claude', 'projects', '-work-p', rel);
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
