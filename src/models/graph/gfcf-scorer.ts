import type { InteractionMatrix, ItemHistory } from '../interaction-matrix.js';
import type { Algorithm, Contribution, FitContext, Scorer, WeightArrays } from '../recommender.js';
import { type GfcfParams, gfcfParamsSchema } from './gfcf-params.js';
import { lowPassBasis } from './low-pass-basis.js';
import { normalizedInteractions, normalizedItemGram } from './normalized-interactions.js';

/** The arrays of a fitted GF-CF model, as its artifact stores them. */
interface GfcfWeights {
  /** 1 / sqrt(|viewers of i|), 0 for items nobody has watched (D_i^-1/2). */
  readonly itemScale: Float32Array;
  /** nItems x k, row-major: the top k right singular vectors of R̃ (empty without the ideal filter). */
  readonly basis: Float32Array;
  /** nItems x nItems, row-major: R̃ᵀR̃ (absent without the linear filter). */
  readonly linear?: Float32Array;
}

/**
 * GF-CF (Shen et al., CIKM 2021, "How Powerful is Graph Convolution for Recommendation?"): with
 * R̃ = D_u^-1/2 R D_i^-1/2 and V_K its top K right singular vectors, a binary history x scores
 *
 *   s = linearWeight · x R̃ᵀR̃ + idealWeight · x D_i^-1/2 V_K V_Kᵀ D_i^1/2,
 *
 * a linear low-pass graph filter plus an ideal one. Linear in the history (weights ignored, as in
 * training), so `explain` is exact: history item j adds linearWeight (R̃ᵀR̃)[j][i] + idealWeight
 * d_j^-1/2 (V_j · V_i) d_i^1/2 to item i. Items nobody watched in training score 0.
 */
class GfcfScorer implements Scorer {
  readonly algorithm = 'gfcf';
  readonly k: number;
  private readonly sums: Float64Array;
  private readonly projection: Float64Array;

  constructor(
    readonly nItems: number,
    private readonly params: GfcfParams,
    private readonly arrays: GfcfWeights,
  ) {
    this.k = arrays.basis.length / nItems;
    this.sums = new Float64Array(nItems);
    this.projection = new Float64Array(this.k);
  }

  score(history: ItemHistory, out = new Float32Array(this.nItems)): Float32Array {
    const n = this.nItems;
    const k = this.k;
    const { itemScale, basis, linear } = this.arrays;
    const sums = this.sums.fill(0);
    for (const j of history.items) this.check(j);
    if (linear) {
      const w = this.params.linearWeight;
      for (const j of history.items) {
        const row = linear.subarray(j * n, (j + 1) * n);
        for (let i = 0; i < n; i += 1) sums[i] = (sums[i] as number) + w * (row[i] as number);
      }
    }
    if (k > 0) {
      // t = x D^-1/2 V (k numbers), then s_i += idealWeight (V_i · t) d_i^1/2.
      const t = this.projection.fill(0);
      for (const j of history.items) {
        const scale = itemScale[j] as number;
        for (let c = 0; c < k; c += 1) t[c] = (t[c] as number) + scale * (basis[j * k + c] as number);
      }
      const w = this.params.idealWeight;
      for (let i = 0; i < n; i += 1) {
        const scale = itemScale[i] as number;
        if (scale === 0) continue;
        let s = 0;
        for (let c = 0; c < k; c += 1) s += (basis[i * k + c] as number) * (t[c] as number);
        sums[i] = (sums[i] as number) + (w * s) / scale;
      }
    }
    for (let i = 0; i < n; i += 1) out[i] = sums[i] as number;
    return out;
  }

  /** Each history item's part of the item's score (both filters); zero parts are left out. */
  explain(history: ItemHistory, item: number): Contribution[] {
    this.check(item);
    const n = this.nItems;
    const k = this.k;
    const { itemScale, basis, linear } = this.arrays;
    const itemRoot = (itemScale[item] as number) > 0 ? 1 / (itemScale[item] as number) : 0;
    const contributions: Contribution[] = [];
    for (const j of history.items) {
      this.check(j);
      let weight = linear ? this.params.linearWeight * (linear[j * n + item] as number) : 0;
      if (k > 0 && itemRoot > 0) {
        let s = 0;
        for (let c = 0; c < k; c += 1) s += (basis[j * k + c] as number) * (basis[item * k + c] as number);
        weight += this.params.idealWeight * (itemScale[j] as number) * s * itemRoot;
      }
      if (weight !== 0) contributions.push({ item: j, weight });
    }
    return contributions;
  }

  weights(): WeightArrays {
    const { itemScale, basis, linear } = this.arrays;
    return linear ? { itemScale, basis, linear } : { itemScale, basis };
  }

  private check(item: number): void {
    if (!(Number.isInteger(item) && item >= 0 && item < this.nItems)) {
      throw new Error(`item ${item} outside 0..${this.nItems - 1}`);
    }
  }
}

async function fitGfcf(matrix: InteractionMatrix, params: GfcfParams, context: FitContext) {
  if (context.signal?.aborted) throw context.signal.reason;
  const r = normalizedInteractions(matrix);
  context.progress?.(0, 'linear');
  const linear = params.linearWeight > 0 ? Float32Array.from(normalizedItemGram(r)) : undefined;
  let basis = new Float32Array(0);
  if (params.idealWeight > 0) {
    const found = await lowPassBasis(r, params.factors, params.iterations, {
      progress: (fraction, phase) => context.progress?.(0.1 + 0.9 * fraction, phase),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    basis = Float32Array.from(found.basis);
  }
  context.progress?.(1, 'basis');
  const itemScale = Float32Array.from(r.itemScale);
  return new GfcfScorer(matrix.nItems, params, linear ? { itemScale, basis, linear } : { itemScale, basis });
}

export const gfcfAlgorithm: Algorithm<typeof gfcfParamsSchema> = {
  name: 'gfcf',
  description:
    'GF-CF (Shen et al. 2021): a linear plus an ideal low-pass graph filter on the normalized ' +
    'interaction matrix; training-free apart from a truncated SVD, and explained exactly',
  paramsSchema: gfcfParamsSchema,
  fit: (matrix, params, context = {}) => fitGfcf(matrix, params, context),
  load(arrays, params, nItems) {
    const float32 = (name: string, length: number): Float32Array => {
      const array = arrays.get(name);
      if (!(array instanceof Float32Array) || array.length !== length) {
        throw new Error(`gfcf artifact has no Float32Array '${name}' of ${length} values`);
      }
      return array;
    };
    const k = params.idealWeight > 0 ? Math.min(params.factors, nItems) : 0;
    const itemScale = float32('itemScale', nItems);
    const basis = float32('basis', nItems * k);
    if (params.linearWeight === 0) return new GfcfScorer(nItems, params, { itemScale, basis });
    return new GfcfScorer(nItems, params, { itemScale, basis, linear: float32('linear', nItems * nItems) });
  },
};
