import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MovieLens1mSource } from './movielens-1m-source.js';
import { fixtureDir, lines, readAll, removeFixtures, rowErrorOf } from './test-fixtures.js';

afterAll(removeFixtures);

const MOVIES = [
  "1::Toy Story (1995)::Animation|Children's|Comedy",
  '2::Café Society (1997)::Film-Noir|Sci-Fi|Comedy',
];
const USERS = ['1::F::1::10::48067', '2::M::56::16::70072', '3::M::50::20::55117-1234', '4::F::25::0::'];
const RATINGS = ['1::1::5::978300760', '2::2::3::978302109'];

async function ml1m(options: { eol?: string; files?: Record<string, string[]> } = {}) {
  const eol = options.eol ?? '\n';
  const files = { 'movies.dat': MOVIES, 'users.dat': USERS, 'ratings.dat': RATINGS, ...options.files };
  return fixtureDir({
    'movies.dat': Buffer.from(lines(files['movies.dat'], eol), 'latin1'),
    'users.dat': lines(files['users.dat'], eol),
    'ratings.dat': lines(files['ratings.dat'], eol),
  });
}

const film = { kind: 'film', maturity: { system: 'none', rating: 'unrated' } };
const noDemographics = { demographicsConsent: false, gender: null, occupation: null };

describe('MovieLens1mSource', () => {
  it('maps every field; genres are the distinct names of movies.dat', async () => {
    const { values, invalid } = await readAll(new MovieLens1mSource(await ml1m()));
    expect(invalid).toEqual([]);
    expect(values.genres).toEqual([
      { id: 'animation', name: 'Animation' },
      { id: 'childrens', name: "Children's" },
      { id: 'comedy', name: 'Comedy' },
      { id: 'film-noir', name: 'Film-Noir' },
      { id: 'sci-fi', name: 'Sci-Fi' },
    ]);
    expect(values.items).toEqual([
      {
        ...film,
        externalId: '1',
        title: 'Toy Story',
        year: 1995,
        genres: ['animation', 'childrens', 'comedy'],
      },
      {
        ...film,
        externalId: '2',
        title: 'Café Society',
        year: 1997,
        genres: ['film-noir', 'sci-fi', 'comedy'],
      },
    ]);
    expect(values.viewers).toEqual([
      { externalId: '1', profileKind: 'teen', ageBand: 'under-18', ...noDemographics },
      { externalId: '2', profileKind: 'adult', ageBand: '55+', ...noDemographics },
      { externalId: '3', profileKind: 'adult', ageBand: '45-54', ...noDemographics },
      { externalId: '4', profileKind: 'adult', ageBand: '25-34', ...noDemographics },
    ]);
    expect(values.interactions).toEqual([
      {
        subjectExternalId: '1',
        itemExternalId: '1',
        kind: 'rating',
        value: 5,
        occurredAt: '2000-12-31T22:12:40.000Z',
        idempotencyKey: null,
      },
      {
        subjectExternalId: '2',
        itemExternalId: '2',
        kind: 'rating',
        value: 3,
        occurredAt: '2000-12-31T22:35:09.000Z',
        idempotencyKey: null,
      },
    ]);
  });

  it('drops demographics without consent and zip codes always', async () => {
    const source = new MovieLens1mSource(await ml1m());
    await readAll(source);
    expect(Object.fromEntries(source.dropped)).toEqual({
      'viewers.zipCode': 3,
      'viewers.gender': 4,
      'viewers.occupation': 4,
    });
  });

  it('keeps gender and the named occupation with consent', async () => {
    const source = new MovieLens1mSource(await ml1m({ eol: '\r\n' }), { demographicsConsent: true });
    const { values, invalid } = await readAll(source);
    expect(invalid).toEqual([]);
    expect(values.viewers).toEqual([
      {
        externalId: '1',
        profileKind: 'teen',
        ageBand: 'under-18',
        demographicsConsent: true,
        gender: 'F',
        occupation: 'K-12 student',
      },
      {
        externalId: '2',
        profileKind: 'adult',
        ageBand: '55+',
        demographicsConsent: true,
        gender: 'M',
        occupation: 'self-employed',
      },
      {
        externalId: '3',
        profileKind: 'adult',
        ageBand: '45-54',
        demographicsConsent: true,
        gender: 'M',
        occupation: 'writer',
      },
      {
        externalId: '4',
        profileKind: 'adult',
        ageBand: '25-34',
        demographicsConsent: true,
        gender: 'F',
        occupation: 'other',
      },
    ]);
    expect(Object.fromEntries(source.dropped)).toEqual({ 'viewers.zipCode': 3 });
  });

  it('reads CRLF files exactly like LF files', async () => {
    const lf = await readAll(new MovieLens1mSource(await ml1m()));
    expect(await readAll(new MovieLens1mSource(await ml1m({ eol: '\r\n' })))).toEqual(lf);
  });

  it('rejects unknown occupation and age codes and bad rows, naming the line', async () => {
    const occupation = await ml1m({
      files: { 'users.dat': [USERS[0] ?? '', '2::M::25::21::10001', USERS[2] ?? ''] },
    });
    const error = await rowErrorOf(new MovieLens1mSource(occupation), 'viewers');
    expect(error).toMatchObject({ file: join(occupation, 'users.dat'), line: 2, field: 'Occupation' });
    expect(error.message).toContain("unknown occupation code '21'");

    const age = await ml1m({ files: { 'users.dat': [USERS[0] ?? '', '2::M::30::1::10001'] } });
    expect(await rowErrorOf(new MovieLens1mSource(age), 'viewers')).toMatchObject({ line: 2, field: 'Age' });

    const ratings = await ml1m({
      files: { 'ratings.dat': [RATINGS[0] ?? '', RATINGS[1] ?? '', '3::2::4', RATINGS[0] ?? ''] },
    });
    expect(await rowErrorOf(new MovieLens1mSource(ratings), 'interactions')).toMatchObject({ line: 3 });

    const movies = await ml1m({ files: { 'movies.dat': [MOVIES[0] ?? '', 'two::Heat (1995)::Action'] } });
    expect(await rowErrorOf(new MovieLens1mSource(movies), 'items')).toMatchObject({
      line: 2,
      field: 'MovieID',
    });
  });
});
