import { DEFAULT_PROFILE_MAX_LEVEL, PROFILE_KINDS } from '../viewer-profile.js';
import { InteractionLog } from './interaction-log.js';
import { recordPick } from './pick-events.js';
import { trueRelevance } from './relevance-truth.js';
import { cumulativeWeights, SeededRandom, searchCumulative } from './seeded-random.js';
import type { SyntheticCatalog } from './synthetic-catalog.js';
import { TITLE_KINDS } from './synthetic-creators.js';
import type { SyntheticParams } from './synthetic-params.js';
import type { ViewerTable } from './synthetic-viewers.js';
import type { TasteModel } from './taste-model.js';
import { ViewerSession } from './viewer-session.js';

/** How sharply a viewer's choice follows affinity + quality: weight exp(sharpness * (affinity + quality)). */
const PREFERENCE_SHARPNESS = 5;
/** Draws that hit an already-picked title are retried, up to this many times per planned event. */
const RETRIES_PER_EVENT = 10;

export interface SimulationInput {
  readonly params: SyntheticParams;
  readonly catalog: SyntheticCatalog;
  readonly taste: TasteModel;
  readonly exposure: Float64Array;
  readonly viewers: ViewerTable;
}

export interface SimulationResult {
  readonly log: InteractionLog;
  /** Distinct (viewer, title) choices, and those of titles with an under-represented creator. */
  readonly picks: number;
  readonly underrepresentedPicks: number;
}

/**
 * The planted bias lives here. For each profile kind and cluster, a cumulative table over the titles
 * the profile may see, with weight exposure * exp(sharpness * (affinity + quality)) * (exposureBias if
 * a creator of the title is under-represented, else 1). Null when the profile may see nothing.
 */
export function samplingTables(input: SimulationInput): (Float64Array | null)[][] {
  const { catalog, taste, exposure, params } = input;
  const { titles } = catalog;
  const n = titles.count;
  const weights = new Float64Array(n);
  return PROFILE_KINDS.map((_, p) => {
    const maxLevel = maxLevelOf(p);
    return Array.from({ length: taste.clusters }, (_, k) => {
      for (let t = 0; t < n; t++) {
        if ((titles.level[t] ?? 5) > maxLevel) {
          weights[t] = 0;
          continue;
        }
        const appeal = (taste.affinity[k * n + t] ?? 0) + (taste.quality[t] ?? 0);
        const bias = titles.underrepresented[t] === 1 ? params.exposureBias : 1;
        weights[t] = (exposure[t] ?? 0) * Math.exp(PREFERENCE_SHARPNESS * appeal) * bias;
      }
      const cdf = cumulativeWeights(weights);
      return (cdf[n - 1] ?? 0) > 0 ? cdf : null;
    });
  });
}

function maxLevelOf(profile: number): number {
  return DEFAULT_PROFILE_MAX_LEVEL[PROFILE_KINDS[profile] ?? 'kids'];
}

export function simulateInteractions(input: SimulationInput): SimulationResult {
  const { catalog, taste, viewers, params } = input;
  const { titles, items } = catalog;
  const rng = new SeededRandom(params.seed, 'interactions');
  const tables = samplingTables(input);
  const log = new InteractionLog(viewers.budget.reduce((a, b) => a + b, 0));
  const session = new ViewerSession(log);
  const pickedBy = new Int32Array(titles.count).fill(-1);
  const periodSeconds = params.days * 86_400;
  const minutesOf = (item: number) => items[item]?.durationMinutes ?? 45;
  let picks = 0;
  let underrepresentedPicks = 0;

  for (let v = 0; v < viewers.records.length; v++) {
    const budget = viewers.budget[v] ?? 0;
    const profileTables = tables[viewers.profile[v] ?? 0] ?? [];
    const from = viewers.offset[v] ?? 0;
    const to = viewers.offset[v + 1] ?? 0;
    session.begin(v, budget);
    let retries = budget * RETRIES_PER_EVENT;
    while (!session.full && retries > 0) {
      // A cluster by the viewer's weights, then a title from that cluster's table for the profile.
      let j = from;
      for (let u = rng.uniform(); j < to - 1; j++) {
        u -= viewers.weight[j] ?? 0;
        if (u < 0) break;
      }
      const cdf = profileTables[viewers.cluster[j] ?? 0];
      const t = cdf ? searchCumulative(cdf, rng.uniform() * (cdf[cdf.length - 1] ?? 0)) : -1;
      if (t < 0 || pickedBy[t] === v) {
        retries -= 1;
        continue;
      }
      pickedBy[t] = v;
      picks += 1;
      underrepresentedPicks += titles.underrepresented[t] ?? 0;
      recordPick(session, rng, {
        kind: TITLE_KINDS[titles.kind[t] ?? 0] ?? 'film',
        item: titles.item[t] ?? 0,
        episodes: titles.episodes[t] ?? 0,
        relevance: trueRelevance(taste, viewers, v, t),
        minutesOf,
      });
    }
    session.layoutTimes(Math.floor(rng.uniform() * 0.5 * periodSeconds), periodSeconds, rng);
  }
  return { log, picks, underrepresentedPicks };
}
