/**
 * Check-digit algorithms shared by the recognizers and by the synthetic corpus generator, which
 * must produce ids that pass exactly the checks the recognizers apply.
 */

/** Luhn (ISO/IEC 7812-1) over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The digit that makes `payload + digit` Luhn-valid. */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(payload + d)) return String(d);
  return '0';
}

/** ISO 7064 mod 97-10 remainder over digits and letters (A=10 .. Z=35), computed piecewise. */
export function mod97(s: string): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else return -1;
  }
  return r;
}

/** IBAN check digits for a country code and BBAN (ISO 13616). */
export function ibanCheckDigits(country: string, bban: string): string {
  const check = 98 - mod97(bban + country + '00');
  return String(check).padStart(2, '0');
}

// Verhoeff tables (dihedral group D5), flattened so lookups need no nested index checks.
const VERHOEFF_D = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 0, 6, 7, 8, 9, 5, 2, 3, 4, 0, 1, 7, 8, 9, 5, 6, 3, 4, 0, 1, 2, 8,
  9, 5, 6, 7, 4, 0, 1, 2, 3, 9, 5, 6, 7, 8, 5, 9, 8, 7, 6, 0, 4, 3, 2, 1, 6, 5, 9, 8, 7, 1, 0, 4, 3, 2, 7, 6,
  5, 9, 8, 2, 1, 0, 4, 3, 8, 7, 6, 5, 9, 3, 2, 1, 0, 4, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
];
const VERHOEFF_P = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 5, 7, 6, 2, 8, 3, 0, 9, 4, 5, 8, 0, 3, 7, 9, 6, 1, 4, 2, 8, 9, 1, 6, 0, 4,
  3, 5, 2, 7, 9, 4, 5, 3, 1, 2, 6, 8, 7, 0, 4, 2, 8, 6, 5, 7, 3, 9, 0, 1, 2, 7, 9, 3, 8, 0, 6, 4, 1, 5, 7, 0,
  4, 6, 9, 1, 3, 2, 5, 8,
];
// Rotations 1-4 invert to 4-1; reflections 5-9 are their own inverses.
const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function verhoeffState(digits: string, shift: number): number {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = VERHOEFF_D[c * 10 + (VERHOEFF_P[((i + shift) % 8) * 10 + d] ?? 0)] ?? 0;
  }
  return c;
}

export function verhoeffValid(digits: string): boolean {
  return /^\d+$/.test(digits) && verhoeffState(digits, 0) === 0;
}

export function verhoeffCheckDigit(payload: string): string {
  return String(VERHOEFF_INV[verhoeffState(payload, 1)] ?? 0);
}
