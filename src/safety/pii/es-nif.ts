import { type Finding } from '../finding.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

// DNI: 8 digits + control letter. NIE: X/Y/Z + 7 digits + control letter.
const CANDIDATE = /(?<![\w-])([XYZ]?)(\d{7,8})[- ]?([A-Z])(?![\w-])/g;
const CONTEXT = /\b(?:dni|nie|nif|documento|identidad|identificación|spanish id)\b/i;
const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Control letter for the DNI number (or NIE with X/Y/Z mapped to 0/1/2). */
export function dniLetter(number: number): string {
  return LETTERS.charAt(number % 23);
}

export function validNif(prefix: string, digits: string, letter: string): boolean {
  if (prefix === '' ? digits.length !== 8 : digits.length !== 7) return false;
  const lead = prefix === '' ? '' : String('XYZ'.indexOf(prefix));
  return dniLetter(Number(lead + digits)) === letter;
}

export const esNifRecognizer: PiiRecognizer = {
  type: 'es_nif',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (!validNif(m[1] ?? '', m[2] ?? '', m[3] ?? '')) continue;
      const end = m.index + m[0].length;
      out.push(piiFinding('es_nif', m.index, end, hasContext(text, m.index, end, CONTEXT) ? 1 : 0.85));
    }
    return out;
  },
};
