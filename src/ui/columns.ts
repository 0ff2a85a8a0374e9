// Terminal columns, not string length: for tables that pad text a user wrote (any script).
// Apart from format.ts so that only the commands that draw tables load the width tables.
import stringWidth from 'string-width';

/** Columns `text` takes on a terminal: wide (East Asian) characters take two, combining marks none. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` padded with spaces to `width` terminal columns (padEnd counts UTF-16 units, not columns). */
export function padEndColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** `text` cut to at most `width` terminal columns, with "…" when cut. */
export function fitColumns(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}
