import { algorithmNames } from '../src/models/algorithms.js';
import { machine, sharedDataset } from './bench-support.js';
import { runCandor } from './cli-process.js';

const SEEDS = [42, 43, 44];

/**
 * The Microsoft Recommenders protocol on ML-100K (per-user random 75/25 split, k = 10, every rating is
 * an interaction, train items removed), every algorithm, three seeds. Each run is `candor evaluate` in
 * its own process, so the numbers are the CLI's and the peak memory is the run's own.
 */
export async function run(): Promise<Record<string, unknown>> {
  const dataset = sharedDataset('ml-100k');
  const only = process.env.CANDOR_BENCH_ALGOS?.split(',');
  const rows: Record<string, unknown>[] = [];
  for (const algorithm of algorithmNames().filter((name) => !only || only.includes(name))) {
    const runs = SEEDS.map((seed) => {
      const { result, peakRssMiB } = runCandor([
        'evaluate',
        '--data',
        dataset,
        '--algo',
        algorithm,
        '--seed',
        String(seed),
        '--k',
        '10',
        '--split',
        'stratified:0.75',
      ]);
      return {
        ...(result as {
          metrics: Record<string, number>;
          fitSeconds: number;
          predictSeconds: number;
          params: unknown;
        }),
        peakRssMiB,
      };
    });
    const mean = (pick: (r: (typeof runs)[number]) => number) =>
      Number((runs.reduce((sum, r) => sum + pick(r), 0) / runs.length).toFixed(4));
    rows.push({
      algorithm,
      params: runs[0]?.params,
      map: mean((r) => r.metrics.map as number),
      ndcg: mean((r) => r.metrics.ndcg as number),
      precision: mean((r) => r.metrics.precision as number),
      recall: mean((r) => r.metrics.recall as number),
      coverage: mean((r) => r.metrics.catalogCoverage as number),
      fitSeconds: mean((r) => r.fitSeconds),
      predictSeconds: mean((r) => r.predictSeconds),
      peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
      perSeed: runs.map((r, i) => ({ seed: SEEDS[i], ndcg: r.metrics.ndcg, precision: r.metrics.precision })),
    });
  }
  return {
    dataset: 'ml-100k',
    protocol:
      'per-user random 75/25 (stratified), k=10, all ratings as interactions, train items removed; mean of seeds 42, 43, 44',
    goal: 'best model nDCG@10 >= 0.49 and P@10 >= 0.42; public bar BiVAE nDCG 0.475, P 0.412, R 0.219',
    rows,
    machine: machine(),
  };
}
