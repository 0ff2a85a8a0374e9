// Terminal columns, not string length: for tables that pad text a user wrote (any script).
// Apart from format.ts so that only the commands that draw tables load this.

/** Columns a text takes on a terminal: wide (East Asian) characters take two, combining marks none. */
export type TextWidth = (text: string) => number;

// Text that takes one column a character: printable ASCII, Latin letters and spacing modifiers
// (U+00A0–U+02FF but the soft hyphen, U+00AD, which takes none), the dashes, quotes, bullet and
// ellipsis of U+2010–U+2027, and arrows. A history table is mostly that, and string-width, which
// knows every script, costs ~13 ms to load (it sets up a grapheme segmenter when it loads): it is
// loaded only for a text that needs it.
const ONE_COLUMN_EACH = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2190-\u21ff]*$/;

/** The width of text made of one-column characters only (and of any piece of it, padded or cut). */
const oneColumnEach: TextWidth = (text) => text.length;

/**
 * A width function for these texts, what is cut from them and what pads them: their length when
 * each of their characters takes one column, else string-width's, loaded then.
 */
export async function textWidthFor(texts: Iterable<string>): Promise<TextWidth> {
  for (const text of texts) {
    if (ONE_COLUMN_EACH.test(text)) continue;
    const { default: stringWidth } = await import('string-width');
    return (t) => (ONE_COLUMN_EACH.test(t) ? t.length : stringWidth(t));
  }
  return oneColumnEach;
}

/** `text` padded with spaces to `width` terminal columns (padEnd counts UTF-16 units, not columns). */
export function padEndColumns(text: string, width: number, textWidth: TextWidth): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/** `text` cut to at most `width` terminal columns, with "…" when cut. */
export function fitColumns(text: string, width: number, textWidth: TextWidth): string {
  if (textWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (textWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}
