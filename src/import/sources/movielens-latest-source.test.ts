import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MovieLensLatestSource } from './movielens-latest-source.js';
import { fixtureDir, lines, readAll, removeFixtures, rowErrorOf } from './test-fixtures.js';

afterAll(removeFixtures);

const MOVIES = [
  'movieId,title,genres',
  '1,Toy Story (1995),Adventure|Animation|Children|Comedy',
  '11,"American President, The (1995)",Comedy|Drama|Romance',
  '3,"Title with ""quotes"" (2001) ",(no genres listed)',
  '4,Babylon 5,Sci-Fi',
];
const RATINGS = [
  'userId,movieId,rating,timestamp',
  '1,1,4.0,964982703',
  '2,11,3.5,964981247',
  '1,3,0.5,964982224',
];

async function latest(options: { eol?: string; files?: Record<string, string[]> } = {}) {
  const eol = options.eol ?? '\n';
  const files = { 'movies.csv': MOVIES, 'ratings.csv': RATINGS, ...options.files };
  return fixtureDir({
    'movies.csv': lines(files['movies.csv'], eol),
    'ratings.csv': lines(files['ratings.csv'], eol),
    'tags.csv': 'userId,movieId,tag,timestamp\n1,1,funny,964982703\n',
  });
}

const film = { kind: 'film', maturity: { system: 'none', rating: 'unrated' } };

describe('MovieLensLatestSource', () => {
  it('maps every field, parsing quoted titles with commas', async () => {
    const { values, invalid } = await readAll(new MovieLensLatestSource(await latest()));
    expect(invalid).toEqual([]);
    expect(values.genres).toEqual(
      ['Adventure', 'Animation', 'Children', 'Comedy', 'Drama', 'Romance', 'Sci-Fi'].map((name) => ({
        id: name.toLowerCase(),
        name,
      })),
    );
    expect(values.items).toEqual([
      {
        ...film,
        externalId: '1',
        title: 'Toy Story',
        year: 1995,
        genres: ['adventure', 'animation', 'children', 'comedy'],
      },
      {
        ...film,
        externalId: '11',
        title: 'American President, The',
        year: 1995,
        genres: ['comedy', 'drama', 'romance'],
      },
      { ...film, externalId: '3', title: 'Title with "quotes"', year: 2001, genres: [] },
      { ...film, externalId: '4', title: 'Babylon 5', year: null, genres: ['sci-fi'] },
    ]);
    expect(values.interactions).toEqual([
      {
        subjectExternalId: '1',
        itemExternalId: '1',
        kind: 'rating',
        value: 4,
        occurredAt: '2000-07-30T18:45:03.000Z',
        idempotencyKey: null,
      },
      {
        subjectExternalId: '2',
        itemExternalId: '11',
        kind: 'rating',
        value: 3.5,
        occurredAt: '2000-07-30T18:20:47.000Z',
        idempotencyKey: null,
      },
      {
        subjectExternalId: '1',
        itemExternalId: '3',
        kind: 'rating',
        value: 0.5,
        occurredAt: '2000-07-30T18:37:04.000Z',
        idempotencyKey: null,
      },
    ]);
  });

  it('derives viewers from the distinct users of ratings.csv, with no demographics', async () => {
    const source = new MovieLensLatestSource(await latest());
    const { values } = await readAll(source);
    const viewer = {
      profileKind: 'adult',
      ageBand: 'unknown',
      demographicsConsent: false,
      gender: null,
      occupation: null,
    };
    expect(values.viewers).toEqual([
      { externalId: '1', ...viewer },
      { externalId: '2', ...viewer },
    ]);
    expect(source.dropped.size).toBe(0);
    expect(source.files.map((file) => file.split(/[\\/]/).pop())).toEqual(['movies.csv', 'ratings.csv']);
  });

  it('reads CRLF files exactly like LF files', async () => {
    const lf = await readAll(new MovieLensLatestSource(await latest()));
    expect(await readAll(new MovieLensLatestSource(await latest({ eol: '\r\n' })))).toEqual(lf);
  });

  it('keeps line numbers exact after a quoted title that spans lines', async () => {
    const movies = [
      MOVIES[0] ?? '',
      '1,"Two',
      'lines (1999)",Drama',
      '2,Heat (1995),Action',
      'x,Bad (1995),Drama',
    ];
    const dir = await latest({ files: { 'movies.csv': movies } });
    const error = await rowErrorOf(new MovieLensLatestSource(dir), 'items');
    expect(error).toMatchObject({ file: join(dir, 'movies.csv'), line: 5, field: 'movieId' });
  });

  it('names the line of a bad rating and rejects an unexpected header', async () => {
    const ratings = [RATINGS[0] ?? '', RATINGS[1] ?? '', '2,11,four,964981247', RATINGS[3] ?? ''];
    const dir = await latest({ files: { 'ratings.csv': ratings } });
    expect(await rowErrorOf(new MovieLensLatestSource(dir), 'interactions')).toMatchObject({
      line: 3,
      field: 'rating',
    });

    const header = await latest({
      files: { 'ratings.csv': ['user,item,rating,timestamp', RATINGS[1] ?? ''] },
    });
    const error = await rowErrorOf(new MovieLensLatestSource(header), 'viewers');
    expect(error).toMatchObject({ line: 1 });
    expect(error.detail).toContain("expected header 'userId,movieId,rating,timestamp'");
  });
});
