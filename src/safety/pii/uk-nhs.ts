import { type Finding } from '../finding.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

const CANDIDATE = /(?<![\w-])(\d{3})([- ]?)(\d{3})\2(\d{4})(?![\w-])/g;
const CONTEXT = /\b(?:nhs|national health|health service|patient|gp|hospital|chi number)\b/i;

/** NHS check digit: weights 10..2 over the first nine digits, 11 - (sum mod 11); 10 never issued. */
export function nhsCheckDigit(first9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

export function validNhs(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const check = nhsCheckDigit(digits.slice(0, 9));
  return check !== 10 && check === digits.charCodeAt(9) - 48;
}

export const ukNhsRecognizer: PiiRecognizer = {
  type: 'uk_nhs',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (!validNhs(`${m[1]}${m[3]}${m[4]}`)) continue;
      const end = m.index + m[0].length;
      // One random 10-digit number in eleven passes the check, and 3-3-4 is also a US phone layout:
      // without NHS context this stays below the default threshold; with it, it must outscore the
      // phone reading of the same digits ("NHS number" is phone context too).
      const base = m[2] === '' ? 0.3 : 0.35;
      out.push(
        piiFinding('uk_nhs', m.index, end, hasContext(text, m.index, end, CONTEXT) ? base + 0.6 : base),
      );
    }
    return out;
  },
};
