import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, verhoeffCheckDigit } from './checksums.js';
import { caSinRecognizer } from './ca-sin.js';
import { creditCardRecognizer } from './credit-card.js';
import { esNifRecognizer } from './es-nif.js';
import { frNirRecognizer, nirKey } from './fr-nir.js';
import { ibanRecognizer } from './iban.js';
import { inAadhaarRecognizer } from './in-aadhaar.js';
import { nlBsnRecognizer } from './nl-bsn.js';
import { type PiiRecognizer } from './recognizer.js';
import { ukNhsRecognizer } from './uk-nhs.js';
import { usSsnRecognizer } from './us-ssn.js';

function found(r: PiiRecognizer, text: string): Array<[string, number]> {
  return r.detect(text).map((f) => [text.slice(f.span?.start, f.span?.end), f.score]);
}

const matched = (r: PiiRecognizer, text: string): string[] => found(r, text).map(([s]) => s);

describe('credit_card', () => {
  it('finds Luhn-valid cards of real networks with spaces, dashes or none', () => {
    expect(matched(creditCardRecognizer, 'card 4111 1111 1111 1111 please')).toEqual(['4111 1111 1111 1111']);
    expect(matched(creditCardRecognizer, 'mc 5555-5555-5555-4444.')).toEqual(['5555-5555-5555-4444']);
    expect(matched(creditCardRecognizer, 'amex 3782 822463 10005')).toEqual(['3782 822463 10005']);
    expect(matched(creditCardRecognizer, 'x 4012888888881881 y')).toEqual(['4012888888881881']);
  });

  it('rejects Luhn failures, unknown issuers and odd groupings', () => {
    expect(matched(creditCardRecognizer, 'card 4111 1111 1111 1112')).toEqual([]);
    const unknownIssuer = '9' + '12345678901234';
    expect(matched(creditCardRecognizer, unknownIssuer + luhnCheckDigit(unknownIssuer))).toEqual([]);
    expect(matched(creditCardRecognizer, 'ISBN 978-3-16-148410-0')).toEqual([]);
    expect(matched(creditCardRecognizer, '41 11 11 11 11 11 11 11')).toEqual([]);
    expect(matched(creditCardRecognizer, 'account 4111111111111111123456')).toEqual([]);
  });

  it('scores higher with card context', () => {
    const [[, bare] = ['', 0]] = found(creditCardRecognizer, 'use 4111 1111 1111 1111');
    const [[, ctx] = ['', 0]] = found(creditCardRecognizer, 'my visa card 4111 1111 1111 1111');
    expect(ctx).toBeGreaterThan(bare);
    expect(bare).toBeGreaterThanOrEqual(0.95);
  });
});

describe('iban', () => {
  it('finds valid IBANs, grouped or compact, and stops at the country length', () => {
    expect(matched(ibanRecognizer, 'IBAN DE89 3704 0044 0532 0130 00 THANKS')).toEqual([
      'DE89 3704 0044 0532 0130 00',
    ]);
    expect(matched(ibanRecognizer, 'to GB82WEST12345698765432.')).toEqual(['GB82WEST12345698765432']);
    expect(matched(ibanRecognizer, 'FR1420041010050500013M02606 ok')).toEqual([
      'FR1420041010050500013M02606',
    ]);
    expect(matched(ibanRecognizer, 'NO9386011117947')).toEqual(['NO9386011117947']);
  });

  it('rejects a wrong check digit, a wrong length and unknown countries', () => {
    expect(matched(ibanRecognizer, 'DE88 3704 0044 0532 0130 00')).toEqual([]);
    expect(matched(ibanRecognizer, 'GB82WEST123456987654321')).toEqual([]);
    expect(matched(ibanRecognizer, 'QQ82WEST12345698765432')).toEqual([]);
  });
});

describe('us_ssn', () => {
  it('finds valid SSNs and weighs format and context', () => {
    const [[, ctx] = ['', 0]] = found(usSsnRecognizer, 'my SSN is 219-09-9998');
    const [[, bare] = ['', 0]] = found(usSsnRecognizer, 'ref 219-09-9998');
    const [[, plainCtx] = ['', 0]] = found(usSsnRecognizer, 'SSN 219099998');
    const [[, plain] = ['', 0]] = found(usSsnRecognizer, 'ref 219099998');
    expect(ctx).toBeGreaterThan(bare);
    expect(plainCtx).toBeGreaterThan(plain);
    expect(plain).toBeLessThan(0.4);
    expect(ctx).toBeGreaterThanOrEqual(0.9);
  });

  it('rejects invalid areas, groups, serials and known specimens', () => {
    for (const bad of [
      '666-12-3456',
      '000-12-3456',
      '912-34-5678',
      '123-00-4567',
      '123-45-0000',
      '078-05-1120',
      '123-45-6789',
    ]) {
      expect(matched(usSsnRecognizer, `SSN ${bad}`)).toEqual([]);
    }
    expect(matched(usSsnRecognizer, 'mixed 219-09 9998')).toEqual([]);
  });
});

describe('national ids with checksums', () => {
  it('uk_nhs: mod 11', () => {
    expect(matched(ukNhsRecognizer, 'NHS number 943 476 5919')).toEqual(['943 476 5919']);
    expect(matched(ukNhsRecognizer, 'NHS number 943 476 5918')).toEqual([]);
    const [[, score] = ['', 0]] = found(ukNhsRecognizer, 'NHS number 943 476 5919');
    expect(score).toBeGreaterThanOrEqual(0.9);
  });

  it('ca_sin: Luhn, valid first digit', () => {
    expect(matched(caSinRecognizer, 'my SIN 130 692 544')).toEqual(['130 692 544']);
    expect(matched(caSinRecognizer, 'my SIN 130 692 545')).toEqual([]);
    expect(matched(caSinRecognizer, 'my SIN 046 454 286')).toEqual([]); // 0xx is never issued
  });

  it('nl_bsn: 11-proof, weak without context', () => {
    expect(found(nlBsnRecognizer, 'BSN 111222333')).toEqual([['111222333', 0.85]]);
    expect(found(nlBsnRecognizer, 'order 111222333')).toEqual([['111222333', 0.3]]);
    expect(matched(nlBsnRecognizer, 'BSN 111222334')).toEqual([]);
  });

  it('es_nif: DNI and NIE control letters', () => {
    expect(matched(esNifRecognizer, 'DNI 12345678Z, NIE X1234567L, Y-no')).toEqual([
      '12345678Z',
      'X1234567L',
    ]);
    expect(matched(esNifRecognizer, 'DNI 12345678A and X1234567A')).toEqual([]);
  });

  it('in_aadhaar: Verhoeff', () => {
    const good = '23456789012' + verhoeffCheckDigit('23456789012');
    const spaced = `${good.slice(0, 4)} ${good.slice(4, 8)} ${good.slice(8)}`;
    expect(matched(inAadhaarRecognizer, `Aadhaar ${spaced}`)).toEqual([spaced]);
    const bad = good.slice(0, 11) + String((Number(good.charAt(11)) + 1) % 10);
    expect(matched(inAadhaarRecognizer, `Aadhaar ${bad}`)).toEqual([]);
    expect(matched(inAadhaarRecognizer, `Aadhaar 1${good.slice(1)}`)).toEqual([]); // never starts with 1
  });

  it('fr_nir: mod-97 key, Corsican departments', () => {
    expect(matched(frNirRecognizer, 'sécurité sociale 1 84 12 76 451 089 46')).toEqual([
      '1 84 12 76 451 089 46',
    ]);
    expect(matched(frNirRecognizer, 'sécurité sociale 1 84 12 76 451 089 47')).toEqual([]);
    const corsica = `2850${'9'}2A123456`.slice(0, 13);
    const key = String(nirKey(corsica)).padStart(2, '0');
    expect(matched(frNirRecognizer, `NIR ${corsica}${key}`)).toEqual([`${corsica}${key}`]);
    expect(matched(frNirRecognizer, '1 84 15 76 451 089 46')).toEqual([]); // month 15 does not exist
  });
});
