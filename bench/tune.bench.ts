import { z } from 'zod';
import { evaluateScorer } from '../src/evaluate/evaluate-scorer.js';
import { splitEvents } from '../src/evaluate/offline-evaluation.js';
import { stratifiedSplit } from '../src/evaluate/splits/stratified-split.js';
import { openImportSource } from '../src/import/open-import-source.js';
import { algorithmNamed, paramsFor } from '../src/models/algorithms.js';
import { readDatasetEvents } from '../src/models/dataset-events.js';
import { machine, sharedDataset } from './bench-support.js';

const SEEDS = [42, 43, 44];

const tuneSchema = z.strictObject({
  algorithm: z.string(),
  grid: z.array(z.record(z.string(), z.unknown())).min(1),
  /**
   * Share of each viewer's training events kept to fit a candidate; the rest is its validation set. 0.9
   * fits on 67.5% of the data, close to the test protocol's 75%: regularization and blend weights
   * chosen on a much smaller training part (0.75 fits on 56%) did not carry over to the full one.
   */
  ratio: z.number().gt(0).lt(1).default(0.9),
  /** Validation folds carved from each seed's training part; their seeds never equal a test seed. */
  folds: z.int().min(1).max(10).default(3),
});

/**
 * Hyperparameter search that never looks at the test split: for each of the accuracy benchmark's seeds,
 * the 75/25 reference split's training part is split again (90/10 in three folds unless `ratio` and `folds` say otherwise), every candidate is fitted
 * on the inner training part and scored on the inner test part. Prints the mean validation nDCG@10 and
 * P@10 per candidate, best first. The grid comes from CANDOR_TUNE, e.g.
 * CANDOR_TUNE='{"algorithm":"ease","grid":[{"lambda":300},{"lambda":500}]}' npm run bench -- tune
 */
export async function run(): Promise<Record<string, unknown>> {
  const raw = process.env.CANDOR_TUNE;
  if (!raw) {
    process.stderr.write('set CANDOR_TUNE to {"algorithm": NAME, "grid": [params, ...]}\n');
    process.exit(2);
  }
  const tune = tuneSchema.parse(JSON.parse(raw));
  const folds = Array.from({ length: tune.folds }, (_, f) => f + 1);
  const algorithm = algorithmNamed(tune.algorithm);
  const candidates = tune.grid.map((params) => paramsFor(algorithm, params));
  const events = await readDatasetEvents(await openImportSource(sharedDataset('ml-100k'), {}));
  const sums = candidates.map(() => ({ ndcg: 0, precision: 0, runs: 0 }));
  for (const seed of SEEDS) {
    const outer = splitEvents(events, { kind: 'stratified', ratio: 0.75 }, seed);
    for (const fold of folds) {
      const validation = stratifiedSplit(outer.train, { ratio: tune.ratio, seed: seed * 1000 + fold });
      for (const [c, params] of candidates.entries()) {
        const scorer = await algorithm.fit(validation.train, params);
        const report = evaluateScorer(scorer, validation, { k: 10 });
        const sum = sums[c] as (typeof sums)[number];
        sum.ndcg += report.ranking.ndcg.mean;
        sum.precision += report.ranking.precision.mean;
        sum.runs += 1;
      }
    }
  }
  const rows = candidates
    .map((params, c) => {
      const sum = sums[c] as (typeof sums)[number];
      return {
        params: tune.grid[c],
        ndcg: Number((sum.ndcg / sum.runs).toFixed(4)),
        precision: Number((sum.precision / sum.runs).toFixed(4)),
        resolved: params,
      };
    })
    .sort((a, b) => b.ndcg - a.ndcg);
  return {
    dataset: 'ml-100k',
    protocol: `validation: ${tune.ratio}/${(1 - tune.ratio).toFixed(2)} of the training part of each seed's 75/25 split (seeds ${SEEDS.join(', ')}, folds ${folds.join(', ')}), k=10`,
    algorithm: tune.algorithm,
    rows: rows.map(({ resolved: _resolved, ...row }) => row),
    machine: machine(),
  };
}
