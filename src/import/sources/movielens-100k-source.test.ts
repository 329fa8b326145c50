import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MovieLens100kSource } from './movielens-100k-source.js';
import { fixtureDir, lines, readAll, readKind, removeFixtures, rowErrorOf } from './test-fixtures.js';

afterAll(removeFixtures);

const GENRES = ['unknown|0', 'Action|1', "Children's|2", 'Film-Noir|3', 'Sci-Fi|4', ''];
const ITEMS = [
  '1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|1|0|1',
  '2|Café Society|01-Jan-1997|||0|1|0|1|0',
  '3|unknown||||1|0|0|0|0',
];
const USERS = ['1|24|M|technician|85711', '2|12|F|student|94043', '3|16|F|none|32067'];
const RATINGS = ['1\t1\t3\t881250949', '2\t2\t5\t891717742', '3\t1\t1\t0'];

async function ml100k(options: { eol?: string; files?: Record<string, string[]> } = {}) {
  const eol = options.eol ?? '\n';
  const files = { 'u.genre': GENRES, 'u.item': ITEMS, 'u.user': USERS, 'u.data': RATINGS, ...options.files };
  return fixtureDir({
    'u.genre': lines(files['u.genre'], eol),
    'u.item': Buffer.from(lines(files['u.item'], eol), 'latin1'),
    'u.user': lines(files['u.user'], eol),
    'u.data': lines(files['u.data'], eol),
  });
}

const film = { kind: 'film', maturity: { system: 'none', rating: 'unrated' } };

describe('MovieLens100kSource', () => {
  it('maps every field of genres, items, viewers and interactions', async () => {
    const source = new MovieLens100kSource(await ml100k());
    expect(source.kinds).toEqual(['genres', 'items', 'viewers', 'interactions']);
    const { values, invalid } = await readAll(source);
    expect(invalid).toEqual([]);
    expect(values.genres).toEqual([
      { id: 'action', name: 'Action' },
      { id: 'childrens', name: "Children's" },
      { id: 'film-noir', name: 'Film-Noir' },
      { id: 'sci-fi', name: 'Sci-Fi' },
    ]);
    expect(values.items).toEqual([
      { ...film, externalId: '1', title: 'Toy Story', genres: ['childrens', 'sci-fi'], year: 1995 },
      { ...film, externalId: '2', title: 'Café Society', genres: ['action', 'film-noir'], year: 1997 },
      { ...film, externalId: '3', title: 'unknown', genres: [], year: null },
    ]);
    expect(values.viewers).toEqual([
      {
        externalId: '1',
        profileKind: 'adult',
        ageBand: '18-24',
        demographicsConsent: false,
        gender: null,
        occupation: null,
      },
      {
        externalId: '2',
        profileKind: 'kids',
        ageBand: 'under-13',
        demographicsConsent: false,
        gender: null,
        occupation: null,
      },
      {
        externalId: '3',
        profileKind: 'teen',
        ageBand: '13-17',
        demographicsConsent: false,
        gender: null,
        occupation: null,
      },
    ]);
    expect(values.interactions).toEqual([
      {
        subjectExternalId: '1',
        itemExternalId: '1',
        kind: 'rating',
        value: 3,
        occurredAt: '1997-12-04T15:55:49.000Z',
        idempotencyKey: null,
      },
      {
        subjectExternalId: '2',
        itemExternalId: '2',
        kind: 'rating',
        value: 5,
        occurredAt: '1998-04-04T19:22:22.000Z',
        idempotencyKey: null,
      },
      {
        subjectExternalId: '3',
        itemExternalId: '1',
        kind: 'rating',
        value: 1,
        occurredAt: '1970-01-01T00:00:00.000Z',
        idempotencyKey: null,
      },
    ]);
  });

  it('drops and counts IMDb URLs, release dates, zip codes and, without consent, gender and occupation', async () => {
    const source = new MovieLens100kSource(await ml100k());
    await readAll(source);
    expect(Object.fromEntries(source.dropped)).toEqual({
      'items.imdbUrl': 1,
      'items.releaseDate': 2,
      'viewers.zipCode': 3,
      'viewers.gender': 3,
      'viewers.occupation': 3,
    });
  });

  it('keeps gender and occupation with demographics consent, never the zip code', async () => {
    const source = new MovieLens100kSource(await ml100k(), { demographicsConsent: true });
    const { values, invalid } = await readAll(source);
    expect(invalid).toEqual([]);
    expect(values.viewers?.[0]).toEqual({
      externalId: '1',
      profileKind: 'adult',
      ageBand: '18-24',
      demographicsConsent: true,
      gender: 'M',
      occupation: 'technician',
    });
    expect(JSON.stringify(values.viewers)).not.toContain('85711');
    expect(source.dropped.get('viewers.zipCode')).toBe(3);
    expect(source.dropped.has('viewers.gender')).toBe(false);
    expect(source.dropped.has('viewers.occupation')).toBe(false);
  });

  it('reads CRLF files exactly like LF files', async () => {
    const lf = await readAll(new MovieLens100kSource(await ml100k()));
    const crlf = await readAll(new MovieLens100kSource(await ml100k({ eol: '\r\n' })));
    expect(crlf).toEqual(lf);
  });

  it('forwards the bytes of the file each kind reads', async () => {
    const dir = await ml100k();
    const source = new MovieLens100kSource(dir);
    for (const [kind, file] of [
      ['genres', 'u.genre'],
      ['items', 'u.item'],
      ['viewers', 'u.user'],
      ['interactions', 'u.data'],
    ] as const) {
      expect((await readKind(source, kind)).bytes).toBe(statSync(join(dir, file)).size);
    }
  });

  it('names the file, line and column of a row it cannot map', async () => {
    const data = ['1\t1\t3\t881250949', '2\t2\t5\t891717742', 'x\t1\t1\t881250949', '3\t1\t1\t881250949'];
    const dir = await ml100k({ files: { 'u.data': data } });
    const error = await rowErrorOf(new MovieLens100kSource(dir), 'interactions');
    expect(error).toMatchObject({ file: join(dir, 'u.data'), line: 3, field: 'user id' });

    const badTime = await ml100k({ files: { 'u.data': [RATINGS[0] ?? '', '2\t2\t5\tyesterday'] } });
    expect(await rowErrorOf(new MovieLens100kSource(badTime), 'interactions')).toMatchObject({
      line: 2,
      field: 'timestamp',
    });

    const users = await ml100k({ files: { 'u.user': [USERS[0] ?? '', '2|12|F|student', USERS[2] ?? ''] } });
    const short = await rowErrorOf(new MovieLens100kSource(users), 'viewers');
    expect(short).toMatchObject({ line: 2, field: undefined });
    expect(short.detail).toMatch(/expected 5 '\|'-separated fields/);

    const items = await ml100k({ files: { 'u.item': [ITEMS[0] ?? '', '2|Heat (1995)|||x|0|1|0|2|0'] } });
    expect(await rowErrorOf(new MovieLens100kSource(items), 'items')).toMatchObject({
      line: 2,
      field: 'genre film-noir',
    });
  });

  it('refuses kinds it does not have', async () => {
    const source = new MovieLens100kSource(await ml100k());
    expect(() => source.records('creators')).toThrow(/has no creators/);
  });
});
