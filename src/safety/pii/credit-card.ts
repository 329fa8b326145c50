import { type Finding } from '../finding.js';
import { luhnValid } from './checksums.js';
import { digitsOf, hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

// One digit per repetition with an optional separator in front: the separator and digit classes are
// disjoint, so the quantifier cannot backtrack combinatorially. The lookarounds refuse to start or end
// inside a longer digit run (e.g. an IBAN's digits or an account number).
const CANDIDATE = /(?<![\d-])\d(?:[ -]?\d){11,18}(?![ -]?\d)/g;
const CONTEXT =
  /\b(?:card|credit|debit|visa|master ?card|amex|american express|discover|cc|cvv|payment|pay with)\b/i;

/** Issuer prefixes (IIN ranges) with the lengths each network issues. */
function plausibleIssuer(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  if (d.startsWith('4')) return n === 13 || n === 16 || n === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65) return n >= 16 && n <= 19; // Discover
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19; // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19; // Diners
  if (p2 === 62) return n >= 16 && n <= 19; // UnionPay
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19; // Maestro
  return false;
}

/** Printed cards group digits in blocks of 4 (or 4-6-5 / 4-6-4); odd groupings are other numbers. */
function plausibleGrouping(raw: string): boolean {
  const groups = raw.split(/[ -]/);
  if (groups.length === 1) return true;
  return groups.every((g) => g.length >= 3 && g.length <= 6);
}

export const creditCardRecognizer: PiiRecognizer = {
  type: 'credit_card',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const digits = digitsOf(m[0]);
      if (digits.length < 13 || digits.length > 19) continue;
      if (!plausibleGrouping(m[0]) || !plausibleIssuer(digits) || !luhnValid(digits)) continue;
      const end = m.index + m[0].length;
      const score = hasContext(text, m.index, end, CONTEXT) ? 1 : 0.95;
      out.push(piiFinding('credit_card', m.index, end, score));
    }
    return out;
  },
};
