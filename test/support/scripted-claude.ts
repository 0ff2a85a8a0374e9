// A fake claude whose answer depends on the --model it gets, and which logs every call (argv,
// stdin as base64) as one JSON line, so tests can follow retries and escalations.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ScriptedAnswer {
  exit?: number;
  stdout?: string;
  stderr?: string;
  /** Bytes to write to stdout as they are (base64), for output that is not text. */
  stdoutBase64?: string;
}

/** Answers by model string; `*` answers for any other model. */
export type Script = Record<string, ScriptedAnswer>;

export interface ScriptedCall {
  argv: string[];
  stdin: string;
  model: string | null;
}

const SOURCE = `#!${process.execPath}
'use strict';
const fs = require('node:fs');
const argv = process.argv.slice(2);
const i = argv.indexOf('--model');
const model = i >= 0 ? argv[i + 1] : null;
(async () => {
  const chunks = [];
  if (!process.stdin.isTTY) for await (const chunk of process.stdin) chunks.push(chunk);
  const stdin = Buffer.concat(chunks);
  fs.appendFileSync(process.env.SCRIPTED_LOG, JSON.stringify({ argv, stdin: stdin.toString('base64'), model }) + '\\n');
  const script = JSON.parse(process.env.SCRIPTED_ANSWERS || '{}');
  const answer = script[model] || script['*'] || {};
  if (answer.stdout) process.stdout.write(answer.stdout);
  if (answer.stdoutBase64) process.stdout.write(Buffer.from(answer.stdoutBase64, 'base64'));
  if (answer.stderr) process.stderr.write(answer.stderr);
  process.exitCode = answer.exit || 0;
})();
`;

export function writeScriptedClaude(dir: string): {
  path: string;
  log: string;
  env: (script: Script) => NodeJS.ProcessEnv;
  calls: () => ScriptedCall[];
} {
  const file = path.join(dir, 'scripted-claude');
  writeFileSync(file, SOURCE);
  chmodSync(file, 0o755);
  const log = path.join(dir, 'scripted-calls.jsonl');
  return {
    path: file,
    log,
    env: (script) => ({ CLAUDE_PATH: file, SCRIPTED_LOG: log, SCRIPTED_ANSWERS: JSON.stringify(script) }),
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as ScriptedCall)
        : [],
  };
}
