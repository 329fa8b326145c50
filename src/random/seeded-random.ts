/**
 * Seeded randomness for everything but the synthetic generator (which keeps its own sfc32 streams):
 * model initialisation, evaluation splits and test data. Never reads the clock or Math.random.
 */

/** mulberry32: a small, fast uniform generator in [0, 1) for one 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The splitmix32 finalizer: a bijective mix of a 32-bit integer. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * One independent stream per (seed, stream) pair: mulberry32 seeded through splitmix32. A split draws
 * each viewer's shuffle from its own stream, so adding or removing other viewers never changes it.
 */
export function seededRandom(seed: number, stream = 0): () => number {
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  return mulberry32(mix32(mix32(seed >>> 0) ^ mix32((stream >>> 0) + 0x632be5ab)));
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
