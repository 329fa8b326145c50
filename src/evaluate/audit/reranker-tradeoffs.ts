import { type RerankerKind, type RerankerPolicy, rerankerPolicySchema } from '../../config/serving-policy.js';
import type { Scorer } from '../../models/recommender.js';
import { runRerankerPolicy } from '../../rerank/policy-reranker.js';
import { ServedExposure } from '../../rerank/served-exposure.js';
import type { ItemFeatures } from '../../rerank/rerank-types.js';
import {
  candidatePools,
  type CandidatePools,
  type PoolReranker,
  rerankPools,
  summarizeRerankRun,
} from '../rerank-evaluation.js';
import type { EvaluationSplit } from '../splits/evaluation-split.js';

/**
 * The reranker trade-off table of an audit: what each reranker costs in accuracy (relative nDCG@k loss
 * against the model's own order) and what it buys in catalog coverage, exposure concentration (Gini),
 * long-tail share, intra-list diversity, calibration and the exposure of under-represented creators.
 *
 * Every viewer's pool (the model's top `poolSize` unseen items) is scored once; each row reranks the
 * same pools, as the benchmark in bench/fairness.bench.ts does, through the function the serving
 * pipeline runs (runRerankerPolicy), so a row measures what serving does with those settings. Rows:
 * the model's order; each reranker kind, with the policy's settings where the policy lists it and its
 * defaults otherwise; and the policy's rerankers for the home surface chained in order, as served.
 * Each viewer gets one list, so fair exposure carries no shortfall between lists (deficit 0).
 */

export const TRADEOFF_SURFACE = 'home' as const;

const KINDS: readonly RerankerKind[] = [
  'diversity',
  'calibration',
  'popularity-debias',
  'tail-boost',
  'exposure-rotation',
  'fair-exposure',
  'exploration-slot',
];

export interface TradeoffRow {
  label: string;
  kind: 'baseline' | 'reranker' | 'policy';
  /** The rerankers applied, in order. */
  rerankers: RerankerKind[];
  /** A single reranker's settings (without its surfaces); empty for the baseline and the chain. */
  params: Record<string, unknown>;
  /** The policy in force lists this reranker (for the chain: always). */
  inPolicy: boolean;
  ndcg: number;
  /** 1 - ndcg / the baseline's ndcg: the share of accuracy given up. */
  ndcgLoss: number;
  catalogCoverage: number;
  gini: number | null;
  longTailShare: number | null;
  intraListDiversity: number | null;
  calibrationKl: number | null;
  /** Position-weighted share of under-represented creators' items; null when the catalog has none. */
  underrepresentedExposure: number | null;
  msPerList: number;
}

export interface RerankerTradeoffs {
  surface: typeof TRADEOFF_SURFACE;
  k: number;
  poolSize: number;
  /** The baseline (model order) first. */
  rows: TradeoffRow[];
}

export interface TradeoffOptions {
  k: number;
  /** Candidates per viewer the rerankers choose from (the policy's ranking.poolSize). */
  poolSize: number;
  /** The rerankers of the policy in force, in order. */
  policy: readonly RerankerPolicy[];
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** Runs `stages` one after another on a pool as the serving pipeline does: each reorders what it reaches. */
function chained(stages: readonly RerankerPolicy[], features: ItemFeatures, k: number): PoolReranker {
  // Exposure rotation reads what the lists before this one showed, as a serving process counts it.
  const rotation = stages.find((policy) => policy.kind === 'exposure-rotation');
  const served = rotation && new ServedExposure(features.popularity.length, rotation.halfLifeLists);
  return function chain(pool, history) {
    const scoreOf = new Map(pool.items.map((item, at) => [item, pool.relevance[at] as number]));
    let order = [...pool.items];
    for (const policy of stages) {
      const reach = 'pool' in policy && policy.pool !== undefined ? Math.max(policy.pool, k) : order.length;
      const considered = order.slice(0, reach);
      const result = runRerankerPolicy(
        policy,
        { items: considered, relevance: considered.map((item) => scoreOf.get(item) as number) },
        k,
        { features, history: () => history, deficit: 0, ...(served ? { exposure: served } : {}) },
      );
      const chosen = new Set(result.items);
      order = [...result.items, ...order.filter((item) => !chosen.has(item))];
    }
    const items = order.slice(0, k);
    served?.record(items);
    return { items, promoted: [], detail: {} };
  };
}

function settingsOf(policy: RerankerPolicy): Record<string, unknown> {
  const { kind: _kind, surfaces: _surfaces, ...params } = policy;
  return params;
}

/** The trade-off table for a fitted scorer on its split; see the module comment. */
export function rerankerTradeoffs(
  scorer: Scorer,
  split: EvaluationSplit,
  features: ItemFeatures,
  options: TradeoffOptions,
): RerankerTradeoffs {
  const { k } = options;
  const poolSize = Math.max(k, options.poolSize);
  const pools: CandidatePools = candidatePools(scorer, split, poolSize);
  const hasGroup = Array.from(features.underrepresented).some((flag) => flag === 1);
  let baselineNdcg = Number.NaN;
  const measure = (
    row: Pick<TradeoffRow, 'label' | 'kind' | 'rerankers' | 'params' | 'inPolicy'>,
    rerank: PoolReranker | null,
  ): TradeoffRow => {
    const run = rerankPools(pools, split, features, { k, poolSize, rerank });
    const summary = summarizeRerankRun(run, split.train, features);
    if (rerank === null) baselineNdcg = summary.ndcg;
    return {
      ...row,
      ndcg: summary.ndcg,
      ndcgLoss: baselineNdcg > 0 ? 1 - summary.ndcg / baselineNdcg : 0,
      catalogCoverage: summary.catalogCoverage,
      gini: finiteOrNull(summary.gini),
      longTailShare: finiteOrNull(summary.aplt),
      intraListDiversity: finiteOrNull(summary.intraListDiversity),
      calibrationKl: finiteOrNull(summary.calibrationKl),
      underrepresentedExposure: hasGroup ? finiteOrNull(summary.exposureShare) : null,
      msPerList: summary.msPerList,
    };
  };

  const rows = [
    measure({ label: 'model order', kind: 'baseline', rerankers: [], params: {}, inPolicy: false }, null),
  ];
  for (const kind of KINDS) {
    const listed = options.policy.find((policy) => policy.kind === kind);
    const policy = listed ?? rerankerPolicySchema.parse({ kind });
    rows.push(
      measure(
        {
          label: `${kind} (${listed ? 'policy settings' : 'defaults'})`,
          kind: 'reranker',
          rerankers: [kind],
          params: settingsOf(policy),
          inPolicy: listed !== undefined,
        },
        chained([policy], features, k),
      ),
    );
  }
  const served = options.policy.filter((policy) => policy.surfaces.includes(TRADEOFF_SURFACE));
  if (served.length > 0) {
    rows.push(
      measure(
        {
          label: `policy as served on ${TRADEOFF_SURFACE}`,
          kind: 'policy',
          rerankers: served.map((policy) => policy.kind),
          params: {},
          inPolicy: true,
        },
        chained(served, features, k),
      ),
    );
  }
  return { surface: TRADEOFF_SURFACE, k, poolSize, rows };
}
