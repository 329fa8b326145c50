import type { InteractionMatrix } from '../../models/interaction-matrix.js';

/**
 * Splits a matrix's entries into `nParts` matrices of the same shape: entry e goes to part labels[e].
 * Rows stay sorted because each part keeps the original entry order.
 */
export function partitionMatrix(
  matrix: InteractionMatrix,
  labels: Uint8Array,
  nParts: number,
): InteractionMatrix[] {
  const nEntries = matrix.itemIndex.length;
  if (labels.length !== nEntries) throw new Error(`expected ${nEntries} labels, got ${labels.length}`);
  const sizes = new Int32Array(nParts);
  for (const label of labels) {
    if (label >= nParts) throw new Error(`label ${label} outside 0..${nParts - 1}`);
    sizes[label] = (sizes[label] as number) + 1;
  }
  const parts = Array.from(sizes, (size) => ({
    rowStart: new Int32Array(matrix.nUsers + 1),
    itemIndex: new Int32Array(size),
    values: new Float32Array(size),
    filled: 0,
  }));
  for (let u = 0; u < matrix.nUsers; u += 1) {
    for (let e = matrix.rowStart[u] as number; e < (matrix.rowStart[u + 1] as number); e += 1) {
      const part = parts[labels[e] as number] as (typeof parts)[number];
      part.itemIndex[part.filled] = matrix.itemIndex[e] as number;
      part.values[part.filled] = matrix.values[e] as number;
      part.filled += 1;
    }
    for (const part of parts) part.rowStart[u + 1] = part.filled;
  }
  return parts.map(({ rowStart, itemIndex, values }) => ({
    nUsers: matrix.nUsers,
    nItems: matrix.nItems,
    rowStart,
    itemIndex,
    values,
  }));
}
