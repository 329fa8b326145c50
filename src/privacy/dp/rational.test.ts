import { describe, expect, it } from 'vitest';
import {
  ceilToGrid,
  compare,
  decimalOf,
  floorToGrid,
  formatRational,
  fromDouble,
  isqrt,
  rational,
} from './rational.js';

describe('rational', () => {
  it('keeps lowest terms with a positive denominator', () => {
    expect(rational(6, -4)).toEqual({ num: -3n, den: 2n });
    expect(formatRational(rational(10n, 5n))).toBe('2');
    expect(() => rational(1, 0)).toThrow(/denominator/);
    expect(() => rational(0.5)).toThrow(/safe integer/);
  });

  it('reads a double exactly', () => {
    expect(fromDouble(0.1)).toEqual(rational(3602879701896397n, 36028797018963968n));
    expect(fromDouble(-2.5)).toEqual(rational(-5, 2));
    expect(fromDouble(2 ** 70)).toEqual(rational(2n ** 70n));
    expect(fromDouble(Number.MIN_VALUE)).toEqual(rational(1n, 2n ** 1074n));
    expect(fromDouble(0)).toEqual(rational(0));
  });

  it('reads a double as the decimal it prints as', () => {
    expect(decimalOf(0.3)).toEqual(rational(3, 10));
    expect(decimalOf(1e-7)).toEqual(rational(1, 10_000_000));
    expect(decimalOf(1.5e21)).toEqual(rational(1_500_000_000_000_000_000_000n));
    expect(decimalOf(-0.25)).toEqual(rational(-1, 4));
    expect(() => decimalOf(Number.NaN)).toThrow(/finite/);
  });

  it('rounds onto a grid in the direction asked, negatives included', () => {
    expect(floorToGrid(rational(1234567, 10_000_000), 1_000_000n)).toBe(123456n);
    expect(ceilToGrid(rational(1234567, 10_000_000), 1_000_000n)).toBe(123457n);
    expect(floorToGrid(rational(-1, 3), 10n)).toBe(-4n);
    expect(ceilToGrid(rational(-1, 3), 10n)).toBe(-3n);
    expect(floorToGrid(rational(3, 10), 10n)).toBe(3n);
  });

  it('takes exact integer square roots and compares', () => {
    for (const n of [0n, 1n, 2n, 3n, 4n, 99n, 100n, 101n, 10n ** 40n - 1n, 10n ** 40n]) {
      const r = isqrt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
    }
    expect(compare(rational(1, 3), rational(2, 6))).toBe(0);
    expect(compare(rational(1, 3), rational(1, 2))).toBe(-1);
  });
});
