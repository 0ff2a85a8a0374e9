// Black-box: cr shell-init output for each shell; the alias is opt-in and never makes cr run itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeClaude } from '../support/fake-claude.js';
import { CR_BIN } from '../support/run-cr.js';
import { useWorld, type World } from '../support/world.js';

function hasShell(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

let fake: FakeClaude;
let w: World;
useWorld((s) => {
  w = s;
  fake = s.fake;
});

/** PATH with a `cr` that runs the built CLI, and the fake as the real `claude`. */
function shellEnv(): NodeJS.ProcessEnv {
  const bin = path.join(w.root, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'cr'), `#!/bin/sh\nexec "${process.execPath}" "${CR_BIN}" "$@"\n`);
  chmodSync(path.join(bin, 'cr'), 0o755);
  return { ...w.env, CLAUDE_PATH: '', PATH: `${bin}:${fake.dir}:/usr/bin:/bin`, ZDOTDIR: w.home };
}

describe('cr shell-init', () => {
  it.each(['bash', 'zsh', 'fish'])(
    '%s: completion for subcommands, options and tiers; no alias unless asked',
    async (shell) => {
      const r = await w.cr(['shell-init', shell]);
      expect(r.exitCode).toBe(0);
      for (const word of ['init', 'doctor', 'config', 'shell-init', 'explain']) expect(r.stdout).toContain(word);
      for (const option of ['model', 'explain', 'dry-run', 'no-history', 'default-tier', 'history-tasks'])
        expect(r.stdout).toContain(option);
      expect(r.stdout).toMatch(/opus.{1,4}sonnet.{1,4}haiku/);
      expect(r.stdout).not.toMatch(/command claude/);
    },
  );

  it.for(['bash', 'zsh', 'fish'])('%s: syntax check of the output (alias included)', async (shell, { skip }) => {
    if (!hasShell(shell)) skip(`${shell} is not installed`);
    const out = (await w.cr(['shell-init', shell, '--alias'])).stdout;
    const file = w.write(path.join(w.root, `init.${shell}`), out);
    expect(() => execFileSync(shell, ['-n', file], { stdio: 'pipe' })).not.toThrow();
  });

  it('rejects an unknown shell with exit 2', async () => {
    const r = await w.cr(['shell-init', 'tcsh']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/tcsh/);
  });

  it('--alias cr is refused (cr would call itself)', async () => {
    const r = await w.cr(['shell-init', 'bash', '--alias', 'cr']);
    expect(r.exitCode).toBe(2);
  });

  const aliasRuns: [string, string][] = [
    ['bash', 'eval "$(cr shell-init bash --alias)"; claude "$@"'],
    ['zsh', 'eval "$(cr shell-init zsh --alias)"; claude "$@"'],
    ['fish', 'cr shell-init fish --alias | source; claude $argv'],
  ];
  it.for(aliasRuns)(
    '%s alias: claude "task" goes through cr; claude mcp list reaches the real claude',
    ([shell, script], { skip }) => {
      if (!hasShell(shell)) skip(`${shell} is not installed`);
      const env = shellEnv();
      const log = w.env.FAKE_CLAUDE_LOG!;
      const run = (...args: string[]) => {
        const argv = shell === 'fish' ? ['-c', script, '--', ...args] : ['-c', script, 'sh', ...args];
        const r = spawnSync(shell, argv, { env, cwd: w.project, encoding: 'utf8', timeout: 20_000 });
        expect(r.status, r.stderr).toBe(0);
        return JSON.parse(readFileSync(log, 'utf8')) as { argv: string[] };
      };
      const routed = run('--haiku', 'convert this CSV to JSON');
      expect(routed.argv.slice(0, 2)).toEqual(['--model', 'haiku']);
      expect(routed.argv.at(-1)).toBe('convert this CSV to JSON');
      const own = run('mcp', 'list');
      expect(own.argv).toEqual(['mcp', 'list']);
    },
  );

  /** What the loaded completion offers for a command line (the last word is being completed). */
  function completions(shell: 'bash' | 'fish', line: string, alias = true): string[] {
    const words = line.split(' ');
    const script =
      shell === 'bash'
        ? `eval "$(cr shell-init bash${alias ? ' --alias' : ''})"; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _cr_complete; printf '%s\\n' "\${COMPREPLY[@]}"`
        : `cr shell-init fish${alias ? ' --alias' : ''} | source; complete -C "$argv"`;
    const argv = shell === 'fish' ? ['-c', script, '--', line] : ['-c', script, 'sh', ...words];
    const r = spawnSync(shell, argv, { env: shellEnv(), cwd: w.project, encoding: 'utf8', timeout: 20_000 });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!);
  }

  it.for(['bash', 'fish'] as const)(
    "%s: Claude Code's own subcommands complete as the first word, for cr and under the alias",
    (shell, { skip }) => {
      if (!hasShell(shell)) skip(`${shell} is not installed`);
      expect(completions(shell, 'claude mc')).toEqual(['mcp']);
      expect(completions(shell, 'cr mc')).toEqual(['mcp']);
      expect(completions(shell, 'cr up')).toEqual(expect.arrayContaining(['up', 'update', 'upgrade']));
      expect(completions(shell, 'claude up')).toEqual(expect.arrayContaining(['up', 'update', 'upgrade']));
      expect(completions(shell, 'cr mc', false)).toEqual(['mcp']);
      // After one of claude's subcommands nothing of cr's is offered.
      expect(completions(shell, 'cr mcp --no-h')).toEqual([]);
    },
  );

  it('bash: a value with a colon (cap:sonnet) completes although bash splits the word at ":"', ({ skip }) => {
    if (!hasShell('bash')) skip('bash is not installed');
    // As bash hands them over: "cap:s" is the three words "cap", ":" and "s".
    const words = (...argv: string[]) => {
      const script = `eval "$(cr shell-init bash)"; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _cr_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const r = spawnSync('bash', ['-c', script, 'sh', ...argv], { env: shellEnv(), cwd: w.project, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter(Boolean);
    };
    expect(words('cr', 'init', '--on-exceed', 'cap', ':', 's')).toEqual(['sonnet']);
    expect(words('cr', 'init', '--on-exceed', 'cap', ':').sort()).toEqual(['haiku', 'opus', 'sonnet']);
    expect(words('cr', 'init', '--on-exceed', '=', 'cap', ':', 'h')).toEqual(['haiku']);
    expect(words('cr', 'init', '--on-exceed', 'do')).toEqual(['downgrade']);
  });

  it("bash: under the alias, doctor and config are claude's (no cr options after them); cr doctor keeps its own", () => {
    expect(completions('bash', 'cr doctor --j')).toEqual(['--json']);
    expect(completions('bash', 'claude doctor --j')).toEqual([]);
    expect(completions('bash', 'claude --mo')).toEqual(['--model']);
  });
});
