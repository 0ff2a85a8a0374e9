// How a word is shown so that a POSIX shell reads it back as the same word (cr trust, the
// command --explain and --dry-run print, the env prefixes). Its own module: config loading needs it
// for the untrusted-config notice and should not load the --explain report with it.

// Characters that single quotes cannot show safely: controls other than newline (ESC, CR, …) and
// bidirectional formatting characters (which would reorder the line on screen).
// eslint-disable-next-line no-control-regex
const NEEDS_ANSI_C = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

// A control character as \xHH escapes of its UTF-8 bytes (C1 controls are two bytes): exact in any
// locale, unlike \uHHHH, which bash turns into text under LC_ALL=C.
const ansiC = (code: number): string =>
  [...Buffer.from(String.fromCharCode(code), 'utf8')].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');

/**
 * Quotes a word for display the way a POSIX shell would need it. A word with control characters
 * is written in bash/zsh ANSI-C quoting ($'…' with \e, \t, \xHH), so that copying the line gives
 * back the same word and printing it sends no escape sequence to the terminal.
 */
export function shellQuote(word: string): string {
  if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word;
  if (NEEDS_ANSI_C.test(word)) {
    const named: Record<string, string> = {
      '\\': '\\\\',
      "'": "\\'",
      '\n': '\\n',
      '\t': '\\t',
      '\r': '\\r',
      '\u001b': '\\e',
    };
    // eslint-disable-next-line no-control-regex
    return `$'${word.replace(/[\\'\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => named[c] ?? ansiC(c.charCodeAt(0)))}'`;
  }
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
