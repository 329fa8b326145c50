import type { InteractionMatrix } from '../interaction-matrix.js';
import type { ConfidenceRows } from './ials-conjugate-gradient.js';
import { confidenceOf, type IalsParams } from './ials-params.js';

/** The interactions as confidences, grouped by viewer and by item, in memory that threads can share. */
export interface IalsTrainingData {
  readonly nUsers: number;
  readonly nItems: number;
  readonly byUser: ConfidenceRows;
  readonly byItem: ConfidenceRows;
}

type TypedArrayOf<T> = new (buffer: SharedArrayBuffer | ArrayBuffer) => T;

/** A zeroed typed array over a SharedArrayBuffer (or a plain one when `shared` is false). */
export function allocate<T>(
  Kind: TypedArrayOf<T> & { BYTES_PER_ELEMENT: number },
  length: number,
  shared: boolean,
): T {
  const bytes = Kind.BYTES_PER_ELEMENT * length;
  return new Kind(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/**
 * Keeps the positive interactions (a value <= 0 carries no preference and confidence 1, which is what an
 * absent pair means already), turns values into confidences and builds the item-major copy.
 */
export function prepareTrainingData(
  matrix: InteractionMatrix,
  params: IalsParams,
  shared: boolean,
): IalsTrainingData {
  const { nUsers, nItems } = matrix;
  let kept = 0;
  for (let e = 0; e < matrix.itemIndex.length; e += 1) {
    const item = matrix.itemIndex[e] as number;
    if (!(item >= 0 && item < nItems)) throw new Error(`item index ${item} outside 0..${nItems - 1}`);
    if ((matrix.values[e] as number) > 0) kept += 1;
  }
  const userStart = allocate(Int32Array, nUsers + 1, shared);
  const userIndex = allocate(Int32Array, kept, shared);
  const userConfidence = allocate(Float32Array, kept, shared);
  const itemCount = new Int32Array(nItems + 1);
  let n = 0;
  for (let u = 0; u < nUsers; u += 1) {
    for (let e = matrix.rowStart[u] as number; e < (matrix.rowStart[u + 1] as number); e += 1) {
      const value = matrix.values[e] as number;
      if (!(value > 0)) continue;
      const item = matrix.itemIndex[e] as number;
      userIndex[n] = item;
      userConfidence[n] = confidenceOf(value, params);
      itemCount[item + 1] = (itemCount[item + 1] as number) + 1;
      n += 1;
    }
    userStart[u + 1] = n;
  }

  const itemStart = allocate(Int32Array, nItems + 1, shared);
  for (let i = 0; i < nItems; i += 1)
    itemStart[i + 1] = (itemStart[i] as number) + (itemCount[i + 1] as number);
  const itemIndex = allocate(Int32Array, kept, shared);
  const itemConfidence = allocate(Float32Array, kept, shared);
  const fill = itemStart.slice(0, nItems);
  for (let u = 0; u < nUsers; u += 1) {
    for (let e = userStart[u] as number; e < (userStart[u + 1] as number); e += 1) {
      const item = userIndex[e] as number;
      const at = fill[item] as number;
      itemIndex[at] = u;
      itemConfidence[at] = userConfidence[e] as number;
      fill[item] = at + 1;
    }
  }
  return {
    nUsers,
    nItems,
    byUser: { rowStart: userStart, index: userIndex, confidence: userConfidence },
    byItem: { rowStart: itemStart, index: itemIndex, confidence: itemConfidence },
  };
}
