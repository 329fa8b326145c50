import { dealBalanced, groupsOfKind } from './group-balance.js';
import { SeededRandom } from './seeded-random.js';
import type { TitleTable } from './synthetic-catalog.js';

/**
 * Zipf-like exposure propensity of each title: the title at popularity rank r (1 = most shown) gets
 * 1 / r^exponent. Popularity says how often a title is put in front of viewers, before the planted
 * bias; it is independent of the title's creators.
 *
 * Ranks are dealt so that, within each kind, each creator group holds its share of the exposure mass
 * (see dealBalanced): with a Zipf head, a plain random deal lets one or two blockbusters decide a
 * group's share of interactions, and the planted bias would drown in that noise. Each kind gets a
 * random set of ranks.
 */
export function exposurePropensity(titles: TitleTable, exponent: number, seed: number): Float64Array {
  const rng = new SeededRandom(seed, 'exposure');
  const n = titles.count;
  const rankOf = new Int32Array(n);
  for (let t = 0; t < n; t++) rankOf[t] = t + 1;
  rng.shuffle(rankOf);

  const exposure = new Float64Array(n);
  for (const kind of [...new Set(titles.kind)].sort((a, b) => a - b)) {
    const ranks: number[] = [];
    for (let t = 0; t < n; t++) if (titles.kind[t] === kind) ranks.push(rankOf[t] ?? 0);
    ranks.sort((a, b) => a - b);
    const weights = ranks.map((rank) => rank ** -exponent);
    const titleAt = dealBalanced(groupsOfKind(titles, kind, rng), weights);
    weights.forEach((w, i) => {
      exposure[titleAt[i] ?? 0] = w;
    });
  }
  return exposure;
}
