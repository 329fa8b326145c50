import type { Contribution, Algorithm, Scorer } from '../recommender.js';
import type { InteractionMatrix, ItemHistory } from '../interaction-matrix.js';
import { solveEaseInWorker } from './ease-fit.js';
import { type EaseParams, easeParamsSchema } from './ease-params.js';

/**
 * EASE: a viewer's score for item i is the sum of B[j][i] over the items j in their history (binary:
 * history weights are ignored, as in training). Linear in the history, so `explain` is exact. Keeps P
 * beside B so that a viewer's rows can later be removed exactly by low-rank downdates of P.
 */
class EaseScorer implements Scorer {
  readonly algorithm = 'ease';
  private readonly sums: Float64Array;

  constructor(
    readonly nItems: number,
    private readonly b: Float32Array,
    private readonly p: Float32Array,
  ) {
    this.sums = new Float64Array(nItems);
  }

  score(history: ItemHistory, out = new Float32Array(this.nItems)): Float32Array {
    const n = this.nItems;
    const sums = this.sums.fill(0);
    for (const j of history.items) {
      if (!(j >= 0 && j < n)) throw new Error(`history item ${j} outside 0..${n - 1}`);
      const row = this.b.subarray(j * n, (j + 1) * n);
      for (let i = 0; i < n; i += 1) sums[i] = (sums[i] as number) + (row[i] as number);
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
    const square = (name: string): Float32Array => {
      const array = arrays.get(name);
      if (!(array instanceof Float32Array) || array.length !== nItems * nItems) {
        throw new Error(`ease artifact has no Float32Array '${name}' of ${nItems} x ${nItems} values`);
      }
      return array;
    };
    return new EaseScorer(nItems, square('B'), square('P'));
  },
};
