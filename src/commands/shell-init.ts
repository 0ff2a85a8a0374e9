import { Argument, type Command } from 'commander';
import type { AppContext } from '../context.js';
import { UsageError } from '../errors.js';
import type { SubcommandModule } from './registry.js';
import { wrappedHelpText } from '../ui/help-text.js';

const shellInit: SubcommandModule = {
  name: 'shell-init',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('shell-init')
      .description('print shell integration (completion, optional alias): eval "$(cr shell-init bash)"')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
      .option(
        '--alias [name]',
        "also make NAME (default: claude) run cr; claude's own subcommands still reach the real claude",
      )
      .addHelpText(
        'after',
        wrappedHelpText(
          '\nLoad it from your shell start-up file:\n  bash  ~/.bashrc                 eval "$(cr shell-init bash)"\n  zsh   ~/.zshrc                  eval "$(cr shell-init zsh)"\n  fish  ~/.config/fish/config.fish  cr shell-init fish | source\n\nClaude Code\'s status bar is set up apart from the shell: cr init --statusline writes\n"statusLine": {"type": "command", "command": "cr statusline"} into ~/.claude/settings.json\n(see cr statusline --help).\n',
        ),
      )
      .action(async (shell: 'bash' | 'zsh' | 'fish', options: { alias?: string | boolean }) => {
        const alias = options.alias === true ? 'claude' : options.alias || undefined;
        if (alias !== undefined && !/^[A-Za-z_][\w.-]*$/.test(alias))
          throw new UsageError(`--alias: "${alias}" is not a command name`);
        if (alias === program.name()) throw new UsageError(`--alias: "${alias}" is cr itself`);
        const [{ buildProgram }, { completionSpec, shellInitScript }] = await Promise.all([
          import('../program.js'),
          import('../report/completion.js'),
        ]);
        // The full program (every subcommand), not the one-subcommand program that runs this.
        const { program: full } = await buildProgram(ctx);
        ctx.out(shellInitScript(shell, completionSpec(full), { alias }));
        setExit(0);
      });
  },
};

export default shellInit;
