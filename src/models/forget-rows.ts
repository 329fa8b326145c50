import type { InteractionMatrix, ItemHistory } from './interaction-matrix.js';

/**
 * Checks rows handed to `Scorer.forget`: items ascending, distinct and inside the catalog, weights (when
 * given) beside them. Unlearning updates statistics in place of a refit, so a malformed row would
 * corrupt the model silently instead of failing.
 */
export function checkForgetRows(rows: readonly ItemHistory[], nItems: number, algorithm: string): void {
  rows.forEach((row, r) => {
    const { items, weights } = row;
    if (weights && weights.length !== items.length) {
      throw new Error(
        `${algorithm} forget: row ${r} has ${items.length} items but ${weights.length} weights`,
      );
    }
    let previous = -1;
    for (const item of items) {
      if (!(item > previous && item < nItems)) {
        throw new Error(
          `${algorithm} forget: row ${r} item ${item} is not ascending, distinct and inside 0..${nItems - 1}`,
        );
      }
      previous = item;
    }
  });
}

/**
 * The matrix with the given viewers' rows emptied, viewer and item indices unchanged: what a refit
 * after forgetting them trains on (and what ALS's `ForgetContext.remaining` provides).
 */
export function withoutViewers(matrix: InteractionMatrix, viewers: Iterable<number>): InteractionMatrix {
  const gone = new Uint8Array(matrix.nUsers);
  for (const u of viewers) {
    if (!(Number.isInteger(u) && u >= 0 && u < matrix.nUsers))
      throw new Error(`viewer ${u} outside 0..${matrix.nUsers - 1}`);
    gone[u] = 1;
  }
  const rowStart = new Int32Array(matrix.nUsers + 1);
  for (let u = 0; u < matrix.nUsers; u += 1) {
    const length = gone[u] ? 0 : (matrix.rowStart[u + 1] as number) - (matrix.rowStart[u] as number);
    rowStart[u + 1] = (rowStart[u] as number) + length;
  }
  const itemIndex = new Int32Array(rowStart[matrix.nUsers] as number);
  const values = new Float32Array(itemIndex.length);
  for (let u = 0; u < matrix.nUsers; u += 1) {
    if (gone[u]) continue;
    const from = matrix.rowStart[u] as number;
    const to = matrix.rowStart[u + 1] as number;
    itemIndex.set(matrix.itemIndex.subarray(from, to), rowStart[u] as number);
    values.set(matrix.values.subarray(from, to), rowStart[u] as number);
  }
  return { nUsers: matrix.nUsers, nItems: matrix.nItems, rowStart, itemIndex, values };
}
