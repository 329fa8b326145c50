import type { InteractionMatrix } from '../../models/interaction-matrix.js';

/**
 * Viewer profiles as the shilling attacks write them and the detectors read them: one row per profile
 * in compressed sparse row form, one entry per distinct (profile, item) pair, items ascending. Beside
 * each entry its latest rating (when the data has ratings) and the time the pair was first seen.
 * Models never see this: they fit on `countMatrix(profiles)`, the presence counts.
 */
export interface ProfileMatrix {
  readonly nUsers: number;
  readonly nItems: number;
  readonly rowStart: Int32Array;
  readonly itemIndex: Int32Array;
  /** Events per pair (what implicit-feedback models fit on). */
  readonly counts: Float32Array;
  /** Latest rating per pair, NaN where the event had none; null when no event of the data had one. */
  readonly ratings: Float32Array | null;
  /** First time the pair was seen, in milliseconds since the epoch. */
  readonly times: Float64Array;
}

/** One profile's events, as attacks produce them and stores hand them over. */
export interface ProfileEvents {
  readonly users: ArrayLike<number>;
  readonly items: ArrayLike<number>;
  readonly times: ArrayLike<number>;
  /** Ratings (NaN for none); absent for purely implicit data. */
  readonly values?: ArrayLike<number>;
}

/**
 * Builds the profile matrix from events. Repeated pairs are merged: counts add up, the rating is the
 * latest one given (a viewer who re-rates changes their mind), the time is the earliest.
 */
export function profileMatrixOf(nUsers: number, nItems: number, events: ProfileEvents): ProfileMatrix {
  const n = events.users.length;
  if (events.items.length !== n || events.times.length !== n || (events.values && events.values.length !== n))
    throw new Error(`event arrays differ in length (${n} users, ${events.items.length} items)`);
  const order = new Int32Array(n);
  for (let e = 0; e < n; e += 1) {
    const u = events.users[e] as number;
    const i = events.items[e] as number;
    if (!(u >= 0 && u < nUsers)) throw new Error(`user index ${u} outside 0..${nUsers - 1}`);
    if (!(i >= 0 && i < nItems)) throw new Error(`item index ${i} outside 0..${nItems - 1}`);
    order[e] = e;
  }
  const { users, items, times, values } = events;
  order.sort(
    (a, b) =>
      (users[a] as number) - (users[b] as number) ||
      (items[a] as number) - (items[b] as number) ||
      (times[a] as number) - (times[b] as number),
  );
  const rowStart = new Int32Array(nUsers + 1);
  const itemIndex = new Int32Array(n);
  const counts = new Float32Array(n);
  const ratings = new Float32Array(n).fill(Number.NaN);
  const firstTimes = new Float64Array(n);
  let rated = false;
  let at = -1;
  let previousUser = -1;
  let previousItem = -1;
  for (const e of order) {
    const u = users[e] as number;
    const i = items[e] as number;
    if (u !== previousUser || i !== previousItem) {
      at += 1;
      itemIndex[at] = i;
      firstTimes[at] = times[e] as number;
      rowStart[u + 1] = (rowStart[u + 1] as number) + 1;
      previousUser = u;
      previousItem = i;
    }
    counts[at] = (counts[at] as number) + 1;
    const value = values ? (values[e] as number) : Number.NaN;
    if (!Number.isNaN(value)) {
      ratings[at] = value;
      rated = true;
    }
  }
  for (let u = 0; u < nUsers; u += 1) rowStart[u + 1] = (rowStart[u + 1] as number) + (rowStart[u] as number);
  const nnz = at + 1;
  return {
    nUsers,
    nItems,
    rowStart,
    itemIndex: itemIndex.slice(0, nnz),
    counts: counts.slice(0, nnz),
    ratings: rated ? ratings.slice(0, nnz) : null,
    times: firstTimes.slice(0, nnz),
  };
}

/** The presence counts a model fits on (shares the index arrays). */
export function countMatrix(profiles: ProfileMatrix): InteractionMatrix {
  const { nUsers, nItems, rowStart, itemIndex, counts } = profiles;
  return { nUsers, nItems, rowStart, itemIndex, values: counts };
}

/** Row u's entries as [start, end) into the entry arrays. */
export function rowRange(profiles: { rowStart: Int32Array }, u: number): [number, number] {
  return [profiles.rowStart[u] as number, profiles.rowStart[u + 1] as number];
}

/**
 * The profiles with extra rows appended below (the injected ones keep their own order), over the same
 * items. The result shares nothing with the inputs.
 */
export function appendProfiles(base: ProfileMatrix, extra: ProfileMatrix): ProfileMatrix {
  if (extra.nItems !== base.nItems)
    throw new Error(`profiles have ${extra.nItems} items, the base ${base.nItems}`);
  const nnz = base.itemIndex.length + extra.itemIndex.length;
  const rowStart = new Int32Array(base.nUsers + extra.nUsers + 1);
  rowStart.set(base.rowStart);
  const offset = base.itemIndex.length;
  for (let u = 1; u <= extra.nUsers; u += 1)
    rowStart[base.nUsers + u] = offset + (extra.rowStart[u] as number);
  const join = <T extends Float32Array | Float64Array | Int32Array>(a: T, b: T, out: T): T => {
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  const ratingsOf = (p: ProfileMatrix) => p.ratings ?? new Float32Array(p.itemIndex.length).fill(Number.NaN);
  return {
    nUsers: base.nUsers + extra.nUsers,
    nItems: base.nItems,
    rowStart,
    itemIndex: join(base.itemIndex, extra.itemIndex, new Int32Array(nnz)),
    counts: join(base.counts, extra.counts, new Float32Array(nnz)),
    ratings:
      base.ratings || extra.ratings ? join(ratingsOf(base), ratingsOf(extra), new Float32Array(nnz)) : null,
    times: join(base.times, extra.times, new Float64Array(nnz)),
  };
}

/** The profiles without the rows flagged in `drop` (rows keep their relative order). */
export function withoutProfiles(profiles: ProfileMatrix, drop: Uint8Array): ProfileMatrix {
  const keep: number[] = [];
  for (let u = 0; u < profiles.nUsers; u += 1) if (!drop[u]) keep.push(u);
  let nnz = 0;
  for (const u of keep) nnz += (profiles.rowStart[u + 1] as number) - (profiles.rowStart[u] as number);
  const rowStart = new Int32Array(keep.length + 1);
  const itemIndex = new Int32Array(nnz);
  const counts = new Float32Array(nnz);
  const ratings = profiles.ratings ? new Float32Array(nnz) : null;
  const times = new Float64Array(nnz);
  let at = 0;
  keep.forEach((u, row) => {
    const [start, end] = rowRange(profiles, u);
    itemIndex.set(profiles.itemIndex.subarray(start, end), at);
    counts.set(profiles.counts.subarray(start, end), at);
    ratings?.set((profiles.ratings as Float32Array).subarray(start, end), at);
    times.set(profiles.times.subarray(start, end), at);
    at += end - start;
    rowStart[row + 1] = at;
  });
  return { nUsers: keep.length, nItems: profiles.nItems, rowStart, itemIndex, counts, ratings, times };
}
