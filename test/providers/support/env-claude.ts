// A fake claude for provider tests: logs argv and the provider environment it receives as one JSON
// line per call, and fails like an overloaded API when its ANTHROPIC_BASE_URL is listed in
// ENV_CLAUDE_DOWN ("" stands for no base URL: the default provider). It never connects anywhere.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PROVIDER_ENV = [
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  'CR_TEST_EXTRA',
] as const;

export interface EnvCall {
  name: string;
  argv: string[];
  model: string | null;
  env: Record<(typeof PROVIDER_ENV)[number], string | null>;
}

const source = (name: string) => `#!${process.execPath}
'use strict';
const fs = require('node:fs');
const argv = process.argv.slice(2);
const i = argv.indexOf('--model');
const env = {};
for (const k of ${JSON.stringify(PROVIDER_ENV)}) env[k] = process.env[k] ?? null;
if (process.env.ENV_CLAUDE_LOG) fs.appendFileSync(process.env.ENV_CLAUDE_LOG, JSON.stringify({ name: ${JSON.stringify(name)}, argv, model: i >= 0 ? argv[i + 1] : null, env }) + '\\n');
const down = JSON.parse(process.env.ENV_CLAUDE_DOWN || '[]');
if (down.includes(process.env.ANTHROPIC_BASE_URL ?? '')) {
  process.stdout.write('API Error: 529 overloaded\\n');
  process.exitCode = 1;
} else {
  process.stdout.write('answer from ' + (process.env.ANTHROPIC_BASE_URL ?? 'the default provider') + '\\n');
}
`;

/** Writes a fake named `claude` (or `name`) into `dir`; returns its path. */
export function writeEnvClaude(dir: string, name = 'claude'): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, source(name));
  chmodSync(file, 0o755);
  return file;
}

export function readCalls(log: string): EnvCall[] {
  return existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as EnvCall)
    : [];
}

/** Environment for the built cr: temp HOME/XDG, claude found on PATH (no CLAUDE_PATH), nothing inherited that matters. */
export function providerEnv(root: string, binDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      !/^(ANTHROPIC_|CLAUDE_|CLAUDECODE|CR_|XDG_|HOME$|NODE_OPTIONS$|VITEST|FAKE_CLAUDE_|OPENROUTER_|PATH$)/.test(k) &&
      v !== undefined
    )
      env[k] = v;
  }
  return {
    ...env,
    PATH: [binDir, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    HOME: path.join(root, 'home'),
    XDG_STATE_HOME: path.join(root, 'state'),
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_CACHE_HOME: path.join(root, 'cache'),
    CR_HISTORY_FILE: path.join(root, 'state', 'history.jsonl'),
    ENV_CLAUDE_LOG: path.join(root, 'calls.jsonl'),
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    NO_COLOR: '1',
    CR_LEARN: '0',
    ...extra,
  };
}
