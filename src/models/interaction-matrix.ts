/**
 * Implicit feedback as a sparse viewer x item matrix in compressed sparse row form: viewer u's items are
 * `itemIndex[rowStart[u] .. rowStart[u + 1])`, sorted ascending, with `values` (event counts or
 * weights) beside them. Every model fits on this; nothing here knows about databases or ids.
 */
export interface InteractionMatrix {
  readonly nUsers: number;
  readonly nItems: number;
  readonly rowStart: Int32Array;
  readonly itemIndex: Int32Array;
  readonly values: Float32Array;
}

/** A history to score: item indices (ascending, distinct) with optional weights (default 1). */
export interface ItemHistory {
  readonly items: Int32Array;
  readonly weights?: Float32Array;
}

/** Builds a matrix from (user, item, value) triplets; duplicate pairs are summed. */
export function matrixFromTriplets(
  nUsers: number,
  nItems: number,
  users: ArrayLike<number>,
  items: ArrayLike<number>,
  values?: ArrayLike<number>,
): InteractionMatrix {
  const n = users.length;
  if (items.length !== n || (values && values.length !== n)) {
    throw new Error(
      `triplet arrays differ in length: ${n} users, ${items.length} items, ${values?.length} values`,
    );
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    const u = users[i] as number;
    const it = items[i] as number;
    if (!(u >= 0 && u < nUsers)) throw new Error(`user index ${u} outside 0..${nUsers - 1}`);
    if (!(it >= 0 && it < nItems)) throw new Error(`item index ${it} outside 0..${nItems - 1}`);
    order[i] = i;
  }
  order.sort(
    (a, b) => (users[a] as number) - (users[b] as number) || (items[a] as number) - (items[b] as number),
  );
  const rowStart = new Int32Array(nUsers + 1);
  const itemIndex: number[] = [];
  const merged: number[] = [];
  let previousUser = -1;
  let previousItem = -1;
  for (const i of order) {
    const u = users[i] as number;
    const it = items[i] as number;
    const v = values ? (values[i] as number) : 1;
    if (u === previousUser && it === previousItem) {
      merged[merged.length - 1] = (merged[merged.length - 1] as number) + v;
      continue;
    }
    itemIndex.push(it);
    merged.push(v);
    rowStart[u + 1] = (rowStart[u + 1] as number) + 1;
    previousUser = u;
    previousItem = it;
  }
  for (let u = 0; u < nUsers; u += 1) rowStart[u + 1] = (rowStart[u + 1] as number) + (rowStart[u] as number);
  return {
    nUsers,
    nItems,
    rowStart,
    itemIndex: Int32Array.from(itemIndex),
    values: Float32Array.from(merged),
  };
}

/** Viewer u's history as a view into the matrix (no copy). */
export function historyOf(matrix: InteractionMatrix, user: number): ItemHistory {
  const start = matrix.rowStart[user] as number;
  const end = matrix.rowStart[user + 1] as number;
  return { items: matrix.itemIndex.subarray(start, end), weights: matrix.values.subarray(start, end) };
}

/** The same matrix with every value set to 1 (binary implicit feedback). */
export function binarized(matrix: InteractionMatrix): InteractionMatrix {
  return { ...matrix, values: new Float32Array(matrix.itemIndex.length).fill(1) };
}

/** Number of distinct viewers per item. */
export function itemCounts(matrix: InteractionMatrix): Float64Array {
  const counts = new Float64Array(matrix.nItems);
  for (const item of matrix.itemIndex) counts[item] = (counts[item] as number) + 1;
  return counts;
}
