import { type Finding } from '../finding.js';
import { verhoeffValid } from './checksums.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

// 12 digits, printed 4-4-4; Aadhaar numbers never start with 0 or 1.
const CANDIDATE = /(?<![\w-])([2-9]\d{3})([ -]?)(\d{4})\2(\d{4})(?![\w-])/g;
const CONTEXT = /\b(?:aadhaar|aadhar|uidai|uid|india|indian)\b/i;

export const inAadhaarRecognizer: PiiRecognizer = {
  type: 'in_aadhaar',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const digits = `${m[1]}${m[3]}${m[4]}`;
      if (!verhoeffValid(digits) || /^(\d)\1+$/.test(digits)) continue;
      const end = m.index + m[0].length;
      const base = m[2] === '' ? 0.3 : 0.35;
      out.push(
        piiFinding('in_aadhaar', m.index, end, hasContext(text, m.index, end, CONTEXT) ? base + 0.45 : base),
      );
    }
    return out;
  },
};
