import type { InteractionMatrix } from '../../models/interaction-matrix.js';
import type { InteractionEvents } from './interaction-events.js';
import { seededRandom } from '../../random/seeded-random.js';

/** Row u of a matrix as a plain array of item indices. */
export function rowOf(matrix: InteractionMatrix, user: number): number[] {
  return Array.from(matrix.itemIndex.subarray(matrix.rowStart[user], matrix.rowStart[user + 1]));
}

/** Every row as arrays, for whole-matrix comparisons. */
export function rowsOf(matrix: InteractionMatrix): number[][] {
  return Array.from({ length: matrix.nUsers }, (_, u) => rowOf(matrix, u));
}

/** Sum of a matrix's values (the number of events behind it when every event weighs 1). */
export function valueSum(matrix: InteractionMatrix): number {
  return matrix.values.reduce((a, b) => a + b, 0);
}

/** Seeded random events with repeats and distinct times, user and item counts skewed like real logs. */
export function randomEvents(
  nUsers: number,
  nItems: number,
  nEvents: number,
  seed = 1,
): Required<InteractionEvents> {
  const random = seededRandom(seed, 99);
  const users = new Int32Array(nEvents);
  const items = new Int32Array(nEvents);
  const timestamps = new Float64Array(nEvents);
  for (let e = 0; e < nEvents; e += 1) {
    users[e] = Math.floor(random() ** 2 * nUsers);
    items[e] = Math.floor(random() ** 3 * nItems);
    timestamps[e] = 1_000 + e * 7 + Math.floor(random() * 5_000);
  }
  return { nUsers, nItems, users, items, values: new Float32Array(nEvents).fill(1), timestamps };
}
