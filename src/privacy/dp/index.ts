export type { BudgetEntry, BudgetSpent, BudgetStore, BudgetStoreTransaction } from './budget-store.js';
export {
  type BoundingReport,
  boundCounts,
  type BoundedTotals,
  boundSums,
  type HistogramRecord,
  type SumBounds,
  type ValueRecord,
} from './contribution-bounding.js';
export {
  discreteGaussianHalfWidth,
  discreteGaussianNormalizer,
  discreteGaussianPmf,
  sampleDiscreteGaussian,
} from './discrete-gaussian.js';
export {
  discreteLaplaceHalfWidth,
  discreteLaplacePmf,
  discreteLaplaceTail,
  discreteLaplaceVariance,
  sampleDiscreteLaplace,
} from './discrete-laplace.js';
export { type Histogram, type HistogramError, histogramRelativeError } from './histogram-error.js';
export { KyselyBudgetStore } from './kysely-budget-store.js';
export {
  type DpHistogram,
  type DpNoise,
  type DpOptions,
  type DpValue,
  dpCount,
  dpGroupedSum,
  dpHistogram,
  dpSum,
  type HistogramOptions,
} from './mechanisms.js';
export { MemoryBudgetStore } from './memory-budget-store.js';
export {
  calibrateNoise,
  type NoiseCalibration,
  type NoiseMechanism,
  privacyCost,
  type PrivacyRequest,
  type Sensitivity,
} from './noise-calibration.js';
export {
  type BudgetLimits,
  budgetLimitsSchema,
  type BudgetReceipt,
  type BudgetRequest,
  PrivacyBudgetExceededError,
  PrivacyBudgetLedger,
} from './privacy-budget.js';
export { DELTA_GRID, EPSILON_GRID, type PrivacyCost } from './privacy-grid.js';
export { type Rational, rational } from './rational.js';
export { cryptoRandom, type RandomSource, sampleBernoulli, sampleBernoulliExp } from './secure-random.js';
export { zcdpDelta, zcdpRhoFor } from './zcdp.js';
