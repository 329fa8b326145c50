import { sampleDiscreteLaplace } from './discrete-laplace.js';
import { floorDiv, isqrt, type Rational } from './rational.js';
import { cryptoRandom, type RandomSource, sampleBernoulliExp } from './secure-random.js';

/**
 * One draw from the discrete Gaussian on the integers with a rational σ², P(x) ∝ exp(-x² / (2σ²))
 * (Canonne, Kamath & Steinke 2020, Algorithm 3): a discrete Laplace proposal with scale ⌊σ⌋ + 1, kept
 * with probability exp(-(|y| - σ²/t)² / (2σ²)). Exact, with rational arithmetic only; CKS bound the
 * expected number of proposals by a small constant for every σ.
 */
export function sampleDiscreteGaussian(sigma2: Rational, random: RandomSource = cryptoRandom): bigint {
  const { num: n, den: d } = sigma2;
  if (n <= 0n) throw new Error(`discrete Gaussian σ² must be positive, got ${n}/${d}`);
  // ⌊√(n/d)⌋ = ⌊√⌊n/d⌋⌋, so no square root of a fraction is needed.
  const t = isqrt(floorDiv(n, d)) + 1n;
  const proposal = { num: t, den: 1n };
  for (;;) {
    const y = sampleDiscreteLaplace(proposal, random);
    const magnitude = y < 0n ? -y : y;
    // (|y| - σ²/t)² / (2σ²) with σ² = n/d, over a common denominator: (|y|·t·d - n)² / (2·t²·n·d).
    const gap = magnitude * t * d - n;
    if (sampleBernoulliExp({ num: gap * gap, den: 2n * t * t * n * d }, random)) return y;
  }
}

function checkSigma2(sigma2: number): void {
  if (!(sigma2 > 0) || !Number.isFinite(sigma2)) throw new Error(`σ² must be positive, got ${sigma2}`);
}

/**
 * Σ_x exp(-x² / (2σ²)). Summed directly for small σ; for σ ≥ 1 by Poisson summation,
 * σ√(2π) · (1 + 2 Σ_k exp(-2π²σ²k²)), whose correction terms are below 3e-9 and vanish fast.
 */
export function discreteGaussianNormalizer(sigma2: number): number {
  checkSigma2(sigma2);
  if (sigma2 >= 1) {
    let correction = 1;
    for (let k = 1; k <= 3; k += 1) correction += 2 * Math.exp(-2 * Math.PI ** 2 * sigma2 * k * k);
    return Math.sqrt(2 * Math.PI * sigma2) * correction;
  }
  let total = 1;
  for (let x = 1; ; x += 1) {
    const term = Math.exp((-x * x) / (2 * sigma2));
    if (term < 1e-300) return total;
    total += 2 * term;
  }
}

export function discreteGaussianPmf(
  x: number,
  sigma2: number,
  normalizer = discreteGaussianNormalizer(sigma2),
): number {
  return Math.exp((-x * x) / (2 * sigma2)) / normalizer;
}

/**
 * A conservative k with P(|X| > k) ≤ 1 - confidence. CKS 2020 show the discrete Gaussian is
 * σ-subgaussian (E[e^{λX}] ≤ e^{λ²σ²/2}), so P(|X| ≥ m) ≤ 2 exp(-m² / (2σ²)); k + 1 is the smallest
 * such m. For 95% this is about 2.72σ where the continuous Gaussian's exact value is 1.96σ: an analyst is
 * told an interval that holds at least as often as stated.
 */
export function discreteGaussianHalfWidth(sigma2: number, confidence = 0.95): number {
  checkSigma2(sigma2);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be in (0, 1), got ${confidence}`);
  const m = Math.ceil(Math.sqrt(2 * sigma2 * Math.log(2 / (1 - confidence))));
  return Math.max(0, m - 1);
}
