import { type Finding } from '../finding.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

// Plain nine digits, or the printed 4.2.3 grouping with dots.
const CANDIDATE = /(?<![\w.-])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\w-]|\.\d)/g;
const CONTEXT = /\b(?:bsn|burgerservicenummer|sofinummer|sofi|citizen service number)\b/i;

/** The "11-proof": 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a positive multiple of 11. */
export function validBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
  sum -= digits.charCodeAt(8) - 48;
  return sum > 0 && sum % 11 === 0;
}

export const nlBsnRecognizer: PiiRecognizer = {
  type: 'nl_bsn',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (!validBsn(m[0].replace(/\./g, ''))) continue;
      const end = m.index + m[0].length;
      // One 9-digit number in eleven passes; only context makes a plain one worth reporting.
      const base = m[0].includes('.') ? 0.5 : 0.3;
      out.push(
        piiFinding('nl_bsn', m.index, end, hasContext(text, m.index, end, CONTEXT) ? base + 0.55 : base),
      );
    }
    return out;
  },
};
