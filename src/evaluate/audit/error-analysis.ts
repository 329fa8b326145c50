/**
 * Error analysis: which cohorts of viewers does the recommender fail most? A shallow CART regression
 * tree over viewer features predicts each viewer's error (1 - nDCG@k); its leaves are the cohorts,
 * each described by the conditions on its path ("gender = F and activity ≤ 23"), with
 * - errorRate: the mean error of its viewers,
 * - shareOfError: its summed error over all viewers' summed error (how much of the failure it holds).
 *
 * Splits minimize the summed squared error of the two sides. A categorical feature splits into two sets
 * of values, found exactly by ordering values by mean error and cutting that order (Breiman et al.,
 * 1984); a numeric feature splits at a threshold between distinct values. Both sides of a split keep at
 * least `minLeafSize` viewers, so a cohort is never a handful of unlucky viewers; a split must explain
 * at least `complexity` of the total squared error, so noise is not split; and the tree stops at
 * `maxDepth`, so every cohort has at most that many conditions and stays readable.
 */

export interface ViewerFeatures {
  /** Label columns, one label per viewer (gender, age band, occupation, profile kind). */
  categorical?: Record<string, readonly string[]>;
  /** Number columns, one value per viewer (activity: the viewer's training interactions). */
  numeric?: Record<string, ArrayLike<number>>;
}

export interface ErrorAnalysisOptions {
  /** Depth of the tree, so the most conditions in a cohort (default 3). */
  maxDepth?: number;
  /** Fewest viewers in a cohort (default max(20, 2% of viewers)). */
  minLeafSize?: number;
  /**
   * Smallest share of all viewers' squared error (around the overall mean) a split must explain to be
   * made (default 0.01, rpart's `cp`): without it a depth-3 tree splits noise inside a real cohort.
   */
  complexity?: number;
}

export interface ErrorCohort {
  description: string;
  size: number;
  /** size / all viewers. */
  sizeShare: number;
  errorRate: number;
  shareOfError: number;
}

export interface ErrorAnalysis {
  viewers: number;
  /** Mean error over all viewers, to compare each cohort's errorRate with. */
  meanError: number;
  maxDepth: number;
  minLeafSize: number;
  complexity: number;
  /** The leaves, worst (highest errorRate) first. */
  cohorts: ErrorCohort[];
}

export function defaultMinLeafSize(viewers: number): number {
  return Math.max(20, Math.ceil(0.02 * viewers));
}

/** What a path says about one feature: an allowed value set, or a (lo, hi] range. */
type Constraint = { kind: 'set'; values: Set<string> } | { kind: 'range'; lo: number; hi: number };

interface Split {
  gain: number;
  feature: string;
  /** Rows going left. */
  left: (row: number) => boolean;
  leftConstraint: Constraint;
  rightConstraint: Constraint;
}

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/** Sum of squares around the mean, from count, sum and sum of squares. */
const sse = (n: number, sum: number, squares: number) => (n === 0 ? 0 : squares - (sum * sum) / n);

function bestCategoricalSplit(
  feature: string,
  labels: readonly string[],
  rows: Int32Array,
  y: ArrayLike<number>,
  minLeaf: number,
): Split | null {
  const stats = new Map<string, { n: number; sum: number; squares: number }>();
  for (const row of rows) {
    const label = labels[row] as string;
    const entry = stats.get(label) ?? { n: 0, sum: 0, squares: 0 };
    const value = y[row] as number;
    entry.n += 1;
    entry.sum += value;
    entry.squares += value * value;
    stats.set(label, entry);
  }
  if (stats.size < 2) return null;
  const ordered = [...stats.entries()].sort(
    ([a, sa], [b, sb]) => sa.sum / sa.n - sb.sum / sb.n || naturalOrder(a, b),
  );
  const total = ordered.reduce(
    (acc, [, s]) => ({ n: acc.n + s.n, sum: acc.sum + s.sum, squares: acc.squares + s.squares }),
    { n: 0, sum: 0, squares: 0 },
  );
  const parent = sse(total.n, total.sum, total.squares);
  let best: { gain: number; cut: number } | null = null;
  const left = { n: 0, sum: 0, squares: 0 };
  for (let cut = 1; cut < ordered.length; cut += 1) {
    const [, s] = ordered[cut - 1] as [string, typeof left];
    left.n += s.n;
    left.sum += s.sum;
    left.squares += s.squares;
    const rightN = total.n - left.n;
    if (left.n < minLeaf || rightN < minLeaf) continue;
    const gain =
      parent -
      sse(left.n, left.sum, left.squares) -
      sse(rightN, total.sum - left.sum, total.squares - left.squares);
    if (!best || gain > best.gain) best = { gain, cut };
  }
  if (!best) return null;
  const leftValues = new Set(ordered.slice(0, best.cut).map(([label]) => label));
  const rightValues = new Set(ordered.slice(best.cut).map(([label]) => label));
  return {
    gain: best.gain,
    feature,
    left: (row) => leftValues.has(labels[row] as string),
    leftConstraint: { kind: 'set', values: leftValues },
    rightConstraint: { kind: 'set', values: rightValues },
  };
}

function bestNumericSplit(
  feature: string,
  x: ArrayLike<number>,
  rows: Int32Array,
  y: ArrayLike<number>,
  minLeaf: number,
): Split | null {
  const order = Int32Array.from(rows).sort((a, b) => (x[a] as number) - (x[b] as number) || a - b);
  let sum = 0;
  let squares = 0;
  for (const row of order) {
    sum += y[row] as number;
    squares += (y[row] as number) ** 2;
  }
  const n = order.length;
  const parent = sse(n, sum, squares);
  let best: { gain: number; threshold: number } | null = null;
  let leftSum = 0;
  let leftSquares = 0;
  for (let i = 0; i < n - 1; i += 1) {
    const row = order[i] as number;
    leftSum += y[row] as number;
    leftSquares += (y[row] as number) ** 2;
    const value = x[row] as number;
    if (value === x[order[i + 1] as number]) continue; // cut only between distinct values
    const leftN = i + 1;
    if (leftN < minLeaf || n - leftN < minLeaf) continue;
    const gain =
      parent - sse(leftN, leftSum, leftSquares) - sse(n - leftN, sum - leftSum, squares - leftSquares);
    if (!best || gain > best.gain) best = { gain, threshold: value };
  }
  if (!best) return null;
  const { threshold } = best;
  return {
    gain: best.gain,
    feature,
    left: (row) => (x[row] as number) <= threshold,
    leftConstraint: { kind: 'range', lo: Number.NEGATIVE_INFINITY, hi: threshold },
    rightConstraint: { kind: 'range', lo: threshold, hi: Number.POSITIVE_INFINITY },
  };
}

/** A path's constraint on a feature narrowed by one more split. */
function narrow(previous: Constraint | undefined, next: Constraint): Constraint {
  if (!previous) return next;
  if (previous.kind === 'range' && next.kind === 'range') {
    return { kind: 'range', lo: Math.max(previous.lo, next.lo), hi: Math.min(previous.hi, next.hi) };
  }
  return next; // a set split only ever splits the set its node already holds
}

const formatNumber = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4))));

function describeConstraint(feature: string, constraint: Constraint, allValues: readonly string[]): string {
  if (constraint.kind === 'range') {
    const { lo, hi } = constraint;
    if (lo === Number.NEGATIVE_INFINITY) return `${feature} ≤ ${formatNumber(hi)}`;
    if (hi === Number.POSITIVE_INFINITY) return `${feature} > ${formatNumber(lo)}`;
    return `${formatNumber(lo)} < ${feature} ≤ ${formatNumber(hi)}`;
  }
  const inside = [...constraint.values].sort(naturalOrder);
  const outside = allValues.filter((value) => !constraint.values.has(value));
  if (inside.length === 1) return `${feature} = ${inside[0]}`;
  if (outside.length === 1) return `${feature} ≠ ${outside[0]}`;
  return inside.length <= outside.length
    ? `${feature} in {${inside.join(', ')}}`
    : `${feature} not in {${outside.join(', ')}}`;
}

/**
 * The cohorts of a CART regression tree of `errors` (one per viewer, e.g. 1 - nDCG@k) over `features`.
 * A tree that cannot split (too few viewers, constant features) has one cohort, "all viewers".
 */
export function findErrorCohorts(
  errors: ArrayLike<number>,
  features: ViewerFeatures,
  options: ErrorAnalysisOptions = {},
): ErrorAnalysis {
  const n = errors.length;
  const { maxDepth = 3, minLeafSize = defaultMinLeafSize(n), complexity = 0.01 } = options;
  if (!(Number.isInteger(maxDepth) && maxDepth >= 0)) {
    throw new Error(`maxDepth must be a non-negative integer, got ${maxDepth}`);
  }
  if (!(Number.isInteger(minLeafSize) && minLeafSize >= 1)) {
    throw new Error(`minLeafSize must be a positive integer, got ${minLeafSize}`);
  }
  const categorical = Object.entries(features.categorical ?? {});
  const numeric = Object.entries(features.numeric ?? {});
  for (const [name, column] of [...categorical, ...numeric]) {
    if (column.length !== n) throw new Error(`feature ${name} has ${column.length} values for ${n} viewers`);
  }
  if (!(complexity >= 0 && complexity < 1)) {
    throw new Error(`complexity must be at least 0 and below 1, got ${complexity}`);
  }
  let totalError = 0;
  let squares = 0;
  for (let i = 0; i < n; i += 1) {
    if (!Number.isFinite(errors[i])) throw new Error(`error of viewer ${i} is ${errors[i]}, not finite`);
    totalError += errors[i] as number;
    squares += (errors[i] as number) ** 2;
  }
  // A split must explain at least this much squared error (and more than rounding noise).
  const minGain = Math.max(complexity * sse(n, totalError, squares), 1e-12);
  const allValues = new Map(
    categorical.map(([name, labels]) => [name, [...new Set(labels)].sort(naturalOrder)]),
  );

  const cohorts: ErrorCohort[] = [];
  const leaf = (rows: Int32Array, path: Map<string, Constraint>) => {
    let sum = 0;
    for (const row of rows) sum += errors[row] as number;
    const conditions = [...path].map(([feature, c]) =>
      describeConstraint(feature, c, allValues.get(feature) ?? []),
    );
    cohorts.push({
      description: conditions.length > 0 ? conditions.join(' and ') : 'all viewers',
      size: rows.length,
      sizeShare: rows.length / n,
      errorRate: sum / rows.length,
      shareOfError: totalError === 0 ? 0 : sum / totalError,
    });
  };
  const grow = (rows: Int32Array, depth: number, path: Map<string, Constraint>): void => {
    if (depth >= maxDepth || rows.length < 2 * minLeafSize) return leaf(rows, path);
    let best: Split | null = null;
    const consider = (split: Split | null) => {
      if (split && split.gain >= minGain && (!best || split.gain > best.gain)) best = split;
    };
    for (const [name, labels] of categorical)
      consider(bestCategoricalSplit(name, labels, rows, errors, minLeafSize));
    for (const [name, x] of numeric) consider(bestNumericSplit(name, x, rows, errors, minLeafSize));
    const split = best as Split | null;
    if (!split) return leaf(rows, path);
    const goesLeft = rows.filter(split.left);
    const goesRight = rows.filter((row) => !split.left(row));
    const extend = (constraint: Constraint) =>
      new Map(path).set(split.feature, narrow(path.get(split.feature), constraint));
    grow(goesLeft, depth + 1, extend(split.leftConstraint));
    grow(goesRight, depth + 1, extend(split.rightConstraint));
  };
  if (n > 0)
    grow(
      Int32Array.from({ length: n }, (_, i) => i),
      0,
      new Map(),
    );
  cohorts.sort((a, b) => b.errorRate - a.errorRate || b.size - a.size);
  return { viewers: n, meanError: n === 0 ? 0 : totalError / n, maxDepth, minLeafSize, complexity, cohorts };
}
