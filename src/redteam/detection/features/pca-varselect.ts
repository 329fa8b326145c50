import { seededRandom } from '../../../random/seeded-random.js';
import type { ProfileMatrix } from '../../profiles/profile-matrix.js';
import type { ProfileFeature } from './profile-feature.js';

export interface PcaVarSelectOptions {
  /** Principal components whose loadings are summed (Mehta & Nejdl use 3). */
  components?: number;
  /** Subspace iterations; the leading components of rating data separate quickly. */
  iterations?: number;
  seed?: number;
  /**
   * What each profile row holds: `presence` (its items, the row scaled to unit length; works on implicit
   * data) or `zscores` (its ratings z-scored within the profile, Mehta & Nejdl's choice). On ML-100K
   * presence separates better: z-scored rows of segment-attack profiles (selected items at the top,
   * filler at the bottom) correlate with each other so strongly that they form a leading component.
   */
  values?: 'presence' | 'zscores';
}

/**
 * Each profile's entries normalized for PCA-VarSelect: ratings z-scored within the profile (a profile
 * with one distinct rating gets zeros), or, for presence and for implicit data, the row scaled to unit
 * length. Missing entries are zero (for z-scores: the profile's own mean).
 */
export function normalizedEntries(
  profiles: ProfileMatrix,
  values: 'presence' | 'zscores' = 'presence',
): Float64Array {
  const { nUsers, rowStart, ratings } = profiles;
  const z = new Float64Array(profiles.itemIndex.length);
  for (let u = 0; u < nUsers; u += 1) {
    const start = rowStart[u] as number;
    const end = rowStart[u + 1] as number;
    const n = end - start;
    if (n === 0) continue;
    if (!ratings || values === 'presence') {
      z.fill(1 / Math.sqrt(n), start, end);
      continue;
    }
    let sum = 0;
    let squares = 0;
    for (let e = start; e < end; e += 1) {
      const r = ratings[e] as number;
      sum += r;
      squares += r * r;
    }
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(0, squares / n - mean * mean));
    for (let e = start; e < end; e += 1) z[e] = sd > 0 ? ((ratings[e] as number) - mean) / sd : 0;
  }
  return z;
}

/**
 * PCA-VarSelect (Mehta & Nejdl 2009, "Unsupervised strategies for shilling detection and robust
 * collaborative filtering"): with profiles as the variables and items as the observations, the leading
 * principal components of the normalized data are the directions genuine viewers share. Profiles built
 * from a template and random filler correlate with each other but hardly with those directions, so their
 * loadings on the leading components are the smallest. The feature is minus the log of the summed
 * squared loadings, relative to their average (higher is more suspicious). The loadings are the leading left singular vectors of the normalized
 * matrix, found by subspace iteration with sparse products, never a profiles x profiles covariance.
 */
export function pcaVarSelect(
  profiles: ProfileMatrix,
  { components = 3, iterations = 40, seed = 7, values = 'presence' }: PcaVarSelectOptions = {},
): Float64Array {
  const { nUsers, nItems, rowStart, itemIndex } = profiles;
  const c = Math.max(1, Math.min(components, nUsers, nItems));
  const z = normalizedEntries(profiles, values);
  const random = seededRandom(seed);
  // Q: nUsers x c and Zᵀ Q: nItems x c, both row-major so that one entry's c products sit together.
  let q = Float64Array.from({ length: nUsers * c }, () => random() - 0.5);
  orthonormalize(q, nUsers, c);
  const itemSide = new Float64Array(nItems * c);
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    // itemSide = Zᵀ Q, then next Q = Z itemSide: one multiplication by Z Zᵀ.
    itemSide.fill(0);
    for (let u = 0; u < nUsers; u += 1) {
      for (let e = rowStart[u] as number; e < (rowStart[u + 1] as number); e += 1) {
        const at = (itemIndex[e] as number) * c;
        const value = z[e] as number;
        for (let k = 0; k < c; k += 1)
          itemSide[at + k] = (itemSide[at + k] as number) + value * (q[u * c + k] as number);
      }
    }
    const next = new Float64Array(nUsers * c);
    for (let u = 0; u < nUsers; u += 1) {
      for (let e = rowStart[u] as number; e < (rowStart[u + 1] as number); e += 1) {
        const at = (itemIndex[e] as number) * c;
        const value = z[e] as number;
        for (let k = 0; k < c; k += 1)
          next[u * c + k] = (next[u * c + k] as number) + value * (itemSide[at + k] as number);
      }
    }
    orthonormalize(next, nUsers, c);
    q = next;
  }
  const out = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u += 1) {
    let sum = 0;
    for (let k = 0; k < c; k += 1) sum += (q[u * c + k] as number) ** 2;
    // Squared loadings average c / nUsers and are heavily skewed; on a log scale the near-zero loadings
    // of template profiles stand apart from the merely small ones of viewers with unusual taste.
    out[u] = -Math.log((sum * nUsers) / c + 1e-9);
  }
  return out;
}

/** Modified Gram-Schmidt on the c columns of a row-major n x c matrix, in place. */
function orthonormalize(q: Float64Array, n: number, c: number): void {
  for (let k = 0; k < c; k += 1) {
    for (let j = 0; j < k; j += 1) {
      let dot = 0;
      for (let u = 0; u < n; u += 1) dot += (q[u * c + k] as number) * (q[u * c + j] as number);
      for (let u = 0; u < n; u += 1) q[u * c + k] = (q[u * c + k] as number) - dot * (q[u * c + j] as number);
    }
    let norm = 0;
    for (let u = 0; u < n; u += 1) norm += (q[u * c + k] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let u = 0; u < n; u += 1) q[u * c + k] = (q[u * c + k] as number) / norm;
  }
}

export const pcaVarSelectFeature = (options: PcaVarSelectOptions = {}): ProfileFeature => ({
  name: 'pca',
  description: 'minus the squared loadings on the leading principal components (Mehta & Nejdl 2009)',
  compute: ({ profiles }) => pcaVarSelect(profiles, options),
});
