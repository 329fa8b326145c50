import { z } from 'zod';
import { evaluateScorer } from '../src/evaluate/evaluate-scorer.js';
import { splitEvents } from '../src/evaluate/offline-evaluation.js';
import { stratifiedSplit } from '../src/evaluate/splits/stratified-split.js';
import { openImportSource } from '../src/import/open-import-source.js';
import { algorithmNamed, paramsFor } from '../src/models/algorithms.js';
import { readDatasetEvents } from '../src/models/dataset-events.js';
import { machine, sharedDataset } from './bench-support.js';

const SEEDS = [42, 43, 44];
/** Validation folds carved from each seed's training part; their seeds never equal a test seed. */
const FOLDS = [1, 2];

const tuneSchema = z.strictObject({
  algorithm: z.string(),
  grid: z.array(z.record(z.string(), z.unknown())).min(1),
});

/**
 * Hyperparameter search that never looks at the test split: for each of the accuracy benchmark's seeds,
 * the 75/25 reference split's training part is split again 75/25 (two folds), every candidate is fitted
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
  const algorithm = algorithmNamed(tune.algorithm);
  const candidates = tune.grid.map((params) => paramsFor(algorithm, params));
  const events = await readDatasetEvents(await openImportSource(sharedDataset('ml-100k'), {}));
  const sums = candidates.map(() => ({ ndcg: 0, precision: 0, runs: 0 }));
  for (const seed of SEEDS) {
    const outer = splitEvents(events, { kind: 'stratified', ratio: 0.75 }, seed);
    for (const fold of FOLDS) {
      const validation = stratifiedSplit(outer.train, { ratio: 0.75, seed: seed * 1000 + fold });
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
    protocol: `validation: 75/25 of the training part of each seed's 75/25 split (seeds ${SEEDS.join(', ')}, folds ${FOLDS.join(', ')}), k=10`,
    algorithm: tune.algorithm,
    rows: rows.map(({ resolved: _resolved, ...row }) => row),
    machine: machine(),
  };
}
