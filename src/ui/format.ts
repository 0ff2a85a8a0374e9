/** 40000 → "40,000" without loading Intl (which costs start-up time). */
export function formatInt(n: number): string {
  const s = Math.round(Math.abs(n)).toString();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

// C0 controls other than tab and newline, DEL, and the C1 controls (ESC-less CSI and friends).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from a task, a file or the history, made safe to print on a terminal: control characters
 * (an escape sequence could recolour, retitle or clear the user's terminal) are shown as \xHH
 * instead of being sent to it. Tabs and newlines are left alone.
 */
export function visible(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
