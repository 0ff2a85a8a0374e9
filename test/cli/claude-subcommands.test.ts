// Claude Code's own subcommands as cr's first word go to claude unchanged: no model, no session id,
// nothing in the history; cr's own subcommands of the same name (doctor, config) stay cr's.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAUDE_SUBCOMMANDS } from '../../src/claude-subcommands.js';
import { CLAUDE_OWN_WORDS } from '../../src/report/completion.js';
import { runCr } from '../support/run-cr.js';
import { historyRecords, useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

describe('the list of claude subcommands', () => {
  it('is the one the shell alias hands to claude', () => {
    for (const word of CLAUDE_SUBCOMMANDS) expect(CLAUDE_OWN_WORDS).toContain(word);
  });
});

describe('cr <claude subcommand>', () => {
  it("runs claude with exactly the words given, records nothing, and exits with claude's code", async () => {
    const r = await runCr(['mcp', 'list', '--json'], { cwd: w.project, env: { ...w.env, FAKE_CLAUDE_EXIT: '3' } });
    expect(r.exitCode).toBe(3);
    expect((await w.fake.readCall(w.log)).argv).toEqual(['mcp', 'list', '--json']);
    expect(historyRecords(w.env)).toEqual([]);
  });

  it('an update is claude update, not a task called "update"', async () => {
    const r = await runCr(['update'], { cwd: w.project, env: w.env });
    expect(r.exitCode).toBe(0);
    expect((await w.fake.readCall(w.log)).argv).toEqual(['update']);
  });

  it('a task that begins with an ordinary word claude also has as a subcommand is a task, quoted or not', async () => {
    for (const words of [
      ['update the changelog for the release'],
      ['update', 'the', 'readme'],
      ['install', 'the', 'missing', 'deps'],
      ['purge', 'old', 'logs'],
    ]) {
      const r = await runCr(words, { cwd: w.project, env: w.env });
      expect(r.exitCode).toBe(0);
      const argv = (await w.fake.readCall(w.log)).argv;
      expect(argv, words.join(' ')).toContain('--model');
      expect(argv.at(-1)).toBe(words.join(' '));
    }
  });

  it("cr's options before a claude subcommand are a usage error, not a session about it", async () => {
    for (const args of [
      ['--opus', 'mcp', 'list'],
      ['--explain', 'mcp', 'list'],
      ['--no-history', 'update'],
    ]) {
      const r = await runCr(args, { cwd: w.project, env: w.env });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/is Claude Code's own subcommand/);
    }
    expect(existsSync(w.log)).toBe(false);
  });

  it('cr help for a claude subcommand points to claude', async () => {
    const r = await runCr(['help', 'mcp'], { cwd: w.project, env: w.env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/claude mcp --help/);
  });

  it("cr doctor and cr config stay cr's own", async () => {
    const r = await runCr(['config'], { cwd: w.project, env: w.env });
    expect(r.exitCode).toBe(0);
    expect(existsSync(w.log) ? (await w.fake.readCall(w.log)).argv : []).not.toContain('config');
  });

  it("an invalid config does not stop claude's own commands: one warning, then claude runs", async () => {
    w.write(w.globalFile, { defaultTier: 'gpt' });
    const r = await runCr(['mcp', 'list'], { cwd: w.project, env: w.env });
    expect(r.exitCode).toBe(0);
    expect((await w.fake.readCall(w.log)).argv).toEqual(['mcp', 'list']);
    expect(r.stderr).toMatch(
      /^cr: warning: config not used \(invalid config in .*defaultTier.*\); looking for claude without it\n$/,
    );
    // A launch still refuses it: routing needs the config.
    expect((await runCr(['fix the bug'], { cwd: w.project, env: w.env })).exitCode).toBe(2);
  });

  it('a missing claude is the usual one-line error, exit 127', async () => {
    const r = await runCr(['mcp', 'list'], {
      cwd: w.project,
      env: { ...w.env, CLAUDE_PATH: '', PATH: '/nonexistent' },
    });
    expect(r.exitCode).toBe(127);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
