/**
 * Text from the API made safe for a terminal: control characters (C0 and C1, so NUL, newlines and
 * the ESC that starts ANSI sequences), line and paragraph separators and bidirectional overrides
 * are shown as escapes (\n, \u001b) instead of acting on the reader's terminal or table.
 */
const UNSAFE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
