import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CandorJsonlSource } from './candor-jsonl-source.js';
import { detectSource } from './detect-source.js';
import { MappedFileSource } from './mapped-file-source.js';
import { MovieLens1mSource } from './movielens-1m-source.js';
import { MovieLens100kSource } from './movielens-100k-source.js';
import { MovieLensLatestSource } from './movielens-latest-source.js';
import { fixtureDir, removeFixtures, valuesOf } from './test-fixtures.js';

afterAll(removeFixtures);

const folder = (...names: string[]) => fixtureDir(Object.fromEntries(names.map((name) => [name, ''])));

describe('detectSource', () => {
  it('recognizes each folder layout by its files', async () => {
    expect(
      await detectSource(await folder('u.data', 'u.item', 'u.user', 'u.genre', 'u.info')),
    ).toBeInstanceOf(MovieLens100kSource);
    expect(await detectSource(await folder('ratings.dat', 'movies.dat', 'users.dat'))).toBeInstanceOf(
      MovieLens1mSource,
    );
    expect(
      await detectSource(await folder('ratings.csv', 'movies.csv', 'tags.csv', 'links.csv')),
    ).toBeInstanceOf(MovieLensLatestSource);
    const jsonl = await detectSource(await folder('items.jsonl', 'viewers.jsonl'));
    expect(jsonl).toBeInstanceOf(CandorJsonlSource);
    expect(jsonl.kinds).toEqual(['items', 'viewers']);
  });

  it('passes demographics consent on to the source', async () => {
    const dir = await fixtureDir({
      'ratings.dat': '',
      'movies.dat': '',
      'users.dat': '1::F::25::3::10001\n',
    });
    const viewers = await valuesOf(await detectSource(dir, { demographicsConsent: true }), 'viewers');
    expect(viewers).toEqual([expect.objectContaining({ gender: 'F', occupation: 'clerical/admin' })]);
    const withoutConsent = await valuesOf(await detectSource(dir), 'viewers');
    expect(withoutConsent).toEqual([expect.objectContaining({ gender: null, occupation: null })]);
  });

  it('reads a single file through a mapping given inline or as a JSON file', async () => {
    const dir = await fixtureDir({
      'events.csv': 'user,item,at\nu1,m1,1700000000\n',
      'map.json': JSON.stringify({
        subjectExternalId: 'user',
        itemExternalId: 'item',
        occurredAt: 'at:epoch-s',
        kind: '=view',
      }),
    });
    const inline = await detectSource(join(dir, 'events.csv'), {
      kind: 'interactions',
      map: 'subjectExternalId=user,itemExternalId=item,occurredAt=at:epoch-s,kind==view',
    });
    expect(inline).toBeInstanceOf(MappedFileSource);
    const fromFile = await detectSource(join(dir, 'events.csv'), {
      format: 'csv',
      kind: 'interactions',
      map: join(dir, 'map.json'),
    });
    const expected = [
      { subjectExternalId: 'u1', itemExternalId: 'm1', occurredAt: '2023-11-14T22:13:20.000Z', kind: 'view' },
    ];
    expect(await valuesOf(inline, 'interactions')).toEqual(expected);
    expect(await valuesOf(fromFile, 'interactions')).toEqual(expected);
  });

  it('says what it looked for when a folder fits no layout', async () => {
    const error = await detectSource(await folder('readme.txt', 'ratings.tsv')).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    for (const expected of [
      'MovieLens 100K (u.data, u.item, u.user, u.genre)',
      'ratings.dat',
      'movies.csv',
      'items.jsonl',
    ]) {
      expect((error as Error).message).toContain(expected);
    }
  });

  it('names what is missing or wrong', async () => {
    await expect(detectSource(await folder('u.data', 'u.item', 'u.user'))).rejects.toThrow(
      /looks like MovieLens 100K but has no u\.genre/,
    );
    await expect(detectSource(await folder('ratings.dat', 'movies.dat'))).rejects.toThrow(
      /has no users\.dat/,
    );
    await expect(detectSource(join(await folder(), 'nothing-here'))).rejects.toThrow(/does not exist/);

    const dir = await fixtureDir({ 'data.txt': 'a,b\n' });
    await expect(detectSource(join(dir, 'data.txt'))).rejects.toThrow(
      /is a single file; to import it give format \(csv or jsonl\), kind \(.*\), map/,
    );
    await expect(detectSource(join(dir, 'data.txt'), { format: 'csv', kind: 'genres' })).rejects.toThrow(
      /give map \(field=column/,
    );
    await expect(detectSource(dir, { kind: 'items' })).rejects.toThrow(
      /kind apply to a single file, but .* is a folder/,
    );
    await expect(detectSource(join(dir, 'data.txt'), { kind: 'films' })).rejects.toThrow(
      /invalid import options/,
    );
    await expect(detectSource(join(dir, 'data.txt'), { format: 'xml' })).rejects.toThrow(
      /invalid import options/,
    );
    await writeFile(join(dir, 'genres.csv'), 'genre\nDrama\n');
    await expect(
      detectSource(join(dir, 'genres.csv'), { kind: 'genres', map: 'genreId=genre' }),
    ).rejects.toThrow(/unknown genres field 'genreId'/);
  });
});
