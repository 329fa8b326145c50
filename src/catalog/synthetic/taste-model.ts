import { dealBalanced, groupsOfKind } from './group-balance.js';
import { SeededRandom } from './seeded-random.js';
import type { TitleTable } from './synthetic-catalog.js';
import { type GenreDomain, SYNTHETIC_GENRES } from './synthetic-genres.js';

/** Share of taste clusters anchored on a music genre (the rest on a film/TV genre). */
const MUSIC_CLUSTER_SHARE = 0.25;
/** Noise on each title's affinity for each cluster, and spread of the latent quality. */
const AFFINITY_NOISE = 0.08;
const QUALITY_SD = 0.12;

/**
 * The latent truth behind the interactions. Each cluster has a genre affinity profile in [0, 1]: its
 * anchor genre 1, one or two secondary genres of the same domain 0.4-0.8, a weak background elsewhere.
 * A title's affinity for a cluster blends the best and the mean profile value of its genres, plus
 * noise. Quality is a normal draw, dealt so each creator group gets the same spread of it within each
 * kind. Neither depends on who made the title: the under-represented group's titles are exactly as good.
 */
export interface TasteModel {
  readonly clusters: number;
  readonly titles: number;
  /** clusters x genres (row k is cluster k's profile over SYNTHETIC_GENRES). */
  readonly profiles: Float64Array;
  /** clusters x titles (row k holds every title's affinity for cluster k). */
  readonly affinity: Float32Array;
  readonly quality: Float32Array;
}

/** Anchor genres in a random order weighted by how common they are (Efraimidis-Spirakis keys). */
function anchorOrder(rng: SeededRandom): number[] {
  const totals: Record<GenreDomain, number> = { screen: 0, music: 0 };
  for (const genre of SYNTHETIC_GENRES) totals[genre.domain] += genre.weight;
  const keys = SYNTHETIC_GENRES.map((genre, index) => {
    const share = genre.domain === 'music' ? MUSIC_CLUSTER_SHARE : 1 - MUSIC_CLUSTER_SHARE;
    const weight = (share * genre.weight) / totals[genre.domain];
    return { index, key: Math.log(rng.open()) / weight };
  });
  return keys.sort((a, b) => b.key - a.key || a.index - b.index).map((entry) => entry.index);
}

function clusterProfiles(clusters: number, rng: SeededRandom): Float64Array {
  const nGenres = SYNTHETIC_GENRES.length;
  const order = anchorOrder(rng);
  const profiles = new Float64Array(clusters * nGenres);
  for (let k = 0; k < clusters; k++) {
    const anchor = order[k % order.length] ?? 0;
    const domain = SYNTHETIC_GENRES[anchor]?.domain;
    const sameDomain: number[] = [];
    for (let g = 0; g < nGenres; g++) {
      const u = rng.uniform();
      const inDomain = SYNTHETIC_GENRES[g]?.domain === domain;
      profiles[k * nGenres + g] = (inDomain ? 0.25 : 0.06) * u * u;
      if (inDomain && g !== anchor) sameDomain.push(g);
    }
    rng.shuffle(sameDomain);
    const secondaries = rng.intBetween(1, 2);
    for (let s = 0; s < secondaries && s < sameDomain.length; s++) {
      profiles[k * nGenres + (sameDomain[s] ?? 0)] = rng.between(0.4, 0.8);
    }
    profiles[k * nGenres + anchor] = 1;
  }
  return profiles;
}

export function buildTasteModel(titles: TitleTable, clusters: number, seed: number): TasteModel {
  const rng = new SeededRandom(seed, 'taste');
  const nGenres = SYNTHETIC_GENRES.length;
  const profiles = clusterProfiles(clusters, rng);
  const n = titles.count;
  const affinity = new Float32Array(clusters * n);
  const quality = new Float32Array(n);
  for (let t = 0; t < n; t++) {
    const genres = titles.genres[t] ?? [];
    for (let k = 0; k < clusters; k++) {
      let best = 0;
      let sum = 0;
      for (const g of genres) {
        const p = profiles[k * nGenres + g] ?? 0;
        best = Math.max(best, p);
        sum += p;
      }
      const mean = genres.length > 0 ? sum / genres.length : 0;
      affinity[k * n + t] = 0.7 * best + 0.3 * mean + rng.normal(0, AFFINITY_NOISE);
    }
  }
  // Quality: normal draws dealt evenly to the creator groups within each kind (see dealBalanced).
  for (const kind of [...new Set(titles.kind)].sort((a, b) => a - b)) {
    const groups = groupsOfKind(titles, kind, rng);
    const values = Array.from({ length: groups[0].length + groups[1].length }, () =>
      rng.normal(0, QUALITY_SD),
    );
    values.sort((a, b) => b - a);
    const titleAt = dealBalanced(groups, new Float64Array(values.length).fill(1));
    values.forEach((q, i) => {
      quality[titleAt[i] ?? 0] = q;
    });
  }
  return { clusters, titles: n, profiles, affinity, quality };
}

/** The cluster profiles as plain data for the ground truth: genres with affinity >= 0.1, strongest first. */
export function describeClusters(
  taste: TasteModel,
): { id: string; genres: { genre: string; affinity: number }[] }[] {
  const nGenres = SYNTHETIC_GENRES.length;
  return Array.from({ length: taste.clusters }, (_, k) => {
    const genres = SYNTHETIC_GENRES.map((genre, g) => ({
      genre: genre.id,
      affinity: Math.round((taste.profiles[k * nGenres + g] ?? 0) * 1000) / 1000,
    }))
      .filter((entry) => entry.affinity >= 0.1)
      .sort((a, b) => b.affinity - a.affinity || (a.genre < b.genre ? -1 : 1));
    return { id: `cluster-${String(k + 1).padStart(2, '0')}`, genres };
  });
}
