import { type Finding } from '../finding.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

// sex, year, month, department (2A/2B for Corsica), commune, order, key — optionally space-separated.
const CANDIDATE = /(?<!\w)([12]) ?(\d{2}) ?(\d{2}) ?(\d{2}|2[AB]) ?(\d{3}) ?(\d{3}) ?(\d{2})(?!\w)/g;
const CONTEXT =
  /(?:\bnir\b|\binsee\b|sécurité sociale|securite sociale|\bsécu\b|carte vitale|social security)/i;

/** The key is 97 - (13-digit number mod 97); Corsican 2A/2B are read as 19/18 for the computation. */
export function nirKey(first13: string): number {
  const numeric = first13.replace(/^(\d{5})2A/, '$119').replace(/^(\d{5})2B/, '$118');
  let r = 0;
  for (let i = 0; i < numeric.length; i++) r = (r * 10 + (numeric.charCodeAt(i) - 48)) % 97;
  return 97 - r;
}

function validMonth(mm: string): boolean {
  const m = Number(mm);
  // 01-12, plus 20-42 and 50-99 which INSEE uses when the birth month is unknown.
  return (m >= 1 && m <= 12) || (m >= 20 && m <= 42) || m >= 50;
}

export const frNirRecognizer: PiiRecognizer = {
  type: 'fr_nir',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const [, sex, yy, mm, dept, commune, order, key] = m;
      if (mm === undefined || !validMonth(mm)) continue;
      if (nirKey(`${sex}${yy}${mm}${dept}${commune}${order}`) !== Number(key)) continue;
      const end = m.index + m[0].length;
      const base = m[0].includes(' ') ? 0.9 : 0.7;
      out.push(
        piiFinding('fr_nir', m.index, end, hasContext(text, m.index, end, CONTEXT) ? base + 0.1 : base),
      );
    }
    return out;
  },
};
