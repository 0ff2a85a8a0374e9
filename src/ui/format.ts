/**
 * Dollars with enough precision for small budgets: two decimals from $1 up, else two significant
 * digits ($0.004 of $0.01, $0.25), never shown as $0.00 for an amount above zero.
 */
export function formatBudgetUsd(usd: number): string {
  if (usd <= 0 || usd >= 1) return `$${usd.toFixed(2)}`;
  const decimals = Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(usd))));
  const text = usd.toFixed(decimals).replace(/(\.\d\d\d*?)0+$/, '$1');
  return Number(text) === 0 ? '<$0.000001' : `$${text}`;
}

/** 40000 → "40,000" without loading Intl (which costs start-up time). */
export function formatInt(n: number): string {
  const s = Math.round(Math.abs(n)).toString();
  if (!/^\d+$/.test(s)) return `${n < 0 ? '-' : ''}${s}`; // 1e+21 and over, Infinity: as JavaScript writes them
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

// What must not reach a terminal as it is: C0 controls other than tab and newline, DEL, the C1
// controls (ESC-less CSI and friends), and the bidirectional formatting characters (U+202E shows
// "txt.exe" as "exe.txt": a line could read as something it is not).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const HAS_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * An unsafe character as text: \xHH for an ASCII control, \uHHHH for the rest. JSON output passes
 * through terminalSafe too: JSON.stringify escapes the ASCII controls itself, and a \uHHHH escape of
 * the rest reads back as the same character, so JSON stays valid and means the same.
 */
function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` cut to at most `max` UTF-16 units, ending in "…" when cut; never half of a surrogate pair (an emoji). */
export function cutWithEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Text from a task, a file or the history, made safe to print on a terminal: control characters
 * (an escape sequence could recolour, retitle or clear the user's terminal) and bidirectional
 * formatting characters are shown as \xHH or \uHHHH instead of being sent to it. Tabs and newlines
 * are left alone.
 */
export function visible(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, escapeChar) : text;
}

/** The palette's own colour codes (src/ui/colors.ts, chalk at 16 colours): bold, dim, six colours, their resets. */
// eslint-disable-next-line no-control-regex
const PALETTE_CODE = /^\u001b\[(?:1|2|22|3[1-6]|39)m/;

/**
 * Everything cr writes to stdout and stderr passes through here (the output boundary, see
 * createContext), so that no text from a file, an argument or the environment reaches the terminal
 * raw wherever it is printed: it is visible(text), except that an ESC starting one of the palette's
 * own colour codes stays. (Such a code inside hostile text can only change colours.)
 */
export function terminalSafe(text: string): string {
  if (!HAS_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c, at: number) =>
    c === '\u001b' && PALETTE_CODE.test(text.slice(at, at + 5)) ? c : escapeChar(c),
  );
}
