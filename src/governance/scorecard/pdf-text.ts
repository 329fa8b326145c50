/**
 * Text for the PDF's standard fonts, which draw only the WinAnsi (Windows-1252) characters: the symbols
 * the figures use are spelled out, and any other character (a group label or username in another
 * script) becomes '?', rather than a wrong glyph silently standing in for it.
 */

const SPELLED: Readonly<Record<string, string>> = {
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '−': '-',
  '→': '->',
  '←': '<-',
  ε: 'epsilon',
  δ: 'delta',
  '∞': 'infinity',
  '✓': 'yes',
  '✗': 'no',
};

/** The characters of Windows-1252 above Latin-1's printable ASCII and its own upper half. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function drawable(char: string): boolean {
  const code = char.codePointAt(0) as number;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

export function pdfText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (char === '\n') out += char;
    else if (drawable(char)) out += char;
    else out += SPELLED[char] ?? '?';
  }
  return out;
}

export const percent = (share: number, digits = 1): string => `${(100 * share).toFixed(digits)}%`;

/** A number for a reader: up to three decimals, no trailing zeros beyond one. */
export function figure(x: number | null, digits = 3): string {
  if (x === null || !Number.isFinite(x)) return 'n/a';
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(digits);
}

/** The date part of an ISO 8601 time, with the time of day in UTC: 2025-01-31 14:05 UTC. */
export function when(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}
