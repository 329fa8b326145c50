import { z } from 'zod';
import { checkForgetRows } from '../forget-rows.js';
import type { InteractionMatrix, ItemHistory } from '../interaction-matrix.js';
import type { Algorithm, ForgetContext, Scorer, Unlearned } from '../recommender.js';

export const popularityParamsSchema = z.strictObject({
  count: z
    .enum(['viewers', 'events'])
    .default('viewers')
    .describe('what makes an item popular: distinct viewers who interacted with it, or all their events'),
});
export type PopularityParams = z.infer<typeof popularityParamsSchema>;

/**
 * Most-popular: the same scores for everyone. It uses no one's profile, which is why it is also the
 * non-profiling feed and the fallback for viewers without history.
 */
class PopularityScorer implements Scorer {
  readonly algorithm = 'popularity';
  readonly nItems: number;

  constructor(
    private readonly popularity: Float32Array,
    private readonly count: PopularityParams['count'],
  ) {
    this.nItems = popularity.length;
  }

  score(_history: ItemHistory, out = new Float32Array(this.nItems)): Float32Array {
    out.set(this.popularity);
    return out;
  }

  weights() {
    return { popularity: this.popularity };
  }

  /**
   * Subtracts what the viewers added: 1 per item, or their event counts. Exact while the totals are
   * whole numbers below 2^24 (event counts are), where Float32 sums do not depend on their order.
   */
  async forget(rows: readonly ItemHistory[], context: ForgetContext = {}): Promise<Unlearned> {
    checkForgetRows(rows, this.nItems, this.algorithm);
    const popularity = this.popularity.slice();
    for (const { items, weights } of rows) {
      context.signal?.throwIfAborted();
      items.forEach((item, at) => {
        const added = this.count === 'viewers' || !weights ? 1 : (weights[at] as number);
        popularity[item] = (popularity[item] as number) - added;
      });
    }
    return {
      scorer: new PopularityScorer(popularity, this.count),
      exact: true,
      method: `subtracted ${rows.length} viewer(s)' ${this.count === 'viewers' ? 'items' : 'events'} from the counts`,
    };
  }
}

export const popularityAlgorithm: Algorithm<typeof popularityParamsSchema> = {
  name: 'popularity',
  description: 'most popular items, the same for every viewer (non-profiling)',
  paramsSchema: popularityParamsSchema,
  async fit(matrix: InteractionMatrix, params: PopularityParams) {
    const popularity = new Float32Array(matrix.nItems);
    for (let at = 0; at < matrix.itemIndex.length; at += 1) {
      const item = matrix.itemIndex[at] as number;
      popularity[item] =
        (popularity[item] as number) + (params.count === 'viewers' ? 1 : (matrix.values[at] as number));
    }
    return new PopularityScorer(popularity, params.count);
  },
  load(arrays, params) {
    const popularity = arrays.get('popularity');
    if (!(popularity instanceof Float32Array))
      throw new Error("popularity artifact has no Float32Array 'popularity'");
    return new PopularityScorer(popularity, params.count);
  },
};
