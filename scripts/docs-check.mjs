#!/usr/bin/env node
// Runs the console examples of README.md, CONTRIBUTING.md and docs/*.md with the built cr and
// compares what cr prints with what the docs say it prints, so that the docs cannot drift from the
// code. Exits 1 naming file:line with a diff for each example that differs.
//
// The convention (see CONTRIBUTING.md, "Console examples"):
// - A fenced block whose info string starts with `console` is an example. Each line that starts with
//   `$ ` is a command: `cr …`, optionally after VAR=value assignments; the lines after it, up to the
//   next command, are its expected output (stdout, then stderr). Every command in such a block must
//   be a cr command: commands that would start claude belong in an `sh` block, which is not run.
// - In expected output, a line that is exactly `...` stands for any number of lines, and `...`
//   inside a line for any text on that line (a session id, a path).
// - A fenced block whose info string has `file=NAME` (```json file=.claude-router.json) is written
//   to NAME in the project directory of the next console block of the same file.
// Each console block runs in a fresh world: a temp HOME with the project directory in it as cwd, temp
// XDG directories (CR_* unset), a PATH that has node and no claude, CR_NOW fixed, TZ=UTC, NO_COLOR,
// COLUMNS=100. Output has the temp HOME written as `~`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CR = path.join(ROOT, 'bin', 'cr.js');
const NOW = '2026-11-26T10:00:00Z';

const docFiles = (argv) =>
  argv.length > 0
    ? argv.map((f) => path.resolve(f))
    : [
        path.join(ROOT, 'README.md'),
        path.join(ROOT, 'CONTRIBUTING.md'),
        ...readdirSync(path.join(ROOT, 'docs'))
          .filter((f) => f.endsWith('.md'))
          .sort()
          .map((f) => path.join(ROOT, 'docs', f)),
      ];

/** The fenced blocks of a Markdown file: info string, first content line (1-based), lines. */
function fencedBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j].startsWith(indent + fence); j++) body.push(lines[j].slice(indent.length));
    blocks.push({ info: info.trim(), line: i + 2, lines: body });
    i = j;
  }
  return blocks;
}

/** Splits a command line into words as sh would for the forms docs use: quotes, backslashes, a # comment. */
function shellWords(line) {
  const words = [];
  let word = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1])) i++;
        text += line[i];
      }
      if (i >= line.length) throw new Error('unterminated double quote');
      word = (word ?? '') + text;
    } else if (c === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) {
      break;
    } else if ('|&;<>()$`'.includes(c)) {
      throw new Error(`"${c}" is not supported in a checked example; use an sh block`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** The examples of a console block: command, its line, its expected output lines. */
function examplesOf(block) {
  const examples = [];
  block.lines.forEach((text, k) => {
    if (text.startsWith('$ ')) examples.push({ command: text.slice(2), line: block.line + k, expected: [] });
    else if (examples.length > 0) examples.at(-1).expected.push(text);
    else if (text.trim() !== '') examples.push({ error: 'output before the first "$ " command', line: block.line + k });
  });
  return examples;
}

function makeWorld() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cr-docs-'));
  const home = path.join(root, 'home');
  const project = path.join(home, 'project');
  const bin = path.join(root, 'bin');
  mkdirSync(project, { recursive: true });
  mkdirSync(bin);
  symlinkSync(process.execPath, path.join(bin, 'node'));
  // Nothing of the user's environment: the XDG folders at their defaults under the temp HOME, so
  // that paths print as a user's would (~/.config/claude-router/config.json); CR_* at their defaults.
  const env = {
    PATH: bin,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    CR_NOW: NOW,
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    COLUMNS: '100',
  };
  return { root, home, project, env };
}

function run(world, commandLine) {
  const words = shellWords(commandLine);
  const env = { ...world.env };
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift().split('=');
    env[name] = value.join('=');
  }
  if (words[0] !== 'cr') throw new Error(`not a cr command (checked examples run cr only; use an sh block)`);
  const result = spawnSync(process.execPath, [CR, ...words.slice(1)], {
    cwd: world.project,
    env,
    encoding: 'utf8',
    input: '',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  const output = (result.stdout + result.stderr).split(world.home).join('~').replace(/\n$/, '');
  return output === '' ? [] : output.split('\n');
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lineMatches = (expected, actual) =>
  expected.includes('...')
    ? new RegExp(`^${expected.split('...').map(escapeRegExp).join('.*')}$`).test(actual)
    : expected === actual;

/** Whether the actual lines match the expected ones, `...` lines matching any number of lines. */
function matches(expected, actual) {
  const memo = new Map();
  const at = (i, j) => {
    const key = i * (actual.length + 1) + j;
    if (memo.has(key)) return memo.get(key);
    let ok;
    if (i === expected.length) ok = j === actual.length;
    else if (expected[i] === '...') ok = at(i + 1, j) || (j < actual.length && at(i, j + 1));
    else ok = j < actual.length && lineMatches(expected[i], actual[j]) && at(i + 1, j + 1);
    memo.set(key, ok);
    return ok;
  };
  return at(0, 0);
}

/** A line diff (longest common subsequence): `-` expected only, `+` printed only, two spaces both. */
function diff(expected, actual) {
  const n = expected.length;
  const m = actual.length;
  const common = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      common[i][j] = lineMatches(expected[i], actual[j])
        ? common[i + 1][j + 1] + 1
        : Math.max(common[i + 1][j], common[i][j + 1]);
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && lineMatches(expected[i], actual[j])) out.push(`    ${actual[(i++, j++)]}`);
    else if (j < m && (i === n || common[i][j + 1] >= common[i + 1][j])) out.push(`  + ${actual[j++]}`);
    else out.push(`  - ${expected[i++]}`);
  }
  return out.join('\n');
}

let failures = 0;
let checked = 0;
for (const file of docFiles(process.argv.slice(2))) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // CONTRIBUTING.md or docs/ may be absent in a partial checkout
  }
  const name = path.relative(ROOT, file);
  let pendingFiles = [];
  for (const block of fencedBlocks(text)) {
    const fileName = /(?:^|\s)file=(\S+)/.exec(block.info)?.[1];
    if (fileName) {
      pendingFiles.push({ name: fileName, content: block.lines.join('\n') + '\n' });
      continue;
    }
    if (!/^console\b/.test(block.info)) continue;
    const world = makeWorld();
    try {
      for (const f of pendingFiles) {
        const target = path.join(world.project, f.name);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, f.content);
      }
      pendingFiles = [];
      for (const example of examplesOf(block)) {
        checked++;
        if (example.error) {
          failures++;
          console.error(`${name}:${example.line}: ${example.error}`);
          continue;
        }
        let actual;
        try {
          actual = run(world, example.command);
        } catch (error) {
          failures++;
          console.error(`${name}:${example.line}: $ ${example.command}\n  ${error.message}`);
          continue;
        }
        const expected = example.expected.join('\n').replace(/\n+$/, '');
        const expectedLines = expected === '' ? [] : expected.split('\n');
        if (!matches(expectedLines, actual)) {
          failures++;
          console.error(`${name}:${example.line}: $ ${example.command}\n${diff(expectedLines, actual)}`);
        }
      }
    } finally {
      rmSync(world.root, { recursive: true, force: true });
    }
  }
}

if (failures > 0) {
  console.error(`docs:check: ${failures} of ${checked} console examples differ from what cr prints`);
  process.exit(1);
}
console.log(`docs:check: ${checked} console examples match what cr prints`);
