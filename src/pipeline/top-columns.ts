/**
 * Writes the columns of the k highest scores into `work[0 .. count)`, best first, and returns count
 * (fewer than k only when fewer scores are not NaN). Equal scores go to the lower column first, as in
 * evaluate/top-k.ts, so results are deterministic. Quickselect then a sort of the k kept: O(n + k log k)
 * whatever k is (an insertion buffer costs O(n k) at worst, too much for candidate pools of hundreds).
 * `work` must hold at least scores.length entries; nothing is allocated.
 */
export function topColumns(scores: Float32Array, k: number, work: Int32Array): number {
  if (work.length < scores.length)
    throw new Error(`work has room for ${work.length} columns, scores has ${scores.length}`);
  let count = 0;
  for (let column = 0; column < scores.length; column += 1) {
    const score = scores[column] as number;
    if (score === score) work[count++] = column; // skips NaN
  }
  const kept = Math.min(k, count);
  if (kept <= 0) return 0;
  const before = (a: number, b: number): boolean => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa > sb || (sa === sb && a < b);
  };
  if (kept < count) {
    // Quickselect: afterwards work[0 .. kept) holds the kept best columns, in some order.
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const pivot = medianOfThree(work, low, (low + high) >> 1, high, before);
      let i = low;
      let j = high;
      while (i <= j) {
        while (before(work[i] as number, pivot)) i += 1;
        while (before(pivot, work[j] as number)) j -= 1;
        if (i <= j) {
          const swap = work[i] as number;
          work[i] = work[j] as number;
          work[j] = swap;
          i += 1;
          j -= 1;
        }
      }
      if (kept - 1 <= j) high = j;
      else if (kept - 1 >= i) low = i;
      else break;
    }
  }
  work.subarray(0, kept).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  return kept;
}

function medianOfThree(
  work: Int32Array,
  a: number,
  b: number,
  c: number,
  before: (x: number, y: number) => boolean,
): number {
  const x = work[a] as number;
  const y = work[b] as number;
  const z = work[c] as number;
  if (before(x, y)) return before(y, z) ? y : before(x, z) ? z : x;
  return before(x, z) ? x : before(y, z) ? z : y;
}
