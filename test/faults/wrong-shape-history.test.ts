// Black-box: well-formed JSON of the wrong shape in the history is skipped and counted by every
// command that reads it, never a crash ("Cannot read properties of undefined").
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCr } from '../support/run-cr.js';
import { transcriptTestEnv } from '../support/transcript-env.js';

const good = {
  v: 1,
  type: 'decision',
  id: 'd-good',
  time: '2026-11-25T10:00:00.000Z',
  cwd: '/work/p',
  kind: 'override',
  task: 'migrate the billing database schema',
  tier: 'opus',
  model: 'opus',
  rule: 'override',
  confidence: 1,
  suggested: { tier: 'sonnet', rule: 'task-type' },
  sessionId: 'aaaaaaaa-0000-4000-a000-000000000001',
};
// A decision without a task is a valid record (history.tasks "none"): it is read, and shown without one.
const { task: _task, ...taskless } = good;
const withoutTask = { ...taskless, id: 'd-no-task', kind: 'route', rule: 'task-type', suggested: undefined };
const WRONG = [
  { ...good, task: null },
  { ...good, task: ['a'] },
  { ...good, tier: 'gpt' },
  { ...good, kind: 'magic' },
  { ...good, time: 'yesterday' },
  { ...good, confidence: '0.9' },
  { ...good, suggested: { tier: 'gpt', rule: 'x' } },
  { ...good, sessionId: 42 },
  { v: 1, type: 'outcome', id: 'd-good', time: '2026-11-25T10:05:00.000Z', exitCode: 'boom', durationMs: 1 },
  { v: 1, type: 'outcome', id: 'd-good', time: '2026-11-25T10:05:00.000Z', exitCode: 0 },
  [1, 2, 3],
  'a string',
  null,
].map((x) => JSON.stringify(x));

let root: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'cr-wrong-shape-'));
  mkdirSync(path.join(root, 'home'));
  mkdirSync(path.join(root, 'claude', 'projects'), { recursive: true });
  env = transcriptTestEnv(root);
  // The good decision first, then every wrong shape after it (so "the latest decision" is one of them).
  writeFileSync(env.CR_HISTORY_FILE!, [JSON.stringify(good), JSON.stringify(withoutTask), ...WRONG].join('\n') + '\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cr = (args: string[]) => runCr(args, { cwd: root, env });
const noCrash = (r: { exitCode: number | undefined; stderr: string }) => {
  expect(r.stderr).not.toMatch(/Cannot read properties|TypeError|\n\s+at /);
};

describe('wrong-shape history records', () => {
  it('cr history lists the good decision and counts the rest', async () => {
    const r = await cr(['history']);
    noCrash(r);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('migrate the billing database schema');
    expect(r.stdout.trim().split('\n')).toHaveLength(3); // header + the two valid rows
    expect(r.stderr).toContain(`${WRONG.length} history line(s) could not be read and were skipped`);
  });

  it('cr history --session and --json', async () => {
    const one = await cr(['history', '--session', good.sessionId]);
    noCrash(one);
    expect(one.exitCode).toBe(0);
    expect(one.stdout).toContain('decision d-good');
    const json = await cr(['history', '--json']);
    noCrash(json);
    expect(JSON.parse(json.stdout).map((d: { id: string }) => d.id)).toEqual(['d-no-task', 'd-good']);
  });

  it('cr explain explains the last valid decision, one without a task too', async () => {
    const r = await cr(['explain']);
    noCrash(r);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('(none: started without a task)');
  });

  it('cr stats counts one decision and reports the skipped lines', async () => {
    const r = await cr(['stats', '--json']);
    noCrash(r);
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.decisions).toBe(2);
    expect(report.historySkippedLines).toBe(WRONG.length);
    const text = await cr(['stats']);
    noCrash(text);
    expect(text.exitCode).toBe(0);
  });

  it('cr learn learns from the good decision only', async () => {
    const r = await cr(['learn', '--json']);
    noCrash(r);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).examples.total).toBe(1);
  });

  it('cr doctor counts them as unreadable lines', async () => {
    const r = await cr(['doctor']);
    noCrash(r);
    expect(r.stdout).toContain('2 records (2 decisions)');
    expect(r.stdout).toContain(`${WRONG.length} unreadable lines`);
  });
});
