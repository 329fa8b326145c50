import { type Finding } from '../finding.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

// 3-2-4 digits with one consistent separator (or none), via the back-reference.
const CANDIDATE = /(?<![\w-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w-])/g;
const CONTEXT = /\b(?:ssn|ss#|ssa|social security|social sec|taxpayer|tin)\b/i;
// Never issued: advertising specimens and sequences people type as placeholders.
const NEVER_ISSUED = new Set(['078051120', '219099999', '123456789', '987654321']);

/** SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000. */
export function validSsn(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (group === '00' || serial === '0000') return false;
  const all = area + group + serial;
  return !NEVER_ISSUED.has(all) && !/^(\d)\1{8}$/.test(all);
}

export const usSsnRecognizer: PiiRecognizer = {
  type: 'us_ssn',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (!validSsn(m[1] ?? '', m[3] ?? '', m[4] ?? '')) continue;
      const end = m.index + m[0].length;
      const context = hasContext(text, m.index, end, CONTEXT);
      // The rules above only remove ~10% of 9-digit numbers, so the format and context carry the score.
      const base = m[2] === '-' ? 0.6 : m[2] === ' ' ? 0.45 : 0.3;
      out.push(piiFinding('us_ssn', m.index, end, context ? base + 0.35 : base));
    }
    return out;
  },
};
