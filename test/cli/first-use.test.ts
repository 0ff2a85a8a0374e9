// What a new user types first: a mistyped subcommand, a prompt piped on stdin, `cr -v`, a
// subcommand's name at the start of an unquoted task. Each runs the built cr against a fake claude.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

describe('a single word close to a subcommand', () => {
  it.each([
    [['histroy'], 'history'],
    [['stat', '-p'], 'stats'],
    [['-p', 'stat'], 'stats'],
    [['chekc'], 'check'],
    [['doctr', '--verbose'], 'doctor'],
  ])('cr %j is refused as a typo of %s: exit 2, nothing started or recorded', async (args, meant) => {
    const r = await w.cr(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`did you mean "${meant}"?`);
    expect(r.stderr).toContain('put it in quotes with other words');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(w.log)).toBe(false);
    expect(w.history()).toEqual([]);
  });

  it.each([['fix'], ['edit'], ['refactor'], ['deploy'], ['mystery']])(
    'cr %s is an ordinary one-word task and starts claude',
    async (word) => {
      const r = await w.cr([word]);
      expect(r.exitCode).toBe(0);
      expect((await w.fake.readCall(w.log)).argv).toContain(word);
    },
  );

  it('runs as a task with other words in quotes, or after --', async () => {
    expect((await w.cr(['histroy please'])).exitCode).toBe(0);
    expect((await w.fake.readCall(w.log)).argv).toContain('histroy please');
    expect((await w.cr(['--', 'histroy'])).exitCode).toBe(0);
    expect((await w.fake.readCall(w.log)).argv).toContain('histroy');
  });
});

describe('a subcommand followed by words it does not take', () => {
  it('cr check the login flow says how to route it as a task, and starts nothing', async () => {
    const r = await w.cr(['check', 'the', 'login', 'flow']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('to route it as a task, quote it: cr "check the login flow"');
    expect(existsSync(w.log)).toBe(false);
  });

  it('quotes a task with shell characters so that it pastes as one word', async () => {
    const r = await w.cr(['history', 'of', '$HOME']);
    expect(r.stderr).toContain("quote it: cr 'history of $HOME'");
  });
});

describe('a prompt piped on stdin in print mode, with no task words', () => {
  const prompt = 'convert this CSV to JSON, key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789\nname,age\nAda,36\n';

  it('is routed and recorded (redacted) as the task, and reaches claude on stdin byte for byte', async () => {
    const r = await w.cr(['-p'], { input: Buffer.from(prompt) });
    expect(r.exitCode).toBe(0);
    const call = await w.fake.readCall(w.log);
    expect(call.argv.slice(0, 2)).toEqual(['--model', 'haiku']);
    expect(call.argv).not.toContain(prompt.trim());
    expect(Buffer.from(call.stdin, 'base64').toString()).toBe(prompt);
    const [decision] = w.history();
    expect(decision).toMatchObject({ tier: 'haiku', rule: 'task-type' });
    expect(decision!.task).toMatch(/^convert this CSV to JSON, key sk-\[redacted\]/);
    expect(JSON.stringify(decision)).not.toContain('abcdefghijklmnop');
  });

  it('task words on the command line still win: stdin is then input, not the task', async () => {
    const r = await w.cr(['-p', 'review the payment module for security bugs'], { input: Buffer.from(prompt) });
    expect(r.exitCode).toBe(0);
    expect(w.history()[0]).toMatchObject({ task: 'review the payment module for security bugs' });
  });

  it('routes on the first 8 KB only, and still feeds all of a large input to claude', async () => {
    const big = Buffer.concat([Buffer.from('convert this CSV to JSON\n'), Buffer.alloc(200_000, 'a,b,c\n')]);
    const r = await w.cr(['-p'], { input: big });
    expect(r.exitCode).toBe(0);
    expect(Buffer.from((await w.fake.readCall(w.log)).stdin, 'base64').equals(big)).toBe(true);
    const task = String(w.history()[0]!.task);
    expect(task.startsWith('convert this CSV to JSON')).toBe(true);
    expect(Buffer.byteLength(task)).toBeLessThanOrEqual(8 * 1024);
  });
});

describe('versions', () => {
  it('cr --version and -V name cr', async () => {
    for (const flag of ['--version', '-V']) expect((await w.cr([flag])).stdout).toMatch(/^cr \d+\.\d+\.\d+\S*\n$/);
  });

  it("cr -v names both: cr's, then claude's, and starts no session", async () => {
    const r = await w.cr(['-v'], { env: { FAKE_CLAUDE_STDOUT: '2.1.332 (Claude Code)\n' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^cr \d+\.\d+\.\d+\S*\nclaude 2\.1\.332 \(Claude Code\)\n$/);
    expect((await w.fake.readCall(w.log)).argv).toEqual(['--version']);
    expect(w.history()).toEqual([]);
  });
});

describe('cr init --help', () => {
  it('lists every --on-exceed value it accepts', async () => {
    const r = await w.cr(['init', '--help'], { env: { COLUMNS: '300' } });
    const line = r.stdout.split('\n').find((l) => l.includes('--on-exceed'))!;
    for (const value of ['downgrade', 'ask', 'block', 'cap:opus', 'cap:sonnet', 'cap:haiku'])
      expect(line.split('(choices')[0]).toContain(value);
  });
});

describe('cr history with wide characters', () => {
  it('keeps the columns after the task aligned for CJK tasks', async () => {
    const record = (id: string, task: string) =>
      JSON.stringify({
        v: 1,
        type: 'decision',
        id,
        time: '2026-11-26T09:00:00.000Z',
        cwd: w.project,
        kind: 'route',
        tier: 'sonnet',
        model: 'sonnet',
        rule: 'task-type',
        confidence: 0.9,
        task,
      });
    const lines = [
      record('a', 'fix the login flow'),
      record('b', '修复登录流程中的错误'),
      record('c', `${'日本語のテキストを翻訳する'.repeat(8)}`),
    ];
    w.write(w.env.CR_HISTORY_FILE!, `${lines.join('\n')}\n`);
    const r = await w.cr(['history'], { env: { COLUMNS: '100', TZ: 'UTC' } });
    expect(r.exitCode).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.includes('—'));
    expect(rows).toHaveLength(3);
    const { default: stringWidth } = await import('string-width');
    const outcomeColumn = rows.map((l) => stringWidth(l.slice(0, l.indexOf('—'))));
    expect(new Set(outcomeColumn).size).toBe(1);
    for (const l of rows) expect(stringWidth(l)).toBeLessThanOrEqual(100);
  });
});

describe('a working directory that was deleted', () => {
  it('every command says so in one line, exit 1, no stack trace', async () => {
    const { execa } = await import('execa');
    const { CR_BIN } = await import('../support/run-cr.js');
    const dir = `${w.root}/gone`;
    for (const args of [['history'], ['--explain', 'fix it'], ['fix it']]) {
      const r = await execa(
        'sh',
        [
          '-c',
          `mkdir -p "$1" && cd "$1" && rmdir "$1" && shift && exec "$@"`,
          'sh',
          dir,
          process.execPath,
          CR_BIN,
          ...args,
        ],
        { env: w.env, extendEnv: false, reject: false },
      );
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(
        'cr: error: the current directory no longer exists (deleted or moved): cd to one that does',
      );
    }
  });
});
