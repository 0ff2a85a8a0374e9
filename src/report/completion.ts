// Shell integration scripts (completion and the opt-in alias), generated from the commander
// program so that they cannot drift from the real options. Pure: data in, strings out.
import { CLAUDE_SUBCOMMANDS } from '../claude-subcommands.js';
import type { Command, Option } from 'commander';
import { TIERS } from '../types.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What an option's value completes to. */
export type ValueCompletion = { kind: 'words'; words: string[] } | { kind: 'files' } | { kind: 'none' };

export interface OptionSpec {
  long?: string;
  short?: string;
  description: string;
  /** Absent for switches. */
  value?: ValueCompletion;
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  options: OptionSpec[];
  /** Words for the positional arguments (e.g. shell names), if they are a fixed list. */
  args: string[];
}

export interface CompletionSpec {
  program: string;
  rootOptions: OptionSpec[];
  commands: CommandSpec[];
}

/** How an option's value completes: its choices, tiers for a `<tier…>` value, files for `<file>`. */
export function valueCompletion(
  option: Pick<Option, 'flags' | 'argChoices' | 'required'>,
): ValueCompletion | undefined {
  // An optional value (--alias [name]) is completed like a switch: what follows is usually not its value.
  if (!option.required) return undefined;
  if (option.argChoices?.length) return { kind: 'words', words: [...option.argChoices] };
  const placeholder = /[<[]([^>\]]*)[>\]]/.exec(option.flags)?.[1]?.toLowerCase() ?? '';
  if (placeholder.includes('tier')) return { kind: 'words', words: [...TIERS].reverse() };
  if (/file|path|dir/.test(placeholder)) return { kind: 'files' };
  return { kind: 'none' };
}

function optionSpec(option: Option): OptionSpec {
  const spec: OptionSpec = { description: option.description ?? '' };
  if (option.long) spec.long = option.long;
  if (option.short) spec.short = option.short;
  const value = valueCompletion(option);
  if (value) spec.value = value;
  return spec;
}

const visible = (option: Option) => !option.hidden;

/** Walks the commander program: root options, then every subcommand with its options and argument choices. */
export function completionSpec(program: Command): CompletionSpec {
  return {
    program: program.name(),
    rootOptions: program.options.filter(visible).map(optionSpec),
    commands: program.commands
      .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
      .map((command) => ({
        name: command.name(),
        aliases: command.aliases(),
        description: command.description(),
        options: [
          ...command.options.filter(visible).map(optionSpec),
          { long: '--help', short: '-h', description: 'show help' },
        ],
        args: command.registeredArguments.flatMap((a) => a.argChoices ?? []),
      })),
  };
}

/**
 * Claude Code's own subcommands and the flags that describe claude itself: the alias hands these
 * to the real claude, because cr would read `claude mcp list` as a task.
 */
export const CLAUDE_OWN_WORDS = [...CLAUDE_SUBCOMMANDS, '-v', '--version', '-h', '--help'];

export interface ShellInitOptions {
  /** Name of the opt-in alias for cr (usually "claude"); none when undefined. */
  alias?: string;
}

function names(option: OptionSpec): string[] {
  return [option.long, option.short].filter((n): n is string => Boolean(n));
}

function allOptionWords(options: readonly OptionSpec[]): string[] {
  return options.flatMap(names);
}

/** Single-quoted for bash and zsh. */
function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function fishQuote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function subcommandWords(spec: CompletionSpec): string[] {
  return spec.commands.flatMap((c) => [c.name, ...c.aliases]);
}

/**
 * Claude Code's subcommands that are not cr's own: as the first word, cr (and the alias) hand them to
 * claude unchanged, so they complete there, and nothing of cr's completes after them.
 */
export function claudeOnlySubcommands(spec: CompletionSpec): string[] {
  const own = new Set(subcommandWords(spec));
  return CLAUDE_SUBCOMMANDS.filter((w) => !own.has(w));
}

/** What the first word completes to: cr's subcommands, then Claude Code's own. */
function firstWords(spec: CompletionSpec): string[] {
  return [...subcommandWords(spec), ...claudeOnlySubcommands(spec)];
}

const CLAUDE_WORD_DESCRIPTION = "Claude Code's own subcommand (runs it unchanged)";

/** Values completed for options of one command, as (option word → completion) pairs. */
function valueOptions(options: readonly OptionSpec[]): { word: string; value: ValueCompletion }[] {
  return options.flatMap((o) => (o.value ? names(o).map((word) => ({ word, value: o.value! })) : []));
}

function fnName(spec: CompletionSpec): string {
  return `_${spec.program.replace(/[^A-Za-z0-9_]/g, '_')}_complete`;
}

export function bashScript(spec: CompletionSpec, options: ShellInitOptions = {}): string {
  const fn = fnName(spec);
  const lines: string[] = [
    `# ${spec.program} shell integration for bash; load with: eval "$(${spec.program} shell-init bash)"`,
    `${fn}() {`,
    '  local cur prev sub i cword=$COMP_CWORD colon=""',
    '  COMPREPLY=()',
    '  cur="${COMP_WORDS[cword]}"',
    '  # cap:sonnet: bash splits words at ":" too, so the value is put back together, and what is offered',
    '  # drops the part up to its last ":" (bash replaces only the word after it).',
    '  if [[ "$cur" == ":" ]] && (( cword > 1 )); then cword=$((cword-1)); colon="${COMP_WORDS[cword]}:"; cur="$colon";',
    '  elif (( cword > 1 )) && [[ "${COMP_WORDS[cword-1]}" == ":" ]]; then cword=$((cword-2)); colon="${COMP_WORDS[cword]}:"; cur="$colon$cur"; fi',
    '  prev=""',
    '  if (( cword > 0 )); then prev="${COMP_WORDS[cword-1]}"; fi',
    '  # --opt=value: bash splits at "=", so the option is two words back.',
    '  if [[ "$cur" == "=" ]]; then cur=""; prev="${COMP_WORDS[cword-1]}";',
    '  elif [[ "$prev" == "=" ]] && (( cword > 1 )); then prev="${COMP_WORDS[cword-2]}"; fi',
    '  sub=""',
    '  if (( COMP_CWORD > 1 )); then',
  ];
  // Under the alias, every word it hands to the real claude (doctor and config too) ends cr's completion.
  if (options.alias)
    lines.push(
      `    if [[ "\${COMP_WORDS[0]}" == ${shQuote(options.alias)} ]]; then case "\${COMP_WORDS[1]}" in ${CLAUDE_OWN_WORDS.join('|')}) return 0 ;; esac; fi`,
    );
  lines.push('    case "${COMP_WORDS[1]}" in');
  for (const command of spec.commands)
    lines.push(`      ${[command.name, ...command.aliases].join('|')}) sub=${shQuote(command.name)} ;;`);
  const claudeOnly = claudeOnlySubcommands(spec);
  if (claudeOnly.length) lines.push(`      ${claudeOnly.join('|')}) return 0 ;;`);
  lines.push('    esac', '  fi', '  case "$sub:$prev" in');
  const caseFor = (sub: string, opts: readonly OptionSpec[]) => {
    for (const { word, value } of valueOptions(opts)) {
      const action =
        value.kind === 'words'
          ? `COMPREPLY=($(compgen -W ${shQuote(value.words.join(' '))} -- "$cur")); COMPREPLY=("\${COMPREPLY[@]#"$colon"}"); return 0`
          : value.kind === 'files'
            ? 'COMPREPLY=($(compgen -f -- "$cur")); return 0'
            : 'return 0';
      lines.push(`    ${shQuote(`${sub}:${word}`)}) ${action} ;;`);
    }
  };
  caseFor('', spec.rootOptions);
  for (const command of spec.commands) caseFor(command.name, command.options);
  lines.push('  esac', '  case "$sub" in');
  lines.push(
    `    '')`,
    '      if [[ "$cur" == -* ]]; then',
    `        COMPREPLY=($(compgen -W ${shQuote(allOptionWords(spec.rootOptions).join(' '))} -- "$cur"))`,
    '      elif (( COMP_CWORD == 1 )); then',
    `        COMPREPLY=($(compgen -W ${shQuote(firstWords(spec).join(' '))} -- "$cur"))`,
    '      fi ;;',
  );
  for (const command of spec.commands) {
    lines.push(
      `    ${shQuote(command.name)})`,
      '      if [[ "$cur" == -* ]]; then',
      `        COMPREPLY=($(compgen -W ${shQuote(allOptionWords(command.options).join(' '))} -- "$cur"))`,
    );
    if (command.args.length)
      lines.push('      else', `        COMPREPLY=($(compgen -W ${shQuote(command.args.join(' '))} -- "$cur"))`);
    lines.push('      fi ;;');
  }
  lines.push('  esac', '  return 0', '}', `complete -o default -o bashdefault -F ${fn} ${spec.program}`);
  if (options.alias)
    lines.push(
      ...aliasFunction(spec.program, options.alias),
      `complete -o default -o bashdefault -F ${fn} ${options.alias}`,
    );
  return `${lines.join('\n')}\n`;
}

/** bash and zsh: the alias is a function, so that claude's own subcommands still reach the real claude. */
function aliasFunction(program: string, alias: string): string[] {
  return [
    `# ${alias} -> ${program}; claude's own subcommands (${alias} mcp, ${alias} update, …) go to the real claude.`,
    `unalias ${alias} 2>/dev/null`,
    // \`function name\` keeps the name from alias expansion in both bash and zsh.
    `function ${alias} {`,
    '  case "$1" in',
    `    ${CLAUDE_OWN_WORDS.join('|')}) command claude "$@" ;;`,
    `    *) command ${program} "$@" ;;`,
    '  esac',
    '}',
  ];
}

export function zshScript(spec: CompletionSpec, options: ShellInitOptions = {}): string {
  const fn = fnName(spec);
  const describe = (o: OptionSpec) =>
    names(o).map((n) => shQuote(`${n.replace(/:/g, '\\:')}:${oneLine(o.description)}`));
  const lines: string[] = [
    `# ${spec.program} shell integration for zsh; load with: eval "$(${spec.program} shell-init zsh)"`,
    '(( $+functions[compdef] )) || { autoload -Uz compinit && compinit -i }',
    `${fn}() {`,
    '  local sub="" prev="${words[CURRENT-1]}"',
    '  local -a opts cmds',
    '  if (( CURRENT > 2 )); then',
  ];
  if (options.alias)
    lines.push(
      `    if [[ "\${words[1]}" == ${shQuote(options.alias)} ]]; then case "\${words[2]}" in (${CLAUDE_OWN_WORDS.join('|')}) _files; return ;; esac; fi`,
    );
  lines.push('    case "${words[2]}" in');
  for (const command of spec.commands)
    lines.push(`      (${[command.name, ...command.aliases].join('|')}) sub=${shQuote(command.name)} ;;`);
  const claudeOnly = claudeOnlySubcommands(spec);
  if (claudeOnly.length) lines.push(`      (${claudeOnly.join('|')}) _files; return ;;`);
  lines.push('    esac', '  fi', '  case "$sub:$prev" in');
  const caseFor = (sub: string, opts: readonly OptionSpec[]) => {
    for (const { word, value } of valueOptions(opts)) {
      const action =
        value.kind === 'words'
          ? `compadd -- ${value.words.map(shQuote).join(' ')}; return`
          : value.kind === 'files'
            ? '_files; return'
            : 'return';
      lines.push(`    (${shQuote(`${sub}:${word}`)}) ${action} ;;`);
    }
  };
  caseFor('', spec.rootOptions);
  for (const command of spec.commands) caseFor(command.name, command.options);
  lines.push('  esac', '  if [[ "$PREFIX" == -* ]]; then', '    case "$sub" in');
  lines.push(`      ('') opts=(${spec.rootOptions.flatMap(describe).join(' ')}) ;;`);
  for (const command of spec.commands)
    lines.push(`      (${shQuote(command.name)}) opts=(${command.options.flatMap(describe).join(' ')}) ;;`);
  lines.push(
    '    esac',
    "    _describe -t options 'option' opts",
    '    return',
    '  fi',
    '  if [[ -z "$sub" ]] && (( CURRENT == 2 )); then',
    `    cmds=(${[
      ...spec.commands.flatMap((c) => [c.name, ...c.aliases].map((n) => shQuote(`${n}:${oneLine(c.description)}`))),
      ...claudeOnly.map((n) => shQuote(`${n}:${CLAUDE_WORD_DESCRIPTION}`)),
    ].join(' ')})`,
    "    _describe -t commands 'subcommand' cmds",
    '  fi',
    '  case "$sub" in',
  );
  for (const command of spec.commands)
    if (command.args.length)
      lines.push(`    (${shQuote(command.name)}) compadd -- ${command.args.map(shQuote).join(' ')}; return ;;`);
  lines.push('  esac', '  _files', '}', `compdef ${fn} ${spec.program}`);
  if (options.alias) lines.push(...aliasFunction(spec.program, options.alias), `compdef ${fn} ${options.alias}`);
  return `${lines.join('\n')}\n`;
}

export function fishScript(spec: CompletionSpec, options: ShellInitOptions = {}): string {
  const p = spec.program;
  const subs = firstWords(spec).join(' ');
  const lines: string[] = [
    `# ${p} shell integration for fish; load with: ${p} shell-init fish | source`,
    `complete -c ${p} -e`,
  ];
  const optionLine = (condition: string, o: OptionSpec) => {
    const parts = [`complete -c ${p} -n ${fishQuote(condition)}`];
    if (o.long) parts.push(`-l ${o.long.replace(/^--/, '')}`);
    if (o.short) parts.push(`-s ${o.short.replace(/^-/, '')}`);
    if (o.value?.kind === 'words') parts.push(`-x -a ${fishQuote(o.value.words.join(' '))}`);
    else if (o.value?.kind === 'files') parts.push('-r -F');
    else if (o.value?.kind === 'none') parts.push('-x');
    if (o.description) parts.push(`-d ${fishQuote(oneLine(o.description))}`);
    return parts.join(' ');
  };
  for (const command of spec.commands) {
    for (const name of [command.name, ...command.aliases]) {
      lines.push(
        `complete -c ${p} -n '__fish_use_subcommand' -a ${fishQuote(name)} -d ${fishQuote(oneLine(command.description))}`,
      );
    }
  }
  for (const name of claudeOnlySubcommands(spec)) {
    lines.push(
      `complete -c ${p} -n '__fish_use_subcommand' -a ${fishQuote(name)} -d ${fishQuote(CLAUDE_WORD_DESCRIPTION)}`,
    );
  }
  const root = subs ? `not __fish_seen_subcommand_from ${subs}` : 'true';
  for (const o of spec.rootOptions) lines.push(optionLine(root, o));
  for (const command of spec.commands) {
    const seen = `__fish_seen_subcommand_from ${[command.name, ...command.aliases].join(' ')}`;
    for (const o of command.options) lines.push(optionLine(seen, o));
    if (command.args.length)
      lines.push(`complete -c ${p} -n ${fishQuote(seen)} -f -a ${fishQuote(command.args.join(' '))}`);
  }
  if (options.alias) {
    const a = options.alias;
    lines.push(
      `# ${a} -> ${p}; claude's own subcommands (${a} mcp, ${a} update, …) go to the real claude.`,
      `function ${a} --wraps ${p} --description ${fishQuote(`${a} through ${p}`)}`,
      `    switch "$argv[1]"`,
      `        case ${CLAUDE_OWN_WORDS.map(fishQuote).join(' ')}`,
      '            command claude $argv',
      "        case '*'",
      `            command ${p} $argv`,
      '    end',
      'end',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function shellInitScript(shell: Shell, spec: CompletionSpec, options: ShellInitOptions = {}): string {
  if (shell === 'bash') return bashScript(spec, options);
  if (shell === 'zsh') return zshScript(spec, options);
  return fishScript(spec, options);
}
