/**
 * Writes the indices of the k highest scores into `out` (best first) and returns how many were written
 * (fewer than k only when fewer items are eligible). Items listed in `exclude` (ascending, as history
 * items are) and items scored NaN are never selected; equal scores go to the lower item index first, so
 * the result is deterministic. One pass with a sorted buffer of k: O(nItems * k) at worst, no allocation.
 */
export function selectTopK(
  scores: Float32Array,
  k: number,
  exclude: ArrayLike<number>,
  out: Int32Array,
  outOffset = 0,
): number {
  if (!(Number.isInteger(k) && k >= 0)) throw new Error(`k must be a non-negative integer, got ${k}`);
  if (out.length - outOffset < k)
    throw new Error(`out has room for ${out.length - outOffset} items, k is ${k}`);
  let count = 0;
  let worst = Number.NEGATIVE_INFINITY;
  let next = 0;
  let skip = exclude.length > 0 ? (exclude[0] as number) : -1;
  for (let item = 0; item < scores.length; item += 1) {
    if (item === skip) {
      next += 1;
      if (next < exclude.length) {
        const following = exclude[next] as number;
        if (!(following > skip))
          throw new Error(`exclude must be ascending and distinct, got ${skip} then ${following}`);
        skip = following;
      }
      continue;
    }
    const score = scores[item] as number;
    if (score !== score) continue; // NaN
    if (count === k) {
      // Full: an equal score loses to the earlier, lower index already kept.
      if (!(score > worst)) continue;
      count -= 1;
    }
    let at = outOffset + count;
    while (at > outOffset && (scores[out[at - 1] as number] as number) < score) {
      out[at] = out[at - 1] as number;
      at -= 1;
    }
    out[at] = item;
    count += 1;
    worst = scores[out[outOffset + count - 1] as number] as number;
  }
  return count;
}

/** The top k item indices, best first, as a new array (see selectTopK). */
export function topK(scores: Float32Array, k: number, exclude: ArrayLike<number> = []): Int32Array {
  if (!(Number.isInteger(k) && k >= 0)) throw new Error(`k must be a non-negative integer, got ${k}`);
  const out = new Int32Array(Math.min(k, scores.length));
  const count = selectTopK(scores, Math.min(k, scores.length), exclude, out);
  return out.slice(0, count);
}
