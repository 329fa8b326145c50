import type { ItemRaters } from '../../profiles/item-raters.js';
import type { ProfileMatrix } from '../../profiles/profile-matrix.js';
import type { ProfileFeature } from './profile-feature.js';

export interface DegSimOptions {
  /** Neighbours averaged (Chirita et al. use k around 25). */
  k?: number;
  /**
   * Co-rated items below which a Pearson correlation is shrunk proportionally (Herlocker et al. 1999
   * significance weighting): correlations over a handful of shared items are noise.
   */
  significance?: number;
  /**
   * `cosine` of the binary rows (also what implicit data gets) or `pearson` over co-rated items, Chirita
   * et al.'s choice. On ML-100K cosine separates far better: fakes share only the target and a few random
   * filler items with anyone, while Pearson over those few co-rated items is mostly noise.
   */
  similarity?: 'cosine' | 'pearson';
}

/**
 * Degree of Similarity with top neighbours (Chirita et al. 2005): the mean similarity of a profile with
 * its k most similar profiles. Fake profiles are built from one template and sit close to each other.
 * The similarity is Pearson correlation over co-rated items (each profile centred on its
 * own mean) with significance weighting, or the cosine of the binary rows. Work is the sum over
 * items of their viewer count squared, done a block of profiles at a time so memory stays linear.
 */
export function degSim(
  profiles: ProfileMatrix,
  raters: ItemRaters,
  { k = 25, significance = 50, similarity = 'cosine' }: DegSimOptions = {},
): Float64Array {
  const { nUsers, rowStart, itemIndex } = profiles;
  const ratings = similarity === 'pearson' ? profiles.ratings : null;
  // Deviation of each rating from its profile's mean (1 everywhere for implicit data).
  const deviation = new Float64Array(itemIndex.length).fill(1);
  if (ratings) {
    for (let u = 0; u < nUsers; u += 1) {
      const start = rowStart[u] as number;
      const end = rowStart[u + 1] as number;
      let sum = 0;
      for (let e = start; e < end; e += 1) sum += ratings[e] as number;
      const mean = end > start ? sum / (end - start) : 0;
      for (let e = start; e < end; e += 1) deviation[e] = (ratings[e] as number) - mean;
    }
  }
  const cross = new Float64Array(ratings ? nUsers : 0);
  const selfSquares = new Float64Array(ratings ? nUsers : 0);
  const otherSquares = new Float64Array(ratings ? nUsers : 0);
  const shared = new Int32Array(nUsers);
  const touched = new Int32Array(nUsers);
  const top = new Float64Array(k);
  const out = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u += 1) {
    let nTouched = 0;
    for (let e = rowStart[u] as number; e < (rowStart[u + 1] as number); e += 1) {
      const i = itemIndex[e] as number;
      const end = raters.colStart[i + 1] as number;
      if (!ratings) {
        // Cosine needs only the overlap counts: the hot loop of the whole detector, kept minimal.
        for (let c = raters.colStart[i] as number; c < end; c += 1) {
          const v = raters.users[c] as number;
          if (shared[v] === 0) touched[nTouched++] = v;
          shared[v] = (shared[v] as number) + 1;
        }
        continue;
      }
      const du = deviation[e] as number;
      for (let c = raters.colStart[i] as number; c < end; c += 1) {
        const v = raters.users[c] as number;
        const dv = deviation[raters.entry[c] as number] as number;
        if (shared[v] === 0) touched[nTouched++] = v;
        shared[v] = (shared[v] as number) + 1;
        cross[v] = (cross[v] as number) + du * dv;
        selfSquares[v] = (selfSquares[v] as number) + du * du;
        otherSquares[v] = (otherSquares[v] as number) + dv * dv;
      }
    }
    top.fill(Number.NEGATIVE_INFINITY);
    const length = (rowStart[u + 1] as number) - (rowStart[u] as number);
    for (let t = 0; t < nTouched; t += 1) {
      const v = touched[t] as number;
      const overlap = shared[v] as number;
      shared[v] = 0;
      let similarity: number;
      if (ratings) {
        const denominator = Math.sqrt((selfSquares[v] as number) * (otherSquares[v] as number));
        similarity = denominator > 0 ? (cross[v] as number) / denominator : 0;
        similarity *= Math.min(1, overlap / significance);
        cross[v] = 0;
        selfSquares[v] = 0;
        otherSquares[v] = 0;
      } else {
        const lengthV = (rowStart[v + 1] as number) - (rowStart[v] as number);
        similarity = overlap / Math.sqrt(length * lengthV);
      }
      // The profile met itself on every item; it is no neighbour of its own.
      if (v !== u) insertTop(top, similarity);
    }
    // Profiles with fewer than k neighbours count the missing ones as similarity 0.
    let sum = 0;
    for (const s of top) if (s > Number.NEGATIVE_INFINITY) sum += s;
    out[u] = sum / k;
  }
  return out;
}

/** Keeps `top` sorted descending with the largest values seen. */
function insertTop(top: Float64Array, value: number): void {
  const last = top.length - 1;
  if (last < 0 || !(value > (top[last] as number))) return;
  let at = last;
  while (at > 0 && (top[at - 1] as number) < value) {
    top[at] = top[at - 1] as number;
    at -= 1;
  }
  top[at] = value;
}

export const degSimFeature = (options: DegSimOptions = {}): ProfileFeature => ({
  name: 'degsim',
  description: 'mean similarity with the k most similar profiles (Chirita et al. 2005)',
  compute: ({ profiles, raters }) => degSim(profiles, raters, options),
});
