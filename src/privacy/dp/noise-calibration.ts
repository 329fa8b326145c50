import { discreteGaussianHalfWidth, sampleDiscreteGaussian } from './discrete-gaussian.js';
import {
  discreteLaplaceHalfWidth,
  discreteLaplaceVariance,
  sampleDiscreteLaplace,
} from './discrete-laplace.js';
import {
  DELTA_GRID,
  deltaUnits,
  EPSILON_GRID,
  epsilonRational,
  epsilonUnits,
  fromGrid,
  type GridCost,
  type PrivacyCost,
} from './privacy-grid.js';
import { ceilToGrid, divide, fromDouble, multiply, type Rational, rational, toNumber } from './rational.js';
import type { RandomSource } from './secure-random.js';
import { zcdpDelta, zcdpRhoFor } from './zcdp.js';

export type NoiseMechanism = 'laplace' | 'gaussian';

export interface PrivacyRequest {
  mechanism: NoiseMechanism;
  epsilon: number;
  /** Required for 'gaussian' (pure ε-DP is impossible with Gaussian noise); ignored for 'laplace'. */
  delta?: number | undefined;
}

/** Integer sensitivities of the bounded query (see contribution-bounding.ts). */
export interface Sensitivity {
  l1: number;
  l2Squared: number;
}

export interface NoiseCalibration {
  mechanism: NoiseMechanism;
  /** The guarantee actually given, on the grid: what the ledger must be charged. */
  cost: PrivacyCost;
  /** Gaussian only: the zCDP parameter ρ = Δ₂² / (2σ²) the (ε, δ) guarantee is derived from. */
  rho?: number;
  /** Discrete Laplace: t (P ∝ exp(-|x|/t)). Discrete Gaussian: σ² (P ∝ exp(-x²/(2σ²))). Exact. */
  parameter: Rational;
  /** The same as a double, in the units of the noise: t for the discrete Laplace, σ for the Gaussian. */
  scale: number;
  /** Standard deviation of the noise (an upper bound for the Gaussian, whose variance is below σ²). */
  standardDeviation: number;
  /** With probability at least 95%, one released value is within this distance of the bounded truth. */
  errorBound95: number;
  sample(random?: RandomSource): bigint;
}

/** σ² is rounded up onto a grid of millionths: more noise, so ρ can only shrink. */
const SIGMA2_GRID = 1_000_000n;

/**
 * What a request costs once its parameters are rounded down onto the grid: a Laplace release is pure
 * ε-DP (δ = 0); a Gaussian one is (ε, δ). Charge the ledger exactly this before releasing.
 */
export function privacyCost(request: PrivacyRequest): PrivacyCost {
  return fromGrid(gridCost(request));
}

function gridCost(request: PrivacyRequest): GridCost {
  const eps = epsilonUnits(request.epsilon);
  if (eps === 0n)
    throw new Error(`epsilon must be at least ${1 / Number(EPSILON_GRID)}, got ${request.epsilon}`);
  if (request.mechanism === 'laplace') return { epsilonUnits: eps, deltaUnits: 0n };
  if (request.delta === undefined) throw new Error('the gaussian mechanism needs a delta');
  const delta = deltaUnits(request.delta);
  if (delta === 0n || delta >= DELTA_GRID) {
    throw new Error(
      `delta must be in [${1 / Number(DELTA_GRID)}, 1) for the gaussian mechanism, got ${request.delta}`,
    );
  }
  return { epsilonUnits: eps, deltaUnits: delta };
}

function checkSensitivity({ l1, l2Squared }: Sensitivity): void {
  if (!Number.isSafeInteger(l1) || l1 < 1 || !Number.isSafeInteger(l2Squared) || l2Squared < 1) {
    throw new Error(`sensitivities must be positive integers, got L1=${l1}, L2²=${l2Squared}`);
  }
}

/**
 * Noise for a query with the given sensitivity at the requested privacy.
 *
 * Laplace: t = Δ₁/ε with ε rounded down, exactly; the discrete Laplace then gives ε-DP for
 * integer-valued queries (the ratio of probabilities at y is exp((|y - f(x')| - |y - f(x)|)/t) ≤ e^{Δ₁/t}).
 *
 * Gaussian: via zCDP. ρ is the largest value whose CKS conversion gives at most (ε, δ); σ² = Δ₂²/(2ρ)
 * rounded up. Chosen over the exact (ε, δ) curve of the one-dimensional discrete Gaussian because it holds
 * for whole histograms (Δ₂ over all keys) and keeps a path to tighter zCDP accounting later.
 */
export function calibrateNoise(request: PrivacyRequest, sensitivity: Sensitivity): NoiseCalibration {
  checkSensitivity(sensitivity);
  const grid = gridCost(request);
  const cost = fromGrid(grid);
  if (request.mechanism === 'laplace') {
    const t = divide(rational(sensitivity.l1), epsilonRational(grid.epsilonUnits));
    const scale = toNumber(t);
    return {
      mechanism: 'laplace',
      cost,
      parameter: t,
      scale,
      standardDeviation: Math.sqrt(discreteLaplaceVariance(scale)),
      errorBound95: discreteLaplaceHalfWidth(scale),
      sample: (random) => sampleDiscreteLaplace(t, random),
    };
  }
  const targetRho = zcdpRhoFor(cost.epsilon, cost.delta);
  const exactSigma2 = divide(rational(sensitivity.l2Squared), multiply(rational(2), fromDouble(targetRho)));
  const sigma2 = rational(ceilToGrid(exactSigma2, SIGMA2_GRID), SIGMA2_GRID);
  const rho = sensitivity.l2Squared / (2 * toNumber(sigma2));
  if (zcdpDelta(rho, cost.epsilon) > cost.delta)
    throw new Error(`calibration missed δ=${cost.delta} (ρ=${rho})`);
  const variance = toNumber(sigma2);
  return {
    mechanism: 'gaussian',
    cost,
    rho,
    parameter: sigma2,
    scale: Math.sqrt(variance),
    standardDeviation: Math.sqrt(variance),
    errorBound95: discreteGaussianHalfWidth(variance),
    sample: (random) => sampleDiscreteGaussian(sigma2, random),
  };
}
