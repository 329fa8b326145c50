import { performance } from 'node:perf_hooks';
import { openImportSource } from '../src/import/open-import-source.js';
import { algorithmNamed, paramsFor } from '../src/models/algorithms.js';
import { readDatasetEvents } from '../src/models/dataset-events.js';
import { withoutViewers } from '../src/models/forget-rows.js';
import { type InteractionMatrix, historyOf, matrixFromTriplets } from '../src/models/interaction-matrix.js';
import type { Scorer, WeightArrays } from '../src/models/recommender.js';
import { dpHistogram, histogramRelativeError } from '../src/privacy/dp/index.js';
import { mulberry32 } from '../src/random/seeded-random.js';
import { machine, sharedDataset } from './bench-support.js';

const ALGORITHMS = ['ease', 'itemknn'];
const FITS = 3;
const TIMED_VIEWERS = 50;
const VERIFIED_VIEWERS = 10;
const COMPARED_VIEWERS = 100;
const SEED = 2024;

const DP_EPSILON = 1;
const DP_RUNS = 20;
const DP_MAX_KEYS = [3, 5, 19];

/**
 * Exact unlearning on all of ML-100K's u.data (100,000 ratings, each one event of value 1): for EASE and
 * item-kNN with default parameters, the full fit time (median of 3), then `scorer.forget([row])` for 50
 * viewers sampled with a fixed seed, each from the fitted model (one untimed forget first warms the
 * code up), timed alone and with the new model's first score (item-kNN builds its scoring index on the
 * first score), and for 10 of them a refit without the viewer, compared over 100 sampled remaining
 * viewers' full score vectors.
 */
export async function run(): Promise<Record<string, unknown>> {
  const events = await readDatasetEvents(await openImportSource(sharedDataset('ml-100k'), {}));
  const matrix = matrixFromTriplets(events.userIds.length, events.itemIds.length, events.users, events.items);
  const random = mulberry32(SEED);
  const viewers = sample(random, matrix.nUsers, TIMED_VIEWERS + 1);
  const warmUp = viewers.pop() as number;
  const rows = [];
  for (const algorithm of ALGORITHMS) rows.push(await measure(algorithm, matrix, viewers, warmUp, random));
  const dp = genreHistogramError(events);
  return {
    dataset: 'ml-100k',
    data: `all of u.data: ${matrix.nUsers} viewers, ${matrix.nItems} items, ${matrix.itemIndex.length} interactions`,
    protocol:
      `fit median of ${FITS}; forget([row]) of ${TIMED_VIEWERS} viewers (seed ${SEED}) from the fitted model, ` +
      `after one untimed warm-up forget; refit without each of ${VERIFIED_VIEWERS} of them, max |score ` +
      `difference| over ${COMPARED_VIEWERS} sampled remaining viewers' full score vectors`,
    goal: 'forget median and p95 <= 100 ms, >= 20x faster than a refit, max |diff| <= 1e-6',
    rows,
    dp,
    machine: machine(),
  };
}

async function measure(
  name: string,
  matrix: InteractionMatrix,
  viewers: readonly number[],
  warmUp: number,
  random: () => number,
): Promise<Record<string, unknown>> {
  const algorithm = algorithmNamed(name);
  const params = paramsFor(algorithm, {});
  const fitTimes: number[] = [];
  let scorer: Scorer | undefined;
  for (let run = 0; run < FITS; run += 1) {
    const started = performance.now();
    scorer = await algorithm.fit(matrix, params);
    fitTimes.push(performance.now() - started);
  }
  const fitted = scorer as Scorer;
  const forget = fitted.forget?.bind(fitted);
  if (!forget) throw new Error(`${name} has no forget()`);
  const probe = historyOf(matrix, warmUp);
  (await forget([probe])).scorer.score(probe);
  const forgetTimes: number[] = [];
  // The first score of the new model on its own: item-kNN builds its scoring index then.
  const firstScoreTimes: number[] = [];
  for (const u of viewers) {
    const started = performance.now();
    const unlearned = await forget([historyOf(matrix, u)]);
    const forgotten = performance.now();
    unlearned.scorer.score(probe);
    forgetTimes.push(forgotten - started);
    firstScoreTimes.push(performance.now() - forgotten);
  }
  const servable = forgetTimes.map((time, at) => time + (firstScoreTimes[at] as number));

  let maxAbsDifference = 0;
  let identicalWeights = true;
  let exact = true;
  for (const u of viewers.slice(0, VERIFIED_VIEWERS)) {
    const unlearned = await forget([historyOf(matrix, u)]);
    exact &&= unlearned.exact;
    const refit = await algorithm.fit(withoutViewers(matrix, [u]), params);
    identicalWeights &&= sameBits(unlearned.scorer.weights(), refit.weights());
    const others = sample(random, matrix.nUsers, COMPARED_VIEWERS + 1)
      .filter((v) => v !== u)
      .slice(0, COMPARED_VIEWERS);
    for (const v of others) {
      const history = historyOf(matrix, v);
      const x = unlearned.scorer.score(history);
      const y = refit.score(history);
      for (let i = 0; i < x.length; i += 1)
        maxAbsDifference = Math.max(maxAbsDifference, Math.abs((x[i] as number) - (y[i] as number)));
    }
  }

  const fitMs = median(fitTimes);
  const forgetMs = median(forgetTimes);
  return {
    algorithm: name,
    params,
    fitMs: round(fitMs),
    forgetMs: {
      median: round(forgetMs),
      p95: round(percentile(forgetTimes, 0.95)),
      max: round(Math.max(...forgetTimes)),
    },
    speedup: round(fitMs / forgetMs),
    firstScoreMs: { median: round(median(firstScoreTimes)), max: round(Math.max(...firstScoreTimes)) },
    forgetAndFirstScoreMs: {
      median: round(median(servable)),
      p95: round(percentile(servable, 0.95)),
      max: round(Math.max(...servable)),
    },
    speedupIncludingFirstScore: round(fitMs / median(servable)),
    verification: {
      viewers: VERIFIED_VIEWERS,
      comparedViewers: COMPARED_VIEWERS,
      maxAbsDifference,
      exact,
      identicalWeights,
    },
    weightsMiB: round(weightBytes(fitted.weights()) / 2 ** 20),
  };
}

/** `count` distinct indices below n, from the generator. */
function sample(random: () => number, n: number, count: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, n)) chosen.add(Math.floor(random() * n));
  return [...chosen];
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** The nearest-rank percentile. */
function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] as number;
}

const round = (x: number) => Number(x.toFixed(2));

function weightBytes(arrays: WeightArrays): number {
  return Object.values(arrays).reduce((sum, array) => sum + array.byteLength, 0);
}

/** Whether two sets of arrays hold the same names, types and bytes. */
function sameBits(a: WeightArrays, b: WeightArrays): boolean {
  const bytes = (x: WeightArrays[string]) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const names = Object.keys(a).sort();
  if (names.join() !== Object.keys(b).sort().join()) return false;
  return names.every((name) => {
    const x = a[name] as WeightArrays[string];
    const y = b[name] as WeightArrays[string];
    return x.constructor === y.constructor && bytes(x).equals(bytes(y));
  });
}

/**
 * The analysts' "viewers per genre" release on ML-100K at ε = 1 (discrete Laplace, each viewer in at most
 * `maxKeys` genres, chosen at random when they watched more): its error against the exact, unbounded
 * counts, so both the noise and the bias of bounding show. Mean over DP_RUNS releases.
 */
function genreHistogramError(events: Awaited<ReturnType<typeof readDatasetEvents>>) {
  const genresOf = new Map<number, Set<string>>();
  for (let e = 0; e < events.users.length; e += 1) {
    const user = events.users[e] as number;
    const set = genresOf.get(user) ?? new Set<string>();
    for (const g of events.itemGenres[events.items[e] as number] ?? []) set.add(events.genres[g] as string);
    genresOf.set(user, set);
  }
  const records = [...genresOf].map(([user, keys]) => ({ subject: String(user), keys: [...keys] }));
  const truth = new Map<string, number>(events.genres.map((genre) => [genre, 0]));
  for (const { keys } of records) for (const key of keys) truth.set(key, (truth.get(key) ?? 0) + 1);
  return {
    query: 'viewers per genre (distinct viewers who rated an item of the genre)',
    epsilon: DP_EPSILON,
    mechanism: 'discrete laplace',
    genres: events.genres.length,
    viewers: records.length,
    runs: DP_RUNS,
    byMaxKeys: DP_MAX_KEYS.map((maxKeys) => {
      let total = 0;
      let mean = 0;
      let bound = 0;
      for (let run = 0; run < DP_RUNS; run += 1) {
        const release = dpHistogram(records, {
          mechanism: 'laplace',
          epsilon: DP_EPSILON,
          domain: events.genres,
          maxKeys,
        });
        const error = histogramRelativeError(truth, release.bins);
        total += error.totalRelativeError;
        mean += error.meanRelativeError;
        bound = release.errorBound95;
      }
      return {
        maxKeys,
        errorBound95PerGenre: round(bound),
        totalRelativeError: Number((total / DP_RUNS).toFixed(4)),
        meanRelativeErrorPerGenre: Number((mean / DP_RUNS).toFixed(4)),
      };
    }),
  };
}
