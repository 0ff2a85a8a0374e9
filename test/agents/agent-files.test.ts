import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentFolders, listAgents } from '../../src/agents/agent-files.js';

let root: string;
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'cr-agents-')));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function agent(file: string, name: string, description = `${name} agent`): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `---\nname: ${name}\ndescription: ${description}\n---\nbody\n`);
}

const dirs = (folders: { dir: string }[]) => folders.map((f) => path.relative(root, f.dir));

describe('agentFolders', () => {
  it('outside home: every directory up to the root of the git repository, then the user’s folder', () => {
    const home = path.join(root, 'home');
    const cwd = path.join(root, 'work', 'repo', 'pkg');
    mkdirSync(path.join(root, 'work', 'repo', '.git'), { recursive: true });
    mkdirSync(cwd, { recursive: true });
    expect(dirs(agentFolders(cwd, home, {}))).toEqual([
      'work/repo/pkg/.claude/agents',
      'work/repo/.claude/agents',
      'home/.claude/agents',
    ]);
  });

  it('under home: up to the home directory, which is not a project folder; CLAUDE_CONFIG_DIR moves the user’s', () => {
    const home = path.join(root, 'home');
    const cwd = path.join(home, 'a', 'b');
    mkdirSync(cwd, { recursive: true });
    expect(dirs(agentFolders(cwd, home, {}))).toEqual([
      'home/a/b/.claude/agents',
      'home/a/.claude/agents',
      'home/.claude/agents',
    ]);
    expect(dirs(agentFolders(cwd, home, { CLAUDE_CONFIG_DIR: path.join(root, 'cfg') })).at(-1)).toBe('cfg/agents');
    expect(dirs(agentFolders(home, home, {}))).toEqual(['home/.claude/agents']);
  });
});

describe('listAgents', () => {
  it('Claude Code’s precedence: nearer project folder over farther, project over user, later file in a folder', () => {
    const home = path.join(root, 'home');
    const repo = path.join(root, 'repo');
    const cwd = path.join(repo, 'pkg');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    agent(path.join(home, '.claude/agents/x.md'), 'shared', 'from the user');
    agent(path.join(home, '.claude/agents/mine.md'), 'mine');
    agent(path.join(repo, '.claude/agents/far.md'), 'near', 'from the repository root');
    agent(path.join(cwd, '.claude/agents/near.md'), 'near', 'from the package');
    agent(path.join(cwd, '.claude/agents/sub/deep.md'), 'shared', 'from a subfolder');
    agent(path.join(cwd, '.claude/agents/dup1.md'), 'dup', 'first');
    agent(path.join(cwd, '.claude/agents/dup2.md'), 'dup', 'second');
    writeFileSync(path.join(cwd, '.claude/agents/README.md'), '# agents of this package\n');
    writeFileSync(path.join(cwd, '.claude/agents/notes.txt'), 'not markdown');
    const listing = listAgents(agentFolders(cwd, home, {}));
    const loaded = listing.agents.filter((a) => !a.shadowedBy);
    expect(loaded.map((a) => [a.agent.name, a.agent.description, a.scope])).toEqual([
      ['dup', 'second', 'project'],
      ['mine', 'mine agent', 'user'],
      ['near', 'from the package', 'project'],
      ['shared', 'from a subfolder', 'project'],
    ]);
    expect(
      listing.agents.filter((a) => a.shadowedBy).map((a) => [a.agent.description, path.relative(root, a.shadowedBy!)]),
    ).toEqual([
      ['first', 'repo/pkg/.claude/agents/dup2.md'],
      ['from the repository root', 'repo/pkg/.claude/agents/near.md'],
      ['from the user', 'repo/pkg/.claude/agents/sub/deep.md'],
    ]);
    expect(listing.malformed).toEqual([
      {
        file: path.join(cwd, '.claude/agents/README.md'),
        scope: 'project',
        problem: 'no frontmatter (the file must start with a --- line)',
      },
    ]);
  });
});
