import { type InteractionMatrix, matrixFromTriplets } from '../../models/interaction-matrix.js';

/** Interaction events as parallel arrays: event e is (users[e], items[e]) with an optional value and time. */
export interface InteractionEvents {
  readonly nUsers: number;
  readonly nItems: number;
  readonly users: ArrayLike<number>;
  readonly items: ArrayLike<number>;
  /** Event weights (default 1); summed per (user, item) pair. */
  readonly values?: ArrayLike<number>;
  /** Event times in any increasing unit (epoch seconds, milliseconds); needed by the temporal split. */
  readonly timestamps?: ArrayLike<number>;
}

/** Events that carry a time each, as the temporal split needs. */
export type TimedEvents = InteractionEvents & { readonly timestamps: ArrayLike<number> };

/** What a split accepts: raw events, or a matrix whose entries are already distinct (user, item) pairs. */
export type SplitSource = InteractionEvents | InteractionMatrix;

/** The events of a matrix, one per entry, with times aligned to its entries when given. */
export function eventsFromMatrix(matrix: InteractionMatrix, timestamps: ArrayLike<number>): TimedEvents;
export function eventsFromMatrix(matrix: InteractionMatrix): InteractionEvents;
export function eventsFromMatrix(
  matrix: InteractionMatrix,
  timestamps?: ArrayLike<number>,
): InteractionEvents {
  const users = new Int32Array(matrix.itemIndex.length);
  for (let u = 0; u < matrix.nUsers; u += 1) {
    users.fill(u, matrix.rowStart[u] as number, matrix.rowStart[u + 1] as number);
  }
  const events = {
    nUsers: matrix.nUsers,
    nItems: matrix.nItems,
    users,
    items: matrix.itemIndex,
    values: matrix.values,
  };
  return timestamps ? { ...events, timestamps } : events;
}

function isMatrix(source: SplitSource): source is InteractionMatrix {
  return 'rowStart' in source;
}

/** The distinct (user, item) pairs of a source, values summed. */
export function pairMatrix(source: SplitSource): InteractionMatrix {
  if (isMatrix(source)) return source;
  return matrixFromTriplets(source.nUsers, source.nItems, source.users, source.items, source.values);
}

/** Entry position of (user, item) in a matrix, by binary search in the user's sorted row; -1 if absent. */
export function entryOf(matrix: InteractionMatrix, user: number, item: number): number {
  let lo = matrix.rowStart[user] as number;
  let hi = (matrix.rowStart[user + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = matrix.itemIndex[mid] as number;
    if (at === item) return mid;
    if (at < item) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The time of each entry of `matrix` (built by pairMatrix from the same events): the earliest of its
 * events, so a pair dates from when the user first met the item.
 */
export function firstTimes(events: TimedEvents, matrix: InteractionMatrix): Float64Array {
  const { timestamps } = events;
  if (!timestamps) throw new Error('the temporal split needs timestamps, one per event');
  const nEvents = events.users.length;
  if (timestamps.length !== nEvents) {
    throw new Error(`expected ${nEvents} timestamps, one per event, got ${timestamps.length}`);
  }
  const first = new Float64Array(matrix.itemIndex.length).fill(Number.POSITIVE_INFINITY);
  for (let e = 0; e < nEvents; e += 1) {
    const t = timestamps[e] as number;
    if (!Number.isFinite(t)) throw new Error(`timestamp of event ${e} must be finite, got ${t}`);
    const entry = entryOf(matrix, events.users[e] as number, events.items[e] as number);
    if (t < (first[entry] as number)) first[entry] = t;
  }
  return first;
}
