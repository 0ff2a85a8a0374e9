// Black-box: cr history and cr stats join each decision to the models that answered in its
// session's transcript, written in a temp CLAUDE_CONFIG_DIR.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCr } from '../support/run-cr.js';
import { assistantLine, userLine } from '../usage/transcripts.js';
import { appendTranscript, transcriptTestEnv } from '../support/transcript-env.js';

const id = (n: number) => `cccccccc-0000-4000-a000-00000000000${n}`;
/** Routed to sonnet; the user typed /model opus, and opus answered twice. */
const MODEL_COMMAND = id(1);
/** Routed to haiku; overloaded, --fallback-model sonnet answered once. */
const FALLBACK = id(2);
/** Routed to the alias opus; the transcript shows the full id. */
const ALIAS = id(3);
/** Routed to sonnet; its subagent ran on haiku. */
const SUBAGENT = id(4);
/** Routed to opus; sonnet answered, and the transcript says nothing about why. */
const UNEXPLAINED = id(5);
const M = 1_000_000;
let root: string;
let env: NodeJS.ProcessEnv;

const transcript = (sessionId: string, lines: string[], rel?: string) => appendTranscript(root, sessionId, lines, rel);

let n = 0;
function answer(sessionId: string, model: string, output: number, minute = 1) {
  return assistantLine({
    sessionId,
    model,
    id: `m${++n}`,
    usage: { input: 0, output },
    timestamp: `2026-11-22T10:${String(minute).padStart(2, '0')}:00Z`,
  });
}

function decision(sessionId: string, n: number, model: string, tier: string) {
  return JSON.stringify({
    v: 1,
    type: 'decision',
    id: `d${n}`,
    time: `2026-11-22T10:00:0${n}.000Z`,
    cwd: '/work/p',
    kind: 'route',
    tier,
    model,
    rule: 'task-type',
    confidence: 0.9,
    task: `task ${n}`,
    sessionId,
  });
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'cr-substitutions-'));
  mkdirSync(path.join(root, 'home'));
  env = { ...transcriptTestEnv(root), COLUMNS: '120' };
  transcript(MODEL_COMMAND, [
    answer(MODEL_COMMAND, 'claude-sonnet-5-5', M),
    userLine(
      MODEL_COMMAND,
      '<command-name>/model</command-name>\n<command-message>model</command-message>\n<command-args>opus</command-args>',
    ),
    answer(MODEL_COMMAND, 'claude-opus-4-5', M, 2),
    answer(MODEL_COMMAND, 'claude-opus-4-5', M, 3),
  ]);
  transcript(FALLBACK, [
    answer(FALLBACK, 'claude-haiku-5-5', M),
    JSON.stringify({
      type: 'system',
      subtype: 'model_fallback',
      trigger: 'overloaded',
      originalModel: 'claude-haiku-5-5',
      fallbackModel: 'claude-sonnet-5-5',
      sessionId: FALLBACK,
    }),
    answer(FALLBACK, 'claude-sonnet-5-5', M, 2),
  ]);
  transcript(ALIAS, [answer(ALIAS, 'claude-opus-4-5-20251101', M), answer(ALIAS, 'claude-opus-4-5-20251101', M, 2)]);
  transcript(SUBAGENT, [answer(SUBAGENT, 'claude-sonnet-5-5', M)]);
  transcript(SUBAGENT, [answer(SUBAGENT, 'claude-haiku-5-5', M)], `${SUBAGENT}/subagents/agent-1.jsonl`);
  transcript(UNEXPLAINED, [answer(UNEXPLAINED, 'claude-sonnet-5-5', M)]);
  writeFileSync(
    env.CR_HISTORY_FILE!,
    [
      decision(MODEL_COMMAND, 1, 'sonnet', 'sonnet'),
      decision(FALLBACK, 2, 'haiku', 'haiku'),
      decision(ALIAS, 3, 'opus', 'opus'),
      decision(SUBAGENT, 4, 'sonnet', 'sonnet'),
      decision(UNEXPLAINED, 5, 'claude-opus-4-5', 'opus'),
    ].join('\n') + '\n',
  );
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const cr = (args: string[]) => runCr(args, { cwd: root, env });

interface Substitution {
  cause: string;
  models: { model: string; turns: number; tokens: number; cost: number | null }[];
  turns: number;
  tokens: number;
  cost: number;
}

describe('cr history: routed vs answered', () => {
  it('marks the decisions whose session answered on another model, with turns and tokens per model and the cause', async () => {
    const r = await cr(['history']);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const rowOf = (task: string) => lines.findIndex((l) => l.includes(task));
    // Newest first: d5 .. d1, each substituted row followed by its note.
    expect(lines[rowOf('task 5')]).toMatch(/^2026-11-22 10:00\s+opus ⚠\s+task-type\s+task 5/);
    expect(lines[rowOf('task 5') + 1]).toBe('  ↳ answered: claude-sonnet-5-5 1 turn (1.0M tokens) (cause unknown)');
    expect(lines[rowOf('task 2') + 1]).toBe(
      '  ↳ answered: claude-haiku-5-5 1 turn (1.0M tokens) · claude-sonnet-5-5 1 turn (1.0M tokens) (fallback)',
    );
    expect(lines[rowOf('task 1') + 1]).toBe(
      '  ↳ answered: claude-opus-4-5 2 turns (2.0M tokens) · claude-sonnet-5-5 1 turn (1.0M tokens) (/model)',
    );
    // An alias and its full id, and a subagent on another model, are no substitution.
    for (const task of ['task 3', 'task 4']) {
      expect(lines[rowOf(task)]).not.toContain('⚠');
      expect(lines[rowOf(task) + 1] ?? '').not.toContain('↳');
    }
    expect(lines.filter((l) => l.includes('↳'))).toHaveLength(3);
  });

  it('--json carries what answered and the substitution', async () => {
    const r = await cr(['history', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      sessionId: string;
      answered: { model: string; turns: number }[] | null;
      substitution: Substitution | null;
    }[];
    const of = (s: string) => rows.find((x) => x.sessionId === s)!;
    expect(of(MODEL_COMMAND).substitution).toEqual({
      cause: 'model-command',
      models: [{ model: 'claude-opus-4-5', turns: 2, tokens: 2 * M, cost: 50 }],
      turns: 2,
      tokens: 2 * M,
      cost: 50,
    });
    expect(of(FALLBACK).substitution).toMatchObject({ cause: 'fallback', turns: 1, tokens: M, cost: 15 });
    expect(of(UNEXPLAINED).substitution).toMatchObject({ cause: 'unknown', models: [{ model: 'claude-sonnet-5-5' }] });
    expect(of(ALIAS)).toMatchObject({
      substitution: null,
      answered: [{ model: 'claude-opus-4-5-20251101', turns: 2 }],
    });
    expect(of(SUBAGENT)).toMatchObject({ substitution: null, answered: [{ model: 'claude-sonnet-5-5', turns: 1 }] });
  });

  it('--session shows what answered', async () => {
    const r = await cr(['history', '--session', FALLBACK]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/answered\s+⚠ claude-haiku-5-5 1 turn .* · claude-sonnet-5-5 1 turn .*\(fallback\)/);
  });
});

describe('cr stats: substitutions', () => {
  it('--json counts the sessions, turns, tokens and dollars that ran on a model not routed, by cause', async () => {
    const r = await cr(['stats', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      substitutions: {
        sessionsJudged: number;
        sessions: number;
        turns: number;
        tokens: number;
        cost: number;
        byCause: Record<string, { sessions: number; turns: number; tokens: number; cost: number }>;
      };
      perSession: { sessionId: string; substitution: Substitution | null }[];
    };
    expect(report.substitutions).toEqual({
      sessionsJudged: 5,
      sessions: 3,
      turns: 4,
      tokens: 4 * M,
      cost: 50 + 15 + 15,
      byCause: {
        fallback: { sessions: 1, turns: 1, tokens: M, cost: 15 },
        'model-command': { sessions: 1, turns: 2, tokens: 2 * M, cost: 50 },
        resumed: { sessions: 0, turns: 0, tokens: 0, cost: 0 },
        unknown: { sessions: 1, turns: 1, tokens: M, cost: 15 },
      },
    });
    const bySession = new Map(report.perSession.map((s) => [s.sessionId, s.substitution]));
    expect(bySession.get(ALIAS)).toBeNull();
    expect(bySession.get(SUBAGENT)).toBeNull();
    expect(bySession.get(FALLBACK)?.cause).toBe('fallback');
  });

  it('a session resumed from before its decision is a resumed-session substitution', async () => {
    // The transcript starts a day before cr's only decision for it, on another model.
    const resumed = id(6);
    transcript(resumed, [
      assistantLine({
        sessionId: resumed,
        model: 'claude-opus-5-5',
        id: 'old',
        usage: { input: 0, output: M },
        timestamp: '2026-11-21T09:00:00Z',
      }),
      answer(resumed, 'claude-haiku-5-5', M),
    ]);
    appendFileSync(env.CR_HISTORY_FILE!, `${decision(resumed, 6, 'haiku', 'haiku')}\n`);
    const report = JSON.parse((await cr(['stats', '--json'])).stdout) as {
      substitutions: { byCause: Record<string, { sessions: number; cost: number }> };
    };
    expect(report.substitutions.byCause.resumed).toEqual({ sessions: 1, turns: 1, tokens: M, cost: 25 });
  });

  it('the text report has a substitutions section', async () => {
    const r = await cr(['stats']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Substitutions 3 of 5 session(s) ran partly on a model not routed');
    expect(r.stdout).toMatch(/ {2}fallback\s+1 sessions\s+1 turns\s+1\.0M tokens\s+\$15\.00/);
    expect(r.stdout).toMatch(/ {2}\/model\s+1 sessions\s+2 turns\s+2\.0M tokens\s+\$50\.00/);
    expect(r.stdout).toMatch(/ {2}cause unknown\s+1 sessions/);
    expect(r.stdout).not.toContain('resumed session');
  });
});
