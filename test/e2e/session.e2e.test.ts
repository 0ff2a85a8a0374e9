// The whole session with the real Claude Code: the model its subagents run on (cr's subagents policy,
// an agent file cr agents --write pinned), --effort, and cr statusline fed the JSON claude passes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedRequest, Script } from './support/anthropic-stand-in.js';
import { CR_BIN } from './support/claude-env.js';
import { decisions, family } from './support/history.js';
import { startTmux, type TmuxSession } from './support/tmux.js';
import { parseJson, useWorld, type World } from './support/world.js';

const MAIN = 'MAIN-TASK-7f3a: look around the project with a helper';
const SUB = 'SUBAGENT-TASK-7f3a';

/** The request's first user message: the task of the conversation it belongs to. */
const firstMessage = (r: RecordedRequest) => JSON.stringify(r.body?.messages?.[0] ?? '');
const subagentTurns = (w: World) => w.api.turnRequests().filter((r) => firstMessage(r).includes(SUB));
const mainTurns = (w: World) => w.api.turnRequests().filter((r) => firstMessage(r).includes(MAIN));

/** The main turn asks for a subagent of `type` (in the foreground); the subagent and the rest answer. */
function spawnSubagent(type: string): Script {
  return ({ request }) => {
    if (!request.stream) return undefined;
    if (firstMessage(request).includes(SUB)) return { text: 'SUB-DONE' };
    if (JSON.stringify(request.body?.messages ?? []).includes('tool_result')) return { text: 'MAIN-DONE' };
    return {
      kind: 'tool_use',
      name: 'Agent',
      input: {
        description: 'look around',
        prompt: `${SUB} list the files`,
        subagent_type: type,
        run_in_background: false,
      },
    };
  };
}

function writeConfig(w: World, config: unknown): void {
  const file = path.join(w.env.env.XDG_CONFIG_HOME!, 'claude-router', 'config.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(config));
}

describe('subagents with the real claude', () => {
  const world = useWorld();

  it('subagents.model "one-below": an opus session’s subagent reaches the API on sonnet', async () => {
    const w = world();
    writeConfig(w, { subagents: { model: 'one-below' } });
    w.api.setScript(spawnSubagent('general-purpose'));
    const r = await w.cr(['--opus', '-p', MAIN]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toContain('MAIN-DONE');
    const mains = mainTurns(w);
    const subs = subagentTurns(w);
    expect(mains.length).toBeGreaterThanOrEqual(2);
    expect(subs.length).toBeGreaterThanOrEqual(1);
    expect(mains.map((t) => family(t.model))).toEqual(mains.map(() => 'opus'));
    expect(subs.map((t) => family(t.model))).toEqual(subs.map(() => 'sonnet'));
  });

  it("the user's own CLAUDE_CODE_SUBAGENT_MODEL wins over the policy", async () => {
    const w = world();
    writeConfig(w, { subagents: { model: 'one-below' } });
    w.api.setScript(spawnSubagent('general-purpose'));
    const r = await w.cr(['--opus', '-p', MAIN], { CLAUDE_CODE_SUBAGENT_MODEL: 'haiku' });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(subagentTurns(w).map((t) => family(t.model))).toEqual(subagentTurns(w).map(() => 'haiku'));
  });

  it('cr agents --write adds exactly one line, and claude then runs that agent on the model it names', async () => {
    const w = world();
    const file = path.join(w.env.project, '.claude', 'agents', 'csv.md');
    mkdirSync(path.dirname(file), { recursive: true });
    const before =
      '---\nname: csv-converter\ndescription: Converts CSV files to JSON\ntools: Read\n---\nConvert the files you are given.\n';
    writeFileSync(file, before);
    const write = await w.cr(['agents', '--write', '--yes']);
    expect(write.exitCode, String(write.stderr)).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after.split('\n')).toHaveLength(before.split('\n').length + 1);
    expect(after.split('\n').filter((line) => !before.split('\n').includes(line))).toEqual(['model: haiku']);
    expect(after.replace('model: haiku\n', '')).toBe(before);

    w.api.setScript(spawnSubagent('csv-converter'));
    const r = await w.cr(['--opus', '-p', MAIN]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const subs = subagentTurns(w);
    expect(subs.length).toBeGreaterThanOrEqual(1);
    expect(subs.map((t) => family(t.model))).toEqual(subs.map(() => 'haiku'));
    // The agent's own system prompt: it was this agent claude started.
    expect(JSON.stringify(subs[0]!.body?.system)).toContain('Convert the files you are given.');
  });
});

describe('effort with the real claude', () => {
  const world = useWorld();

  it("the tier's effort reaches the API (output_config.effort); claude is asked once what it takes", async () => {
    const w = world();
    writeConfig(w, { tiers: { opus: { effort: 'high' }, haiku: { effort: 'low' } } });
    for (const tier of ['--opus', '--haiku']) {
      const r = await w.cr([tier, '-p', 'say hello']);
      expect(r.exitCode, String(r.stderr)).toBe(0);
    }
    const efforts = w.api
      .turnRequests()
      .map((t) => [family(t.model), (t.body?.output_config as { effort?: string } | undefined)?.effort]);
    expect(efforts).toEqual([
      ['opus', 'high'],
      ['haiku', 'low'],
    ]);
    const cache = parseJson<Record<string, { effort: boolean; version: string }>>(
      readFileSync(path.join(w.env.env.CR_CACHE_DIR!, 'claude-features.json'), 'utf8'),
    );
    expect(Object.values(cache)).toEqual([
      expect.objectContaining({ effort: true, version: expect.stringMatching(/^2\.1\.332/) }),
    ]);
  });
});

describe('cr statusline with the JSON the real claude passes', () => {
  // One answer: 1M tokens in, 100k out, which the stand-in says came from an Opus model.
  const world = useWorld({ text: 'STATUS-REPLY', usage: { input_tokens: 1_000_000, output_tokens: 100_000 } });
  let tmux: TmuxSession | undefined;
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
  });

  it('the status bar shows cr’s line; the captured JSON fed to cr statusline gives the same line', async () => {
    const w = world();
    w.api.setScript(({ request }) => (request.stream ? { text: 'STATUS-REPLY', model: 'claude-opus-5-5' } : undefined));
    writeConfig(w, { budget: { daily: 20 } });
    const capture = path.join(w.env.root, 'statusline-input.jsonl');
    const settings = path.join(w.env.home, '.claude', 'settings.json');
    mkdirSync(path.dirname(settings), { recursive: true });
    writeFileSync(
      settings,
      JSON.stringify({
        statusLine: { type: 'command', command: `tee -a '${capture}' | '${process.execPath}' '${CR_BIN}' statusline` },
      }),
    );
    await w.env.prepareInteractive();
    tmux = await startTmux({
      cwd: w.env.project,
      env: w.env.env,
      command: [process.execPath, CR_BIN, '--sonnet', 'say hello'],
      socketDir: w.env.root,
      timeoutSeconds: 60,
    });
    await w.api.waitForTurns(1, 30_000);
    const expected = 'cr sonnet (override) ⚠ opus answering · $7.50 this session · $12.50 of $20.00 left today';
    const screen = await tmux.waitForScreen(/\$12\.50 of \$20\.00 left today/, 30_000);
    expect(screen).toContain(expected);

    // What claude passed: the session cr started, its transcript, the model it asked for.
    const [decision] = await decisions(w.env.historyFile);
    const inputs = readFileSync(capture, 'utf8')
      .split('\n')
      .filter((line) => line.trim().startsWith('{'))
      .map((line) => parseJson<Record<string, unknown>>(line));
    const last = inputs.at(-1)!;
    expect(last).toMatchObject({
      session_id: decision!.sessionId,
      transcript_path: w.env.transcriptPath(decision!.sessionId!),
      cwd: w.env.project,
      model: { id: expect.stringMatching(/sonnet/) },
    });
    expect(existsSync(String(last.transcript_path))).toBe(true);
    const r = await execa(process.execPath, [CR_BIN, 'statusline'], {
      cwd: w.env.project,
      env: w.env.env,
      extendEnv: false,
      input: JSON.stringify(last),
      reject: false,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(expected);
  });
});
