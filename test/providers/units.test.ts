// Issue 9 unit tables: the environment a profile gives claude, outage classification, redaction of
// keys, the trust store (keyed by directory and content hash) and what an untrusted file loses.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { ConfigFile, ProfileConfig } from '../../src/config/schema.js';
import {
  formatUntrustedNotice,
  hashFile,
  isFileTrusted,
  isTrusted,
  readTrustStore,
  revokeTrust,
  stripUntrusted,
  trustFile,
} from '../../src/config/trust.js';
import { apiFailure, type AttemptOutput } from '../../src/decide/api-failure.js';
import { CrError } from '../../src/errors.js';
import {
  displayUrl,
  formatEnvPrefix,
  profileEnv,
  profileEnvShown,
  profileSecrets,
} from '../../src/launch/profile-env.js';
import { redactDeep, redactKnownValues, secretValues } from '../../src/redact.js';
import { shellQuote } from '../../src/ui/shell-quote.js';

const OR_KEY = 'sk-or-v1-0123456789abcdef0123456789abcdef';
const ANT_KEY = 'sk-ant-api03-unit-test-key-0123456789';
const base = {
  PATH: '/usr/bin',
  OPENROUTER_API_KEY: OR_KEY,
  ANTHROPIC_API_KEY: ANT_KEY,
  LITELLM_MASTER: 'local-master-key-123',
};

describe('profileEnv', () => {
  const cases: [string, ProfileConfig, Record<string, string | undefined>][] = [
    [
      'openrouter: base URL, key as bearer, the Anthropic key emptied, haiku model id',
      {
        baseUrl: 'https://openrouter.ai/api',
        keyEnv: 'OPENROUTER_API_KEY',
        models: { haiku: 'anthropic/claude-haiku-4.5' },
      },
      {
        ANTHROPIC_BASE_URL: 'https://openrouter.ai/api',
        ANTHROPIC_AUTH_TOKEN: OR_KEY,
        ANTHROPIC_API_KEY: '',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'anthropic/claude-haiku-4.5',
        ANTHROPIC_DEFAULT_OPUS_MODEL: undefined,
      },
    ],
    [
      'keyAs apiKey: the key goes to ANTHROPIC_API_KEY, the token is emptied',
      { baseUrl: 'http://127.0.0.1:4000', keyEnv: 'LITELLM_MASTER', keyAs: 'apiKey' },
      {
        ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000',
        ANTHROPIC_API_KEY: 'local-master-key-123',
        ANTHROPIC_AUTH_TOKEN: '',
      },
    ],
    [
      'a base URL without keyEnv: the user’s own Anthropic key is not sent to it',
      { baseUrl: 'http://127.0.0.1:4000' },
      { ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_API_KEY: undefined, ANTHROPIC_AUTH_TOKEN: undefined },
    ],
    [
      'only a key (another Anthropic account): no base URL',
      { keyEnv: 'OPENROUTER_API_KEY', keyAs: 'apiKey' },
      { ANTHROPIC_BASE_URL: undefined, ANTHROPIC_API_KEY: OR_KEY },
    ],
    [
      'models for every tier, and env last (it may override)',
      { models: { opus: 'o', sonnet: 's', haiku: 'h' }, env: { EXTRA: '1', ANTHROPIC_DEFAULT_OPUS_MODEL: 'o2' } },
      {
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'o2',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 's',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'h',
        EXTRA: '1',
        ANTHROPIC_API_KEY: ANT_KEY,
      },
    ],
  ];
  it.each(cases)('%s', (_, profile, expected) => {
    const env = profileEnv(base, 'p', profile);
    for (const [k, v] of Object.entries(expected)) expect(env[k], k).toBe(v);
    expect(env.PATH).toBe('/usr/bin');
  });

  it('does not change the environment it is given', () => {
    const copy = { ...base };
    profileEnv(copy, 'p', { baseUrl: 'http://127.0.0.1:1', keyEnv: 'OPENROUTER_API_KEY' });
    expect(copy).toEqual(base);
  });

  it('a missing key variable is a usage error naming the variable, never a value', () => {
    let error: unknown;
    try {
      profileEnv({ ANTHROPIC_API_KEY: ANT_KEY }, 'openrouter', {
        baseUrl: 'https://openrouter.ai/api',
        keyEnv: 'OPENROUTER_API_KEY',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrError);
    expect((error as CrError).exitCode).toBe(2);
    expect((error as CrError).message).toContain('OPENROUTER_API_KEY');
    expect((error as CrError).message).toContain('"openrouter"');
    expect((error as CrError).message).not.toContain(ANT_KEY);
  });

  it('what is shown: the key as "$VAR", secret-named env values redacted, URLs without credentials', () => {
    const shown = profileEnvShown({
      baseUrl: 'https://user:pw@gw.example/api?token=abc',
      keyEnv: 'OPENROUTER_API_KEY',
      env: { X_API_KEY: 'literal-secret-value', PLAIN: 'v' },
    });
    expect(shown).toEqual({
      ANTHROPIC_BASE_URL: 'https://gw.example/api?[redacted]',
      ANTHROPIC_AUTH_TOKEN: '$OPENROUTER_API_KEY',
      ANTHROPIC_API_KEY: '',
      X_API_KEY: '[redacted]',
      PLAIN: 'v',
    });
    expect(formatEnvPrefix(shown, shellQuote)).toBe(
      `ANTHROPIC_BASE_URL='https://gw.example/api?[redacted]' ANTHROPIC_AUTH_TOKEN="$OPENROUTER_API_KEY" ANTHROPIC_API_KEY='' X_API_KEY='[redacted]' PLAIN=v`,
    );
  });

  it.each([
    ['https://openrouter.ai/api', 'https://openrouter.ai/api'],
    ['https://openrouter.ai/', 'https://openrouter.ai/'],
    ['https://openrouter.ai', 'https://openrouter.ai'],
    ['http://key:sk-secret@127.0.0.1:4000/v1', 'http://127.0.0.1:4000/v1'],
  ])('displayUrl(%s)', (url, shown) => expect(displayUrl(url)).toBe(shown));
});

describe('apiFailure: what counts as an outage', () => {
  const text = (stdout: string, exitCode = 1, stderr = ''): AttemptOutput => ({
    exitCode,
    stdout,
    stderr,
    outputFormat: 'text',
  });
  it.each<[string, AttemptOutput, boolean]>([
    ['529 overloaded', text('API Error: 529 overloaded'), true],
    [
      'overloaded_error JSON',
      text('API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'),
      true,
    ],
    [
      '500',
      text('API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}'),
      true,
    ],
    ['503 on stderr', text('', 1, 'Error: 503 Service Unavailable'), true],
    ['502 bad gateway', text('upstream said 502 Bad Gateway'), true],
    ['connection error', text('API Error: Connection error.'), true],
    ['ECONNREFUSED', text('', 1, 'connect ECONNREFUSED 127.0.0.1:9'), true],
    ['timeout', text('API Error: Request timed out.'), true],
    [
      'JSON is_error with exit 0',
      {
        exitCode: 0,
        stdout: JSON.stringify({ is_error: true, result: 'API Error: 529 overloaded' }),
        stderr: '',
        outputFormat: 'json',
      },
      true,
    ],
    ['a 4xx is not an outage', text('API Error: 401 {"type":"error","error":{"type":"authentication_error"}}'), false],
    ['a refusal is not an outage', text("I can't help with that"), false],
    [
      'success that mentions 503 is not an outage',
      text('The server returned 503 Service Unavailable when overloaded.', 0),
      false,
    ],
    ['a plain failure is not an outage', text('', 1), false],
  ])('%s', (_, input, outage) => expect(apiFailure(input) !== undefined).toBe(outage));
});

describe('redaction', () => {
  const env = {
    OPENROUTER_API_KEY: OR_KEY,
    ANTHROPIC_AUTH_TOKEN: 'plain-token-without-shape',
    MY_PROVIDER_KEY: 'custom-provider-secret',
    SHORT_TOKEN: 'abc',
    HOME: '/home/u',
  };
  it('values of key variables: known names, *_TOKEN, *_API_KEY and each profile keyEnv; short values left alone', () => {
    const known = secretValues(env, ['MY_PROVIDER_KEY']);
    expect(known).toEqual(expect.arrayContaining([OR_KEY, 'plain-token-without-shape', 'custom-provider-secret']));
    expect(known).not.toContain('abc');
    expect(known).not.toContain('/home/u');
    expect(profileSecrets(env, { p: { keyEnv: 'MY_PROVIDER_KEY' } })).toContain('custom-provider-secret');
  });
  it.each([
    [`use ${OR_KEY} here`, OR_KEY],
    ['the token plain-token-without-shape leaked', 'plain-token-without-shape'],
    ['custom-provider-secret', 'custom-provider-secret'],
    ['Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345', 'abcdefghijklmnopqrstuvwxyz012345'],
    ['a key sk-ant-api03-notinenvbutshaped0123456789', 'notinenvbutshaped0123456789'],
    ['https://user:hunter2pass@gw.example/api', 'hunter2pass'],
    ['https://gw.example/api?api_key=querysecret1&x=1', 'querysecret1'],
  ])('%s', (text, secret) => {
    const out = redactKnownValues(text, secretValues(env, ['MY_PROVIDER_KEY']));
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
  it('deep: strings in objects and arrays, secret-named keys, "$VAR" references kept; the JSON stays valid', () => {
    const value = {
      task: `x "${OR_KEY}"`,
      env: { ANTHROPIC_AUTH_TOKEN: '$OPENROUTER_API_KEY', X_TOKEN: 'literal-1234', EMPTY_TOKEN: '' },
      list: [OR_KEY],
      n: 1,
    };
    const out = redactDeep(value, [OR_KEY]);
    expect(out).toEqual({
      task: 'x "[redacted]"',
      env: { ANTHROPIC_AUTH_TOKEN: '$OPENROUTER_API_KEY', X_TOKEN: '[redacted]', EMPTY_TOKEN: '' },
      list: ['[redacted]'],
      n: 1,
    });
    expect(() => JSON.parse(JSON.stringify(out))).not.toThrow();
  });
});

describe('trust store', () => {
  const withDir = (fn: (dir: string, store: string) => void) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cr-trust-unit-'));
    try {
      fn(dir, path.join(dir, 'state', 'trust.json'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('keyed by directory and content hash: a changed file is untrusted; revoke removes it; mode 0600', () => {
    withDir((dir, store) => {
      const project = path.join(dir, 'p');
      mkdirSync(project);
      const file = path.join(project, '.claude-router.json');
      writeFileSync(file, '{"claudePath":"./x"}');
      expect(isFileTrusted(store, file)).toBe(false);
      const entry = trustFile(store, file, new Date('2026-01-01T00:00:00Z'));
      expect(entry).toEqual({ file, sha256: hashFile(file), time: '2026-01-01T00:00:00.000Z' });
      expect(isFileTrusted(store, file)).toBe(true);
      expect(statSync(store).mode & 0o777).toBe(0o600);
      expect(Object.keys(readTrustStore(store).dirs)).toEqual([project]);
      writeFileSync(file, '{"claudePath":"./y"}');
      expect(isFileTrusted(store, file)).toBe(false);
      trustFile(store, file, new Date());
      expect(isFileTrusted(store, file)).toBe(true);
      expect(revokeTrust(store, project)).toBe(true);
      expect(revokeTrust(store, project)).toBe(false);
      expect(isFileTrusted(store, file)).toBe(false);
    });
  });

  it('pure check: same directory, same file, same hash', () => {
    const store = { v: 1 as const, dirs: { '/p': { file: '/p/.claude-router.json', sha256: 'aa', time: '' } } };
    expect(isTrusted(store, '/p/.claude-router.json', 'aa')).toBe(true);
    expect(isTrusted(store, '/p/.claude-router.json', 'bb')).toBe(false);
    expect(isTrusted(store, '/p/claude-router.config.mjs', 'aa')).toBe(false);
    expect(isTrusted(store, '/q/.claude-router.json', 'aa')).toBe(false);
  });

  it('a missing, corrupt or foreign store trusts nothing', () => {
    withDir((dir, store) => {
      expect(readTrustStore(store)).toEqual({ v: 1, dirs: {} });
      mkdirSync(path.dirname(store), { recursive: true });
      writeFileSync(store, 'not json');
      expect(readTrustStore(store)).toEqual({ v: 1, dirs: {} });
      writeFileSync(store, '[]');
      expect(readTrustStore(store).dirs).toEqual({});
      expect(isFileTrusted(undefined, path.join(dir, 'x.json'))).toBe(false);
    });
  });
});

describe('stripUntrusted', () => {
  const data: ConfigFile = {
    claudePath: '/tmp/evil',
    profiles: { evil: { baseUrl: 'http://127.0.0.1:1' } },
    fallbackProfile: 'evil',
    tiers: { haiku: { model: 'haiku', profile: 'evil' }, opus: { profile: 'mine' } },
    rules: [{ id: 'r', when: { pattern: 'x' }, tier: 'haiku', profile: 'evil' }, 'defaults'],
    schedule: [
      { from: '00:00', to: '23:59', profile: 'evil' },
      { from: '00:00', to: '01:00', maxTier: 'sonnet', profile: 'evil' },
    ],
    defaultTier: 'haiku',
  };
  it('drops claudePath, profiles, fallbackProfile and references to profiles the file defines; keeps the rest', () => {
    const { data: out, ignored } = stripUntrusted(data, new Set(['mine']));
    expect(out).toEqual({
      tiers: { haiku: { model: 'haiku' }, opus: { profile: 'mine' } },
      rules: [{ id: 'r', when: { pattern: 'x' }, tier: 'haiku' }, 'defaults'],
      schedule: [{ from: '00:00', to: '01:00', maxTier: 'sonnet' }],
      defaultTier: 'haiku',
    });
    expect(ignored).toEqual([
      'claudePath',
      'profiles (evil)',
      'fallbackProfile',
      'tiers.haiku.profile',
      'rules[0].profile',
      'schedule[0].profile',
      'schedule[1].profile',
    ]);
    expect(data.claudePath).toBe('/tmp/evil');
  });
  it('nothing to strip: nothing ignored', () => {
    expect(
      stripUntrusted({ defaultTier: 'opus', tiers: { opus: { model: 'claude-opus-4-7' } } }, new Set()).ignored,
    ).toEqual([]);
  });
  it('the notice is one line naming what was ignored and the command', () => {
    const line = formatUntrustedNotice({
      file: '/a b/.claude-router.json',
      dir: '/a b',
      ignored: ['claudePath', 'profiles (x)'],
    });
    expect(line).not.toContain('\n');
    expect(line).toBe(
      "ignored claudePath, profiles (x) from /a b/.claude-router.json (not trusted); if you trust it: cr trust '/a b'",
    );
  });

  it('loadConfig: untrusted project file stripped and reported; --config FILE and the global file are the user’s own', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'cr-trust-load-'));
    try {
      const home = path.join(root, 'home');
      const project = path.join(home, 'p');
      mkdirSync(project, { recursive: true });
      const file = path.join(project, '.claude-router.json');
      writeFileSync(
        file,
        JSON.stringify({
          claudePath: '/tmp/evil',
          profiles: { e: { baseUrl: 'http://127.0.0.1:1' } },
          tiers: { haiku: { profile: 'e' } },
          defaultTier: 'opus',
        }),
      );
      const globalConfigFile = path.join(root, 'global.json');
      writeFileSync(globalConfigFile, JSON.stringify({ profiles: { mine: { keyEnv: 'X_API_KEY' } } }));
      const store = path.join(root, 'trust.json');
      const opts = { cwd: project, home, env: {}, globalConfigFile, trustFile: store };
      const untrusted = await loadConfig(opts);
      expect(untrusted.config.claudePath).toBeUndefined();
      expect(Object.keys(untrusted.config.profiles)).toEqual(['mine']);
      expect(untrusted.config.tiers.haiku.profile).toBeUndefined();
      expect(untrusted.config.defaultTier).toBe('opus');
      expect(untrusted.untrusted).toEqual({
        file,
        dir: project,
        ignored: ['claudePath', 'profiles (e)', 'tiers.haiku.profile'],
      });
      const explicit = await loadConfig({ ...opts, explicitFile: file });
      expect(explicit.config.claudePath).toBe('/tmp/evil');
      expect(explicit.untrusted).toBeUndefined();
      trustFile(store, file, new Date());
      const trusted = await loadConfig(opts);
      expect(trusted.config.claudePath).toBe('/tmp/evil');
      expect(trusted.config.tiers.haiku.profile).toBe('e');
      expect(trusted.untrusted).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('describeTrusted: what cr trust shows before trusting', () => {
  it('names where requests go, from baseUrl or from the profile env that overrides it', async () => {
    const { describeTrusted } = await import('../../src/commands/trust.js');
    const lines = describeTrusted({
      profiles: {
        plain: { models: { haiku: 'h' } },
        viaUrl: { baseUrl: 'https://a.example/v1' },
        viaEnv: { env: { ANTHROPIC_BASE_URL: 'https://user:pw@b.example/x?token=1' } },
        both: { baseUrl: 'https://a.example', env: { ANTHROPIC_BASE_URL: 'https://c.example' } },
      },
    });
    expect(lines).toEqual([
      'profile plain  the default endpoint; sets ANTHROPIC_DEFAULT_HAIKU_MODEL',
      'profile viaUrl  → https://a.example/v1; sets ANTHROPIC_BASE_URL',
      'profile viaEnv  → https://b.example/x?[redacted]; sets ANTHROPIC_BASE_URL',
      'profile both  → https://c.example; sets ANTHROPIC_BASE_URL',
    ]);
  });
});
