import type { RecordKind } from '../../catalog/catalog-records.js';
import { UNRATED } from '../../catalog/maturity.js';
import { type AgeBand, defaultProfileKind } from '../../catalog/viewer-profile.js';
import { countDropped, type Located } from '../import-source.js';
import { readLines } from '../read-lines.js';
import { genreSlug } from './genre-slug.js';
import { splitTitleYear } from './movielens-title.js';
import type { RecordInputOf } from './record-inputs.js';
import { minimizeDemographics } from './viewer-demographics.js';
import {
  isBlank,
  parseEpochSeconds,
  parseNumber,
  parseNumericId,
  type RowAt,
  splitRow,
} from './row-fields.js';

/** One movie as the MovieLens 1M and latest files list it: genre names joined by `|`. */
export interface MovieRow {
  at: RowAt;
  id: string;
  title: string;
  genreNames: string[];
}

export function splitGenreNames(genres: string, noGenres = '(no genres listed)'): string[] {
  return genres
    .split('|')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== noGenres);
}

/** Each distinct genre of a movie list, located at the line it first appears on. */
export async function* genresOfMovies(
  movies: AsyncIterable<MovieRow>,
): AsyncGenerator<Located<RecordInputOf['genres']>> {
  const seen = new Set<string>();
  for await (const { at, genreNames } of movies) {
    for (const name of genreNames) {
      const id = genreSlug(name);
      if (seen.has(id)) continue;
      seen.add(id);
      yield { ...at, value: { id, name } };
    }
  }
}

/** Films from a movie list: MovieLens has no maturity ratings, so every item is unrated. */
export async function* itemsOfMovies(
  movies: AsyncIterable<MovieRow>,
): AsyncGenerator<Located<RecordInputOf['items']>> {
  for await (const { at, id, title: raw, genreNames } of movies) {
    const { title, year } = splitTitleYear(raw);
    const genres = [...new Set(genreNames.map(genreSlug))];
    yield { ...at, value: { externalId: id, title, kind: 'film', genres, year, maturity: UNRATED } };
  }
}

/**
 * Ratings from a delimited file of `user item rating unix-seconds` rows; `columns` are the source's own
 * names for those four, used in error messages.
 */
export async function* ratingRows(
  file: string,
  separator: string,
  columns: readonly [string, string, string, string],
  progress?: (bytes: number) => void,
): AsyncGenerator<Located<RecordInputOf['interactions']>> {
  const [userColumn, itemColumn, ratingColumn, timeColumn] = columns;
  for await (const { number, text } of readLines(file, { progress })) {
    if (isBlank(text)) continue;
    const at = { file, line: number };
    const [user = '', item = '', rating = '', timestamp = ''] = splitRow(text, separator, columns, at);
    yield {
      file,
      line: number,
      value: {
        subjectExternalId: parseNumericId(user, userColumn, at),
        itemExternalId: parseNumericId(item, itemColumn, at),
        kind: 'rating',
        value: parseNumber(rating, ratingColumn, at),
        occurredAt: parseEpochSeconds(timestamp, timeColumn, at),
        idempotencyKey: null,
      },
    };
  }
}

type Reader = (progress?: (bytes: number) => void) => AsyncGenerator<Located<unknown>>;

/** Dispatches `records(kind)` to a source's reader for that kind, naming what it has when asked otherwise. */
export function readKind(
  format: string,
  readers: Partial<Record<RecordKind, Reader>>,
  kind: RecordKind,
  progress?: (bytes: number) => void,
): AsyncGenerator<Located<unknown>> {
  const read = readers[kind];
  if (!read) throw new Error(`${format} has no ${kind} (it provides ${Object.keys(readers).join(', ')})`);
  return read(progress);
}

/** A MovieLens users-file row as the source parsed it; `idColumn` is the file's name for the id. */
export interface MovieLensUser {
  at: RowAt;
  id: string;
  idColumn: string;
  ageBand: AgeBand;
  gender: string | undefined;
  occupation: string | undefined;
  zip: string | undefined;
}

/**
 * A viewer from a MovieLens users file: the profile the age band allows, demographics only with consent,
 * and the zip code never (counted as dropped).
 */
export function movieLensViewer(
  user: MovieLensUser,
  consent: boolean,
  dropped: Map<string, number>,
): Located<RecordInputOf['viewers']> {
  if (user.zip?.trim()) countDropped(dropped, 'viewers.zipCode');
  return {
    ...user.at,
    value: {
      externalId: parseNumericId(user.id, user.idColumn, user.at),
      profileKind: defaultProfileKind(user.ageBand),
      ageBand: user.ageBand,
      ...minimizeDemographics(consent, { gender: user.gender, occupation: user.occupation }, dropped),
    },
  };
}
