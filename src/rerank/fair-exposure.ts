import { z } from 'zod';
import { checkPool, listLengthSchema, parseRerankParams } from './rerank-pool.js';
import type { ItemFeatures, RerankPool, RerankResult } from './rerank-types.js';

/**
 * Fair exposure for under-represented creator groups by FA*IR (Zehlike et al. 2017, "FA*IR: A Fair Top-k
 * Ranking Algorithm"): every prefix of the list holds at least as many protected items as a binomial test
 * at significance alpha requires of a ranking drawn with protected proportion p. FA*IR bounds counts;
 * exposure (the DCG discount 1 / log2(1 + rank)) is what the amortized deficit carries between lists.
 */

const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fixed'),
    p: z.number().min(0).max(1).describe('the minimum proportion of protected items'),
  }),
  z.strictObject({ kind: z.literal('catalog') }).describe('the protected share of the whole catalog'),
  z
    .strictObject({ kind: z.literal('relevance') })
    .describe("the protected share of the pool's relevance mass (scores shifted to be non-negative)"),
]);

export const fairExposureParamsSchema = z.strictObject({
  k: listLengthSchema,
  target: targetSchema
    .default({ kind: 'catalog' })
    .describe('the target proportion p of protected items: fixed, the catalog share or the relevance share'),
  alpha: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.1)
    .describe('significance of the binomial test at each prefix; higher demands more protected items'),
  adjustAlpha: z
    .boolean()
    .default(true)
    .describe(
      'correct alpha for testing k prefixes (FA*IR section 4.3): a list drawn with proportion p then fails ' +
        'the whole test with probability at most alpha, not alpha at each prefix',
    ),
  deficit: z
    .number()
    .min(0)
    .default(0)
    .describe(
      "the viewer's protected exposure shortfall carried from earlier lists, in position weights; " +
        'raises this list target by deficit / total position weight',
    ),
});

export type FairExposureParams = z.output<typeof fairExposureParamsSchema>;
export type FairExposureParamsInput = z.input<typeof fairExposureParamsSchema>;

/** The DCG discount: how much attention a viewer gives rank (from 1). */
export const positionWeight = (rank: number): number => 1 / Math.log2(1 + rank);

export function totalPositionWeight(n: number): number {
  let total = 0;
  for (let rank = 1; rank <= n; rank += 1) total += positionWeight(rank);
  return total;
}

/** Position-weighted share of a list's exposure going to protected items; NaN for an empty list. */
export function protectedExposureShare(
  list: readonly number[],
  features: Pick<ItemFeatures, 'underrepresented'>,
): number {
  let protectedWeight = 0;
  let total = 0;
  for (let i = 0; i < list.length; i += 1) {
    const weight = positionWeight(i + 1);
    total += weight;
    if (features.underrepresented[list[i] as number] === 1) protectedWeight += weight;
  }
  return total === 0 ? Number.NaN : protectedWeight / total;
}

const logAddExp = (a: number, b: number): number =>
  a === -Infinity ? b : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));

/**
 * The smallest m with BinomCDF(m; n, p) > alpha. The CDF is summed in log space because p^n underflows
 * a double long before n reaches the lengths of a catalog page (0.5^1075 is 0).
 */
function minimumProtected(n: number, p: number, alpha: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  const logAlpha = Math.log(alpha);
  const logOdds = Math.log(p) - Math.log1p(-p);
  let logPmf = n * Math.log1p(-p);
  let logCdf = logPmf;
  let m = 0;
  while (logCdf <= logAlpha && m < n) {
    logPmf += Math.log((n - m) / (m + 1)) + logOdds;
    m += 1;
    logCdf = logAddExp(logCdf, logPmf);
  }
  return m;
}

/** m(i) for i = 1..k at index i - 1: the protected items every prefix of length i must hold. */
export function fairMinimumTable(k: number, p: number, alpha: number): Int32Array {
  const table = new Int32Array(k);
  for (let i = 1; i <= k; i += 1) table[i - 1] = minimumProtected(i, p, alpha);
  return table;
}

/**
 * Probability that a ranking whose items are protected independently with probability p misses the
 * table at some prefix, by dynamic programming over the protected count of the prefix.
 */
export function fairFailureProbability(table: ArrayLike<number>, p: number): number {
  const k = table.length;
  let alive = new Float64Array(k + 1);
  let next = new Float64Array(k + 1);
  alive[0] = 1;
  for (let i = 1; i <= k; i += 1) {
    next.fill(0);
    for (let count = 0; count < i; count += 1) {
      const mass = alive[count] as number;
      if (mass === 0) continue;
      next[count] = (next[count] as number) + mass * (1 - p);
      next[count + 1] = (next[count + 1] as number) + mass * p;
    }
    const required = table[i - 1] as number;
    for (let count = 0; count < required; count += 1) next[count] = 0;
    [alive, next] = [next, alive];
  }
  let survived = 0;
  for (let count = 0; count <= k; count += 1) survived += alive[count] as number;
  return Math.max(0, 1 - survived);
}

/**
 * FA*IR's multiple-testing correction: the largest alpha_c (to 2^-32 of alpha, by bisection) whose table
 * a ranking of proportion p fails with probability at most alpha. Failure grows with alpha_c, since a
 * larger alpha_c only raises the minimums.
 */
export function adjustedAlpha(k: number, p: number, alpha: number): number {
  if (fairFailureProbability(fairMinimumTable(k, p, alpha), p) <= alpha) return alpha;
  let low = 0;
  let high = alpha;
  for (let step = 0; step < 32; step += 1) {
    const middle = (low + high) / 2;
    if (fairFailureProbability(fairMinimumTable(k, p, middle), p) <= alpha) low = middle;
    else high = middle;
  }
  return low;
}

export function parseFairExposureParams(input: FairExposureParamsInput): FairExposureParams {
  return parseRerankParams(fairExposureParamsSchema, input, 'fair exposure');
}

function baseProportion(target: FairExposureParams['target'], pool: RerankPool, features: ItemFeatures) {
  const protectedFlags = features.underrepresented;
  switch (target.kind) {
    case 'fixed':
      return target.p;
    case 'catalog': {
      let count = 0;
      for (let column = 0; column < protectedFlags.length; column += 1) {
        if (protectedFlags[column] === 1) count += 1;
      }
      return protectedFlags.length === 0 ? 0 : count / protectedFlags.length;
    }
    case 'relevance': {
      // Shift only negative scores up, so a positive score keeps its meaning as mass; all-zero mass
      // (or an empty pool) falls back to the protected share of the pool's items.
      let lowest = 0;
      for (const score of pool.relevance) lowest = Math.min(lowest, score);
      let protectedMass = 0;
      let mass = 0;
      let protectedCount = 0;
      for (let i = 0; i < pool.items.length; i += 1) {
        const shifted = (pool.relevance[i] as number) - lowest;
        mass += shifted;
        if (protectedFlags[pool.items[i] as number] === 1) {
          protectedMass += shifted;
          protectedCount += 1;
        }
      }
      if (mass > 0) return protectedMass / mass;
      return pool.items.length === 0 ? 0 : protectedCount / pool.items.length;
    }
  }
}

/**
 * Reranks the pool (taken in its given order as the relevance order) by FA*IR's greedy merge: at each
 * position, the best remaining protected item if the prefix needs one more, else the best remaining.
 */
export function fairExposure(
  pool: RerankPool,
  features: ItemFeatures,
  params: FairExposureParamsInput,
): RerankResult {
  const { k, target, alpha, adjustAlpha, deficit } = parseFairExposureParams(params);
  checkPool(pool, features.underrepresented.length, 'features.underrepresented');
  const flags = features.underrepresented;
  const isProtected = (index: number) => flags[pool.items[index] as number] === 1;
  const size = pool.items.length;
  const n = Math.min(k, size);

  const p = baseProportion(target, pool, features);
  const totalWeight = totalPositionWeight(n);
  const targetProportion = n === 0 ? p : Math.min(1, p + deficit / totalWeight);
  const alphaUsed = adjustAlpha && n > 0 ? adjustedAlpha(n, targetProportion, alpha) : alpha;
  const table = fairMinimumTable(n, targetProportion, alphaUsed);

  // Two cursors walk the pool once: the next unused protected and the next unused unprotected index.
  const nextOf = (from: number, wanted: boolean) => {
    let index = from;
    while (index < size && isProtected(index) !== wanted) index += 1;
    return index;
  };
  let nextProtected = nextOf(0, true);
  let nextOther = nextOf(0, false);
  const items: number[] = [];
  const promoted: number[] = [];
  let protectedAfter = 0;
  let protectedWeight = 0;
  let constraintUnmet = false;
  for (let position = 0; position < n; position += 1) {
    const needsProtected = protectedAfter < (table[position] as number);
    if (needsProtected && nextProtected >= size) constraintUnmet = true;
    let index: number;
    if ((needsProtected && nextProtected < size) || nextProtected < nextOther) {
      index = nextProtected;
      nextProtected = nextOf(nextProtected + 1, true);
      protectedAfter += 1;
      protectedWeight += positionWeight(position + 1);
    } else {
      index = nextOther;
      nextOther = nextOf(nextOther + 1, false);
    }
    const column = pool.items[index] as number;
    items.push(column);
    if (index >= k) promoted.push(column);
  }

  const before = pool.items.slice(0, n);
  let protectedBefore = 0;
  for (const column of before) if (flags[column] === 1) protectedBefore += 1;
  // The carried deficit is measured against the base target p: meeting p_eff exactly clears it.
  const deficitAfter = Math.max(0, deficit + p * totalWeight - protectedWeight);
  return {
    items,
    promoted,
    detail: {
      baseProportion: p,
      targetProportion,
      alpha: alphaUsed,
      minimumRequired: n === 0 ? 0 : (table[n - 1] as number),
      protectedBefore,
      protectedAfter,
      exposureShareBefore: n === 0 ? null : protectedExposureShare(before, features),
      exposureShareAfter: n === 0 ? null : protectedWeight / totalWeight,
      constraintUnmet,
      deficitAfter,
    },
  };
}
