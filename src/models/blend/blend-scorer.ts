import type { InteractionMatrix, ItemHistory } from '../interaction-matrix.js';
import type { Algorithm, Contribution, FitContext, Scorer, WeightArrays } from '../recommender.js';
import { BLEND, type BlendMember, type BlendParams, blendParamsSchema } from './blend-params.js';

/** A fitted member and its blend weight. */
interface WeightedScorer {
  readonly scorer: Scorer;
  readonly weight: number;
}

/** Finds a registered algorithm by name (throws for an unknown name). */
export type AlgorithmLookup = (name: string) => Algorithm;

/**
 * A weighted blend of fitted models. For a history, each member's scores are divided by their standard
 * deviation over the items not in the history (so that every member has unit spread where the viewer
 * will be recommended), multiplied by the member's weight, and summed. This is the per-viewer
 * standardization without the shift by the mean: the shift is the same for every item, so rankings are
 * identical, and leaving it out keeps the score a weighted sum of the members' scores.
 */
class BlendScorer implements Scorer {
  readonly algorithm = BLEND;
  private readonly buffers: Float32Array[];
  private readonly sums: Float64Array;
  private readonly inHistory: Uint8Array;

  constructor(
    readonly nItems: number,
    protected readonly members: readonly WeightedScorer[],
  ) {
    this.buffers = members.map(() => new Float32Array(nItems));
    this.sums = new Float64Array(nItems);
    this.inHistory = new Uint8Array(nItems);
  }

  score(history: ItemHistory, out = new Float32Array(this.nItems)): Float32Array {
    const factors = this.memberFactors(history);
    const sums = this.sums.fill(0);
    this.buffers.forEach((scores, m) => {
      const factor = factors[m] as number;
      if (factor === 0) return;
      for (let i = 0; i < this.nItems; i += 1) sums[i] = (sums[i] as number) + factor * (scores[i] as number);
    });
    for (let i = 0; i < this.nItems; i += 1) out[i] = sums[i] as number;
    return out;
  }

  /** Every member's arrays, named `<member index>/<array name>`. */
  weights(): WeightArrays {
    const arrays: WeightArrays = {};
    this.members.forEach(({ scorer }, m) => {
      for (const [name, array] of Object.entries(scorer.weights())) arrays[`${m}/${name}`] = array;
    });
    return arrays;
  }

  /**
   * Scores the history with every member (into this.buffers) and returns each member's factor: its
   * weight over the standard deviation of its scores on the unseen items (0 when they do not vary).
   */
  protected memberFactors(history: ItemHistory): number[] {
    const n = this.nItems;
    const mask = this.inHistory;
    let seen = 0;
    for (const j of history.items) {
      if (!(Number.isInteger(j) && j >= 0 && j < n)) throw new Error(`history item ${j} outside 0..${n - 1}`);
      if (mask[j] === 0) seen += 1;
      mask[j] = 1;
    }
    const unseen = n - seen;
    const factors = this.members.map(({ scorer, weight }, m) => {
      const scores = scorer.score(history, this.buffers[m]);
      if (unseen === 0) return 0;
      let mean = 0;
      for (let i = 0; i < n; i += 1) if (mask[i] === 0) mean += scores[i] as number;
      mean /= unseen;
      let variance = 0;
      for (let i = 0; i < n; i += 1) if (mask[i] === 0) variance += ((scores[i] as number) - mean) ** 2;
      const spread = Math.sqrt(variance / unseen);
      return spread > 0 && Number.isFinite(spread) ? weight / spread : 0;
    });
    for (const j of history.items) mask[j] = 0;
    return factors;
  }
}

/**
 * A blend whose members all explain: a history item's contribution is the sum over members of its
 * contribution to the member's score times the member's factor. The contributions sum to the blend's
 * score exactly when every member's do; removing an item changes the factors too, so they are not
 * leave-one-out exact (an explanation in the 'sum' sense, like iALS's).
 */
class ExplainingBlendScorer extends BlendScorer {
  explain(history: ItemHistory, item: number): Contribution[] {
    if (!(Number.isInteger(item) && item >= 0 && item < this.nItems)) {
      throw new Error(`item ${item} outside 0..${this.nItems - 1}`);
    }
    const factors = this.memberFactors(history);
    const total = new Map<number, number>();
    this.members.forEach(({ scorer }, m) => {
      const factor = factors[m] as number;
      if (factor === 0 || !scorer.explain) return;
      for (const c of scorer.explain(history, item)) {
        total.set(c.item, (total.get(c.item) ?? 0) + factor * c.weight);
      }
    });
    const contributions: Contribution[] = [];
    for (const j of history.items) {
      const weight = total.get(j) ?? 0;
      if (weight !== 0) contributions.push({ item: j, weight });
    }
    return contributions;
  }
}

const blendOf = (nItems: number, members: WeightedScorer[]): Scorer =>
  members.every(({ scorer }) => scorer.explain)
    ? new ExplainingBlendScorer(nItems, members)
    : new BlendScorer(nItems, members);

/** A member's algorithm and its parsed parameters; the error names the member and the parameter. */
function resolveMember(lookup: AlgorithmLookup, member: BlendMember, index: number) {
  const algorithm = lookup(member.algorithm);
  const result = algorithm.paramsSchema.safeParse(member.params);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `blend member ${index} (${member.algorithm}) parameter '${issue?.path.join('.') ?? ''}': ` +
        `${issue?.message ?? 'invalid'}`,
    );
  }
  return { algorithm, params: result.data as unknown };
}

/**
 * Fits every member on the same matrix, concurrently (the heavy ones run in worker threads). Progress is
 * the mean of the members'; the first failure aborts the others.
 */
async function fitMembers(
  lookup: AlgorithmLookup,
  matrix: InteractionMatrix,
  members: readonly BlendMember[],
  context: FitContext,
): Promise<WeightedScorer[]> {
  const resolved = members.map((member, index) => resolveMember(lookup, member, index));
  if (context.signal?.aborted) throw context.signal.reason;
  const controller = new AbortController();
  const forward = () => controller.abort(context.signal?.reason);
  context.signal?.addEventListener('abort', forward, { once: true });
  const fractions = members.map(() => 0);
  let reported = 0;
  const report = (index: number, fraction: number, phase: string) => {
    fractions[index] = Math.max(fractions[index] as number, Math.min(1, fraction));
    const mean = fractions.reduce((sum, f) => sum + f, 0) / fractions.length;
    reported = Math.max(reported, mean);
    context.progress?.(reported, `${members[index]?.algorithm} ${phase}`);
  };
  try {
    return await Promise.all(
      resolved.map(async ({ algorithm, params }, index) => {
        try {
          const scorer = await algorithm.fit(matrix, params, {
            progress: (fraction, phase) => report(index, fraction, phase),
            signal: controller.signal,
          });
          return { scorer, weight: (members[index] as BlendMember).weight };
        } catch (error) {
          controller.abort(error);
          throw error;
        }
      }),
    );
  } finally {
    context.signal?.removeEventListener('abort', forward);
  }
}

/**
 * The blend algorithm over the algorithms `lookup` finds. Registered as
 * `[BLEND]: createBlendAlgorithm(algorithmNamed)`: the lookup runs only when a blend is parsed, fitted or
 * loaded, so the registry can hold the blend itself.
 */
export function createBlendAlgorithm(lookup: AlgorithmLookup): Algorithm<typeof blendParamsSchema> {
  const paramsSchema = blendParamsSchema.superRefine((params, context) => {
    params.members.forEach((member, index) => {
      try {
        resolveMember(lookup, member, index);
      } catch (error) {
        context.addIssue({
          code: 'custom',
          path: ['members', index],
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
  });
  return {
    name: BLEND,
    description:
      'a weighted blend of other algorithms, each scaled to unit spread per viewer; explained exactly ' +
      '(in sum) when every member is',
    paramsSchema,
    async fit(matrix: InteractionMatrix, params: BlendParams, context: FitContext = {}) {
      return blendOf(matrix.nItems, await fitMembers(lookup, matrix, params.members, context));
    },
    load(arrays, params: BlendParams, nItems) {
      const members = params.members.map((member, index) => {
        const { algorithm, params: memberParams } = resolveMember(lookup, member, index);
        const prefix = `${index}/`;
        const own = new Map<string, Float32Array | Float64Array | Int32Array>();
        for (const [name, array] of arrays) {
          if (name.startsWith(prefix)) own.set(name.slice(prefix.length), array);
        }
        return { scorer: algorithm.load(own, memberParams, nItems), weight: member.weight };
      });
      return blendOf(nItems, members);
    },
  };
}
