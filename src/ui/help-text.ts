// Text after a subcommand's option list, wrapped to the help's width as commander wraps the
// options (the terminal's width, or COLUMNS). Lines that start with a space (commands, settings to
// copy) are kept as they are; the other lines of a paragraph are joined and wrapped.
import type { Command } from 'commander';

/** For `command.addHelpText('after', …)`: `text` wrapped to the help width when help is printed. */
export function wrappedHelpText(text: string): (context: { command: Command }) => string {
  return ({ command }) => {
    const help = command.createHelp();
    const width = help.helpWidth ?? 80;
    const out: string[] = [];
    let prose: string[] = [];
    const flush = () => {
      if (prose.length) out.push(help.boxWrap(prose.join(' '), width));
      prose = [];
    };
    for (const line of text.split('\n')) {
      if (line === '' || /^\s/.test(line)) {
        flush();
        out.push(line);
      } else prose.push(line);
    }
    flush();
    return out.join('\n');
  };
}
