/**
 * Context words are looked for in a short window around a match, as Presidio does: a bare 9-digit
 * number is weak evidence of an SSN, the same number right after "SSN" is strong evidence.
 * The regexes passed in must not be global (`test` on a /g regex is stateful).
 */
export function hasContext(
  text: string,
  start: number,
  end: number,
  words: RegExp,
  before = 48,
  after = 24,
): boolean {
  const head = text.slice(Math.max(0, start - before), start);
  if (words.test(head)) return true;
  return after > 0 && words.test(text.slice(end, Math.min(text.length, end + after)));
}

/** Count ASCII digits; used as the cheap gate before regex or library work. */
export function countDigits(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Digits only, separators dropped. */
export function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}
