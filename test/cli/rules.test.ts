// Issue 4's rules from the command line: input length, time of day, failure recovery, plan mode,
// resume and escalation, against a scripted fake claude.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CR_BIN, runCr } from '../support/run-cr.js';
import { writeScriptedClaude } from '../support/scripted-claude.js';
import { historyRecords, useWorld } from '../support/world.js';

let root: string;
let project: string;
let env: NodeJS.ProcessEnv;
let scripted: ReturnType<typeof writeScriptedClaude>;

type Rec = Record<string, unknown>;
const history = () => historyRecords(env);
const decisionsOf = () => history().filter((r) => r.type === 'decision');
const config = (data: unknown) => writeFileSync(path.join(project, '.claude-router.json'), JSON.stringify(data));
const explain = async (args: string[], extra: NodeJS.ProcessEnv = {}, input?: Buffer) =>
  JSON.parse(
    (await runCr(['--explain', '--json', ...args], { cwd: project, env: { ...env, ...extra }, input })).stdout,
  ) as Rec & { signals: Rec; trace: Rec[] };

useWorld((w) => {
  ({ root, project, env } = w);
  scripted = writeScriptedClaude(root);
});

describe('input length', () => {
  const extraction = 'extract every email address from the input';

  it('piped input over the threshold moves extraction from haiku to sonnet; explain shows the estimate', async () => {
    expect((await explain(['-p', extraction], {}, Buffer.from('a@b.c\n'))).tier).toBe('haiku');
    const big = Buffer.alloc(200_000, 'x');
    const d = await explain(['-p', extraction], {}, big);
    expect(d).toMatchObject({ tier: 'sonnet', rule: 'long-context' });
    expect(d.signals.contextTokens).toBeGreaterThanOrEqual(50_000);
    expect(d.signals.contextThreshold).toBe(40_000);
    const text = await runCr(['--explain', '-p', extraction], { cwd: project, env, input: big });
    expect(text.stdout).toMatch(/context\s+~50,\d{3} tokens \(task \d+, stdin 50,000\); long above 40,000/);
  });

  it('a reasoning task with a long context goes to opus; the threshold is configurable', async () => {
    writeFileSync(path.join(project, 'big.log'), 'y'.repeat(400_000));
    const task = 'review this pull request for correctness and security issues, see @big.log';
    expect(await explain([task])).toMatchObject({ tier: 'opus', rule: 'long-context' });
    config({ longContext: { threshold: 500_000 } });
    expect((await explain([task])).rule).toBe('task-type');
    config({ longContext: { enabled: false } });
    const off = await explain(['-p', extraction], {}, Buffer.alloc(200_000, 'x'));
    expect(off.tier).toBe('haiku');
    expect(off.trace.find((t) => t.rule === 'long-context')).toMatchObject({
      fired: false,
      note: 'turned off in config',
    });
  });

  it('@mentions outside the working directory do not count', async () => {
    writeFileSync(path.join(root, 'outside.txt'), 'z'.repeat(400_000));
    const d = await explain([`extract the names from @../../outside.txt`]);
    expect(d.signals.contextTokens).toBeLessThan(100);
  });

  it('piped input reaches claude byte for byte: binary and multi-megabyte', async () => {
    const payload = Buffer.concat([randomBytes(3 * 1024 * 1024), Buffer.from([0, 0xff, 0xfe, 0x0a, 0x0d])]);
    const r = await runCr(['--sonnet', '-p', 'summarise'], {
      cwd: project,
      env: { ...env, ...scripted.env({ '*': { stdout: 'ok' } }) },
      input: payload,
    });
    expect(r.exitCode).toBe(0);
    const [call] = scripted.calls();
    expect(Buffer.from(call!.stdin, 'base64').equals(payload)).toBe(true);
  });
});

describe('time of day', () => {
  const overnight = {
    schedule: [{ name: 'night', from: '22:00', to: '07:00', timezone: 'UTC', maxTier: 'sonnet', defaultTier: 'haiku' }],
  };
  it('caps the tier inside the window (CR_NOW sets the clock) and leaves it alone outside', async () => {
    config(overnight);
    const task = 'design the architecture for a multi-tenant job scheduler';
    const night = await explain([task], { CR_NOW: '2026-11-26T23:30:00Z' });
    expect(night).toMatchObject({ tier: 'sonnet', rule: 'schedule' });
    expect(night.signals.scheduleWindow).toMatch(/night/);
    expect((await explain([task], { CR_NOW: '2026-11-26T12:00:00Z' })).tier).toBe('opus');
    // No task: the window's default tier.
    const dry = await runCr(['--dry-run', '--json'], { cwd: project, env: { ...env, CR_NOW: '2026-11-27T03:00:00Z' } });
    expect((JSON.parse(dry.stdout) as { args: string[] }).args.slice(0, 2)).toEqual(['--model', 'haiku']);
  });

  it("a window without a time zone follows the machine's (TZ), without Intl", async () => {
    config({ schedule: [{ name: 'night', from: '22:00', to: '07:00', maxTier: 'sonnet' }] });
    const task = 'design the architecture for a multi-tenant job scheduler';
    // 14:30 UTC is 23:30 in Tokyo (UTC+9, no daylight saving) and 09:30 in New York.
    const at = { CR_NOW: '2026-11-26T14:30:00Z' };
    expect(await explain([task], { ...at, TZ: 'Asia/Tokyo' })).toMatchObject({ tier: 'sonnet', rule: 'schedule' });
    expect((await explain([task], { ...at, TZ: 'America/New_York' })).tier).toBe('opus');
    expect((await explain([task], { ...at, TZ: 'UTC' })).tier).toBe('opus');
    // A window that names its zone ignores the machine's: 21:30 UTC is 22:30 in Berlin (winter).
    config({ schedule: [{ name: 'night', from: '22:00', to: '07:00', timezone: 'Europe/Berlin', maxTier: 'sonnet' }] });
    expect(await explain([task], { CR_NOW: '2026-11-26T21:30:00Z', TZ: 'Asia/Tokyo' })).toMatchObject({
      tier: 'sonnet',
      rule: 'schedule',
    });
    expect((await explain([task], { CR_NOW: '2026-11-26T20:30:00Z', TZ: 'Asia/Tokyo' })).tier).toBe('opus');
  });

  it('printOnly windows apply to print mode only', async () => {
    config({ schedule: [{ from: '00:00', to: '23:59', printOnly: true, maxTier: 'haiku' }] });
    expect((await explain(['--permission-mode', 'plan', 'x'])).tier).toBe('opus');
    expect((await explain(['-p', '--permission-mode', 'plan', 'x'])).tier).toBe('haiku');
  });

  it('a bad CR_NOW is a usage error', async () => {
    const r = await runCr(['--explain', 'x'], { cwd: project, env: { ...env, CR_NOW: 'yesterday' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/CR_NOW/);
  });
});

describe('failure recovery in print mode', () => {
  // What claude 2.1.332 prints, and its exit code, when the API fails (test/decide/api-failure.test.ts).
  const serverError = { exit: 1, stdout: 'API Error: 500 Internal server error. This is a server-side issue.\n' };

  it('retries once on the next tier up; the user sees only the accepted output, plus one line', async () => {
    const e = {
      ...env,
      ...scripted.env({
        haiku: { ...serverError, stderr: 'haiku stderr\n' },
        sonnet: { stdout: 'sonnet answer\n' },
      }),
    };
    const r = await runCr(['--haiku', '-p', 'convert this CSV to JSON'], { cwd: project, env: e });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('sonnet answer\n');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^cr: haiku attempt failed \(the provider answered with a server error: 500\); retrying once on sonnet\n$/,
    );
    expect(scripted.calls().map((c) => c.model)).toEqual(['haiku', 'sonnet']);
    const [first, second] = decisionsOf();
    expect(first).toMatchObject({ tier: 'haiku', kind: 'override' });
    expect(second).toMatchObject({ tier: 'sonnet', kind: 'retry', rule: 'retry', parent: first!.id });
    expect(second!.sessionId).not.toBe(first!.sessionId);
    expect(
      history()
        .filter((r) => r.type === 'outcome')
        .map((o) => o.exitCode),
    ).toEqual([1, 0]);
  });

  it("output held for a possible retry is passed on as claude's bytes, not cleaned up as cr's text", async () => {
    // Not UTF-8, a carriage return, a bell and a colour code: what claude -p may print into a file.
    const bytes = Buffer.from([
      0x63, 0x61, 0x66, 0xc3, 0xa9, 0x20, 0xff, 0xfe, 0x0d, 0x0a, 0x07, 0x1b, 0x5b, 0x30, 0x6d, 0x0a,
    ]);
    const e = { ...env, ...scripted.env({ '*': { stdoutBase64: bytes.toString('base64') } }) };
    for (const flags of [[], ['--no-retry']]) {
      const r = spawnSync(process.execPath, [CR_BIN, '--haiku', ...flags, '-p', 'tag these'], { cwd: project, env: e });
      expect(r.status).toBe(0);
      expect(Buffer.compare(r.stdout, bytes), `${flags}: ${JSON.stringify(r.stdout.toString('latin1'))}`).toBe(0);
    }
  });

  it('stdin is replayed to the retry', async () => {
    const e = { ...env, ...scripted.env({ haiku: serverError, sonnet: { stdout: 'done\n' } }) };
    const r = await runCr(['--haiku', '-p', 'tag these'], { cwd: project, env: e, input: Buffer.from('payload') });
    expect(r.stdout).toBe('done\n');
    expect(scripted.calls().map((c) => Buffer.from(c.stdin, 'base64').toString())).toEqual(['payload', 'payload']);
  });

  it("an answer is never retried for its wording, nor a failure that is not the API's", async () => {
    const answers = [
      { stdout: "I couldn't find any TODO comments, so the list is empty.\n" },
      { stdout: 'Which of the two parsers do you mean?\n' },
      { stdout: "I'm sorry, but I can't complete that.\n" },
      { exit: 1, stderr: "error: unknown option '--explian'\n" },
      { exit: 1, stdout: 'API Error: Request rejected (429) · rate limited\n' },
    ];
    for (const answer of answers) {
      const e = { ...env, ...scripted.env({ haiku: answer, sonnet: { stdout: 'sonnet answer\n' } }) };
      const r = await runCr(['--haiku', '-p', 'list the TODO comments'], { cwd: project, env: e });
      expect(r.exitCode).toBe(answer.exit ?? 0);
      expect(r.stdout).toBe(answer.stdout ?? '');
      expect(r.stderr).toBe(answer.stderr ?? '');
    }
    expect(scripted.calls().map((c) => c.model)).toEqual(answers.map(() => 'haiku'));
  });

  it('reads the API failure from --output-format json', async () => {
    const e = {
      ...env,
      ...scripted.env({
        sonnet: {
          exit: 1,
          stdout: '{"is_error":true,"api_error_status":529,"result":"API Error: 529 Overloaded."}',
        },
        opus: { stdout: '{"is_error":false,"result":"fine"}' },
      }),
    };
    const r = await runCr(['--sonnet', '-p', '--output-format', 'json', 'x'], { cwd: project, env: e });
    expect(JSON.parse(r.stdout).result).toBe('fine');
    expect(r.stderr).toMatch(/sonnet attempt failed \(the provider is overloaded: 529\); retrying once on opus/);
  });

  it('the last attempt fails: its output and exit code are passed through', async () => {
    // Claude Code exits 1 on an outage; each attempt says something of its own.
    const e = {
      ...env,
      ...scripted.env({
        sonnet: { exit: 1, stdout: 'API Error: 503 the first time\n', stderr: 'sonnet stderr\n' },
        opus: { exit: 1, stdout: 'API Error: 503 still broken\n', stderr: 'opus stderr\n' },
      }),
    };
    const r = await runCr(['--sonnet', '-p', 'x'], { cwd: project, env: e });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('API Error: 503 still broken\n');
    expect(r.stderr).toContain('opus stderr');
    expect(r.stderr).not.toContain('sonnet stderr');
    expect(scripted.calls().map((c) => c.model)).toEqual(['sonnet', 'opus']);
  });

  it('no retry above opus, with --no-retry, with retry.enabled false, or outside print mode', async () => {
    const e = { ...env, ...scripted.env({ '*': serverError }) };
    expect((await runCr(['--opus', '-p', 'x'], { cwd: project, env: e })).exitCode).toBe(1);
    expect((await runCr(['--haiku', '--no-retry', '-p', 'x'], { cwd: project, env: e })).exitCode).toBe(1);
    config({ retry: { enabled: false } });
    expect((await runCr(['--haiku', '-p', 'x'], { cwd: project, env: e })).exitCode).toBe(1);
    config({});
    expect((await runCr(['--haiku', 'x'], { cwd: project, env: e })).exitCode).toBe(1);
    expect(scripted.calls()).toHaveLength(4);
  });

  it('a retry does not climb over a schedule cap that decided the tier; a tier flag lifts the cap for the retry too', async () => {
    config({ schedule: [{ name: 'day', from: '00:00', to: '00:00', timezone: 'UTC', maxTier: 'sonnet' }] });
    const e = {
      ...env,
      ...scripted.env({ sonnet: serverError, opus: { stdout: 'opus answer\n' } }),
    };
    const capped = await runCr(['-p', 'design the architecture for a multi-tenant job scheduler'], {
      cwd: project,
      env: e,
    });
    expect(capped.exitCode).toBe(1);
    expect(capped.stdout).toBe(serverError.stdout);
    expect(capped.stderr).toMatch(
      /sonnet attempt failed \(the provider answered with a server error: 500\); not retrying on opus: schedule .*day.* caps the tier at sonnet/,
    );
    expect(scripted.calls().map((c) => c.model)).toEqual(['sonnet']);
    const flagged = await runCr(['--sonnet', '-p', 'design the architecture for a multi-tenant job scheduler'], {
      cwd: project,
      env: e,
    });
    expect(flagged.exitCode).toBe(0);
    expect(flagged.stdout).toBe('opus answer\n');
    expect(scripted.calls().map((c) => c.model)).toEqual(['sonnet', 'sonnet', 'opus']);
  });

  it('nor over a ceiling in force that did not lower the pick (a sonnet task under a sonnet window)', async () => {
    config({
      schedule: [
        { name: 'overnight batch', from: '00:00', to: '00:00', timezone: 'UTC', printOnly: true, maxTier: 'sonnet' },
      ],
    });
    const e = {
      ...env,
      ...scripted.env({ sonnet: serverError, opus: { stdout: 'opus answer\n' } }),
    };
    const r = await runCr(['-p', 'fix the failing test in the parser'], { cwd: project, env: e });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/not retrying on opus: schedule .*overnight batch.* caps the tier at sonnet/);
    expect(scripted.calls().map((c) => c.model)).toEqual(['sonnet']);
  });

  it('retry.max 2 climbs two tiers', async () => {
    config({ retry: { max: 2 } });
    const e = { ...env, ...scripted.env({ opus: { stdout: 'opus did it\n' }, '*': serverError }) };
    const r = await runCr(['--haiku', '-p', 'x'], { cwd: project, env: e });
    expect(r.stdout).toBe('opus did it\n');
    expect(scripted.calls().map((c) => c.model)).toEqual(['haiku', 'sonnet', 'opus']);
  });

  it('passes --fallback-model from config unless the user gave one', async () => {
    config({ fallbackModel: 'sonnet' });
    const dry = async (args: string[]) =>
      (JSON.parse((await runCr(['--dry-run', '--json', ...args], { cwd: project, env })).stdout) as { args: string[] })
        .args;
    expect(await dry(['--opus', 'x'])).toEqual(expect.arrayContaining(['--fallback-model', 'sonnet']));
    const mine = await dry(['--opus', '--fallback-model', 'haiku', 'x']);
    expect(mine.filter((a) => a === '--fallback-model')).toHaveLength(1);
    expect(mine[mine.indexOf('--fallback-model') + 1]).toBe('haiku');
  });
});

describe('plan mode, resume and escalation', () => {
  it('plan mode routes to opus, or opusplan when configured', async () => {
    expect(await explain(['--permission-mode', 'plan', 'tidy the imports'])).toMatchObject({
      tier: 'opus',
      model: 'opus',
      rule: 'plan-mode',
    });
    config({ planModel: 'opusplan' });
    expect((await explain(['--permission-mode', 'plan', 'x'])).model).toBe('opusplan');
  });

  it("resume is recorded against the session's latest decision, keeping its tier", async () => {
    const e = { ...env, ...scripted.env({}) };
    await runCr(['--haiku', 'tag issues'], { cwd: project, env: e });
    const [origin] = decisionsOf();
    await runCr(['--resume', origin!.sessionId as string, 'more'], { cwd: project, env: e });
    await runCr(['-c'], { cwd: project, env: e });
    const [, resumed, continued] = decisionsOf();
    expect(resumed).toMatchObject({
      kind: 'resume',
      tier: 'haiku',
      model: null,
      parent: origin!.id,
      sessionId: origin!.sessionId,
    });
    // The second resume continues the first: its latest decision.
    expect(continued).toMatchObject({ kind: 'resume', tier: 'haiku', parent: resumed!.id });
    expect(scripted.calls()[1]!.argv).toEqual(['--resume', origin!.sessionId, 'more']);
  });

  it('cr escalate resumes the latest session here on the next tier up, with a warning, and records it', async () => {
    const e = { ...env, ...scripted.env({}) };
    await runCr(['--sonnet', 'fix the flaky test'], { cwd: project, env: e });
    const [origin] = decisionsOf();
    const r = await runCr(['escalate', 'look deeper'], { cwd: project, env: e });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/from sonnet to opus: the switch re-reads the whole context without the prompt cache/);
    expect(scripted.calls()[1]!.argv).toEqual(['--model', 'opus', '--resume', origin!.sessionId, 'look deeper']);
    expect(decisionsOf()[1]).toMatchObject({
      kind: 'escalation',
      tier: 'opus',
      parent: origin!.id,
      sessionId: origin!.sessionId,
      suggested: { tier: 'sonnet' },
    });
    const again = await runCr(['up'], { cwd: project, env: e });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/already on opus/);
    const down = await runCr(['up', '--to', 'haiku', '--dry-run', '--json'], { cwd: project, env: e });
    expect(JSON.parse(down.stdout)).toMatchObject({
      from: 'opus',
      to: 'haiku',
      args: ['--model', 'haiku', '--resume', origin!.sessionId],
    });
  });

  it('cr escalate with no session here is a clear error (exit 1)', async () => {
    const r = await runCr(['escalate'], { cwd: project, env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no session started by cr in/);
    expect((await runCr(['up', '--to', 'mega'], { cwd: project, env })).exitCode).toBe(2);
  });
});
