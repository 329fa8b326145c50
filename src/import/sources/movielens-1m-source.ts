import { join } from 'node:path';
import type { RecordKind } from '../../catalog/catalog-records.js';
import type { AgeBand } from '../../catalog/viewer-profile.js';
import { ImportRowError, type ImportSource, type Located } from '../import-source.js';
import { readLines } from '../read-lines.js';
import {
  genresOfMovies,
  itemsOfMovies,
  type MovieRow,
  ratingRows,
  readKind,
  splitGenreNames,
  movieLensViewer,
} from './movielens-shared.js';
import type { RecordInputOf } from './record-inputs.js';
import { isBlank, parseNumericId, splitRow } from './row-fields.js';
import type { DemographicsOptions } from './viewer-demographics.js';

const RATING_COLUMNS = ['UserID', 'MovieID', 'Rating', 'Timestamp'] as const;
const MOVIE_COLUMNS = ['MovieID', 'Title', 'Genres'] as const;
const USER_COLUMNS = ['UserID', 'Gender', 'Age', 'Occupation', 'Zip-code'] as const;

/** users.dat age codes (README: 1 "Under 18", 18 "18-24", ... 50 "50-55", 56 "56+"). */
const AGE_BANDS: Record<string, AgeBand> = {
  '1': 'under-18',
  '18': '18-24',
  '25': '25-34',
  '35': '35-44',
  '45': '45-54',
  '50': '45-54',
  '56': '55+',
};

/** users.dat occupation codes, named as in the MovieLens 1M README. */
const OCCUPATIONS = [
  'other',
  'academic/educator',
  'artist',
  'clerical/admin',
  'college/grad student',
  'customer service',
  'doctor/health care',
  'executive/managerial',
  'farmer',
  'homemaker',
  'K-12 student',
  'lawyer',
  'programmer',
  'retired',
  'sales/marketing',
  'scientist',
  'self-employed',
  'technician/engineer',
  'tradesman/craftsman',
  'unemployed',
  'writer',
] as const;

/**
 * MovieLens 1M (https://grouplens.org/datasets/movielens/1m/): `::`-separated ratings.dat, movies.dat
 * (Latin-1, genres joined by `|`) and users.dat with coded age and occupation. Genres are the distinct
 * names in movies.dat. Zip codes are never kept; gender and occupation only with demographics consent.
 */
export class MovieLens1mSource implements ImportSource {
  readonly format = 'movielens-1m';
  readonly kinds = ['genres', 'items', 'viewers', 'interactions'] as const satisfies readonly RecordKind[];
  readonly files: readonly string[];
  readonly dropped = new Map<string, number>();
  private readonly consent: boolean;

  constructor(
    readonly dir: string,
    options: DemographicsOptions = {},
  ) {
    this.files = ['movies.dat', 'users.dat', 'ratings.dat'].map((name) => join(dir, name));
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
    const file = join(this.dir, 'movies.dat');
    for await (const { number, text } of readLines(file, { encoding: 'latin1', progress })) {
      if (isBlank(text)) continue;
      const at = { file, line: number };
      const [id = '', title = '', genres = ''] = splitRow(text, '::', MOVIE_COLUMNS, at);
      const genreNames = splitGenreNames(genres);
      yield { at, id: parseNumericId(id, 'MovieID', at), title, genreNames };
    }
  }

  /** Each distinct genre of movies.dat, located at the line it first appears on. */
  private genres(progress?: (bytes: number) => void): AsyncGenerator<Located<RecordInputOf['genres']>> {
    return genresOfMovies(this.movies(progress));
  }

  private items(progress?: (bytes: number) => void): AsyncGenerator<Located<RecordInputOf['items']>> {
    return itemsOfMovies(this.movies(progress));
  }

  private async *viewers(
    progress?: (bytes: number) => void,
  ): AsyncGenerator<Located<RecordInputOf['viewers']>> {
    const file = join(this.dir, 'users.dat');
    for await (const { number, text } of readLines(file, { encoding: 'latin1', progress })) {
      if (isBlank(text)) continue;
      const at = { file, line: number };
      const [id = '', gender, age = '', occupationCode = '', zip] = splitRow(text, '::', USER_COLUMNS, at);
      const ageBand = AGE_BANDS[age.trim()];
      if (!ageBand) {
        throw new ImportRowError(
          file,
          number,
          'Age',
          `unknown age code '${age}' (expected 1, 18, 25, 35, 45, 50 or 56)`,
        );
      }
      const occupation = /^\d+$/.test(occupationCode.trim())
        ? OCCUPATIONS[Number(occupationCode)]
        : undefined;
      if (occupation === undefined) {
        throw new ImportRowError(
          file,
          number,
          'Occupation',
          `unknown occupation code '${occupationCode}' (expected 0-20)`,
        );
      }
      yield movieLensViewer(
        { at, id, idColumn: 'UserID', ageBand, gender, occupation, zip },
        this.consent,
        this.dropped,
      );
    }
  }

  private interactions(
    progress?: (bytes: number) => void,
  ): AsyncGenerator<Located<RecordInputOf['interactions']>> {
    return ratingRows(join(this.dir, 'ratings.dat'), '::', RATING_COLUMNS, progress);
  }
}
