// Black-box: the subagent policy (CLAUDE_CODE_SUBAGENT_MODEL) and --effort, as a launch, --explain
// and --dry-run see them, with a claude that answers --help like a release with or without --effort.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

const WITHOUT_EFFORT = `Options:
  -c, --continue             Continue the most recent conversation
  --fallback-model <model>   Fall back
  --model <model>            Model for the current session
  --permission-mode <mode>   Permission mode
  -p, --print                Print response and exit
  -r, --resume [value]       Resume a conversation
  --session-id <uuid>        Use a specific session ID
`;
const WITH_EFFORT = `${WITHOUT_EFFORT}  --effort <level>           Effort level for the current session (low, medium, high, xhigh, max)\n`;

/**
 * A claude that answers --version and --help, logs every other call (the subagent variable, then the
 * argv) as one line, and fails a session on the model named by FAIL_MODEL as an overloaded API does.
 */
function claudeScript(help: string, version = '2.1.332 (Claude Code)'): { path: string; calls: () => string[] } {
  const file = path.join(w.root, 'bin', 'claude');
  const log = path.join(w.root, 'calls.log');
  writeFileSync(path.join(w.root, 'help.txt'), help);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `#!/bin/sh
case "$1" in
  --version) echo '${version}'; echo "--version" >> '${log}.probes'; exit 0 ;;
  --help) cat '${path.join(w.root, 'help.txt')}'; echo "--help" >> '${log}.probes'; exit 0 ;;
esac
printf '%s|%s\\n' "\${CLAUDE_CODE_SUBAGENT_MODEL-unset}" "$*" >> '${log}'
case " $* " in *" --model \${FAIL_MODEL:-none} "*) echo "API Error: 529 Overloaded"; exit 1 ;; esac
exit 0
`,
  );
  chmodSync(file, 0o755);
  return {
    path: file,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
  };
}

const probes = () => {
  const file = path.join(w.root, 'calls.log.probes');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
};

describe('subagents policy', () => {
  it('"one-below" sets CLAUDE_CODE_SUBAGENT_MODEL a tier under the session: opus → sonnet', async () => {
    w.write(w.globalFile, { subagents: { model: 'one-below' } });
    const r = await w.cr(['--opus', 'review the auth module']);
    expect(r.exitCode).toBe(0);
    expect((await w.fake.readCall(w.log)).env.CLAUDE_CODE_SUBAGENT_MODEL).toBe('sonnet');
  });

  it('the default ("same") sets nothing', async () => {
    await w.cr(['--opus', 'review the auth module']);
    expect((await w.fake.readCall(w.log)).env.CLAUDE_CODE_SUBAGENT_MODEL).toBeNull();
  });

  it("the user's own CLAUDE_CODE_SUBAGENT_MODEL wins, and --explain says so", async () => {
    w.write(w.globalFile, { subagents: { model: 'haiku' } });
    const r = await w.cr(['--opus', 'review the auth module'], { env: { CLAUDE_CODE_SUBAGENT_MODEL: 'opus' } });
    expect(r.exitCode).toBe(0);
    expect((await w.fake.readCall(w.log)).env.CLAUDE_CODE_SUBAGENT_MODEL).toBe('opus');
    const explain = await w.cr(['--explain', '--opus', 'review the auth module'], {
      env: { CLAUDE_CODE_SUBAGENT_MODEL: 'opus' },
    });
    expect(explain.stdout).toMatch(
      /^subagents your CLAUDE_CODE_SUBAGENT_MODEL=opus wins over subagents\.model "haiku" \(cr sets nothing\)$/m,
    );
  });

  it('--explain, --dry-run and --dry-run --json show the variable', async () => {
    w.write(w.globalFile, { subagents: { model: 'one-below' } });
    const explain = await w.cr(['--explain', '--sonnet', 'add a health endpoint']);
    expect(explain.stdout).toMatch(
      /^subagents haiku for subagents whose definition sets no model \(subagents\.model "one-below": sonnet → haiku\)$/m,
    );
    const json = JSON.parse((await w.cr(['--explain', '--json', '--sonnet', 'add a health endpoint'])).stdout);
    expect(json.subagents).toMatchObject({ policy: 'one-below', model: 'haiku' });
    const dry = await w.cr(['--dry-run', '--sonnet', 'add a health endpoint']);
    expect(dry.stdout).toMatch(/^CLAUDE_CODE_SUBAGENT_MODEL=haiku \S+ --model sonnet /);
    const dryJson = JSON.parse((await w.cr(['--dry-run', '--json', '--sonnet', 'add a health endpoint'])).stdout);
    expect(dryJson.env).toEqual({ CLAUDE_CODE_SUBAGENT_MODEL: 'haiku' });
  });

  it('a bad value is a config error naming the key (exit 2)', async () => {
    w.write(w.globalFile, { subagents: { model: 'one below' }, tiers: { opus: { effort: 'extreme' } } });
    const r = await w.cr(['--explain', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('subagents.model: expected "same", "one-below", a tier');
    expect(r.stderr).toMatch(/tiers\.opus\.effort: /);
  });
});

describe('effort', () => {
  it('passes the tier’s effort to a claude that takes --effort, asking it only once', async () => {
    const claude = claudeScript(WITH_EFFORT);
    w.write(w.globalFile, { tiers: { opus: { effort: 'high' } } });
    const env = { CLAUDE_PATH: claude.path };
    expect((await w.cr(['--opus', 'review it'], { env })).exitCode).toBe(0);
    expect((await w.cr(['--opus', 'review it again'], { env })).exitCode).toBe(0);
    expect(claude.calls()).toHaveLength(2);
    for (const call of claude.calls()) expect(call).toMatch(/--model opus --session-id \S+ --effort high /);
    // --version and --help once: the answer is kept in the cache folder for this binary.
    expect(probes()).toEqual(['--version', '--help']);
    expect(existsSync(path.join(w.env.CR_CACHE_DIR!, 'claude-features.json'))).toBe(true);
  });

  it('nothing is passed by default, nor for a tier without an effort', async () => {
    const claude = claudeScript(WITH_EFFORT);
    await w.cr(['--sonnet', 'add a test'], { env: { CLAUDE_PATH: claude.path } });
    w.write(w.globalFile, { tiers: { opus: { effort: 'high' } } });
    await w.cr(['--sonnet', 'add a test'], { env: { CLAUDE_PATH: claude.path } });
    for (const call of claude.calls()) expect(call).not.toContain('--effort');
    // No effort for this session: claude was never asked what it takes.
    expect(probes()).toEqual([]);
  });

  it('a claude without --effort gets none, and --explain says why', async () => {
    const claude = claudeScript(WITHOUT_EFFORT, '2.1.197 (Claude Code)');
    w.write(w.globalFile, { tiers: { haiku: { effort: 'low' } } });
    const env = { CLAUDE_PATH: claude.path };
    await w.cr(['--haiku', 'convert it'], { env });
    expect(claude.calls()[0]).not.toContain('--effort');
    const explain = await w.cr(['--explain', '--haiku', 'convert it'], { env });
    expect(explain.stdout).toMatch(
      /^effort {4}low \(tiers\.haiku\.effort\), not passed: claude 2\.1\.197 \(Claude Code\) has no --effort$/m,
    );
  });

  it("the user's own --effort wins; a rule's effort applies when the rule decides", async () => {
    const claude = claudeScript(WITH_EFFORT);
    w.write(w.globalFile, {
      tiers: { opus: { effort: 'high' } },
      rules: [{ id: 'audits', when: { pattern: 'audit' }, tier: 'opus', effort: 'max' }, 'defaults'],
    });
    const env = { CLAUDE_PATH: claude.path };
    await w.cr(['--opus', '--effort', 'low', 'review it'], { env });
    await w.cr(['audit the payments'], { env });
    const [own, rule] = claude.calls();
    expect(own!.match(/--effort \w+/g)).toEqual(['--effort low']);
    expect(rule).toMatch(/--model opus --session-id \S+ --effort max /);
    const dry = await w.cr(['--dry-run', '--json', 'audit the payments'], { env });
    expect(JSON.parse(dry.stdout).args).toEqual(expect.arrayContaining(['--effort', 'max']));
  });

  it('cr doctor checks claude once more, keeps the answer, and warns when configured effort cannot be passed', async () => {
    const claude = claudeScript(WITHOUT_EFFORT, '2.1.197 (Claude Code)');
    w.write(w.globalFile, { tiers: { opus: { effort: 'high' } } });
    const r = await w.cr(['doctor', '--json'], { env: { CLAUDE_PATH: claude.path } });
    const check = JSON.parse(r.stdout).checks.find((c: { name: string }) => c.name === 'claude');
    expect(check.status).toBe('warn');
    expect(check.details.join('\n')).toContain(
      'no --effort in this claude: tiers.opus.effort is not passed; update Claude Code',
    );
    const cache = JSON.parse(readFileSync(path.join(w.env.CR_CACHE_DIR!, 'claude-features.json'), 'utf8'));
    expect(Object.values(cache)).toEqual([
      expect.objectContaining({ version: '2.1.197 (Claude Code)', effort: false }),
    ]);
    // The launch uses what doctor found: no second --help.
    const before = probes().length;
    await w.cr(['--opus', 'review it'], { env: { CLAUDE_PATH: claude.path } });
    expect(probes()).toHaveLength(before);
  });
});

describe('a print-mode retry on the next tier', () => {
  it('gets the settings of its own tier: effort and the subagents’ model move with it', async () => {
    const claude = claudeScript(WITH_EFFORT);
    w.write(w.globalFile, { tiers: { sonnet: { effort: 'medium' } }, subagents: { model: 'one-below' } });
    const r = await w.cr(['-p', 'add a health endpoint to the server'], {
      env: { CLAUDE_PATH: claude.path, FAIL_MODEL: 'sonnet' },
    });
    expect(r.stderr).toMatch(/retrying once on opus/);
    const [first, retry] = claude.calls();
    expect(first).toMatch(/^haiku\|--model sonnet .*--effort medium /);
    expect(retry).toMatch(/^sonnet\|--model opus /);
    expect(retry).not.toContain('--effort');
  });
});

describe('cr up', () => {
  it('moves the effort and the subagents’ model to the new tier', async () => {
    const claude = claudeScript(WITH_EFFORT);
    w.write(w.globalFile, { tiers: { opus: { effort: 'high' } }, subagents: { model: 'one-below' } });
    const env = { CLAUDE_PATH: claude.path };
    expect((await w.cr(['--sonnet', 'fix the flaky test'], { env })).exitCode).toBe(0);
    const dry = await w.cr(['up', '--dry-run'], { env });
    expect(dry.stdout).toMatch(/^CLAUDE_CODE_SUBAGENT_MODEL=sonnet \S+ --model opus --effort high --resume /);
    expect((await w.cr(['up'], { env })).exitCode).toBe(0);
    const [first, up] = claude.calls();
    expect(first).toMatch(/^haiku\|--model sonnet /);
    expect(up).toMatch(/^sonnet\|--model opus --effort high --resume /);
  });
});
