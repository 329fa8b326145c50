import {
  boundCounts,
  type BoundedTotals,
  type BoundingReport,
  boundSums,
  type HistogramRecord,
  type SumBounds,
  type ValueRecord,
} from './contribution-bounding.js';
import { calibrateNoise, type NoiseMechanism, type PrivacyRequest } from './noise-calibration.js';
import type { PrivacyCost } from './privacy-grid.js';
import { formatRational } from './rational.js';
import { cryptoRandom, type RandomSource } from './secure-random.js';

/**
 * The analyst-facing DP queries. Each bounds contributions per subject, adds exact discrete noise to every
 * key of a declared public domain and reports the noise with its 95% error bound. Charge the ledger with
 * `privacyCost(options)` (or the `cost` returned) *before* calling: a result computed and then refused
 * must never be shown.
 *
 * Keys come only from the domain the caller passes in, never from the data: a key that appeared only
 * because some subject had it would reveal that subject. Keys nobody has get noise like any other.
 * Noisy values are returned as they are (possibly negative); rounding negatives up to 0 is harmless
 * post-processing the caller may do, at the price of a bias.
 */
export interface DpOptions extends PrivacyRequest {
  /** The randomness for noise and for choosing kept keys; the default is node:crypto. */
  random?: RandomSource | undefined;
}

export interface HistogramOptions extends DpOptions {
  /** Every key to report, public and fixed before looking at the data. */
  domain: readonly string[];
  /** Most keys one subject may contribute to. */
  maxKeys: number;
}

export interface DpNoise {
  mechanism: NoiseMechanism;
  /** The (ε, δ) guarantee of this release, what the ledger must be charged. */
  cost: PrivacyCost;
  /** Gaussian only: the zCDP parameter behind the (ε, δ) guarantee. */
  rho?: number;
  /** The exact noise parameter: "t=…" for the discrete Laplace, "sigma2=…" for the discrete Gaussian. */
  parameter: string;
  /** t for the discrete Laplace, σ for the discrete Gaussian. */
  scale: number;
  standardDeviation: number;
  /** Per value: |noisy - bounded truth| ≤ this with probability ≥ 95% (not simultaneously over keys). */
  errorBound95: number;
  sensitivity: { l1: number; l2: number };
}

export interface DpValue extends DpNoise {
  value: number;
  /** Exact, not private: for the operator, never for the analyst. */
  bounding: BoundingReport;
}

export interface DpHistogram extends DpNoise {
  bins: { key: string; value: number }[];
  /** Exact, not private: for the operator, never for the analyst. */
  bounding: BoundingReport;
}

function release(bounded: BoundedTotals, options: DpOptions): { values: number[]; noise: DpNoise } {
  const random = options.random ?? cryptoRandom;
  const calibration = calibrateNoise(options, bounded.sensitivity);
  const values = bounded.totals.map((total) => total + Number(calibration.sample(random)));
  const noise: DpNoise = {
    mechanism: calibration.mechanism,
    cost: calibration.cost,
    parameter: `${calibration.mechanism === 'laplace' ? 't' : 'sigma2'}=${formatRational(calibration.parameter)}`,
    scale: calibration.scale,
    standardDeviation: calibration.standardDeviation,
    errorBound95: calibration.errorBound95,
    sensitivity: { l1: bounded.sensitivity.l1, l2: Math.sqrt(bounded.sensitivity.l2Squared) },
  };
  if (calibration.rho !== undefined) noise.rho = calibration.rho;
  return { values, noise };
}

const SINGLE_KEY = [''];

/** How many distinct subjects there are (each counts once): sensitivity 1. */
export function dpCount(records: Iterable<{ subject: string }>, options: DpOptions): DpValue {
  const keyed = (function* () {
    for (const { subject } of records) yield { subject, key: '' };
  })();
  const bounded = boundCounts(keyed, SINGLE_KEY, 1, options.random);
  const { values, noise } = release(bounded, options);
  return { ...noise, value: values[0] as number, bounding: bounded.report };
}

/** The sum over subjects of each subject's total, clamped to [lower, upper] and rounded. */
export function dpSum(
  records: Iterable<{ subject: string; value: number }>,
  options: DpOptions & SumBounds,
): DpValue {
  const keyed = (function* () {
    for (const { subject, value } of records) yield { subject, key: '', value };
  })();
  const bounded = boundSums(keyed, SINGLE_KEY, 1, options, options.random);
  const { values, noise } = release(bounded, options);
  return { ...noise, value: values[0] as number, bounding: bounded.report };
}

/** Distinct subjects per key (viewers per genre, viewers per item): each subject in ≤ maxKeys keys. */
export function dpHistogram(records: Iterable<HistogramRecord>, options: HistogramOptions): DpHistogram {
  const bounded = boundCounts(records, options.domain, options.maxKeys, options.random);
  const { values, noise } = release(bounded, options);
  return { ...noise, bins: binsOf(options.domain, values), bounding: bounded.report };
}

/** Clamped sums per key (exposure minutes by creator group): each subject in ≤ maxKeys keys. */
export function dpGroupedSum(
  records: Iterable<ValueRecord>,
  options: HistogramOptions & SumBounds,
): DpHistogram {
  const bounded = boundSums(records, options.domain, options.maxKeys, options, options.random);
  const { values, noise } = release(bounded, options);
  return { ...noise, bins: binsOf(options.domain, values), bounding: bounded.report };
}

function binsOf(domain: readonly string[], values: number[]): { key: string; value: number }[] {
  return domain.map((key, i) => ({ key, value: values[i] as number }));
}
