import type { ItemRecord } from '../catalog-records.js';
import { type SeededRandom, weightedTable } from './seeded-random.js';
import type { TitleKind } from './synthetic-creators.js';
import { type GenreDomain, genreAt, genreIndicesOf } from './synthetic-genres.js';
import { screenMaturity, trackMaturity } from './synthetic-maturity.js';
import {
  episodeSynopsis,
  episodeTitle,
  storySynopsis,
  trackSynopsis,
  trackTitle,
  workTitle,
} from './synthetic-text.js';

/** Latest release year in the catalog (the default logged period starts in 2026). */
const LATEST_YEAR = 2025;

const GENRE_TABLES: Record<GenreDomain, ReturnType<typeof weightedTable<number>>> = {
  screen: weightedTable(genreIndicesOf('screen').map((g) => [g, genreAt(g).weight] as const)),
  music: weightedTable(genreIndicesOf('music').map((g) => [g, genreAt(g).weight] as const)),
};

/** How many genres a title of each kind gets: weights for 1, 2, 3 genres. */
const GENRE_COUNTS: Record<TitleKind, Float64Array> = {
  film: Float64Array.of(0.4, 0.8, 1),
  series: Float64Array.of(0.5, 1, 1),
  track: Float64Array.of(0.8, 1, 1),
};

function drawGenres(kind: TitleKind, rng: SeededRandom): number[] {
  const table = GENRE_TABLES[kind === 'track' ? 'music' : 'screen'];
  const count = rng.index(GENRE_COUNTS[kind]) + 1;
  const genres: number[] = [];
  while (genres.length < count) {
    const g = rng.weighted(table);
    if (!genres.includes(g)) genres.push(g);
  }
  return genres;
}

function releaseYear(rng: SeededRandom, meanAge: number, earliest: number): number {
  return Math.max(earliest, LATEST_YEAR - Math.floor(rng.exponential(meanAge)));
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

export interface TitleBase {
  externalId: string;
  creators: { externalId: string; role: string }[];
  creatorName: string;
  language: string;
}

/** A film, series or track record (fields in the schema's order) and its genre indices. */
export function titleItem(
  kind: TitleKind,
  rng: SeededRandom,
  base: TitleBase,
): { record: ItemRecord; genres: number[] } {
  const genres = drawGenres(kind, rng);
  const primary = genreAt(genres[0] ?? 0);
  const genreIds = genres.map((g) => genreAt(g).id);
  if (kind === 'track') {
    const classical = primary.id === 'classical';
    const minutes = classical ? rng.lognormal(Math.log(8), 0.5) : rng.lognormal(Math.log(3.6), 0.25);
    const record: ItemRecord = {
      externalId: base.externalId,
      title: trackTitle(rng),
      kind: 'track',
      genres: genreIds,
      creators: base.creators,
      year: releaseYear(rng, 10, 1955),
      language: base.language,
      maturity: trackMaturity(genres, rng),
      synopsis: trackSynopsis(rng, primary.name, base.creatorName),
      durationMinutes: Math.round(clamp(minutes, 1.5, 40) * 10) / 10,
      parentExternalId: null,
      season: null,
      episode: null,
    };
    return { record, genres };
  }
  const film = kind === 'film';
  const record: ItemRecord = {
    externalId: base.externalId,
    title: workTitle(rng),
    kind,
    genres: genreIds,
    creators: base.creators,
    year: film ? releaseYear(rng, 14, 1930) : releaseYear(rng, 7, 1990),
    language: base.language,
    maturity: screenMaturity(kind, genres, rng),
    synopsis: storySynopsis(rng, kind, primary.name),
    durationMinutes: film ? Math.round(clamp(rng.lognormal(Math.log(105), 0.18), 70, 240)) : null,
    parentExternalId: null,
    season: null,
    episode: null,
  };
  return { record, genres };
}

/** The episodes of a series, in order, numbered by season; they share its genres, creators and rating. */
export function episodeItems(
  series: ItemRecord,
  count: number,
  perSeason: number,
  rng: SeededRandom,
  idOf: (itemIndex: number) => string,
  firstIndex: number,
): ItemRecord[] {
  const light = series.genres.some((id) => id === 'comedy' || id === 'animation' || id === 'family');
  const baseMinutes = light ? rng.pick([22, 24, 30]) : rng.pick([42, 45, 52, 60]);
  const episodes: ItemRecord[] = [];
  for (let j = 0; j < count; j++) {
    const season = Math.floor(j / perSeason) + 1;
    const episode = (j % perSeason) + 1;
    episodes.push({
      externalId: idOf(firstIndex + j),
      title: episodeTitle(rng, season, episode),
      kind: 'episode',
      genres: [...series.genres],
      creators: series.creators.map((creator) => ({ ...creator })),
      year: Math.min(LATEST_YEAR, (series.year ?? LATEST_YEAR) + season - 1),
      language: series.language,
      maturity: series.maturity,
      synopsis: episodeSynopsis(rng, series.title, season, episode),
      durationMinutes: baseMinutes + rng.intBetween(-3, 4),
      parentExternalId: series.externalId,
      season,
      episode,
    });
  }
  return episodes;
}
