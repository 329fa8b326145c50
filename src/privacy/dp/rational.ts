/**
 * Exact rational numbers over BigInt, so that the noise samplers and the privacy accounting never round
 * in floating point. Always in lowest terms with a positive denominator.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

export function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function toBigInt(value: bigint | number, name: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be a safe integer, got ${value}`);
  return BigInt(value);
}

export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = toBigInt(num, 'numerator');
  let d = toBigInt(den, 'denominator');
  if (d === 0n) throw new Error(`denominator must not be 0 (numerator ${n})`);
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

/** The exact value of a finite double: every double is an integer times a power of two. */
export function fromDouble(x: number): Rational {
  if (!Number.isFinite(x)) throw new Error(`expected a finite number, got ${x}`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // Subnormals have no implicit leading 1 and the smallest exponent.
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const power = (exponent === 0 ? 1 : exponent) - 1075;
  const signed = negative ? -mantissa : mantissa;
  return power >= 0 ? rational(signed << BigInt(power)) : rational(signed, 1n << BigInt(-power));
}

/**
 * The decimal a double prints as (`String(x)`, the shortest one that reads back as the same double):
 * 0.3 gives 3/10 rather than the double's exact 5404319552844595/18014398509481984. This is the value
 * people typed and see in every report.
 */
export function decimalOf(x: number): Rational {
  const match = Number.isFinite(x) ? /^(-?\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x)) : null;
  if (!match) throw new Error(`expected a finite number, got ${x}`);
  const [, whole = '0', fraction = '', exponent = '0'] = match;
  const digits = BigInt(whole + fraction);
  const power = Number(exponent) - fraction.length;
  return power >= 0 ? rational(digits * 10n ** BigInt(power)) : rational(digits, 10n ** BigInt(-power));
}

/** floor(a / b) for b > 0 (BigInt division truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new Error(`divisor must be positive, got ${b}`);
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}

export function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

/** floor(r · grid): r in whole units of 1/grid, rounded down. */
export function floorToGrid(r: Rational, grid: bigint): bigint {
  return floorDiv(r.num * grid, r.den);
}

/** ceil(r · grid): r in whole units of 1/grid, rounded up. */
export function ceilToGrid(r: Rational, grid: bigint): bigint {
  return ceilDiv(r.num * grid, r.den);
}

export function multiply(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

export function divide(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new Error('division by a zero rational');
  return rational(a.num * b.den, a.den * b.num);
}

export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const diff = a.num * b.den - b.num * a.den;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/** floor(sqrt(n)) exactly, by Newton's method on integers. */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new Error(`square root of a negative number ${n}`);
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) return x;
    x = next;
  }
}

/** A double close to r, for reporting only: never feed it back into sampling or accounting. */
export function toNumber(r: Rational): number {
  const shift = BigInt(Math.max(0, Math.max(r.num.toString(2).length, r.den.toString(2).length) - 1000));
  return Number(r.num >> shift) / Number(r.den >> shift);
}

export function formatRational(r: Rational): string {
  return r.den === 1n ? `${r.num}` : `${r.num}/${r.den}`;
}
