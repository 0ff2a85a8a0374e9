// Black-box tests of the built cr against a fake claude on CLAUDE_PATH / PATH.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { FakeClaude } from '../support/fake-claude.js';
import { CR_BIN, runCr } from '../support/run-cr.js';
import { historyRecords, useWorld } from '../support/world.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let fake: FakeClaude;
let root: string;
let project: string;
let env: NodeJS.ProcessEnv;
let log: string;

const history = () => historyRecords(env);

function writeScript(name: string, body: string): string {
  const file = path.join(root, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

useWorld((w) => {
  ({ fake, root, project, env, log } = w);
});

describe('launching claude', () => {
  it('passes --model first, a new --session-id, then claude flags in order, then the task', async () => {
    const r = await runCr(['--opus', '-p', '--output-format', 'json', 'review', 'the auth module'], {
      cwd: project,
      env,
    });
    expect(r.exitCode).toBe(0);
    const call = await fake.readCall(log);
    expect(call.argv.slice(0, 2)).toEqual(['--model', 'opus']);
    expect(call.argv[2]).toBe('--session-id');
    expect(call.argv[3]).toMatch(UUID);
    expect(call.argv.slice(4)).toEqual(['-p', '--output-format', 'json', 'review the auth module']);
  });

  it('keeps a flag value that looks like a task word with its flag', async () => {
    await runCr(['--sonnet', '--permission-mode', 'acceptEdits', 'fix', 'it'], { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(4)).toEqual(['--permission-mode', 'acceptEdits', 'fix it']);
  });

  it('passes everything after -- to claude unchanged', async () => {
    await runCr(['--haiku', 'list files', '--', '--verbose', '--opus'], { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(4)).toEqual(['--verbose', '--opus', 'list files']);
  });

  it('a list-taking flag keeps every value up to a later --, and the words after -- are the routed task', async () => {
    await runCr(['--add-dir', '../lib', '../docs', '--', 'convert this CSV to JSON'], { cwd: project, env });
    const { argv } = await fake.readCall(log);
    expect(argv.slice(0, 2)).toEqual(['--model', 'haiku']);
    expect(argv.slice(4)).toEqual(['--add-dir', '../lib', '../docs', '--', 'convert this CSV to JSON']);
    const explained = await runCr(['--explain', '--json', '--', 'review the auth module for security holes'], {
      cwd: project,
      env,
    });
    expect(JSON.parse(explained.stdout)).toMatchObject({
      task: 'review the auth module for security holes',
      tier: 'opus',
    });
  });

  it('fences the prompt off from a list-taking flag such as --add-dir', async () => {
    await runCr(['--sonnet', '--add-dir', '../lib', 'fix the import'], { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(4)).toEqual(['--add-dir', '../lib', '--', 'fix the import']);
  });

  it('a task that begins with "-" reaches claude after --, as the prompt', async () => {
    for (const args of [
      ['--sonnet', '--', '-p is a flag'],
      ['--sonnet', '-p is a flag'],
    ]) {
      const r = await runCr(args, { cwd: project, env });
      expect(r.exitCode).toBe(0);
      expect((await fake.readCall(log)).argv.slice(4)).toEqual(['--', '-p is a flag']);
    }
    await runCr(['--sonnet', '--add-dir', '../lib', '-x is noisy'], { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(4)).toEqual(['--add-dir', '../lib', '--', '-x is noisy']);
  });

  it('a single word that is neither a subcommand name nor a likely typo of one is a task', async () => {
    for (const word of ['review', 'fix', 'refactor', 'Deploy']) {
      const r = await runCr(['--sonnet', word], { cwd: project, env });
      expect(r.exitCode).toBe(0);
      expect((await fake.readCall(log)).argv.at(-1)).toBe(word);
    }
    const plain = await runCr(['review'], { cwd: project, env });
    expect(plain.exitCode).toBe(0);
    expect((await fake.readCall(log)).argv.at(-1)).toBe('review');
  });

  it('starts claude on the default tier when there is no task', async () => {
    const r = await runCr([], { cwd: project, env });
    expect(r.exitCode).toBe(0);
    const call = await fake.readCall(log);
    expect(call.argv.slice(0, 3)).toEqual(['--model', 'sonnet', '--session-id']);
    expect(call.argv).toHaveLength(4);
  });

  it('keeps the session model on --resume and --continue: no --model, no --session-id', async () => {
    await runCr(['--resume', 'abc-123', 'carry on'], { cwd: project, env });
    expect((await fake.readCall(log)).argv).toEqual(['--resume', 'abc-123', 'carry on']);
    await runCr(['-c'], { cwd: project, env });
    expect((await fake.readCall(log)).argv).toEqual(['-c']);
  });

  it('an override on --resume switches the model of the resumed session', async () => {
    await runCr(['--opus', '-c', 'now think harder'], { cwd: project, env });
    expect((await fake.readCall(log)).argv).toEqual(['--model', 'opus', '-c', 'now think harder']);
  });

  it('uses a pinned model id from config for the tier', async () => {
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ tiers: { opus: { model: 'claude-opus-4-7' } } }),
    );
    await runCr(['--opus', 'x'], { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(0, 2)).toEqual(['--model', 'claude-opus-4-7']);
  });

  it('passes a full model id given with --model unchanged', async () => {
    await runCr(['--model', 'claude-haiku-4-5-20251001', 'x'], { cwd: project, env });
    expect((await fake.readCall(log)).argv.slice(0, 2)).toEqual(['--model', 'claude-haiku-4-5-20251001']);
  });

  it('finds claude on PATH when CLAUDE_PATH is not set', async () => {
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'claude'), readFileSync(fake.path));
    chmodSync(path.join(bin, 'claude'), 0o755);
    const e: NodeJS.ProcessEnv = { ...env, PATH: `${bin}:${env.PATH}` };
    delete e.CLAUDE_PATH;
    const r = await runCr(['--haiku', 'x'], { cwd: project, env: e });
    expect(r.exitCode).toBe(0);
    expect((await fake.readCall(log)).argv[1]).toBe('haiku');
  });

  it('never launches itself when claude on PATH is really cr', async () => {
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    const { symlinkSync } = await import('node:fs');
    symlinkSync(CR_BIN, path.join(bin, 'claude'));
    const e: NodeJS.ProcessEnv = { ...env, PATH: `${bin}:/usr/bin:/bin` };
    delete e.CLAUDE_PATH;
    const r = await runCr(['--haiku', 'x'], { cwd: project, env: e });
    expect(r.exitCode).toBe(127);
  });
});

describe('a claude that cannot start', () => {
  it('a script whose #! interpreter is missing: says so, exits 127, and its decision gets an outcome', async () => {
    const broken = path.join(root, 'broken-claude');
    writeFileSync(broken, '#!/nonexistent/interpreter\n', { mode: 0o755 });
    const r = await runCr(['--sonnet', 'fix the login bug'], { cwd: project, env: { ...env, CLAUDE_PATH: broken } });
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toBe(
      `cr: error: could not start ${broken}: the interpreter its first line (#!) names was not found (ENOENT)\n`,
    );
    const records = historyRecords(env);
    const decision = records.find((rec) => rec.type === 'decision')!;
    expect(records.find((rec) => rec.type === 'outcome' && rec.id === decision.id)).toMatchObject({ exitCode: 127 });
  });
});

describe('exit codes and signals', () => {
  it("exits with claude's exit code", async () => {
    const r = await runCr(['--sonnet', 'x'], { cwd: project, env: { ...env, FAKE_CLAUDE_EXIT: '7' } });
    expect(r.exitCode).toBe(7);
  });

  it('reports a signal death as 128+n', async () => {
    const script = writeScript('dies', 'kill -TERM $$');
    const r = await runCr(['--sonnet', 'x'], { cwd: project, env: { ...env, CLAUDE_PATH: script } });
    expect(r.exitCode).toBe(143);
    expect(history().at(-1)).toMatchObject({ type: 'outcome', exitCode: 143, signal: 'SIGTERM' });
  });

  it.each([
    ['SIGTERM', 42],
    ['SIGHUP', 43],
    ['SIGINT', 44],
  ] as const)('forwards %s to claude and waits for it', async (signal, code) => {
    const marker = path.join(root, 'got');
    const script = writeScript(
      'waits',
      `trap 'echo ${signal} > ${marker}; exit ${code}' ${signal.slice(3)}\necho ready > ${marker}.ready\nwhile true; do sleep 0.05; done`,
    );
    const child = spawn(process.execPath, [CR_BIN, '--sonnet', 'x'], {
      cwd: project,
      env: { ...env, CLAUDE_PATH: script },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    for (let i = 0; i < 200 && !existsSync(`${marker}.ready`); i++) await new Promise((r) => setTimeout(r, 25));
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(readFileSync(marker, 'utf8').trim()).toBe(signal);
  });
});

describe('stdin', () => {
  it('claude inherits stdin as cr got it: a pipe stays blocking and unread outside print mode', async () => {
    const probe = path.join(root, 'probe.py');
    writeFileSync(
      probe,
      `#!/usr/bin/env python3\nimport fcntl, os, sys\nflags = fcntl.fcntl(0, fcntl.F_GETFL)\nopen(${JSON.stringify(path.join(root, 'stdin.txt'))}, 'w').write(('nonblocking' if flags & os.O_NONBLOCK else 'blocking') + ':' + sys.stdin.read())\n`,
    );
    chmodSync(probe, 0o755);
    const r = await runCr(['--sonnet', 'x'], {
      cwd: project,
      env: { ...env, CLAUDE_PATH: probe },
      input: Buffer.from('piped text'),
    });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(root, 'stdin.txt'), 'utf8')).toBe('blocking:piped text');
  });
});

describe('missing claude and bad input', () => {
  it('exits 127 with one line on how to install Claude Code', async () => {
    const e: NodeJS.ProcessEnv = { ...env, PATH: '/usr/bin:/bin' };
    delete e.CLAUDE_PATH;
    const r = await runCr(['fix the bug'], { cwd: project, env: e });
    expect(r.exitCode).toBe(127);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('npm install -g @anthropic-ai/claude-code');
  });

  it('explain and dry-run work without claude installed', async () => {
    const e: NodeJS.ProcessEnv = { ...env, PATH: '/usr/bin:/bin' };
    delete e.CLAUDE_PATH;
    expect((await runCr(['--explain', 'refactor auth'], { cwd: project, env: e })).exitCode).toBe(0);
    const dry = await runCr(['--dry-run', '--json', '--haiku', 'x'], { cwd: project, env: e });
    expect(JSON.parse(dry.stdout).command).toBe('claude');
  });

  it('a value-taking cr option without its value is a usage error (exit 2)', async () => {
    const r = await runCr(['--model'], { cwd: project, env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--model needs a value/);
    expect(existsSync(log)).toBe(false);
  });

  it('two model choices are a usage error', async () => {
    const r = await runCr(['--opus', '--haiku', 'x'], { cwd: project, env });
    expect(r.exitCode).toBe(2);
    expect(existsSync(log)).toBe(false);
  });

  it('--session-id with --resume is refused before claude starts', async () => {
    const r = await runCr(['--session-id', '11111111-1111-4111-8111-111111111111', '--resume', 'abc', 'x'], {
      cwd: project,
      env,
    });
    expect(r.exitCode).toBe(2);
  });

  it('a user-given --session-id is kept and recorded; cr adds none', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    await runCr(['--sonnet', '--session-id', id, 'x'], { cwd: project, env });
    expect((await fake.readCall(log)).argv).toEqual(['--model', 'sonnet', '--session-id', id, 'x']);
    expect(history()[0]).toMatchObject({ sessionId: id });
  });
});

describe('configuration errors', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown key', JSON.stringify({ tier: { opus: {} } }), /\.claude-router\.json: tier: unknown key/],
    ['nested unknown key', JSON.stringify({ tiers: { opus: { modle: 'x' } } }), /tiers\.opus\.modle: unknown key/],
    ['wrong type', JSON.stringify({ longContext: { threshold: 'big' } }), /longContext\.threshold: /],
    ['unknown tier', JSON.stringify({ defaultTier: 'gpt' }), /defaultTier: /],
    ['unknown tier in tiers', JSON.stringify({ tiers: { mega: { model: 'x' } } }), /tiers\.mega: unknown key/],
    ['invalid JSON', '{ "defaultTier": ', /invalid JSON/],
    [
      'bad pattern',
      JSON.stringify({ rules: [{ id: 'r', when: { pattern: '(' }, tier: 'opus' }] }),
      /rules\[0\]\.when\.pattern: not a valid regular expression/,
    ],
  ];
  it.each(cases)(
    '%s: exit 2, names the file and key, launches nothing, rewrites nothing',
    async (_name, text, message) => {
      const file = path.join(project, '.claude-router.json');
      writeFileSync(file, text);
      const before = statSync(file).mtimeMs;
      const r = await runCr(['--sonnet', 'x'], { cwd: project, env });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(file);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(log)).toBe(false);
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(statSync(file).mtimeMs).toBe(before);
    },
  );

  it('reports every problem in a file, not only the first', async () => {
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ foo: 1, defaultTier: 'x', retry: { max: 9 } }),
    );
    const r = await runCr(['x'], { cwd: project, env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/foo: unknown key/);
    expect(r.stderr).toMatch(/defaultTier/);
    expect(r.stderr).toMatch(/retry\.max/);
  });

  it('--config FILE replaces the search; a missing file is exit 2', async () => {
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ tiers: { haiku: { model: 'from-project' } } }),
    );
    const other = path.join(root, 'other.json');
    writeFileSync(other, JSON.stringify({ tiers: { haiku: { model: 'from-flag' } } }));
    await runCr(['--config', other, '--haiku', 'x'], { cwd: project, env });
    expect((await fake.readCall(log)).argv[1]).toBe('from-flag');
    const r = await runCr(['--config', path.join(root, 'nope.json'), 'x'], { cwd: project, env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/config file not found/);
  });

  it('merges the global config under the project config', async () => {
    const global = path.join(root, 'config', 'claude-router', 'config.json');
    mkdirSync(path.dirname(global), { recursive: true });
    writeFileSync(
      global,
      JSON.stringify({ tiers: { haiku: { model: 'global-haiku' }, opus: { model: 'global-opus' } } }),
    );
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ tiers: { haiku: { model: 'project-haiku' } } }),
    );
    await runCr(['--haiku', 'x'], { cwd: project, env });
    expect((await fake.readCall(log)).argv[1]).toBe('project-haiku');
    await runCr(['--opus', 'x'], { cwd: project, env });
    expect((await fake.readCall(log)).argv[1]).toBe('global-opus');
  });

  it('finds project config in a parent directory, and in package.json', async () => {
    const sub = path.join(project, 'src', 'deep');
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'x', 'claude-router': { tiers: { sonnet: { model: 'pkg-sonnet' } } } }),
    );
    await runCr(['--sonnet', 'x'], { cwd: sub, env });
    expect((await fake.readCall(log)).argv[1]).toBe('pkg-sonnet');
  });
});

describe('history', () => {
  it('appends a decision before launch and an outcome after, mode 0600, schema version in each', async () => {
    const e = { ...env, FAKE_CLAUDE_EXIT: '3' };
    await runCr(['--haiku', 'tag these issues'], { cwd: project, env: e });
    const [decision, outcome] = history();
    expect(decision).toMatchObject({
      v: 1,
      type: 'decision',
      tier: 'haiku',
      model: 'haiku',
      kind: 'override',
      task: 'tag these issues',
      cwd: project,
    });
    expect(decision!.sessionId).toMatch(UUID);
    expect(outcome).toMatchObject({ v: 1, type: 'outcome', id: decision!.id, exitCode: 3 });
    expect(typeof outcome!.durationMs).toBe('number');
    expect(statSync(env.CR_HISTORY_FILE!).mode & 0o777).toBe(0o600);
    const call = await fake.readCall(log);
    expect(call.argv[3]).toBe(decision!.sessionId);
  });

  it('records an override together with what cr would have picked', async () => {
    await runCr(['--opus', 'add a /health endpoint'], { cwd: project, env });
    const [decision] = history();
    expect(decision).toMatchObject({ kind: 'override', tier: 'opus', rule: 'override' });
    expect(decision!.suggested).toMatchObject({
      rule: expect.any(String),
      tier: expect.stringMatching(/^(opus|sonnet|haiku)$/),
    });
  });

  it('writes the decision before claude starts (a killed session still leaves it)', async () => {
    const probe = writeScript('probe', `cat "${env.CR_HISTORY_FILE}" > "${root}/seen"`);
    await runCr(['--sonnet', 'x'], { cwd: project, env: { ...env, CLAUDE_PATH: probe } });
    expect(readFileSync(path.join(root, 'seen'), 'utf8')).toContain('"type":"decision"');
  });

  it('--no-history and history.enabled=false record nothing', async () => {
    await runCr(['--no-history', '--sonnet', 'x'], { cwd: project, env });
    expect(history()).toEqual([]);
    writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify({ history: { enabled: false } }));
    await runCr(['--sonnet', 'x'], { cwd: project, env });
    expect(history()).toEqual([]);
  });

  it('an unwritable history warns on stderr and still launches claude', async () => {
    const blocker = path.join(root, 'not-a-dir');
    writeFileSync(blocker, '');
    const e = { ...env, CR_HISTORY_FILE: path.join(blocker, 'history.jsonl'), FAKE_CLAUDE_EXIT: '5' };
    const r = await runCr(['--sonnet', 'x'], { cwd: project, env: e });
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/warning: could not write history/);
    expect(existsSync(log)).toBe(true);
  });

  it('stores tasks truncated or not at all as configured, and never a key', async () => {
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ history: { tasks: 'truncate', truncateAt: 10 } }),
    );
    await runCr(['--sonnet', 'a long task description'], { cwd: project, env });
    expect(history()[0]!.task).toBe('a long ta…');
    writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify({ history: { tasks: 'none' } }));
    await runCr(['--sonnet', 'secret plans'], { cwd: project, env });
    expect(history()[2]!.task).toBeUndefined();
    writeFileSync(path.join(project, '.claude-router.json'), '{}');
    await runCr(['--sonnet', 'use key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123'], { cwd: project, env });
    const text = readFileSync(env.CR_HISTORY_FILE!, 'utf8');
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz0123');
    expect(history()[4]!.task).toMatch(/\[redacted\]/);
  });
});

describe('explain and dry-run', () => {
  it('--dry-run --json prints the exact command and launches nothing', async () => {
    const r = await runCr(['--dry-run', '--json', '--opus', '-p', 'x'], { cwd: project, env });
    expect(r.exitCode).toBe(0);
    const command = JSON.parse(r.stdout) as { command: string; args: string[] };
    expect(command.command).toBe(fake.path);
    expect(command.args.slice(0, 2)).toEqual(['--model', 'opus']);
    expect(command.args.slice(4)).toEqual(['-p', 'x']);
    expect(existsSync(log)).toBe(false);
    expect(history()).toEqual([]);
  });

  it('--explain --json has the decision fields', async () => {
    const r = await runCr(['--explain', '--json', 'design the architecture for a multi-tenant scheduler'], {
      cwd: project,
      env,
    });
    const d = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of [
      'task',
      'tier',
      'model',
      'rule',
      'reasons',
      'confidence',
      'signals',
      'evidence',
      'trace',
      'command',
    ])
      expect(d).toHaveProperty(key);
    expect(d.confidence).toBeGreaterThanOrEqual(0);
    expect(d.confidence).toBeLessThanOrEqual(1);
    expect(existsSync(log)).toBe(false);
  });

  it('cr explain with no task explains the most recent decision', async () => {
    await runCr(['--haiku', 'extract the emails'], { cwd: project, env });
    const r = await runCr(['explain'], { cwd: project, env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/last decision → haiku/);
    expect(r.stdout).toContain('extract the emails');
    const none = await runCr(['explain'], {
      cwd: project,
      env: { ...env, CR_HISTORY_FILE: path.join(root, 'empty.jsonl') },
    });
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toMatch(/no decisions in history/);
  });

  it('cr --explain -p with a prompt piped in explains that prompt, not the last decision', async () => {
    await runCr(['--opus', 'design the plugin system'], { cwd: project, env });
    const piped = await runCr(['--explain', '--json', '-p'], {
      cwd: project,
      env,
      input: Buffer.from('sort these imports alphabetically\n'),
    });
    expect(piped.exitCode).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ task: 'sort these imports alphabetically' });
    // Nothing piped (stdin is /dev/null): the last decision, as with --explain alone.
    const bare = await runCr(['--explain', '-p'], { cwd: project, env });
    expect(bare.exitCode).toBe(0);
    expect(bare.stdout).toMatch(/last decision → opus/);
  });

  it('cr explain after a run without a task says so; with history.tasks "none" it says the task was not stored', async () => {
    await runCr([], { cwd: project, env });
    expect((await runCr(['explain'], { cwd: project, env })).stdout).toMatch(
      /^task +\(none: started without a task\)$/m,
    );
    writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify({ history: { tasks: 'none' } }));
    await runCr(['fix the login bug'], { cwd: project, env });
    expect((await runCr(['explain'], { cwd: project, env })).stdout).toMatch(
      /^task +\(not stored: history.tasks is "none"\)$/m,
    );
  });

  it('cr explain --json --from FILE prints one JSON decision per line, in order', async () => {
    const file = path.join(root, 'tasks.txt');
    writeFileSync(file, 'first task\n\nsecond task\nthird task\n');
    const r = await runCr(['explain', '--json', '--from', file], { cwd: project, env });
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { task: string; tier: string });
    expect(lines.map((l) => l.task)).toEqual(['first task', 'second task', 'third task']);
    const stdin = await runCr(['explain', '--json', '--from', '-'], {
      cwd: project,
      env,
      input: Buffer.from('a\nb\n'),
    });
    expect(stdin.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('a subcommand name inside a task with spaces is a task', async () => {
    const r = await runCr(['explain the auth flow'], { cwd: project, env });
    expect(r.exitCode).toBe(0);
    expect((await fake.readCall(log)).argv.at(-1)).toBe('explain the auth flow');
  });

  it.each([
    'explain',
    'escalate',
    'up',
    'check',
    'stats',
    'history',
    'learn',
    'init',
    'doctor',
    'config',
    'shell-init',
    'trust',
  ])("cr %s --help prints that subcommand's usage and exits 0", async (name) => {
    const r = await runCr([name, '--help'], { cwd: project, env });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: cr ${name === 'up' ? 'escalate\\|up' : name}`));
    expect(existsSync(log)).toBe(false);
  });

  it('cr help [command] prints help and launches nothing; an unknown name is a usage error', async () => {
    const check = await runCr(['help', 'check'], { cwd: project, env });
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toMatch(/^Usage: cr check/);
    expect((await runCr(['help', 'up'], { cwd: project, env })).stdout).toMatch(/^Usage: cr escalate\|up/);
    const main = await runCr(['help'], { cwd: project, env });
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toMatch(/^Usage: cr \[options\]/);
    expect((await runCr(['--help', 'check'], { cwd: project, env })).stdout).toMatch(/^Usage: cr check/);
    const helpOfHelp = await runCr(['help', 'help'], { cwd: project, env });
    expect(helpOfHelp.exitCode).toBe(0);
    expect(helpOfHelp.stdout).toMatch(/^Usage: cr help \[command\]/);
    for (const args of [
      ['help', 'bogus'],
      ['help', 'check', 'extra'],
      ['--opus', 'help'],
    ]) {
      const r = await runCr(args, { cwd: project, env });
      expect(r.exitCode).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect((await runCr(['help', 'bogus'], { cwd: project, env })).stderr).toMatch(/no subcommand "bogus"/);
    expect(existsSync(log)).toBe(false);
  });

  it("cr's options before a subcommand name go to the subcommand; one it does not take is a usage error", async () => {
    const file = path.join(root, 'tasks.txt');
    writeFileSync(file, 'convert this CSV to JSON\n');
    const r = await runCr(['--json', 'explain', '--from', file], { cwd: project, env });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ task: 'convert this CSV to JSON' });
    const opus = await runCr(['--opus', 'explain', 'convert this CSV to JSON'], { cwd: project, env });
    expect(opus.stdout).toMatch(/→ opus/);
    const bad = await runCr(['--opus', 'stats'], { cwd: project, env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/unknown option '--opus'/);
    expect(existsSync(log)).toBe(false);
  });

  it('--json without --explain or --dry-run, and --explain with --dry-run, are usage errors either way they are written', async () => {
    for (const args of [
      ['--json', 'x'],
      ['--explain', '--dry-run', 'x'],
      ['explain', '--dry-run', 'x'],
      ['--dry-run', 'explain', 'x'],
    ]) {
      const r = await runCr(args, { cwd: project, env });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(
        /^cr: error: (--json goes with --explain or --dry-run|--explain and --dry-run: pick one)/,
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(log)).toBe(false);
  });

  it('cr explain --from FILE takes no task words', async () => {
    const file = path.join(root, 'tasks.txt');
    writeFileSync(file, 'a task\n');
    const r = await runCr(['explain', '--from', file, 'extra'], { cwd: project, env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--from takes every task from .*got "extra"/);
    expect(r.stdout).toBe('');
  });

  it('--version and --help', async () => {
    const v = await runCr(['--version'], { cwd: project, env });
    expect(v.stdout.trim()).toMatch(/^cr \d+\.\d+\.\d+/);
    const h = await runCr(['--help'], { cwd: project, env });
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toMatch(/Examples:/);
    expect(h.stdout).toMatch(/only as the first word/);
    expect(existsSync(log)).toBe(false);
  });

  it.each([50, 72, 120])('--help and a subcommand help wrap to %i columns, examples included', async (columns) => {
    for (const args of [['--help'], ['help'], ['init', '--help']]) {
      const h = await runCr(args, { cwd: project, env: { ...env, COLUMNS: String(columns) } });
      expect(h.exitCode).toBe(0);
      // A single word longer than the line (a long path) cannot be broken.
      const long = h.stdout.split('\n').filter((line) => line.length > columns && line.trim().includes(' '));
      expect(long, args.join(' ')).toEqual([]);
    }
    const wide = await runCr(['--help'], { cwd: project, env: { ...env, COLUMNS: '200' } });
    // A wide terminal gets long lines: the option list is not cut to a fixed width.
    expect(wide.stdout).toMatch(
      /^ {2}--model <tier\|id> +use this tier \(opus, sonnet, haiku\) or model id; overrides routing$/m,
    );
    expect(wide.stdout).toMatch(/^ {2}cr "refactor the auth layer" +pick a model and start claude with the task$/m);
  });
});

describe('output', () => {
  it('stops quietly with exit 0 when the reader closes the pipe first (cr explain … | head)', async () => {
    const child = spawn(process.execPath, [CR_BIN, '--explain', 'refactor auth'], {
      cwd: project,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
