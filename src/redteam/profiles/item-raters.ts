import type { ProfileMatrix } from './profile-matrix.js';

/**
 * The profile matrix by columns: item i's profiles are `users[colStart[i] .. colStart[i + 1])`,
 * ascending, with `entry` the position of that (profile, item) pair in the row-wise arrays.
 */
export interface ItemRaters {
  readonly colStart: Int32Array;
  readonly users: Int32Array;
  readonly entry: Int32Array;
}

export function itemRaters(profiles: ProfileMatrix): ItemRaters {
  const { nUsers, nItems, rowStart, itemIndex } = profiles;
  const colStart = new Int32Array(nItems + 1);
  for (const i of itemIndex) colStart[i + 1] = (colStart[i + 1] as number) + 1;
  for (let i = 0; i < nItems; i += 1) colStart[i + 1] = (colStart[i + 1] as number) + (colStart[i] as number);
  const next = colStart.slice(0, nItems);
  const users = new Int32Array(itemIndex.length);
  const entry = new Int32Array(itemIndex.length);
  for (let u = 0; u < nUsers; u += 1) {
    for (let e = rowStart[u] as number; e < (rowStart[u + 1] as number); e += 1) {
      const i = itemIndex[e] as number;
      const at = next[i] as number;
      users[at] = u;
      entry[at] = e;
      next[i] = at + 1;
    }
  }
  return { colStart, users, entry };
}
