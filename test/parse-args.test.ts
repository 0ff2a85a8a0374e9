import { describe, expect, it } from 'vitest';
import { leadingRootOptions, parseLaunchArgs } from '../src/parse-args.js';
import { buildClaudeArgv } from '../src/decide/build-argv.js';

describe('parseLaunchArgs', () => {
  it.each([
    // argv, task, claudeArgs
    [['refactor', 'auth'], 'refactor auth', []],
    [['refactor auth'], 'refactor auth', []],
    [['-p', 'sort these imports'], 'sort these imports', ['-p']],
    [['--permission-mode', 'plan', 'design it'], 'design it', ['--permission-mode', 'plan']],
    [['--permission-mode=plan', 'design it'], 'design it', ['--permission-mode=plan']],
    [['--resume', 'abc', 'go on'], 'go on', ['--resume', 'abc']],
    [['--resume', 'go on now'], 'go on now', ['--resume']],
    [['-c', 'more'], 'more', ['-c']],
    [['--debug', 'fix it'], 'fix it', ['--debug']],
    // After --, options are claude's (cr's own names too) and words are the prompt: the task.
    [['--verbose', 'x', '--', '--not-a-cr-flag', 'word'], 'x word', ['--verbose', '--not-a-cr-flag']],
    [['--', 'review the auth module'], 'review the auth module', []],
    [['--explain', '--', 'histroy'], 'histroy', []],
    // A list flag takes every word up to a later --, as claude reads it; without one, one word.
    [['--add-dir', '/tmp', '/var', '--', 'fix the bug'], 'fix the bug', ['--add-dir', '/tmp', '/var']],
    [['--allowedTools', 'Edit', 'Bash', '-p', '--', 'fix it'], 'fix it', ['--allowedTools', 'Edit', 'Bash', '-p']],
    [['--add-dir', '../lib', 'fix the import'], 'fix the import', ['--add-dir', '../lib']],
    [['--unknown-flag', 'task'], 'task', ['--unknown-flag']],
    [['-', 'x'], '- x', []],
    // No option has a space in its name: such a word is task text, also after --.
    [['-p is a flag'], '-p is a flag', []],
    [['--', '-p is a flag'], '-p is a flag', []],
    [['-p', '--', '--verbose', '- list the flags'], '- list the flags', ['-p', '--verbose']],
    [['x', '--', '--append-system-prompt', '- be terse'], 'x', ['--append-system-prompt', '- be terse']],
    [['x', '--', '--opus'], 'x', ['--opus']],
    [[], '', []],
  ] as const)('%j → task %j, claude args %j', (argv, task, claudeArgs) => {
    const r = parseLaunchArgs(argv);
    expect(r.task).toBe(task);
    expect(r.claudeArgs).toEqual(claudeArgs);
  });

  it.each([
    [['--opus', 'x'], { tier: 'opus' }],
    [['--model', 'haiku', 'x'], { tier: 'haiku' }],
    [['--model=claude-opus-4-7', 'x'], { model: 'claude-opus-4-7' }],
    [['x'], undefined],
  ] as const)('%j → override %j', (argv, override) => {
    expect(parseLaunchArgs(argv).override).toEqual(override);
  });

  it('reads cr options anywhere, even after claude flags', () => {
    const r = parseLaunchArgs(['-p', 'sort', '--explain', '--json']);
    expect(r).toMatchObject({ explain: true, json: true, task: 'sort', claudeArgs: ['-p'] });
    expect(r.flags.print).toBe(true);
  });

  it.each([
    [['--model'], /--model needs a value/],
    [['--opus', '--sonnet'], /choose one model/],
    [['--opus', '--model', 'haiku'], /choose one model/],
    [['--explain=yes'], /takes no value/],
    [['--output-format'], /--output-format needs a value/],
    [['--session-id', 'u', '-c'], /cannot be combined/],
    [['--json', 'x'], /--json goes with --explain or --dry-run/],
    [['--explain', '--dry-run', 'x'], /--explain and --dry-run: pick one/],
  ] as const)('%j is a usage error', (argv, message) => {
    expect(() => parseLaunchArgs(argv)).toThrow(message);
  });

  it('flags are signals: print, plan mode, resume, user session id', () => {
    expect(parseLaunchArgs(['-p', 'x']).flags.print).toBe(true);
    expect(parseLaunchArgs(['--print', 'x']).flags.print).toBe(true);
    expect(parseLaunchArgs(['--permission-mode', 'plan']).flags.planMode).toBe(true);
    expect(parseLaunchArgs(['--permission-mode', 'acceptEdits']).flags.planMode).toBe(false);
    expect(parseLaunchArgs(['-r', 'id1']).flags).toMatchObject({ resume: true, resumeId: 'id1' });
    expect(parseLaunchArgs(['-pc']).flags).toMatchObject({ print: true, resume: true });
    expect(parseLaunchArgs(['--session-id', 'abc']).flags.sessionId).toBe('abc');
    expect(parseLaunchArgs(['--add-dir', 'a', 'x']).flags.variadic).toBe(true);
  });

  it('--json with --explain or --dry-run, and with --help, is fine', () => {
    expect(parseLaunchArgs(['--json', '--dry-run', 'x']).json).toBe(true);
    expect(parseLaunchArgs(['--explain', '--json']).json).toBe(true);
    expect(parseLaunchArgs(['--json', '--help']).help).toBe(true);
  });
});

describe('leadingRootOptions: where a subcommand name may stand', () => {
  it.each([
    [['check'], 0],
    [['--config', 'f', 'check'], 2],
    [['--config=f', 'check'], 1],
    [['--json', '--help', 'check'], 2],
    [['--model', 'check'], 2],
    [['-p', 'check'], 0],
    [['--', 'check'], 0],
    [['--config'], 1],
    [[], 0],
  ] as const)('%j → %i', (argv, n) => {
    expect(leadingRootOptions(argv)).toBe(n);
  });
});

describe('buildClaudeArgv: the task is always the prompt', () => {
  const base = { claudePath: 'claude', model: 'sonnet', claudeArgs: [] as string[], flags: parseLaunchArgs([]).flags };
  it('puts -- before a task that begins with "-"', () => {
    expect(buildClaudeArgv({ ...base, task: '-p is a flag' }).args).toEqual([
      '--model',
      'sonnet',
      '--',
      '-p is a flag',
    ]);
    expect(buildClaudeArgv({ ...base, task: 'plain task' }).args).toEqual(['--model', 'sonnet', 'plain task']);
  });
  it('puts exactly one -- after a list-taking flag', () => {
    const r = parseLaunchArgs(['--add-dir', 'a', '-x y']);
    expect(buildClaudeArgv({ ...base, claudeArgs: r.claudeArgs, flags: r.flags, task: r.task }).args).toEqual([
      '--model',
      'sonnet',
      '--add-dir',
      'a',
      '--',
      '-x y',
    ]);
  });
});
