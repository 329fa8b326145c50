import { join } from 'node:path';
import type { RecordKind } from '../../catalog/catalog-records.js';
import { defaultProfileKind } from '../../catalog/viewer-profile.js';
import { ImportRowError, type ImportSource, type Located } from '../import-source.js';
import { readLines } from '../read-lines.js';
import { readCsvRecords } from './csv-records.js';
import {
  genresOfMovies,
  itemsOfMovies,
  type MovieRow,
  splitGenreNames,
  readKind,
} from './movielens-shared.js';
import type { RecordInputOf } from './record-inputs.js';
import {
  isBlank,
  parseEpochSeconds,
  parseNumber,
  parseNumericId,
  type RowAt,
  splitRow,
} from './row-fields.js';
import type { DemographicsOptions } from './viewer-demographics.js';

const RATING_COLUMNS = ['userId', 'movieId', 'rating', 'timestamp'] as const;
const MOVIE_COLUMNS = ['movieId', 'title', 'genres'] as const;

/**
 * MovieLens "latest" and the other CSV releases (ml-latest-small, ml-25m, ml-32m): ratings.csv and
 * movies.csv with header rows. There is no users file, so viewers are the distinct user ids of
 * ratings.csv, with an unknown age band and an adult profile. tags.csv and links.csv are not read.
 */
export class MovieLensLatestSource implements ImportSource {
  readonly format = 'movielens-latest';
  readonly kinds = ['genres', 'items', 'viewers', 'interactions'] as const satisfies readonly RecordKind[];
  readonly files: readonly string[];
  readonly dropped = new Map<string, number>();
  private readonly consent: boolean;

  constructor(
    readonly dir: string,
    options: DemographicsOptions = {},
  ) {
    this.files = ['movies.csv', 'ratings.csv'].map((name) => join(dir, name));
    this.consent = options.demographicsConsent === true;
  }

  records(kind: RecordKind, progress?: (bytes: number) => void): AsyncGenerator<Located<unknown>> {
    return readKind(
      this.format,
      {
        genres: (p) => this.genres(p),
        items: (p) => this.items(p),
        viewers: (p) => this.viewers(p),
        interactions: (p) => this.interactions(p),
      },
      kind,
      progress,
    );
  }

  private async *movies(progress?: (bytes: number) => void): AsyncGenerator<MovieRow> {
    const file = join(this.dir, 'movies.csv');
    let header = true;
    for await (const { line, fields } of readCsvRecords(file, { progress })) {
      const at = { file, line };
      if (header) {
        expectHeader(fields, MOVIE_COLUMNS, at);
        header = false;
        continue;
      }
      if (fields.length !== MOVIE_COLUMNS.length) {
        throw new ImportRowError(
          file,
          line,
          undefined,
          `expected 3 fields (movieId, title, genres), found ${fields.length}`,
        );
      }
      const [id = '', title = '', genres = ''] = fields;
      const genreNames = splitGenreNames(genres);
      yield { at, id: parseNumericId(id, 'movieId', at), title, genreNames };
    }
  }

  /** Each distinct genre of movies.csv, located at the line it first appears on. */
  private genres(progress?: (bytes: number) => void): AsyncGenerator<Located<RecordInputOf['genres']>> {
    return genresOfMovies(this.movies(progress));
  }

  private items(progress?: (bytes: number) => void): AsyncGenerator<Located<RecordInputOf['items']>> {
    return itemsOfMovies(this.movies(progress));
  }

  /** ratings.csv has no quoted fields, so rows are split directly (it can hold tens of millions). */
  private async *ratings(progress?: (bytes: number) => void) {
    const file = join(this.dir, 'ratings.csv');
    for await (const { number, text } of readLines(file, { progress })) {
      const at = { file, line: number };
      if (number === 1) {
        expectHeader(text.replace(/^\uFEFF/, '').split(','), RATING_COLUMNS, at);
        continue;
      }
      if (isBlank(text)) continue;
      const [user = '', item = '', rating = '', timestamp = ''] = splitRow(text, ',', RATING_COLUMNS, at);
      yield { at, user: parseNumericId(user, 'userId', at), item, rating, timestamp };
    }
  }

  /** Each distinct user of ratings.csv, located at its first rating. */
  private async *viewers(
    progress?: (bytes: number) => void,
  ): AsyncGenerator<Located<RecordInputOf['viewers']>> {
    const seen = new Set<string>();
    for await (const { at, user } of this.ratings(progress)) {
      if (seen.has(user)) continue;
      seen.add(user);
      yield {
        ...at,
        value: {
          externalId: user,
          profileKind: defaultProfileKind('unknown'),
          ageBand: 'unknown',
          demographicsConsent: this.consent,
          gender: null,
          occupation: null,
        },
      };
    }
  }

  private async *interactions(
    progress?: (bytes: number) => void,
  ): AsyncGenerator<Located<RecordInputOf['interactions']>> {
    for await (const { at, user, item, rating, timestamp } of this.ratings(progress)) {
      yield {
        ...at,
        value: {
          subjectExternalId: user,
          itemExternalId: parseNumericId(item, 'movieId', at),
          kind: 'rating',
          value: parseNumber(rating, 'rating', at),
          occurredAt: parseEpochSeconds(timestamp, 'timestamp', at),
          idempotencyKey: null,
        },
      };
    }
  }
}

function expectHeader(fields: readonly string[], columns: readonly string[], at: RowAt): void {
  if (fields.length !== columns.length || fields.some((field, index) => field.trim() !== columns[index])) {
    throw new ImportRowError(
      at.file,
      at.line,
      undefined,
      `expected header '${columns.join(',')}', found '${fields.join(',')}'`,
    );
  }
}
