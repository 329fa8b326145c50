import { join } from 'node:path';
import type { RecordKind } from '../../catalog/catalog-records.js';
import { UNRATED } from '../../catalog/maturity.js';
import { ageBandOf } from '../../catalog/viewer-profile.js';
import { countDropped, ImportRowError, type ImportSource, type Located } from '../import-source.js';
import { readLines } from '../read-lines.js';
import { genreSlug } from './genre-slug.js';
import { splitTitleYear, yearOfReleaseDate } from './movielens-title.js';
import { movieLensViewer, ratingRows, readKind } from './movielens-shared.js';
import type { RecordInputOf } from './record-inputs.js';
import { isBlank, parseInteger, parseNumericId, splitRow } from './row-fields.js';
import type { DemographicsOptions } from './viewer-demographics.js';

const DATA_COLUMNS = ['user id', 'item id', 'rating', 'timestamp'] as const;
const USER_COLUMNS = ['user id', 'age', 'gender', 'occupation', 'zip code'] as const;
const ITEM_COLUMNS = ['movie id', 'movie title', 'release date', 'video release date', 'IMDb URL'] as const;
/** The genre u.item flags as "unknown": an item flagged only so has no genre. */
const UNKNOWN_GENRE = 'unknown';

/**
 * MovieLens 100K (https://grouplens.org/datasets/movielens/100k/): u.data (tab-separated ratings),
 * u.item (pipe-separated, Latin-1, 19 genre flags), u.genre and u.user. No creators. IMDb URLs, release
 * dates and zip codes are never kept; gender and occupation only with demographics consent.
 */
export class MovieLens100kSource implements ImportSource {
  readonly format = 'movielens-100k';
  readonly kinds = ['genres', 'items', 'viewers', 'interactions'] as const satisfies readonly RecordKind[];
  readonly files: readonly string[];
  readonly dropped = new Map<string, number>();
  private readonly consent: boolean;

  constructor(
    readonly dir: string,
    options: DemographicsOptions = {},
  ) {
    this.files = ['u.genre', 'u.item', 'u.user', 'u.data'].map((name) => join(dir, name));
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

  /** u.genre rows `name|index`, in index order; the `unknown` genre maps to no genre (null). */
  private async *genreRows(progress?: (bytes: number) => void) {
    const file = join(this.dir, 'u.genre');
    let expected = 0;
    for await (const { number, text } of readLines(file, { encoding: 'latin1', progress })) {
      if (isBlank(text)) continue;
      const at = { file, line: number };
      const [name = '', index = ''] = splitRow(text, '|', ['genre', 'index'], at);
      if (parseInteger(index, 'index', at) !== expected) {
        throw new ImportRowError(file, number, 'index', `expected genre index ${expected}, found '${index}'`);
      }
      expected += 1;
      const genre = name.trim() === UNKNOWN_GENRE ? null : { id: genreSlug(name), name: name.trim() };
      yield { file, line: number, genre };
    }
  }

  private async *genres(
    progress?: (bytes: number) => void,
  ): AsyncGenerator<Located<RecordInputOf['genres']>> {
    for await (const { file, line, genre } of this.genreRows(progress)) {
      if (genre) yield { file, line, value: genre };
    }
  }

  private async *items(progress?: (bytes: number) => void): AsyncGenerator<Located<RecordInputOf['items']>> {
    const slugs: (string | null)[] = [];
    for await (const { genre } of this.genreRows()) slugs.push(genre?.id ?? null);
    const file = join(this.dir, 'u.item');
    const columns = [...ITEM_COLUMNS, ...slugs.map((slug, index) => `genre ${slug ?? index}`)];
    for await (const { number, text } of readLines(file, { encoding: 'latin1', progress })) {
      if (isBlank(text)) continue;
      const at = { file, line: number };
      const [id = '', rawTitle = '', releaseDate = '', videoReleaseDate = '', imdbUrl = '', ...flags] =
        splitRow(text, '|', columns, at);
      const genres: string[] = [];
      flags.forEach((flag, index) => {
        if (flag !== '0' && flag !== '1') {
          throw new ImportRowError(
            file,
            number,
            columns[index + 5],
            `genre flag must be 0 or 1, found '${flag}'`,
          );
        }
        const slug = slugs[index];
        if (flag === '1' && slug) genres.push(slug);
      });
      if (releaseDate.trim()) countDropped(this.dropped, 'items.releaseDate');
      if (videoReleaseDate.trim()) countDropped(this.dropped, 'items.videoReleaseDate');
      if (imdbUrl.trim()) countDropped(this.dropped, 'items.imdbUrl');
      const { title, year } = splitTitleYear(rawTitle);
      yield {
        file,
        line: number,
        value: {
          externalId: parseNumericId(id, 'movie id', at),
          title,
          kind: 'film',
          genres,
          year: year ?? yearOfReleaseDate(releaseDate),
          maturity: UNRATED,
        },
      };
    }
  }

  private async *viewers(
    progress?: (bytes: number) => void,
  ): AsyncGenerator<Located<RecordInputOf['viewers']>> {
    const file = join(this.dir, 'u.user');
    for await (const { number, text } of readLines(file, { encoding: 'latin1', progress })) {
      if (isBlank(text)) continue;
      const at = { file, line: number };
      const [id = '', age = '', gender, occupation, zip] = splitRow(text, '|', USER_COLUMNS, at);
      const ageBand = ageBandOf(parseInteger(age, 'age', at));
      yield movieLensViewer(
        { at, id, idColumn: 'user id', ageBand, gender, occupation, zip },
        this.consent,
        this.dropped,
      );
    }
  }

  private interactions(
    progress?: (bytes: number) => void,
  ): AsyncGenerator<Located<RecordInputOf['interactions']>> {
    return ratingRows(join(this.dir, 'u.data'), '\t', DATA_COLUMNS, progress);
  }
}
