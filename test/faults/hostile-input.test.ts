// Hostile task text and stdin reach claude exactly: cr passes an argv array (no shell) and
// feeds stdin through byte for byte.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crEnv, makeFakeClaude, type FakeClaude } from '../support/fake-claude.js';
import { runCr } from '../support/run-cr.js';
import { readHistory } from '../e2e/support/history.js';

const HOSTILE: Array<[string, string]> = [
  ['double and single quotes', `fix "the" parser's 'quoting' of \\"escapes\\"`],
  ['command substitution', 'explain $(rm -rf ~) and ${HOME} and $PATH'],
  ['backticks', 'what does `cat /etc/passwd` print'],
  ['newlines and tabs', 'line one\nline two\r\n\tindented\n'],
  ['shell metacharacters', 'a; b && c || d | e > f < g & h * ? [x] ~ # !'],
  ['unicode', 'résumé 日本語 🚀 \u202e reversed \u200b zero-width'],
  ['leading and trailing spaces', '   padded task   '],
  ['json-looking', '{"type":"decision","id":"x"}\n{"v":1}'],
  ['percent and backslashes', '100% \\n is not a newline \\\\ %s %d'],
];

describe('hostile input reaches claude exactly', () => {
  let fake: FakeClaude;
  let root: string;
  let cwd: string;
  beforeAll(async () => {
    fake = await makeFakeClaude();
    root = await mkdtemp(path.join(os.tmpdir(), 'cr-faults-hostile-'));
    cwd = path.join(root, 'project');
    await mkdir(cwd, { recursive: true });
  });
  afterAll(async () => {
    await fake?.cleanup();
    if (root) await rm(root, { recursive: true, force: true });
  });

  let n = 0;
  async function call(args: string[], input?: Buffer) {
    const log = fake.logPath(`call-${n++}`);
    const env = crEnv(root, fake, {
      FAKE_CLAUDE_LOG: log,
      CR_HISTORY_FILE: path.join(root, 'state', `history-${n}.jsonl`),
    });
    const r = await runCr(args, { cwd, env, ...(input ? { input } : {}) });
    expect(r.stderr).not.toMatch(/^\s{4}at /m);
    expect(r.exitCode, r.stderr).toBe(0);
    return { call: await fake.readCall(log), historyFile: env.CR_HISTORY_FILE! };
  }

  for (const [name, task] of HOSTILE) {
    it(`${name}: interactive and print mode`, async () => {
      // cr may trim surrounding whitespace off a task; everything inside must arrive untouched.
      const sent = (argv: string[]) => expect([task, task.trim()]).toContain(argv.at(-1));
      const interactive = await call([task]);
      sent(interactive.call.argv);
      expect(interactive.call.argv).toContain('--model');

      const print = await call(['-p', task]);
      expect(print.call.argv).toContain('-p');
      sent(print.call.argv);

      // The history line is still one intact JSON line holding the task.
      const records = await readHistory(print.historyFile);
      const decision = records.find((r) => r.type === 'decision');
      expect(decision).toBeDefined();
      if (decision?.type === 'decision' && decision.task !== undefined) expect(decision.task.trim()).toBe(task.trim());
    });
  }

  it('a 100 KB task argument arrives whole', async () => {
    const task = `summarize: ${'lorem ipsum $(x) `y` "z"\n'.repeat(4200)}`.slice(0, 100 * 1024);
    expect(Buffer.byteLength(task)).toBe(100 * 1024);
    const { call: c } = await call(['-p', task]);
    expect(c.argv.at(-1)).toBe(task);
  });

  it('invalid UTF-8 on stdin reaches claude byte for byte (print mode)', async () => {
    const bytes = Buffer.from([
      0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x0a, 0xf0, 0x90, 0x28, 0xbc, 0x41,
    ]);
    const { call: c } = await call(['-p', 'summarize the input'], bytes);
    expect(Buffer.from(c.stdin, 'base64').equals(bytes)).toBe(true);
    expect(c.argv.at(-1)).toBe('summarize the input');
  });

  it('1 MB of binary stdin reaches claude byte for byte', async () => {
    const bytes = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 8)) & 0xff;
    const { call: c } = await call(['-p', 'summarize the input'], bytes);
    expect(Buffer.from(c.stdin, 'base64').equals(bytes)).toBe(true);
  });
});
