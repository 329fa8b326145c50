import { type Finding } from '../finding.js';
import { luhnValid } from './checksums.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

const CANDIDATE = /(?<![\w-])(\d{3})([- ]?)(\d{3})\2(\d{3})(?![\w-])/g;
const CONTEXT = /\b(?:sin|social insurance|numéro d'assurance sociale|nas|canada|canadian)\b/i;

/** First digit is the issuing region; 0 and 8 are not issued to people. */
export function validSin(digits: string): boolean {
  return /^[1-79]\d{8}$/.test(digits) && luhnValid(digits);
}

export const caSinRecognizer: PiiRecognizer = {
  type: 'ca_sin',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (!validSin(`${m[1]}${m[3]}${m[4]}`)) continue;
      const end = m.index + m[0].length;
      const base = m[2] === '' ? 0.25 : 0.35;
      out.push(
        piiFinding('ca_sin', m.index, end, hasContext(text, m.index, end, CONTEXT) ? base + 0.5 : base),
      );
    }
    return out;
  },
};
