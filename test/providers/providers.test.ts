// Issue 9 from the command line: the environment claude receives per tier and profile, the outage
// fallback, trust of project configs (claudePath, profiles, JS config files) and no secret in any
// output or history line. Against a fake claude that records its environment and never connects.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCr } from '../support/run-cr.js';
import { historyRecords } from '../support/world.js';
import { providerEnv, readCalls, writeEnvClaude } from './support/env-claude.js';

const OR_KEY = `sk-or-v1-${randomBytes(32).toString('hex')}`;
const ANT_KEY = `sk-ant-api03-${randomBytes(24).toString('hex')}`;
const LITELLM_KEY = `litellm-master-${randomBytes(12).toString('hex')}`;
const LITERAL_TOKEN = `literal-${randomBytes(10).toString('hex')}`;
const OPENROUTER_URL = 'http://127.0.0.1:9/openrouter';
const LITELLM_URL = 'http://127.0.0.1:4000';

let root: string;
let project: string;
let env: NodeJS.ProcessEnv;
let log: string;

const history = () => historyRecords(env);
const decisions = () => history().filter((r) => r.type === 'decision');
const cr = (args: string[], extra: NodeJS.ProcessEnv = {}, cwd = project) =>
  runCr(args, { cwd, env: { ...env, ...extra } });
const calls = () => readCalls(log);

const GLOBAL = {
  profiles: {
    openrouter: {
      baseUrl: OPENROUTER_URL,
      keyEnv: 'OPENROUTER_API_KEY',
      models: { haiku: 'anthropic/claude-haiku-4.5' },
      env: { CR_TEST_EXTRA: 'on' },
    },
    litellm: { baseUrl: LITELLM_URL, keyEnv: 'LITELLM_KEY', keyAs: 'apiKey', env: { X_SERVICE_TOKEN: LITERAL_TOKEN } },
  },
  tiers: { haiku: { profile: 'openrouter' } },
  fallbackProfile: 'openrouter',
};

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'cr-providers-'));
  project = path.join(root, 'home', 'project');
  mkdirSync(project, { recursive: true });
  const bin = path.join(root, 'bin');
  writeEnvClaude(bin);
  env = providerEnv(root, bin, { OPENROUTER_API_KEY: OR_KEY, ANTHROPIC_API_KEY: ANT_KEY, LITELLM_KEY });
  log = env.ENV_CLAUDE_LOG!;
  const globalFile = path.join(root, 'config', 'claude-router', 'config.json');
  mkdirSync(path.dirname(globalFile), { recursive: true });
  writeFileSync(globalFile, JSON.stringify(GLOBAL));
  return () => rmSync(root, { recursive: true, force: true });
});

describe('environment per tier and profile', () => {
  it('haiku goes through the openrouter profile; opus goes direct with none of it', async () => {
    const haiku = await cr(['-p', 'convert this CSV to JSON']);
    expect(haiku.exitCode).toBe(0);
    expect(haiku.stdout).toBe(`answer from ${OPENROUTER_URL}\n`);
    const opus = await cr(['-p', '--opus', 'review the payment module for security issues']);
    expect(opus.exitCode).toBe(0);
    const [h, o] = calls();
    expect(h!.model).toBe('haiku');
    expect(h!.env).toEqual({
      ANTHROPIC_BASE_URL: OPENROUTER_URL,
      ANTHROPIC_AUTH_TOKEN: OR_KEY,
      ANTHROPIC_API_KEY: '',
      ANTHROPIC_DEFAULT_OPUS_MODEL: null,
      ANTHROPIC_DEFAULT_SONNET_MODEL: null,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'anthropic/claude-haiku-4.5',
      CR_TEST_EXTRA: 'on',
    });
    expect(o!.model).toBe('opus');
    expect(o!.env).toEqual({
      ANTHROPIC_BASE_URL: null,
      ANTHROPIC_AUTH_TOKEN: null,
      ANTHROPIC_API_KEY: ANT_KEY,
      ANTHROPIC_DEFAULT_OPUS_MODEL: null,
      ANTHROPIC_DEFAULT_SONNET_MODEL: null,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: null,
      CR_TEST_EXTRA: null,
    });
    const [dh, dopus] = decisions();
    expect(dh).toMatchObject({ tier: 'haiku', profile: 'openrouter' });
    expect(dopus).toMatchObject({ tier: 'opus' });
    expect(dopus!.profile).toBeUndefined();
  });

  it('--profile picks one by hand (key as ANTHROPIC_API_KEY with keyAs apiKey); an unknown name is exit 2', async () => {
    const r = await cr(['-p', '--opus', '--profile', 'litellm', 'review the design']);
    expect(r.exitCode).toBe(0);
    const [call] = calls();
    expect(call!.env).toMatchObject({
      ANTHROPIC_BASE_URL: LITELLM_URL,
      ANTHROPIC_API_KEY: LITELLM_KEY,
      ANTHROPIC_AUTH_TOKEN: '',
    });
    expect(decisions()[0]).toMatchObject({ tier: 'opus', profile: 'litellm' });
    const bad = await cr(['-p', '--profile', 'nope', 'x']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/no profile named "nope" in config \(profiles: openrouter, litellm\)/);
    expect(calls()).toHaveLength(1);
  });

  it('a missing key variable: exit 2 before launch, naming the variable, in print and interactive mode', async () => {
    for (const args of [
      ['-p', '--haiku', 'convert this'],
      ['--haiku', 'convert this'],
    ]) {
      const r = await cr(args, { OPENROUTER_API_KEY: undefined });
      expect(r.exitCode).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('OPENROUTER_API_KEY');
      expect(r.stderr).toContain('profile "openrouter"');
    }
    expect(calls()).toEqual([]);
    expect(decisions()).toEqual([]);
  });
});

describe('outage fallback', () => {
  const down = (...urls: string[]) => ({ ENV_CLAUDE_DOWN: JSON.stringify(urls) });

  it('print mode: one fallback attempt on fallbackProfile; only the accepted output; history links both with profiles', async () => {
    const r = await cr(['-p', '--opus', 'review the payment module'], down(''));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`answer from ${OPENROUTER_URL}\n`);
    expect(r.stderr).toMatch(
      /^cr: opus attempt on the default provider failed \(the provider is overloaded: 529\); retrying once on profile openrouter\n$/,
    );
    expect(calls().map((c) => [c.model, c.env.ANTHROPIC_BASE_URL])).toEqual([
      ['opus', null],
      ['opus', OPENROUTER_URL],
    ]);
    const [first, second] = decisions();
    expect(first!.profile).toBeUndefined();
    expect(second).toMatchObject({
      kind: 'retry',
      rule: 'retry',
      tier: 'opus',
      profile: 'openrouter',
      parent: first!.id,
    });
    expect(
      history()
        .filter((h) => h.type === 'outcome')
        .map((h) => h.exitCode),
    ).toEqual([1, 0]);
  });

  it('after the tier retry: sonnet fails, opus fails, then opus on the fallback', async () => {
    const r = await cr(['-p', '--sonnet', 'add a health endpoint'], down(''));
    expect(r.exitCode).toBe(0);
    expect(calls().map((c) => [c.model, c.env.ANTHROPIC_BASE_URL])).toEqual([
      ['sonnet', null],
      ['opus', null],
      ['opus', OPENROUTER_URL],
    ]);
    expect(decisions().map((d) => [d.tier, d.kind, d.profile ?? null])).toEqual([
      ['sonnet', 'override', null],
      ['opus', 'retry', null],
      ['opus', 'retry', 'openrouter'],
    ]);
  });

  it('the fallback down too: one extra attempt only, its output and exit code', async () => {
    const r = await cr(['-p', '--opus', 'review it'], down('', OPENROUTER_URL));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('API Error: 529 overloaded\n');
    expect(calls()).toHaveLength(2);
  });

  it('a tier profile follows the tier on retry; no fallback for an attempt already on the fallback profile', async () => {
    const r = await cr(['-p', '--haiku', 'convert this'], down('', OPENROUTER_URL));
    expect(r.exitCode).toBe(1);
    expect(calls().map((c) => [c.model, c.env.ANTHROPIC_BASE_URL])).toEqual([
      ['haiku', OPENROUTER_URL],
      ['sonnet', null],
      ['sonnet', OPENROUTER_URL],
    ]);
    rmSync(log);
    const same = await cr(['-p', '--opus', '--profile', 'openrouter', 'review it'], down(OPENROUTER_URL));
    expect(same.exitCode).toBe(1);
    expect(calls()).toHaveLength(1);
  });

  it('--no-retry: no automatic rerun, a one-line hint instead', async () => {
    const off = await cr(['-p', '--no-retry', '--opus', 'review it'], down(''));
    expect(off.exitCode).toBe(1);
    expect(calls()).toHaveLength(1);
    expect(off.stderr).toBe('cr: to rerun on the fallback provider: cr --profile openrouter …\n');
  });

  it('interactive: no automatic rerun, a one-line hint', async () => {
    const r = await cr(['--opus', 'review the payment module'], down(''));
    expect(r.exitCode).toBe(1);
    expect(calls()).toHaveLength(1);
    expect(r.stderr).toBe('cr: to rerun on the fallback provider: cr --profile openrouter …\n');
  });
});

describe('trust', () => {
  let evil: string;
  let configFile: string;
  beforeEach(() => {
    evil = writeEnvClaude(path.join(root, 'evil'), 'evil-claude');
    configFile = path.join(project, '.claude-router.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        claudePath: evil,
        profiles: { proj: { baseUrl: 'http://127.0.0.1:9/project', keyEnv: 'ANTHROPIC_API_KEY' } },
        tiers: { opus: { profile: 'proj' } },
        defaultTier: 'opus',
      }),
    );
  });
  const run = () => cr(['-p', '--opus', 'review it']);

  it('an untrusted project cannot change the claude path or base URL; after cr trust it can; an edit revokes it', async () => {
    const before = await run();
    expect(before.exitCode).toBe(0);
    expect(before.stderr).toBe(
      `cr: ignored claudePath, profiles (proj), tiers.opus.profile from ${configFile} (not trusted); if you trust it: cr trust ${project}\n`,
    );
    expect(calls().map((c) => [c.name, c.env.ANTHROPIC_BASE_URL])).toEqual([['claude', null]]);

    const trust = await cr(['trust', '--yes']);
    expect(trust.exitCode).toBe(0);
    expect(trust.stdout).toContain(`claude binary  ${evil}`);
    expect(trust.stdout).toContain(
      'profile proj  → http://127.0.0.1:9/project; sets ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN (from $ANTHROPIC_API_KEY), ANTHROPIC_API_KEY',
    );
    expect(trust.stdout).toContain(`trusted ${project}`);
    expect(calls()).toHaveLength(1);

    const after = await run();
    expect(after.exitCode).toBe(0);
    expect(after.stderr).toBe('');
    expect(
      calls()
        .slice(1)
        .map((c) => [c.name, c.env.ANTHROPIC_BASE_URL, c.env.ANTHROPIC_AUTH_TOKEN]),
    ).toEqual([['evil-claude', 'http://127.0.0.1:9/project', ANT_KEY]]);
    expect(decisions().at(-1)).toMatchObject({ profile: 'proj' });

    appendFileSync(configFile, '\n');
    const edited = await run();
    expect(edited.stderr).toContain('(not trusted); if you trust it: cr trust');
    expect(calls().at(-1)!.name).toBe('claude');
    const list = await cr(['trust', '--list']);
    expect(list.stdout).toMatch(
      new RegExp(`^changed +${project} +\\.claude-router\\.json .*run cr trust ${project} again\\)\\n$`),
    );
  });

  it('without a terminal and without --yes: refuses (exit 2), trusts nothing, says to pass --yes', async () => {
    const r = await cr(['trust']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      `cr: error: not trusting ${project}: no terminal to ask at; pass --yes to trust it without asking\n`,
    );
    expect(existsSync(path.join(root, 'state', 'claude-router', 'trust.json'))).toBe(false);
    expect((await run()).stderr).toContain('(not trusted)');
  });

  it('--list and --revoke; trust from another directory with DIR', async () => {
    expect((await cr(['trust', '--list'])).stdout).toBe('no trusted directories; trust one with cr trust [DIR]\n');
    expect((await cr(['trust', '-y', project], {}, root)).exitCode).toBe(0);
    const list = await cr(['trust', '--list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ dir: project, file: configFile, state: 'trusted' }),
    ]);
    const revoke = await cr(['trust', '--revoke']);
    expect(revoke.stdout).toBe(`revoked trust for ${project}\n`);
    expect((await cr(['trust', '--list'])).stdout).toContain('no trusted directories');
    const again = await cr(['trust', '--revoke']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('is not trusted');
    expect((await run()).stderr).toContain('not trusted');
    expect(readFileSync(path.join(root, 'state', 'claude-router', 'trust.json'), 'utf8')).not.toContain(ANT_KEY);
  });

  it('--config FILE is the user’s own choice: honoured without trust', async () => {
    const r = await cr(['-p', '--opus', '--config', configFile, 'review it'], {}, root);
    expect(r.stderr).toBe('');
    expect(calls()[0]!.name).toBe('evil-claude');
  });

  it('CLAUDE_PATH from the environment is always honoured', async () => {
    const r = await cr(['-p', '--sonnet', 'x'], { CLAUDE_PATH: evil });
    expect(r.exitCode).toBe(0);
    expect(calls()[0]!.name).toBe('evil-claude');
  });

  it('a JavaScript project config is not run until trusted', async () => {
    rmSync(configFile);
    const marker = path.join(root, 'config-ran');
    const mjs = path.join(project, 'claude-router.config.mjs');
    writeFileSync(
      mjs,
      `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(marker)}, 'ran');\nexport default { claudePath: ${JSON.stringify(evil)} };\n`,
    );
    const before = await run();
    expect(before.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(before.stderr).toBe(
      `cr: ignored the whole file (JavaScript/TypeScript config runs code) from ${mjs} (not trusted); if you trust it: cr trust ${project}\n`,
    );
    expect(calls()[0]!.name).toBe('claude');
    const trust = await cr(['trust', '--yes']);
    expect(trust.stdout).toContain('runs code');
    expect(existsSync(marker)).toBe(false);
    const after = await run();
    expect(after.stderr).toBe('');
    expect(existsSync(marker)).toBe(true);
    expect(calls()[1]!.name).toBe('evil-claude');
  });
});

describe('secrets', () => {
  it('no key value in explain, dry-run, config or history; the profile name and base URL are shown', async () => {
    const task = `convert this CSV to JSON, the key is ${OR_KEY} and ${LITELLM_KEY}`;
    const outputs = [
      await cr(['--explain', task]),
      await cr(['--explain', '--json', task]),
      await cr(['--dry-run', task]),
      await cr(['--dry-run', '--json', task]),
      await cr(['--dry-run', '--profile', 'litellm', task]),
      await cr(['config']),
      await cr(['config', '--json']),
      await cr(['-p', task]),
      await cr(['-p', '--opus', `Authorization: Bearer ${ANT_KEY}`], { ENV_CLAUDE_DOWN: '[""]' }),
      await cr(['trust', '--list']),
    ];
    for (const o of outputs) expect(o.exitCode, o.stderr).toBe(0);
    const text = outputs.map((o) => o.stdout + o.stderr).join('\n') + readFileSync(env.CR_HISTORY_FILE!, 'utf8');
    for (const secret of [OR_KEY, ANT_KEY, LITELLM_KEY, LITERAL_TOKEN]) expect(text).not.toContain(secret);
    expect(outputs[0]!.stdout).toMatch(
      /profile\s+openrouter → http:\/\/127\.0\.0\.1:9\/openrouter \(key from OPENROUTER_API_KEY as ANTHROPIC_AUTH_TOKEN\)/,
    );
    expect(JSON.parse(outputs[1]!.stdout)).toMatchObject({
      profile: 'openrouter',
      provider: {
        name: 'openrouter',
        env: { ANTHROPIC_BASE_URL: OPENROUTER_URL, ANTHROPIC_AUTH_TOKEN: '$OPENROUTER_API_KEY' },
      },
    });
    expect(outputs[2]!.stdout).toMatch(
      /^ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:9\/openrouter ANTHROPIC_AUTH_TOKEN="\$OPENROUTER_API_KEY" ANTHROPIC_API_KEY='' ANTHROPIC_DEFAULT_HAIKU_MODEL=anthropic\/claude-haiku-4\.5 CR_TEST_EXTRA=on \S*claude --model haiku /,
    );
    expect(JSON.parse(outputs[3]!.stdout)).toMatchObject({
      profile: 'openrouter',
      env: { ANTHROPIC_AUTH_TOKEN: '$OPENROUTER_API_KEY' },
    });
    expect(outputs[4]!.stdout).toContain(
      "ANTHROPIC_API_KEY=\"$LITELLM_KEY\" ANTHROPIC_AUTH_TOKEN='' X_SERVICE_TOKEN='[redacted]'",
    );
    // The claude that ran got the real key: redaction is for what is shown and stored, not for claude.
    expect(calls()[0]!.env.ANTHROPIC_AUTH_TOKEN).toBe(OR_KEY);
  });
});

describe('a profile without a key variable', () => {
  it("keeps the user's Anthropic key away from it, and the printed --dry-run line, run as it is, does the same", async () => {
    const globalFile = path.join(root, 'config', 'claude-router', 'config.json');
    writeFileSync(globalFile, JSON.stringify({ profiles: { local: { baseUrl: 'http://127.0.0.1:9/local' } } }));
    const launched = await cr(['-p', '--profile', 'local', 'fix the flaky test']);
    expect(launched.exitCode, launched.stderr).toBe(0);
    const dry = await cr(['--dry-run', '--profile', 'local', 'fix the flaky test']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toMatch(
      /^env -u ANTHROPIC_API_KEY -u ANTHROPIC_AUTH_TOKEN ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:9\/local \S*claude --model sonnet /,
    );
    expect(
      JSON.parse((await cr(['--dry-run', '--json', '--profile', 'local', 'fix the flaky test'])).stdout),
    ).toMatchObject({ unset: ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'] });
    expect((await cr(['--explain', '--profile', 'local', 'fix the flaky test'])).stdout).toMatch(
      /profile\s+local → http:\/\/127\.0\.0\.1:9\/local \(without ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN\)/,
    );
    // A variable the profile's env sets itself is set, not removed.
    writeFileSync(
      globalFile,
      JSON.stringify({
        profiles: { local: { baseUrl: 'http://127.0.0.1:9/local', env: { ANTHROPIC_API_KEY: 'local-dummy' } } },
      }),
    );
    const own = await cr(['--dry-run', '--profile', 'local', 'fix the flaky test']);
    expect(own.stdout).toMatch(/^env -u ANTHROPIC_AUTH_TOKEN ANTHROPIC_BASE_URL=\S+ ANTHROPIC_API_KEY=\S+ /);
    writeFileSync(globalFile, JSON.stringify({ profiles: { local: { baseUrl: 'http://127.0.0.1:9/local' } } }));
    // The printed line, run by a shell with the user's key set: claude gets no key, as on the launch.
    const ran = spawnSync('sh', ['-c', dry.stdout], {
      env: { ...env, ANTHROPIC_API_KEY: ANT_KEY, ANTHROPIC_AUTH_TOKEN: 'tok' },
      encoding: 'utf8',
    });
    expect(ran.status, ran.stderr).toBe(0);
    const [onLaunch, fromLine] = calls();
    for (const call of [onLaunch!, fromLine!]) {
      expect(call.env.ANTHROPIC_BASE_URL).toBe('http://127.0.0.1:9/local');
      expect(call.env.ANTHROPIC_API_KEY).toBeNull(); // not set at all
      expect(call.env.ANTHROPIC_AUTH_TOKEN).toBeNull();
    }
  });
});

describe('escalation and profiles', () => {
  it("cr escalate starts claude with the bigger tier's profile, and records it", async () => {
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ tiers: { opus: { profile: 'litellm' } } }),
    );
    expect((await cr(['--sonnet', 'fix the flaky test'])).exitCode).toBe(0);
    const up = await cr(['up', 'look deeper']);
    expect(up.exitCode).toBe(0);
    const [, escalated] = calls();
    expect(escalated!.model).toBe('opus');
    expect(escalated!.env.ANTHROPIC_BASE_URL).toBe(LITELLM_URL);
    expect(escalated!.env.ANTHROPIC_API_KEY).toBe(LITELLM_KEY);
    expect(decisions().at(-1)).toMatchObject({ kind: 'escalation', profile: 'litellm' });
  });

  it('--dry-run and --explain with a profile whose key is not set: shown, with a warning that claude would not start', async () => {
    for (const mode of ['--dry-run', '--explain']) {
      const r = await cr([mode, '--profile', 'litellm', 'fix the flaky test'], { LITELLM_KEY: '' });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).not.toBe('');
      expect(r.stderr).toBe(
        'cr: warning: profile "litellm" takes its key from LITELLM_KEY, which is not set, so claude would not start; export LITELLM_KEY or pick another profile\n',
      );
    }
    expect((await cr(['--dry-run', '--profile', 'litellm', 'fix the flaky test'])).stderr).toBe('');
  });

  it('a missing key for the escalation profile stops before anything is recorded', async () => {
    writeFileSync(
      path.join(project, '.claude-router.json'),
      JSON.stringify({ tiers: { opus: { profile: 'litellm' } } }),
    );
    await cr(['--sonnet', 'fix the flaky test']);
    const before = decisions().length;
    const up = await cr(['up'], { LITELLM_KEY: '' });
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toMatch(/LITELLM_KEY, which is not set/);
    expect(decisions()).toHaveLength(before);
  });
});
