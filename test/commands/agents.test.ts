// Black-box: cr agents lists the subagents Claude Code would load with cr's pick, --check exits 1 on
// a disagreement, --write changes one line per file and nothing else (only with --yes or at a terminal).
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

const REVIEWER = `---
name: reviewer
description: Reviews pull requests for security holes and architecture problems before merge
model: haiku # cheap
tools: Read, Grep
---
You review code and report what you find.
`;
// CRLF line ends, no model: line.
const CONVERTER = '---\r\nname: converter\r\ndescription: Converts CSV files to JSON\r\n---\r\nConvert.\r\n';
const HELPER = `---
name: helper
description: Converts CSV files to JSON
model: haiku
---
`;
const BROKEN = `---
description: no name here
model: opus
`;

function project(file: string, text: string): string {
  const full = path.join(w.project, '.claude', 'agents', file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

describe('cr agents', () => {
  it('lists each agent with its model:, cr’s pick and the evidence, project and user folders', async () => {
    project('reviewer.md', REVIEWER);
    const user = path.join(w.home, '.claude', 'agents', 'helper.md');
    mkdirSync(path.dirname(user), { recursive: true });
    writeFileSync(user, HELPER);
    const r = await w.cr(['agents'], { env: { COLUMNS: '200' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^reviewer +haiku +opus +✗ +0\.\d\d +\.claude\/agents\/reviewer\.md$/m);
    expect(r.stdout).toMatch(/^ +reads as review: /m);
    expect(r.stdout).toMatch(/^helper +haiku +haiku +✓ +[01]\.\d\d +~\/\.claude\/agents\/helper\.md$/m);
    expect(r.stdout).toMatch(/^1 of 2 agents differ from cr's pick: cr agents --write sets model: in that file$/m);
    // cr's own subcommand: claude was not started.
    expect(existsSync(w.log)).toBe(false);
  });

  it('--json: every agent, the verdict, the malformed files', async () => {
    project('reviewer.md', REVIEWER);
    const broken = project('broken.md', BROKEN);
    const r = await w.cr(['agents', '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.agents).toEqual([
      expect.objectContaining({
        name: 'reviewer',
        scope: 'project',
        model: 'haiku',
        runsOn: 'haiku',
        verdict: 'differs',
        recommended: expect.objectContaining({ tier: 'opus', family: 'review' }),
      }),
    ]);
    expect(json.malformed).toEqual([
      { file: broken, scope: 'project', problem: 'the frontmatter has no closing --- line' },
    ]);
  });

  it('--check exits 1 while a file differs, 0 once every model: is cr’s pick', async () => {
    const file = project('helper.md', HELPER.replace('model: haiku', 'model: opus'));
    const r = await w.cr(['agents', '--check']);
    expect(r.exitCode).toBe(1);
    writeFileSync(file, HELPER);
    expect((await w.cr(['agents', '--check'])).exitCode).toBe(0);
  });

  it('a symbolic link in a loop among the agents is skipped, not a crash', async () => {
    const dir = path.join(w.project, '.claude', 'agents');
    mkdirSync(dir, { recursive: true });
    symlinkSync('loop-b.md', path.join(dir, 'loop-a.md'));
    symlinkSync('loop-a.md', path.join(dir, 'loop-b.md'));
    project('reviewer.md', REVIEWER);
    const r = await w.cr(['agents', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('reviewer');
  });

  it('no agents: says where it looked, exit 0', async () => {
    const r = await w.cr(['agents']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^no subagent definitions in \.claude\/agents or ~\/\.claude\/agents$/m);
  });

  it('--write without a terminal and without --yes refuses with one line (exit 2) and writes nothing', async () => {
    const file = project('reviewer.md', REVIEWER);
    const r = await w.cr(['agents', '--write']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'cr: error: cr agents --write: cannot ask before changing 1 file (stdin is not a terminal); add --yes to write them',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(REVIEWER);
  });

  it('--write --yes shows the change and changes exactly the model: line; a malformed file is named, never written', async () => {
    const reviewer = project('reviewer.md', REVIEWER);
    const converter = project('nested/converter.md', CONVERTER);
    const broken = project('broken.md', BROKEN);
    const r = await w.cr(['agents', '--write', '--yes']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('.claude/agents/reviewer.md\n   4 - model: haiku # cheap\n   4 + model: opus # cheap\n');
    expect(r.stdout).toContain('.claude/agents/nested/converter.md\n   4 + model: haiku\n');
    expect(r.stderr).toContain('cr: skipped .claude/agents/broken.md: the frontmatter has no closing --- line');
    expect(readFileSync(reviewer, 'utf8')).toBe(REVIEWER.replace('model: haiku # cheap', 'model: opus # cheap'));
    expect(readFileSync(converter, 'utf8')).toBe(CONVERTER.replace('---\r\nConvert', 'model: haiku\r\n---\r\nConvert'));
    expect(readFileSync(broken, 'utf8')).toBe(BROKEN);
    expect((await w.cr(['agents', '--check'])).exitCode).toBe(0);
  });

  it('--write --yes with no agents says so, not that every model: is cr’s pick', async () => {
    const r = await w.cr(['agents', '--write', '--yes']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('no agents found; nothing written\n');
    project('reviewer.md', REVIEWER);
    await w.cr(['agents', '--write', '--yes']);
    expect((await w.cr(['agents', '--write', '--yes'])).stdout).toBe("every model: is cr's pick; nothing written\n");
  });

  it('usage errors: --write with --check, --yes alone, --write --json without --yes', async () => {
    for (const args of [['--write', '--check'], ['--yes'], ['--write', '--json']]) {
      const r = await w.cr(['agents', ...args]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
