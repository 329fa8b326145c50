/**
 * How many of a user's n distinct items go to the side a model learns from (train, or fold-in) at a
 * ratio: Math.round(ratio * n) (halves round up), kept within [1, n - 1] when n >= 2 so the user has at
 * least one item on each side. A user with a single item keeps it on the learning side and so has no
 * test item. (Microsoft Recommenders' python_stratified_split rounds the same product, with Python's
 * half-to-even rounding and without the clamp.)
 */
export function learningCount(n: number, ratio: number): number {
  if (n < 2) return n;
  return Math.min(n - 1, Math.max(1, Math.round(ratio * n)));
}

/** Throws unless 0 < ratio < 1. */
export function checkRatio(name: string, ratio: number): void {
  if (!(ratio > 0 && ratio < 1)) throw new Error(`${name} must be strictly between 0 and 1, got ${ratio}`);
}
