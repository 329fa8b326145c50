/**
 * The seeded randomness splits draw from: mulberry32 seeded through the splitmix32 finalizer, one
 * independent stream per (seed, stream) pair. A user's shuffle depends only on the seed and that user,
 * so adding or removing other users never changes it. Never reads the clock or Math.random.
 */

/** The splitmix32 finalizer: a bijective mix of a 32-bit integer. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A uniform generator in [0, 1) for one stream of a seed. */
export function seededRandom(seed: number, stream = 0): () => number {
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  let state = mix32(mix32(seed >>> 0) ^ mix32((stream >>> 0) + 0x632be5ab));
  return function random(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of values[start .. end) in place. */
export function shuffleRange(values: Int32Array, start: number, end: number, random: () => number): void {
  for (let i = end - 1; i > start; i -= 1) {
    const j = start + Math.floor(random() * (i - start + 1));
    const tmp = values[i] as number;
    values[i] = values[j] as number;
    values[j] = tmp;
  }
}
