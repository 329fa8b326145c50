import { checkForgetRows } from '../forget-rows.js';
import type { InteractionMatrix, ItemHistory } from '../interaction-matrix.js';
import type { Algorithm, Contribution, ForgetContext, Scorer, Unlearned } from '../recommender.js';
import { solveEaseInWorker } from './ease-fit.js';
import { type EaseParams, easeParamsSchema } from './ease-params.js';
import { forgetEaseViewers } from './ease-unlearn.js';

/**
 * EASE: a viewer's score for item i is the sum of B[j][i] over the items j in their history (binary:
 * history weights are ignored, as in training). Linear in the history, so `explain` is exact. Keeps P
 * beside B so that viewers can be removed exactly by rank-1 downdates of P (`forget`).
 *
 * P is Float64 from a fit. Artifacts written before that hold a Float32 P: it is widened on load, and
 * `forget` on it reports exact = false, because its rounding (about 1e-7 relative) is carried into the
 * new B and can move scores by about 1e-6.
 */
class EaseScorer implements Scorer {
  readonly algorithm = 'ease';
  private readonly sums: Float64Array;

  constructor(
    readonly nItems: number,
    private readonly b: Float32Array,
    private readonly p: Float64Array,
    private readonly pRounded = false,
  ) {
    this.sums = new Float64Array(nItems);
  }

  score(history: ItemHistory, out = new Float32Array(this.nItems)): Float32Array {
    const n = this.nItems;
    const b = this.b;
    const sums = this.sums.fill(0);
    // Unrolled by four (V8 does not unroll or vectorize): 53 -> 37 µs for 30 history items of 1,682;
    // each sum still adds the rows in history order, so the scores are bit-identical.
    const unrolled = n - (n % 4);
    for (const j of history.items) {
      if (!(j >= 0 && j < n)) throw new Error(`history item ${j} outside 0..${n - 1}`);
      const row = j * n;
      let i = 0;
      for (; i < unrolled; i += 4) {
        sums[i] = (sums[i] as number) + (b[row + i] as number);
        sums[i + 1] = (sums[i + 1] as number) + (b[row + i + 1] as number);
        sums[i + 2] = (sums[i + 2] as number) + (b[row + i + 2] as number);
        sums[i + 3] = (sums[i + 3] as number) + (b[row + i + 3] as number);
      }
      for (; i < n; i += 1) sums[i] = (sums[i] as number) + (b[row + i] as number);
    }
    for (let i = 0; i < n; i += 1) out[i] = sums[i] as number;
    return out;
  }

  /** B[j][item] for every history item j with a non-zero weight (the item itself has none). */
  explain(history: ItemHistory, item: number): Contribution[] {
    const n = this.nItems;
    if (!(item >= 0 && item < n)) throw new Error(`item ${item} outside 0..${n - 1}`);
    const contributions: Contribution[] = [];
    for (const j of history.items) {
      if (!(j >= 0 && j < n)) throw new Error(`history item ${j} outside 0..${n - 1}`);
      const weight = this.b[j * n + item] as number;
      if (weight !== 0) contributions.push({ item: j, weight });
    }
    return contributions;
  }

  weights() {
    return { B: this.b, P: this.p };
  }

  async forget(rows: readonly ItemHistory[], context: ForgetContext = {}): Promise<Unlearned> {
    checkForgetRows(rows, this.nItems, this.algorithm);
    const { b, p } = forgetEaseViewers(this.p, this.nItems, rows, context.signal);
    return {
      scorer: new EaseScorer(this.nItems, b, p, this.pRounded),
      exact: !this.pRounded,
      method:
        `sherman-morrison downdate of P for ${rows.length} viewer(s), then B from P` +
        (this.pRounded ? ' (P from an older artifact stored in float32)' : ''),
    };
  }
}

export const easeAlgorithm: Algorithm<typeof easeParamsSchema> = {
  name: 'ease',
  description:
    'EASE (Steck 2019): a dense item-item linear model in closed form; catalogs up to 10,000 items ' +
    '(use ials above)',
  paramsSchema: easeParamsSchema,
  async fit(matrix: InteractionMatrix, params: EaseParams, context) {
    const { b, p } = await solveEaseInWorker(matrix, params.lambda, context);
    return new EaseScorer(matrix.nItems, b, p);
  },
  load(arrays, _params, nItems) {
    const b = arrays.get('B');
    const p = arrays.get('P');
    const size = nItems * nItems;
    if (!(b instanceof Float32Array) || b.length !== size) {
      throw new Error(`ease artifact has no Float32Array 'B' of ${nItems} x ${nItems} values`);
    }
    if (!(p instanceof Float64Array || p instanceof Float32Array) || p.length !== size) {
      throw new Error(
        `ease artifact has no Float64Array (or older Float32Array) 'P' of ${nItems} x ${nItems} values`,
      );
    }
    return p instanceof Float64Array
      ? new EaseScorer(nItems, b, p)
      : new EaseScorer(nItems, b, Float64Array.from(p), true);
  },
};
