/**
 * A small, fast, seeded pseudo-random generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator) whose 128-bit state is filled by splitmix32 from an integer seed and a named stream. The
 * same seed and stream give the same sequence on every platform; the generator never reads the clock or
 * Math.random. Separate streams (`new SeededRandom(seed, 'viewers')`) keep parts of a dataset
 * independent: adding viewers does not change the catalog.
 */

const TWO_POW_32 = 4294967296;

/** The splitmix32 finalizer: a bijective mix of a 32-bit integer. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a hash of a stream name, so streams can be named rather than numbered. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = Number.NaN;

  constructor(seed: number, stream = '') {
    if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
    let state = (mix32(seed >>> 0) ^ mix32(hashName(stream) + 0x632be5ab)) | 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) | 0;
      return mix32(state);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform in (0, 1): safe to take the logarithm of. */
  open(): number {
    return (this.uint32() + 0.5) / TWO_POW_32;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.uniform();
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** An integer in [min, max], both ends included. */
  intBetween(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Normal draw (Box-Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return mean + sd * z;
    }
    const r = Math.sqrt(-2 * Math.log(this.open()));
    const theta = 2 * Math.PI * this.uniform();
    this.spareNormal = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  }

  /** exp(N(mu, sigma)): its mean is exp(mu + sigma^2 / 2). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  exponential(mean: number): number {
    return -mean * Math.log(this.open());
  }

  /** Gamma(shape, scale) by Marsaglia and Tsang; shape < 1 through the boost Gamma(shape + 1) * U^(1/shape). */
  gamma(shape: number, scale = 1): number {
    if (!(shape > 0)) throw new Error(`gamma shape must be positive, got ${shape}`);
    if (shape < 1) return this.gamma(shape + 1, scale) * this.open() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.open();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v * scale;
      }
    }
  }

  /** A point on the simplex: independent gammas, normalized. */
  dirichlet(alphas: ArrayLike<number>): Float64Array {
    const out = new Float64Array(alphas.length);
    let sum = 0;
    for (let i = 0; i < alphas.length; i++) {
      const g = this.gamma(alphas[i] ?? 1);
      out[i] = g;
      sum += g;
    }
    if (sum === 0) out.fill(1 / alphas.length);
    else for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
    return out;
  }

  pick<T>(values: readonly T[]): T {
    if (values.length === 0) throw new Error('cannot pick from an empty list');
    return values[this.below(values.length)] as T;
  }

  /** Shuffles in place (Fisher-Yates) and returns the same array. */
  shuffle<A extends { length: number; [index: number]: unknown }>(values: A): A {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const tmp = values[i] as A[number];
      values[i] = values[j] as A[number];
      values[j] = tmp;
    }
    return values;
  }

  /** An index drawn in proportion to the weights summarized by a cumulative table (see cumulativeWeights). */
  index(cdf: Float64Array): number {
    const total = cdf[cdf.length - 1] ?? 0;
    if (!(total > 0)) throw new Error('cannot draw from weights that sum to zero');
    return searchCumulative(cdf, this.uniform() * total);
  }

  /** One value of a weighted table (see weightedTable). */
  weighted<T>(table: WeightedTable<T>): T {
    return table.values[this.index(table.cdf)] as T;
  }
}

/** Running sums of non-negative weights: cdf[i] = w[0] + ... + w[i]. */
export function cumulativeWeights(weights: ArrayLike<number>): Float64Array {
  const cdf = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`weight ${i} must be finite and >= 0, got ${w}`);
    sum += w;
    cdf[i] = sum;
  }
  return cdf;
}

/**
 * The first index whose running sum exceeds target (binary search). With 0 <= target < total, an entry
 * of weight zero is never returned.
 */
export function searchCumulative(cdf: Float64Array, target: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cdf[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface WeightedTable<T> {
  readonly values: readonly T[];
  readonly cdf: Float64Array;
}

/** A table to draw from repeatedly: `rng.weighted(weightedTable([['en', 0.9], ['fr', 0.1]]))`. */
export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  return { values: entries.map(([value]) => value), cdf: cumulativeWeights(entries.map(([, w]) => w)) };
}
