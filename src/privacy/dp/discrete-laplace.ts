import { type Rational, rational } from './rational.js';
import { cryptoRandom, type RandomSource, sampleBernoulli, sampleBernoulliExp } from './secure-random.js';

const ONE = rational(1n);
const HALF = rational(1n, 2n);

/**
 * One draw from the discrete Laplace distribution on the integers with a rational scale t,
 * P(x) ∝ exp(-|x| / t) (Canonne, Kamath & Steinke 2020, Algorithm 2). Exact: only integer draws and
 * rational Bernoulli trials, so none of the floating-point artefacts that leak the true value through the
 * low bits of a naive `-t·log(u)` Laplace sample (Mironov 2012).
 *
 * With t = T/S: X = U + T·V is geometric with parameter exp(-1/T) (U uniform below T, kept with
 * probability exp(-U/T); V counts Bernoulli(exp(-1)) successes), and ⌊X/S⌋ is geometric with parameter
 * exp(-S/T) = exp(-1/t). A random sign, rejecting "-0", makes it two-sided.
 */
export function sampleDiscreteLaplace(scale: Rational, random: RandomSource = cryptoRandom): bigint {
  if (scale.num <= 0n)
    throw new Error(`discrete Laplace scale must be positive, got ${scale.num}/${scale.den}`);
  const { num: t, den: s } = scale;
  for (;;) {
    const u = random.randomInt(t);
    if (!sampleBernoulliExp({ num: u, den: t }, random)) continue;
    let v = 0n;
    while (sampleBernoulliExp(ONE, random)) v += 1n;
    const magnitude = (u + t * v) / s;
    const negative = sampleBernoulli(HALF, random);
    if (negative && magnitude === 0n) continue;
    return negative ? -magnitude : magnitude;
  }
}

/** exp(-1/t), the ratio between the probabilities of consecutive magnitudes. */
const ratio = (scale: number): number => Math.exp(-1 / scale);

function checkScale(scale: number): void {
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new Error(`discrete Laplace scale must be positive, got ${scale}`);
}

/** P(X = x) = (1 - q) / (1 + q) · q^|x| with q = exp(-1/t). */
export function discreteLaplacePmf(x: number, scale: number): number {
  checkScale(scale);
  const q = ratio(scale);
  return (-Math.expm1(-1 / scale) / (1 + q)) * Math.exp(-Math.abs(x) / scale);
}

/**
 * P(|X| ≥ k) = 2 q^k / (1 + q) for k ≥ 1: each tail is (1 - q)/(1 + q) · q^k / (1 - q), and the two
 * tails are disjoint. (For k ≤ 0 it is 1.)
 */
export function discreteLaplaceTail(k: number, scale: number): number {
  checkScale(scale);
  if (k <= 0) return 1;
  return Math.min(1, (2 * Math.exp(-Math.ceil(k) / scale)) / (1 + ratio(scale)));
}

/** Var(X) = 2q / (1 - q)²; the mean is 0. */
export function discreteLaplaceVariance(scale: number): number {
  checkScale(scale);
  const q = ratio(scale);
  return (2 * q) / Math.expm1(-1 / scale) ** 2;
}

/**
 * The smallest k ≥ 0 with P(|X| > k) ≤ 1 - confidence: with that probability the noise moves a released
 * value by at most k. Solved in closed form, then checked against the tail so that rounding in the
 * logarithm can only widen it.
 */
export function discreteLaplaceHalfWidth(scale: number, confidence = 0.95): number {
  checkScale(scale);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be in (0, 1), got ${confidence}`);
  const alpha = 1 - confidence;
  let k = Math.max(0, Math.ceil(scale * Math.log(2 / (alpha * (1 + ratio(scale))))) - 1);
  while (discreteLaplaceTail(k + 1, scale) > alpha) k += 1;
  while (k > 0 && discreteLaplaceTail(k, scale) <= alpha) k -= 1;
  return k;
}
