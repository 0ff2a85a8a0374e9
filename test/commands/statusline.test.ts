// Black-box: cr statusline with the JSON Claude Code passes on stdin, a transcript and cr's history.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorld, type Sandbox } from '../support/world.js';
import { assistantLine } from '../usage/transcripts.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

const SESSION = '5d0c8f3e-2b7a-4c61-9a0e-7f1d2c3b4a59';
const NOW = '2026-11-26T15:00:00Z';

function transcript(): string {
  const file = path.join(w.home, '.claude', 'projects', '-home-dev-proj', `${SESSION}.jsonl`);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

const answer = (id: string, model: string, input: number, output: number) =>
  `${assistantLine({ sessionId: SESSION, id, model, usage: { input, output }, timestamp: '2026-11-26T14:00:00Z' })}\n`;

function statusJson(file: string, model = 'claude-sonnet-5-5'): Buffer {
  return Buffer.from(
    JSON.stringify({
      session_id: SESSION,
      transcript_path: file,
      cwd: w.project,
      model: { id: model, display_name: 'Sonnet 5.5' },
      workspace: { current_dir: w.project, project_dir: w.project },
      version: '2.1.332',
      cost: { total_cost_usd: 0.5 },
    }),
  );
}

function routed(tier: string, rule: string): void {
  const record = {
    v: 1,
    type: 'decision',
    id: `d-${rule}`,
    time: NOW,
    cwd: w.project,
    kind: 'route',
    tier,
    model: tier,
    rule,
    confidence: 0.9,
    sessionId: SESSION,
  };
  mkdirSync(path.dirname(w.env.CR_HISTORY_FILE!), { recursive: true });
  appendFileSync(w.env.CR_HISTORY_FILE!, `${JSON.stringify(record)}\n`);
}

describe('cr statusline', () => {
  it('routed tier and rule, this session’s spend from its transcript, the budget left today', async () => {
    const file = transcript();
    // 1M input and 100k output tokens on Sonnet: $3 + $1.50.
    writeFileSync(file, answer('m1', 'claude-sonnet-5-5', 1_000_000, 100_000));
    routed('sonnet', 'task-type');
    w.write(w.globalFile, { budget: { daily: 20 } });
    const r = await w.cr(['statusline'], { input: statusJson(file), env: { CR_NOW: NOW, TZ: 'UTC' } });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('cr sonnet (task-type) · $4.50 this session · $15.50 of $20.00 left today\n');
    // The next call reads only the new turn, kept since in cr's cache folder.
    appendFileSync(file, answer('m2', 'claude-sonnet-5-5', 1_000_000, 0));
    const again = await w.cr(['statusline'], { input: statusJson(file), env: { CR_NOW: NOW, TZ: 'UTC' } });
    expect(again.stdout).toBe('cr sonnet (task-type) · $7.50 this session · $12.50 of $20.00 left today\n');
    expect(existsSync(path.join(w.env.CR_CACHE_DIR!, 'statusline', `${SESSION}.json`))).toBe(true);
  });

  it('marks a session whose answers come from another model than cr routed it to', async () => {
    const file = transcript();
    writeFileSync(file, answer('m1', 'claude-opus-5-5', 10, 10));
    routed('sonnet', 'task-type');
    const r = await w.cr(['statusline'], { input: statusJson(file) });
    expect(r.stdout).toMatch(/^cr sonnet \(task-type\) ⚠ opus answering · /);
  });

  it('the latest decision for the session wins (cr up moved it), and a session cr did not start says so', async () => {
    const file = transcript();
    writeFileSync(file, answer('m1', 'claude-opus-5-5', 10, 10));
    expect((await w.cr(['statusline'], { input: statusJson(file) })).stdout).toMatch(
      /^cr: not routed · <\$0\.01 this session\n$/,
    );
    routed('sonnet', 'task-type');
    routed('opus', 'escalation');
    expect((await w.cr(['statusline'], { input: statusJson(file) })).stdout).toMatch(/^cr opus \(escalation\) · /);
  });

  it('never fails the status bar: a short line and exit 0 on bad input or a bad config', async () => {
    for (const input of [
      'not json',
      '[]',
      '{}',
      JSON.stringify({ session_id: '../../etc' }),
      JSON.stringify({ session_id: '..' }),
    ]) {
      const r = await w.cr(['statusline'], { input: Buffer.from(input) });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^cr: no status \([^\n]+\)\n$/);
    }
    w.write(w.globalFile, '{ "budget": ');
    const file = transcript();
    writeFileSync(file, answer('m1', 'claude-sonnet-5-5', 10, 10));
    const r = await w.cr(['statusline'], { input: statusJson(file) });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^cr: no status \(.*invalid JSON/);
  });
});
