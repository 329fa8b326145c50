import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { type Finding } from '../finding.js';
import { countDigits, digitsOf, hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

/*
 * libphonenumber (with the `max` metadata, which validates number ranges per country) has the final
 * word, but a call costs 10-50 microseconds, so only candidates with a phone's shape reach it:
 * international numbers (+, 00 or 011 prefix) of 8-15 digits, or NANP-shaped national numbers for the
 * default country (US). Years, prices, dates, ISBNs, order and ticket numbers fail the shape test
 * without touching the library. Known gap: two numbers separated only by a space form one candidate
 * with too many digits and are both missed.
 */
const DEFAULT_COUNTRY = 'US';
const CANDIDATE = /(?<![\w+(])[+(]?\d[\d ().\-\u00a0]{5,24}\d/g;
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?!\d)/;
const CONTEXT =
  /\b(?:phone|tel|telephone|call|calling|mobile|cell|cellphone|number|whatsapp|sms|text|reach me|fax|contact|ring|dial|téléphone|portable|telefon|handy|móvil)\b/i;

function international(raw: string): boolean {
  return raw.startsWith('+') || /^(?:00|011[ .-]?)[1-9]/.test(raw);
}

function plausible(raw: string, digits: string): boolean {
  if (DATE_LIKE.test(raw)) return false;
  if (raw.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
  if (raw.startsWith('00')) return digits.length >= 10 && digits.length <= 17;
  if (/^011[ .-]?[1-9]/.test(raw)) return digits.length >= 10 && digits.length <= 18;
  // NANP: 10 digits (11 with the trunk prefix 1); area code and exchange both start with 2-9.
  const n = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return n.length === 10 && n.charAt(0) >= '2' && n.charAt(3) >= '2';
}

function score(text: string, start: number, end: number, raw: string): number {
  const formatted = raw.startsWith('+') || /\D/.test(raw);
  const context = hasContext(text, start, end, CONTEXT, 40, 0);
  let s = formatted ? 0.75 : 0.35;
  if (international(raw)) s += 0.1;
  if (context) s += formatted ? 0.15 : 0.35;
  return Math.min(0.95, s);
}

export const phoneRecognizer: PiiRecognizer = {
  type: 'phone',
  detect(text: string): Finding[] {
    if (countDigits(text) < 7) return [];
    const out: Finding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const raw = m[0];
      const digits = digitsOf(raw);
      if (digits.length < 7 || !plausible(raw, digits)) continue;
      // libphonenumber only knows the default country's exit code (011); "0044" means "+44".
      const input = raw.startsWith('00') ? `+${raw.slice(2)}` : raw;
      const parsed = parsePhoneNumberFromString(input, DEFAULT_COUNTRY);
      if (parsed === undefined || !parsed.isValid()) continue;
      const end = m.index + raw.length;
      out.push(piiFinding('phone', m.index, end, score(text, m.index, end, raw)));
    }
    return out;
  },
};
