// cr up --session ID from another directory: claude resumes the session where it started (Claude
// Code finds a session's transcript by its starting directory), and the escalation is recorded there.
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((world) => {
  w = world;
});

beforeAll(() => {});

const lastCall = () => JSON.parse(readFileSync(w.log, 'utf8')) as { argv: string[]; cwd: string };
const decisionsOf = () => w.history().filter((r) => r.type === 'decision');

describe('cr up --session from another directory', () => {
  it('runs claude in the session directory, records it there, and cr up there sees the move', async () => {
    const other = path.join(w.home, 'other');
    mkdirSync(other);
    expect((await w.cr(['--haiku', 'convert this CSV to JSON'])).exitCode).toBe(0);
    const sessionId = decisionsOf()[0]!.sessionId as string;

    const dry = await w.cr(['up', '--session', sessionId, '--dry-run'], { cwd: other });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toMatch(
      new RegExp(`^cd ${w.project.replace(/[/.]/g, '\\$&')} && \\S*claude --model sonnet --resume ${sessionId}\\n$`),
    );
    const json = JSON.parse((await w.cr(['up', '--session', sessionId, '--dry-run', '--json'], { cwd: other })).stdout);
    expect(json).toMatchObject({ cwd: w.project, from: 'haiku', to: 'sonnet', sessionId });

    const up = await w.cr(['up', '--session', sessionId], { cwd: other });
    expect(up.exitCode).toBe(0);
    expect(up.stderr).toContain(`started in ${w.project}: claude runs there`);
    expect(lastCall()).toMatchObject({ cwd: w.project, argv: ['--model', 'sonnet', '--resume', sessionId] });
    expect(decisionsOf()[1]).toMatchObject({ kind: 'escalation', tier: 'sonnet', cwd: w.project, sessionId });

    // Back in the project: the session is on sonnet now; in the other directory there is none.
    const here = await w.cr(['up', '--dry-run', '--json']);
    expect(JSON.parse(here.stdout)).toMatchObject({ from: 'sonnet', to: 'opus', sessionId });
    expect((await w.cr(['up', '--dry-run'])).stdout).not.toMatch(/^cd /);
    expect((await w.cr(['up', '--dry-run'], { cwd: other })).exitCode).toBe(1);
  });

  it('a session whose directory is gone: one line naming it, exit 1, nothing started or recorded', async () => {
    expect((await w.cr(['--haiku', 'convert this CSV to JSON'])).exitCode).toBe(0);
    const sessionId = decisionsOf()[0]!.sessionId as string;
    const moved = path.join(w.home, 'moved');
    renameSync(w.project, moved);
    const before = readFileSync(w.log, 'utf8');
    for (const args of [
      ['up', '--session', sessionId],
      ['up', '--session', sessionId, '--dry-run'],
    ]) {
      const r = await w.cr(args, { cwd: moved });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(
        `cr: error: session ${sessionId} started in ${w.project}, which no longer exists: claude can only resume it from there\n`,
      );
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(w.log, 'utf8')).toBe(before);
    expect(decisionsOf()).toHaveLength(1);
  });
});

describe('cr up --json', () => {
  it('names what --json goes with for cr up (exit 2)', async () => {
    const r = await w.cr(['up', '--json']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('cr: error: --json goes with --dry-run or --explain\n');
    const root = await w.cr(['--json', 'x']);
    expect(root.stderr).toMatch(/--json goes with --explain or --dry-run \(or a subcommand/);
  });
});

describe('resuming after cr up', () => {
  it('cr -c carries the tier cr up moved the session to, and cr up goes on from there', async () => {
    expect((await w.cr(['--haiku', 'convert this CSV to JSON'])).exitCode).toBe(0);
    const first = decisionsOf()[0]!;
    expect((await w.cr(['up'])).exitCode).toBe(0);
    const moved = decisionsOf().at(-1)!;
    expect(moved).toMatchObject({ kind: 'escalation', tier: 'sonnet', sessionId: first.sessionId });
    expect((await w.cr(['-c'])).exitCode).toBe(0);
    expect(decisionsOf().at(-1)).toMatchObject({ kind: 'resume', tier: moved.tier, sessionId: first.sessionId });
    const next = JSON.parse((await w.cr(['up', '--dry-run', '--json'])).stdout) as { from: string; to: string };
    expect(next).toMatchObject({ from: 'sonnet', to: 'opus' });
  });
});
