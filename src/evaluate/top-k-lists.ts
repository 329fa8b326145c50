/**
 * The top-k lists of many users in one flat array: list i belongs to users[i] and is
 * items[i * k .. i * k + lengths[i]), best first. Slots past a list's length hold -1.
 */
export interface TopKLists {
  readonly k: number;
  readonly nItems: number;
  readonly users: Int32Array;
  readonly items: Int32Array;
  readonly lengths: Int32Array;
}

/** List i as a view (no copy). */
export function listAt(lists: TopKLists, i: number): Int32Array {
  const start = i * lists.k;
  return lists.items.subarray(start, start + (lists.lengths[i] as number));
}

/** Builds lists from plain arrays (each cut to k), mainly for tests and callers with their own rankings. */
export function topKListsOf(
  nItems: number,
  k: number,
  lists: readonly ArrayLike<number>[],
  users?: ArrayLike<number>,
): TopKLists {
  const items = new Int32Array(lists.length * k).fill(-1);
  const lengths = new Int32Array(lists.length);
  lists.forEach((list, i) => {
    const length = Math.min(k, list.length);
    for (let r = 0; r < length; r += 1) {
      const item = list[r] as number;
      if (!(Number.isInteger(item) && item >= 0 && item < nItems)) {
        throw new Error(`item ${item} in list ${i} outside 0..${nItems - 1}`);
      }
      items[i * k + r] = item;
    }
    lengths[i] = length;
  });
  const owners = users ? Int32Array.from(users) : Int32Array.from(lists, (_, i) => i);
  if (owners.length !== lists.length) throw new Error(`${owners.length} users for ${lists.length} lists`);
  return { k, nItems, users: owners, items, lengths };
}
