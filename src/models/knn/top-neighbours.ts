/** Where `keepBest` writes the kept neighbours of one item. */
export interface NeighbourOutput {
  readonly items: Int32Array;
  readonly values: Float32Array;
  /** The kept similarities in full precision, when wanted. */
  readonly precise?: Float64Array;
}

/**
 * Keeps the k best of m candidates given in ascending item order (`items`, `values`): higher similarity
 * first, the lower item index on ties, so the kept set never depends on how it is found. Writes them,
 * still in item order, to `out` from `at`; returns how many.
 *
 * The k-th largest similarity is found by quickselect on a copy (in `scratch`, at least m long), then
 * one pass keeps every candidate above it and, of those equal to it, the first ones in item order up to
 * k. Linear on average, with no sort: fitting selects from about a thousand candidates per item on
 * ML-100K, unlearning from a few hundred per touched item.
 */
export function keepBest(
  items: Int32Array,
  values: Float64Array,
  m: number,
  k: number,
  scratch: Float64Array,
  out: NeighbourOutput,
  at: number,
): number {
  let threshold = -Infinity;
  let ties = m;
  if (m > k) {
    if (k === 0) return 0;
    scratch.set(values.subarray(0, m));
    threshold = kthLargest(scratch, m, k);
    let above = 0;
    for (let c = 0; c < m; c += 1) if ((values[c] as number) > threshold) above += 1;
    ties = k - above;
  }
  let kept = 0;
  for (let c = 0; c < m; c += 1) {
    const value = values[c] as number;
    if (value < threshold) continue;
    if (value === threshold) {
      if (ties === 0) continue;
      ties -= 1;
    }
    out.items[at + kept] = items[c] as number;
    out.values[at + kept] = value;
    if (out.precise) out.precise[at + kept] = value;
    kept += 1;
  }
  return kept;
}

/** Below this many values to drop, `kthLargest` keeps a heap of the smallest instead of partitioning. */
const SMALL_DROP = 32;

/**
 * The k-th largest of a[0 .. m) (1 <= k <= m), reordering `a`. When only a few values are dropped
 * (unlearning), it is the largest of the m - k + 1 smallest, kept in a max-heap: one predictable
 * comparison per value. Otherwise quickselect with a median-of-three pivot and a three-way partition
 * (many equal similarities are common without IUF), falling back to a sort of what is left if the
 * partitions stop shrinking fast, so the worst case stays O(m log m).
 */
export function kthLargest(a: Float64Array, m: number, k: number): number {
  if (m - k < SMALL_DROP) return largestOfSmallest(a, m, m - k + 1);
  const target = k - 1;
  let lo = 0;
  let hi = m - 1;
  let budget = 2 * Math.ceil(Math.log2(m + 1)) + 8;
  while (hi > lo) {
    if (budget === 0) {
      // Descending order of what is left: sort ascending and read from the other end.
      const rest = a.subarray(lo, hi + 1).sort();
      return rest[hi - target] as number;
    }
    budget -= 1;
    const pivot = medianOfThree(a[lo] as number, a[(lo + hi) >> 1] as number, a[hi] as number);
    // [lo, lt) > pivot, [lt, i) == pivot, (gt, hi] < pivot
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const x = a[i] as number;
      if (x > pivot) {
        a[i] = a[lt] as number;
        a[lt] = x;
        lt += 1;
        i += 1;
      } else if (x < pivot) {
        a[i] = a[gt] as number;
        a[gt] = x;
        gt -= 1;
      } else {
        i += 1;
      }
    }
    if (target < lt) hi = lt - 1;
    else if (target > gt) lo = gt + 1;
    else return pivot;
  }
  return a[lo] as number;
}

/** The h-th smallest of a[0 .. m): a max-heap of the h smallest in a[0 .. h), root first. */
function largestOfSmallest(a: Float64Array, m: number, h: number): number {
  for (let slot = (h >> 1) - 1; slot >= 0; slot -= 1) siftDown(a, h, slot);
  for (let c = h; c < m; c += 1) {
    const x = a[c] as number;
    if (x < (a[0] as number)) {
      a[0] = x;
      siftDown(a, h, 0);
    }
  }
  return a[0] as number;
}

/** Restores the max-heap a[0 .. h) below `slot`. */
function siftDown(a: Float64Array, h: number, slot: number): void {
  const x = a[slot] as number;
  for (;;) {
    let child = 2 * slot + 1;
    if (child >= h) break;
    if (child + 1 < h && (a[child + 1] as number) > (a[child] as number)) child += 1;
    if (!((a[child] as number) > x)) break;
    a[slot] = a[child] as number;
    slot = child;
  }
  a[slot] = x;
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}
