import type { GenreRecord } from '../catalog-records.js';

export type GenreDomain = 'screen' | 'music';

export interface SyntheticGenre {
  readonly id: string;
  readonly name: string;
  /** Films and series draw from `screen` genres, tracks from `music` genres. */
  readonly domain: GenreDomain;
  /** How common the genre is among titles of its domain (relative weight). */
  readonly weight: number;
  /**
   * How far its content leans towards adult audiences, 0 (suits everyone) to 1; for music, the chance a
   * track is explicit. Drives maturity ratings.
   */
  readonly edge: number;
}

const screen = (id: string, name: string, weight: number, edge: number): SyntheticGenre => ({
  id,
  name,
  domain: 'screen',
  weight,
  edge,
});
const music = (id: string, name: string, weight: number, explicitChance: number): SyntheticGenre => ({
  id,
  name,
  domain: 'music',
  weight,
  edge: explicitChance,
});

export const SYNTHETIC_GENRES: readonly SyntheticGenre[] = [
  screen('action', 'Action', 10, 0.62),
  screen('adventure', 'Adventure', 7, 0.4),
  screen('animation', 'Animation', 6, 0.06),
  screen('comedy', 'Comedy', 15, 0.42),
  screen('crime', 'Crime', 7, 0.82),
  screen('documentary', 'Documentary', 6, 0.3),
  screen('drama', 'Drama', 18, 0.55),
  screen('family', 'Family', 5, 0),
  screen('fantasy', 'Fantasy', 5, 0.45),
  screen('horror', 'Horror', 6, 0.92),
  screen('musical', 'Musical', 2, 0.15),
  screen('mystery', 'Mystery', 4, 0.55),
  screen('romance', 'Romance', 7, 0.5),
  screen('sci-fi', 'Science Fiction', 6, 0.5),
  screen('thriller', 'Thriller', 8, 0.76),
  screen('war', 'War', 2, 0.8),
  screen('western', 'Western', 2, 0.55),
  music('pop', 'Pop', 22, 0.15),
  music('rock', 'Rock', 16, 0.2),
  music('hip-hop', 'Hip-Hop', 16, 0.6),
  music('electronic', 'Electronic', 10, 0.12),
  music('r-n-b', 'R&B', 8, 0.35),
  music('jazz', 'Jazz', 6, 0.02),
  music('classical', 'Classical', 6, 0),
  music('country', 'Country', 7, 0.1),
  music('folk', 'Folk', 5, 0.05),
  music('metal', 'Metal', 4, 0.4),
];

export function genreRecords(): GenreRecord[] {
  return SYNTHETIC_GENRES.map((genre) => ({ id: genre.id, name: genre.name }));
}

/** Indices (into SYNTHETIC_GENRES) of the genres of one domain. */
export function genreIndicesOf(domain: GenreDomain): number[] {
  const indices: number[] = [];
  SYNTHETIC_GENRES.forEach((genre, index) => {
    if (genre.domain === domain) indices.push(index);
  });
  return indices;
}

export function genreAt(index: number): SyntheticGenre {
  const genre = SYNTHETIC_GENRES[index];
  if (genre === undefined) throw new Error(`no synthetic genre at index ${index}`);
  return genre;
}
