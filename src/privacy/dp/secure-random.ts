import { randomFillSync, randomInt } from 'node:crypto';
import { type Rational, rational } from './rational.js';

/**
 * Where the noise samplers get their randomness: uniform integers in [0, maxExclusive). Production uses
 * `cryptoRandom`; tests may inject a seeded source to replay a draw. Nothing here reads Math.random,
 * whose output is predictable from a few samples and would let an analyst subtract the noise.
 */
export interface RandomSource {
  randomInt(maxExclusive: bigint | number): bigint;
}

// crypto.randomInt accepts ranges below 2^48; larger ones are drawn from random bytes.
const RANDOM_INT_LIMIT = 2n ** 48n;
const POOL_BYTES = 4096;

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

class CryptoRandomSource implements RandomSource {
  private readonly pool = Buffer.alloc(POOL_BYTES);
  private offset = POOL_BYTES;

  randomInt(maxExclusive: bigint | number): bigint {
    const n = BigInt(maxExclusive);
    if (n < 1n) throw new Error(`randomInt needs a positive bound, got ${n}`);
    if (n === 1n) return 0n;
    if (n < RANDOM_INT_LIMIT) return BigInt(randomInt(Number(n)));
    return this.largeInt(n);
  }

  /** Rejection sampling on the fewest bits that cover n - 1: uniform, and under two tries on average. */
  private largeInt(n: bigint): bigint {
    const bits = bitLength(n - 1n);
    const bytes = Math.ceil(bits / 8);
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      let value = 0n;
      for (const byte of this.take(bytes)) value = (value << 8n) | BigInt(byte);
      value &= mask;
      if (value < n) return value;
    }
  }

  private take(count: number): Buffer {
    if (count > POOL_BYTES) return randomFillSync(Buffer.alloc(count));
    if (this.offset + count > POOL_BYTES) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const slice = this.pool.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }
}

/** The production source: the operating system's CSPRNG through node:crypto. */
export const cryptoRandom: RandomSource = new CryptoRandomSource();

const ONE = rational(1n);

/** Bernoulli(p) for a rational p in [0, 1]: one uniform draw below the denominator. */
export function sampleBernoulli(p: Rational, random: RandomSource = cryptoRandom): boolean {
  if (p.num < 0n || p.num > p.den) throw new Error(`probability must be in [0, 1], got ${p.num}/${p.den}`);
  if (p.num === 0n) return false;
  if (p.num === p.den) return true;
  return random.randomInt(p.den) < p.num;
}

/**
 * Bernoulli(exp(-γ)) for γ in [0, 1], CKS 2020 Algorithm 1: the number of successes before the first
 * failure of Bernoulli(γ/1), Bernoulli(γ/2), ... is even with probability exactly Σ (-γ)^k / k!.
 */
function bernoulliExpAtMostOne(gamma: Rational, random: RandomSource): boolean {
  let k = 1n;
  // Not reduced to lowest terms: the draw below the denominator does not need it.
  while (sampleBernoulli({ num: gamma.num, den: gamma.den * k }, random)) k += 1n;
  return k % 2n === 1n;
}

/**
 * Bernoulli(exp(-γ)) for a rational γ ≥ 0 (Canonne, Kamath & Steinke 2020, Algorithm 1). Above 1 it
 * uses exp(-γ) = exp(-1)^⌊γ⌋ · exp(-(γ - ⌊γ⌋)): every factor must succeed, so it stops at the first
 * failure and a large γ costs little.
 */
export function sampleBernoulliExp(gamma: Rational, random: RandomSource = cryptoRandom): boolean {
  if (gamma.num < 0n) throw new Error(`γ must be non-negative, got ${gamma.num}/${gamma.den}`);
  let remaining = gamma;
  while (remaining.num > remaining.den) {
    if (!bernoulliExpAtMostOne(ONE, random)) return false;
    remaining = { num: remaining.num - remaining.den, den: remaining.den };
  }
  return bernoulliExpAtMostOne(remaining, random);
}
