import { type Maturity, UNRATED } from '../maturity.js';
import type { SeededRandom } from './seeded-random.js';
import { genreAt } from './synthetic-genres.js';

/** Share of titles nobody rated (they sit at the top of the audience scale: adults only). */
const UNRATED_CHANCE = { film: 0.015, series: 0.005 } as const;

/**
 * A rating correlated with the genres: a latent audience level from the genres' edge (mostly the most
 * adult of them) plus noise, cut into the labels of the title's rating system (mpaa for films, tv for
 * series and their episodes).
 */
export function screenMaturity(
  kind: 'film' | 'series',
  genres: readonly number[],
  rng: SeededRandom,
): Maturity {
  if (rng.chance(UNRATED_CHANCE[kind])) return UNRATED;
  let maxEdge = 0;
  let sumEdge = 0;
  for (const g of genres) {
    const edge = genreAt(g).edge;
    maxEdge = Math.max(maxEdge, edge);
    sumEdge += edge;
  }
  const meanEdge = genres.length > 0 ? sumEdge / genres.length : 0.5;
  const level = 4.6 * (0.8 * maxEdge + 0.2 * meanEdge) + rng.normal(0, 0.75);
  if (kind === 'film') {
    if (level < 1) return { system: 'mpaa', rating: 'G' };
    if (level < 2.5) return { system: 'mpaa', rating: 'PG' };
    if (level < 3.5) return { system: 'mpaa', rating: 'PG-13' };
    if (level < 5.3) return { system: 'mpaa', rating: 'R' };
    return { system: 'mpaa', rating: 'NC-17' };
  }
  if (level < 0.5) return { system: 'tv', rating: 'TV-Y' };
  if (level < 1.5) {
    const forChildren = genres.some((g) => genreAt(g).edge < 0.1);
    return { system: 'tv', rating: forChildren ? 'TV-Y7' : 'TV-G' };
  }
  if (level < 2.5) return { system: 'tv', rating: 'TV-PG' };
  if (level < 3.5) return { system: 'tv', rating: 'TV-14' };
  return { system: 'tv', rating: 'TV-MA' };
}

/** A track is explicit with the chance its most explicit genre gives. */
export function trackMaturity(genres: readonly number[], rng: SeededRandom): Maturity {
  let chance = 0;
  for (const g of genres) chance = Math.max(chance, genreAt(g).edge);
  return { system: 'music', rating: rng.chance(chance) ? 'explicit' : 'clean' };
}
