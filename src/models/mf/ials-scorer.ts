import type { InteractionMatrix, ItemHistory } from '../interaction-matrix.js';
import { checkForgetRows } from '../forget-rows.js';
import type {
  Algorithm,
  Contribution,
  FitContext,
  ForgetContext,
  Scorer,
  Unlearned,
  WeightArrays,
} from '../recommender.js';
import { choleskyInPlace, choleskySolve, gramOf, matrixVector } from './dense-linear-algebra.js';
import { confidenceOf, type IalsParams, ialsParamsSchema } from './ials-params.js';
import { trainIals } from './ials-trainer.js';
import { refreshItemFactors } from './ials-unlearn.js';

/** A history's fold-in system A = YᵀC_uY + λI (as its Cholesky factor) and b = YᵀC_u p_u. */
interface FoldIn {
  readonly factor: Float64Array;
  readonly b: Float64Array;
  /** c_uj p_uj per history item (0 for items without a preference). */
  readonly weights: Float64Array;
}

/**
 * A fitted implicit-ALS model. It keeps only the item factors Y: any history, seen in training or not,
 * is scored by solving its viewer factor exactly with Y fixed (fold-in),
 *
 *   x_u = (YᵀY + Yᵀ(C_u − I)Y + λI)⁻¹ YᵀC_u p_u,   score_i = y_i · x_u,
 *
 * and explained by Hu et al.'s item-item decomposition (2008, §5).
 */
export class IalsScorer implements Scorer {
  readonly algorithm = 'ials';
  readonly factors: number;

  readonly itemGram: Float64Array;

  /**
   * `itemGram` is YᵀY when the caller has it already (training ends with it); otherwise it is computed,
   * to the same bits, from the item factors.
   */
  constructor(
    readonly itemFactors: Float32Array,
    readonly nItems: number,
    readonly params: IalsParams,
    itemGram?: Float64Array,
  ) {
    const f = params.factors;
    this.factors = f;
    if (itemFactors.length !== nItems * f) {
      throw new Error(
        `itemFactors has ${itemFactors.length} values, expected ${nItems} items x ${f} factors`,
      );
    }
    if (itemGram && itemGram.length !== f * f) {
      throw new Error(`itemGram has ${itemGram.length} values, expected ${f} x ${f}`);
    }
    this.itemGram = itemGram ?? gramOf(itemFactors, nItems, f);
  }

  /** The viewer factor x_u of a history (zeros when the history holds no preference). */
  userFactor(history: ItemHistory): Float64Array {
    const system = this.foldIn(history);
    if (!system) return new Float64Array(this.factors);
    return choleskySolve(system.factor, this.factors, system.b, new Float64Array(this.factors));
  }

  score(history: ItemHistory, out = new Float32Array(this.nItems)): Float32Array {
    if (out.length !== this.nItems)
      throw new Error(`score buffer has ${out.length} slots for ${this.nItems} items`);
    const x = this.userFactor(history);
    matrixVector(this.itemFactors, this.nItems, this.factors, x, out);
    return out;
  }

  /**
   * score(u, i) = Σ_j s_ij c_uj p_uj with s_ij = y_iᵀ W_u y_j and W_u = (YᵀC_uY + λI)⁻¹: history item j
   * contributes its confidence times its similarity to i as seen by this viewer. The contributions sum
   * to the fold-in score exactly (up to rounding); there is no bias term.
   */
  explain(history: ItemHistory, item: number): Contribution[] {
    this.checkItem(item);
    const system = this.foldIn(history);
    if (!system) return Array.from(history.items, (j) => ({ item: j, weight: 0 }));
    const f = this.factors;
    const w = new Float64Array(f);
    for (let k = 0; k < f; k += 1) w[k] = this.itemFactors[item * f + k] as number;
    choleskySolve(system.factor, f, w);
    return Array.from(history.items, (j, position) => {
      const confidence = system.weights[position] as number;
      if (confidence === 0) return { item: j, weight: 0 };
      let similarity = 0;
      for (let k = 0; k < f; k += 1) similarity += (w[k] as number) * (this.itemFactors[j * f + k] as number);
      return { item: j, weight: similarity * confidence };
    });
  }

  /** Only Y: YᵀY is rebuilt from it on load (n f² / 2 operations) rather than stored beside it. */
  weights(): WeightArrays {
    return { itemFactors: this.itemFactors };
  }

  /**
   * Not exact: no viewer factors are stored to take out, so the item factors are refreshed by one ALS
   * item half-step over `context.remaining()` (see `refreshItemFactors`), and a retrain should follow.
   */
  async forget(rows: readonly ItemHistory[], context: ForgetContext = {}): Promise<Unlearned> {
    checkForgetRows(rows, this.nItems, this.algorithm);
    if (!context.remaining) {
      throw new Error(
        'ials forget needs context.remaining (the training matrix without the forgotten viewers): ' +
          'the model keeps no viewer factors to remove',
      );
    }
    const remaining = await context.remaining();
    if (remaining.nItems !== this.nItems) {
      throw new Error(`remaining matrix has ${remaining.nItems} items, the model ${this.nItems}`);
    }
    const itemFactors = await refreshItemFactors(
      this.itemFactors,
      (history) => this.userFactor(history),
      remaining,
      this.params,
      context.signal,
    );
    return {
      scorer: new IalsScorer(itemFactors, this.nItems, this.params),
      exact: false,
      method:
        `one ALS item half-step (${this.params.cgSteps} CG steps per item) over ${remaining.nUsers} ` +
        `remaining viewers, their factors folded in from the current item factors`,
      followUp: 'full retrain recommended',
    };
  }

  private foldIn(history: ItemHistory): FoldIn | null {
    const f = this.factors;
    const y = this.itemFactors;
    const a = this.itemGram.slice();
    const b = new Float64Array(f);
    const weights = new Float64Array(history.items.length);
    let preferences = 0;
    for (let position = 0; position < history.items.length; position += 1) {
      const j = history.items[position] as number;
      this.checkItem(j);
      const value = history.weights ? (history.weights[position] as number) : 1;
      if (!(value > 0)) continue;
      const c = confidenceOf(value, this.params);
      weights[position] = c;
      preferences += 1;
      const offset = j * f;
      // Only the lower triangle: that is what the Cholesky factorisation reads.
      for (let r = 0; r < f; r += 1) {
        const yr = y[offset + r] as number;
        b[r] = (b[r] as number) + c * yr;
        const scaled = (c - 1) * yr;
        const row = r * f;
        for (let s = 0; s <= r; s += 1)
          a[row + s] = (a[row + s] as number) + scaled * (y[offset + s] as number);
      }
    }
    if (preferences === 0) return null;
    for (let d = 0; d < f; d += 1) a[d * f + d] = (a[d * f + d] as number) + this.params.regularization;
    choleskyInPlace(a, f);
    return { factor: a, b, weights };
  }

  private checkItem(item: number): void {
    if (!(Number.isInteger(item) && item >= 0 && item < this.nItems)) {
      throw new Error(`item index ${item} outside 0..${this.nItems - 1}`);
    }
  }
}

export const ialsAlgorithm: Algorithm<typeof ialsParamsSchema> = {
  name: 'ials',
  description:
    'implicit ALS (Hu, Koren and Volinsky 2008) fitted with conjugate-gradient steps; scores any history by ' +
    'fold-in and explains each score exactly as a sum over the history items',
  paramsSchema: ialsParamsSchema,
  async fit(matrix: InteractionMatrix, params: IalsParams, context: FitContext = {}): Promise<Scorer> {
    const { itemFactors, itemGram } = await trainIals(matrix, params, context);
    // The viewer factors are dropped: scoring folds any history in. Forgetting a viewer therefore
    // refreshes the item factors without their row (`forget`), and a retrain should follow.
    return new IalsScorer(itemFactors, matrix.nItems, params, itemGram);
  },
  load(arrays, params, nItems): Scorer {
    const itemFactors = arrays.get('itemFactors');
    if (!(itemFactors instanceof Float32Array)) {
      throw new Error(`ials weights need a Float32Array "itemFactors", got ${itemFactors?.constructor.name}`);
    }
    return new IalsScorer(itemFactors, nItems, params);
  },
};
