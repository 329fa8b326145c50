import { type Finding } from '../finding.js';
import { mod97 } from './checksums.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

/** IBAN lengths per country (ISO 13616 registry). The length pins down where an IBAN ends in prose. */
// prettier-ignore
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31,
  MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24,
  SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

// Greedy on purpose: it may run into following upper-case words, and the country length cuts it back.
const CANDIDATE = /\b([A-Z]{2})\d{2}(?: ?[A-Z0-9]){11,30}/g;
const CONTEXT = /\b(?:iban|bank|account|transfer|wire|sepa|konto|compte|cuenta|rib)\b/i;

/** Offset just past the `count`-th alphanumeric character from `from`, or -1 if the run is short. */
function endAfter(text: string, from: number, count: number): number {
  let seen = 0;
  let i = from;
  while (i < text.length && seen < count) {
    if (text.charAt(i) !== ' ') seen++;
    i++;
  }
  return seen === count ? i : -1;
}

export const ibanRecognizer: PiiRecognizer = {
  type: 'iban',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const length = IBAN_LENGTHS[m[1] ?? ''];
      const end = length === undefined ? -1 : endAfter(text, m.index, length);
      const compact = end === -1 ? '' : text.slice(m.index, end).replace(/ /g, '');
      const valid =
        end !== -1 &&
        end <= m.index + m[0].length &&
        !/[A-Za-z0-9]/.test(text.charAt(end)) &&
        mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
      if (!valid) {
        // Retry from the next character: a failed greedy candidate may have swallowed a real IBAN.
        CANDIDATE.lastIndex = m.index + 1;
        continue;
      }
      out.push(piiFinding('iban', m.index, end, hasContext(text, m.index, end, CONTEXT) ? 1 : 0.95));
      CANDIDATE.lastIndex = end;
    }
    return out;
  },
};
