// Unit tables for the completion generator: spec from a commander program, and the scripts per shell.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Argument, Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  bashScript,
  completionSpec,
  fishScript,
  shellInitScript,
  valueCompletion,
  zshScript,
  type CompletionSpec,
} from '../../src/report/completion.js';

function hasShell(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function sampleProgram(): Command {
  const program = new Command('cr')
    .option('--explain', 'show why')
    .option('--model <tier|id>', 'pick a model')
    .option('--config <file>', 'a file')
    .option('-V, --version', 'version');
  program
    .command('explain')
    .description("show the decision; it's pure")
    .option('--json', 'as JSON')
    .option('--from <file>', 'tasks file');
  program
    .command('escalate')
    .alias('up')
    .description('one tier up')
    .addOption(new Option('--to <tier>', 'target').choices(['opus', 'sonnet']));
  program
    .command('shell-init')
    .description('print integration')
    .addArgument(new Argument('<shell>').choices(['bash', 'zsh', 'fish']))
    .option('--alias [name]', 'alias');
  return program;
}

describe('valueCompletion', () => {
  const table: [string, readonly string[] | undefined, boolean, ReturnType<typeof valueCompletion>][] = [
    ['--json', undefined, false, undefined],
    ['--model <tier|id>', undefined, true, { kind: 'words', words: ['opus', 'sonnet', 'haiku'] }],
    ['--config <file>', undefined, true, { kind: 'files' }],
    ['--from <file>', undefined, true, { kind: 'files' }],
    ['--ask <when>', ['never', 'always'], true, { kind: 'words', words: ['never', 'always'] }],
    ['--limit <n>', undefined, true, { kind: 'none' }],
    ['--alias [name]', undefined, false, undefined],
  ];
  it.each(table)('%s', (flags, choices, required, expected) => {
    expect(valueCompletion({ flags, argChoices: choices as string[] | undefined, required })).toEqual(expected);
  });
});

describe('completionSpec', () => {
  it('walks root options, subcommands, aliases, option choices and argument choices', () => {
    const spec = completionSpec(sampleProgram());
    expect(spec.program).toBe('cr');
    expect(spec.rootOptions.map((o) => o.long)).toEqual(['--explain', '--model', '--config', '--version']);
    expect(spec.rootOptions.find((o) => o.long === '--version')!.short).toBe('-V');
    expect(spec.commands.map((c) => [c.name, c.aliases])).toEqual([
      ['explain', []],
      ['escalate', ['up']],
      ['shell-init', []],
    ]);
    expect(spec.commands[1]!.options[0]).toMatchObject({
      long: '--to',
      value: { kind: 'words', words: ['opus', 'sonnet'] },
    });
    expect(spec.commands[2]!.args).toEqual(['bash', 'zsh', 'fish']);
    // Every subcommand completes --help too.
    for (const c of spec.commands) expect(c.options.map((o) => o.long)).toContain('--help');
  });
});

describe('scripts', () => {
  const spec: CompletionSpec = completionSpec(sampleProgram());
  const table: [string, (s: CompletionSpec, o?: { alias?: string }) => string, RegExp[]][] = [
    [
      'bash',
      bashScript,
      [
        /complete -o default -o bashdefault -F _cr_complete cr/,
        /':--model'\) COMPREPLY=\(\$\(compgen -W 'opus sonnet haiku'/,
        /compgen -W 'explain escalate up shell-init agents attach auth auto-mode config doctor [^']*mcp [^']*update upgrade' -- /,
        /\|mcp\|[^)]*\) return 0 ;;/,
        /'escalate:--to'\) COMPREPLY=\(\$\(compgen -W 'opus sonnet'/,
        /':--config'\) COMPREPLY=\(\$\(compgen -f/,
        /compgen -W 'bash zsh fish'/,
        /escalate\|up\) sub='escalate'/,
      ],
    ],
    [
      'zsh',
      zshScript,
      [
        /compdef _cr_complete cr/,
        /\(':--model'\) compadd -- 'opus' 'sonnet' 'haiku'/,
        /'explain:show the decision; it'\\''s pure'/,
        /'up:one tier up'/,
        /\('shell-init'\) compadd -- 'bash' 'zsh' 'fish'/,
        /'mcp:Claude Code'\\''s own subcommand \(runs it unchanged\)'/,
        /'--model:pick a model'/,
      ],
    ],
    [
      'fish',
      fishScript,
      [
        /complete -c cr -n '__fish_use_subcommand' -a 'explain' -d 'show the decision; it\\'s pure'/,
        /-l model -x -a 'opus sonnet haiku'/,
        /-l config -r -F/,
        /-l version -s V/,
        /__fish_seen_subcommand_from escalate up' -l to -x -a 'opus sonnet'/,
        /-f -a 'bash zsh fish'/,
        /complete -c cr -n '__fish_use_subcommand' -a 'mcp' -d 'Claude Code\\'s own subcommand/,
      ],
    ],
  ];
  it.each(table)('%s: completes subcommands, options and tiers', (_shell, render, patterns) => {
    const out = render(spec);
    for (const p of patterns) expect(out).toMatch(p);
    expect(out).not.toMatch(/command claude/);
  });

  it.each(['bash', 'zsh', 'fish'] as const)(
    "%s: the alias is opt-in and hands claude's own subcommands to the real claude",
    (shell) => {
      const out = shellInitScript(shell, spec, { alias: 'claude' });
      expect(out).toMatch(/command claude/);
      expect(out).toMatch(/command cr/);
      expect(out).toMatch(/mcp/);
      expect(shellInitScript(shell, spec)).not.toMatch(/claude/);
    },
  );

  it.for(['bash', 'zsh', 'fish'] as const)("%s: output passes the shell's syntax check", (shell, { skip }) => {
    if (!hasShell(shell)) skip(`${shell} is not installed`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cr-completion-'));
    try {
      const file = path.join(dir, `init.${shell}`);
      writeFileSync(file, shellInitScript(shell, spec, { alias: 'claude' }));
      execFileSync(shell, ['-n', file], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
