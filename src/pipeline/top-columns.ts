/** The kept entries' positions are packed below their score in a 53-bit key: at most this many (2M). */
const PACKED_POSITIONS = 2 ** 21;

const floatView = new Float32Array(1);
const bitsView = new Uint32Array(floatView.buffer);
// Scratch, grown on demand: the function is synchronous, so one set of buffers serves every call.
let values = new Float64Array(0);
let keys = new Float64Array(0);
let columns = new Int32Array(0);

/**
 * Writes the columns of the k highest scores into `work[0 .. count)`, best first, and returns count
 * (fewer than k only when fewer scores are not NaN). Equal scores go to the lower column first, as in
 * evaluate/top-k.ts, so results are deterministic. O(n + k log k) whatever k is (an insertion buffer
 * costs O(n k) at worst, too much for candidate pools of hundreds). `work` must hold at least
 * scores.length entries.
 *
 * Everything compares plain numbers, never (score, column) pairs through a callback: quickselect finds
 * the k-th highest score, one scan in column order keeps the scores above it and as many equal to it as
 * are needed (the lowest columns), and the kept are sorted by the engine's numeric typed-array sort on
 * keys packing each score (its bits mapped to an unsigned integer of the same order) above its kept
 * position reversed. Measured 41 -> 17 µs for the top 200 of 1,682 against the callback version.
 */
export function topColumns(scores: Float32Array, k: number, work: Int32Array): number {
  const n = scores.length;
  if (work.length < n) throw new Error(`work has room for ${work.length} columns, scores has ${n}`);
  if (values.length < n) values = new Float64Array(n);
  let count = 0;
  for (let column = 0; column < n; column += 1) {
    const score = scores[column] as number;
    if (score === score) values[count++] = score; // NaN is never selected
  }
  const kept = Math.min(k, count);
  if (kept <= 0) return 0;
  if (kept > PACKED_POSITIONS)
    throw new Error(`at most ${PACKED_POSITIONS} columns can be kept, asked ${kept}`);
  if (kept < count) {
    const threshold = kthLargest(values, count, kept);
    let above = 0;
    for (let column = 0; column < n; column += 1) if ((scores[column] as number) > threshold) above += 1;
    let ties = kept - above;
    let at = 0;
    for (let column = 0; column < n; column += 1) {
      const score = scores[column] as number;
      if (score > threshold || (score === threshold && ties-- > 0)) work[at++] = column;
    }
  } else {
    let at = 0;
    for (let column = 0; column < n; column += 1) if (scores[column] === scores[column]) work[at++] = column;
  }
  sortKept(scores, work, kept);
  return kept;
}

/** The kth largest of values[0 .. count) (quickselect; reorders them). */
function kthLargest(values: Float64Array, count: number, k: number): number {
  let low = 0;
  let high = count - 1;
  const target = k - 1;
  while (low < high) {
    const a = values[low] as number;
    const b = values[(low + high) >> 1] as number;
    const c = values[high] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) > pivot) i += 1;
      while ((values[j] as number) < pivot) j -= 1;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else return values[target] as number;
  }
  return values[target] as number;
}

/** Sorts work[0 .. kept) (ascending columns) by score, highest first, equal scores keeping their order. */
function sortKept(scores: Float32Array, work: Int32Array, kept: number): void {
  if (keys.length < kept) {
    keys = new Float64Array(kept);
    columns = new Int32Array(kept);
  }
  for (let position = 0; position < kept; position += 1) {
    floatView[0] = (scores[work[position] as number] as number) + 0; // -0 orders with +0
    const bits = bitsView[0] as number;
    // Negative floats order in reverse of their bits; flipping them, and setting the sign bit of the
    // rest, gives unsigned integers in the floats' order.
    const ordered = bits >= 0x80000000 ? 0xffffffff - bits : bits + 0x80000000;
    keys[position] = ordered * PACKED_POSITIONS + (PACKED_POSITIONS - 1 - position);
  }
  const sorted = keys.subarray(0, kept).sort();
  // Columns by position, copied before work is overwritten: positions are a permutation.
  columns.set(work.subarray(0, kept));
  for (let rank = 0; rank < kept; rank += 1) {
    const position = PACKED_POSITIONS - 1 - ((sorted[kept - 1 - rank] as number) % PACKED_POSITIONS);
    work[rank] = columns[position] as number;
  }
}
