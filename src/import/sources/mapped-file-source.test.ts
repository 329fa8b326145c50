import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MappedFileSource } from './mapped-file-source.js';
import { loadMappingSpec } from './mapping-spec.js';
import {
  fixtureDir,
  lines,
  readAll,
  readKind,
  removeFixtures,
  rowErrorOf,
  valuesOf,
} from './test-fixtures.js';

afterAll(removeFixtures);

async function file(name: string, rows: string[], eol = '\n'): Promise<string> {
  return join(await fixtureDir({ [name]: lines(rows, eol) }), name);
}

describe('MappedFileSource', () => {
  it('maps a CSV of interactions with transforms and a constant, counting unmapped columns', async () => {
    const path = await file(
      'events.csv',
      ['user_id,movie_id,rating,ts,device', 'u1,m1,4.5,1700000000,phone', 'u2,"m,2",3,1700000001,'],
      '\r\n',
    );
    const source = new MappedFileSource(path, {
      format: 'csv',
      kind: 'interactions',
      mapping: loadMappingSpec(
        'subjectExternalId=user_id,itemExternalId=movie_id,value=rating:number,occurredAt=ts:epoch-s,kind==rating',
      ),
    });
    expect(source.format).toBe('mapped-csv');
    expect(source.kinds).toEqual(['interactions']);
    const { values, invalid } = await readAll(source);
    expect(invalid).toEqual([]);
    expect(values.interactions).toEqual([
      {
        subjectExternalId: 'u1',
        itemExternalId: 'm1',
        value: 4.5,
        occurredAt: '2023-11-14T22:13:20.000Z',
        kind: 'rating',
      },
      {
        subjectExternalId: 'u2',
        itemExternalId: 'm,2',
        value: 3,
        occurredAt: '2023-11-14T22:13:21.000Z',
        kind: 'rating',
      },
    ]);
    expect(Object.fromEntries(source.dropped)).toEqual({ 'interactions.device': 1 });
    const { records, bytes } = await readKind(source, 'interactions');
    expect(records.map((record) => record.line)).toEqual([2, 3]);
    expect(bytes).toBe(statSync(path).size);
  });

  it('maps items: lists, slugs, nested maturity, creators, and leaves out unmapped and empty fields', async () => {
    const path = await file('items.csv', [
      'id,name,genre_list,released,rated,directors,minutes',
      '10,Heat,Crime;Film Noir,1995,R,d1|d2,170',
      '11,Toy Story,Animation,,PG,,',
    ]);
    const mapping = loadMappingSpec(
      'externalId=id,title=name,kind==film,genres=genre_list:slugs(;),year=released:int,' +
        'maturity.system==mpaa,maturity.rating=rated,creators=directors:list,durationMinutes=minutes:number',
    );
    const { values, invalid } = await readAll(
      new MappedFileSource(path, { format: 'csv', kind: 'items', mapping }),
    );
    expect(invalid).toEqual([]);
    expect(values.items).toEqual([
      {
        externalId: '10',
        title: 'Heat',
        kind: 'film',
        genres: ['crime', 'film-noir'],
        year: 1995,
        maturity: { system: 'mpaa', rating: 'R' },
        creators: [{ externalId: 'd1' }, { externalId: 'd2' }],
        durationMinutes: 170,
      },
      {
        externalId: '11',
        title: 'Toy Story',
        kind: 'film',
        genres: ['animation'],
        maturity: { system: 'mpaa', rating: 'PG' },
      },
    ]);
  });

  it('keeps viewer demographics only with consent, derives the profile from the age band', async () => {
    const rows = [
      JSON.stringify({ uid: 'v1', age: 34, sex: 'F', job: 'nurse', zip: '12345' }),
      JSON.stringify({ uid: 'v2', age: 15, sex: 'M', job: null, zip: '' }),
      JSON.stringify({ uid: 'v3', age: 40, sex: 'F', job: 'artist', ok: false }),
    ];
    const path = await file('viewers.jsonl', rows);
    const mapping = loadMappingSpec('externalId=uid,ageBand=age:age-band,gender=sex,occupation=job');
    const withoutConsent = new MappedFileSource(path, { format: 'jsonl', kind: 'viewers', mapping });
    const without = await readAll(withoutConsent);
    expect(without.invalid).toEqual([]);
    expect(without.values.viewers).toEqual([
      { externalId: 'v1', ageBand: '25-34', demographicsConsent: false, profileKind: 'adult' },
      { externalId: 'v2', ageBand: '13-17', demographicsConsent: false, profileKind: 'teen' },
      { externalId: 'v3', ageBand: '35-44', demographicsConsent: false, profileKind: 'adult' },
    ]);
    expect(Object.fromEntries(withoutConsent.dropped)).toEqual({
      'viewers.zip': 1,
      'viewers.ok': 1,
      'viewers.gender': 3,
      'viewers.occupation': 2,
    });

    const consentMapping = loadMappingSpec(
      'externalId=uid,ageBand=age:age-band,gender=sex,occupation=job,demographicsConsent=ok:bool',
    );
    const withConsent = new MappedFileSource(path, {
      format: 'jsonl',
      kind: 'viewers',
      mapping: consentMapping,
      demographicsConsent: true,
    });
    const kept = await readAll(withConsent);
    expect(kept.invalid).toEqual([]);
    expect(kept.values.viewers).toEqual([
      {
        externalId: 'v1',
        ageBand: '25-34',
        gender: 'F',
        occupation: 'nurse',
        demographicsConsent: true,
        profileKind: 'adult',
      },
      { externalId: 'v2', ageBand: '13-17', gender: 'M', demographicsConsent: true, profileKind: 'teen' },
      // this viewer's own record says no: the source-wide consent does not override it
      { externalId: 'v3', ageBand: '35-44', demographicsConsent: false, profileKind: 'adult' },
    ]);
    expect(Object.fromEntries(withConsent.dropped)).toEqual({
      'viewers.zip': 1,
      'viewers.gender': 1,
      'viewers.occupation': 1,
    });
  });

  it('names the line and field of a value its transform cannot convert', async () => {
    const path = await file('events.csv', [
      'user,item,when',
      'u1,m1,2024-05-01',
      'u1,m2,2024-05-02',
      'u1,m3,last tuesday',
      'u1,m4,2024-05-04',
    ]);
    const source = new MappedFileSource(path, {
      format: 'csv',
      kind: 'interactions',
      mapping: loadMappingSpec('subjectExternalId=user,itemExternalId=item,occurredAt=when:iso,kind==view'),
    });
    const error = await rowErrorOf(source, 'interactions');
    expect(error).toMatchObject({ file: path, line: 4, field: 'occurredAt' });
    expect(error.detail).toContain("column 'when'");
  });

  it('rejects a mapped column missing from the header, and rows with the wrong field count', async () => {
    const mapping = loadMappingSpec('id=genre:slug,name=genre');
    const missing = await file('genres.csv', ['name', 'Drama']);
    const error = await rowErrorOf(
      new MappedFileSource(missing, { format: 'csv', kind: 'genres', mapping }),
      'genres',
    );
    expect(error).toMatchObject({ line: 1, field: 'id' });
    expect(error.detail).toContain("column 'genre' is not in the header");

    const ragged = await file('genres.csv', ['genre,note', 'Drama,x', 'Crime', 'Noir,y']);
    expect(
      await rowErrorOf(new MappedFileSource(ragged, { format: 'csv', kind: 'genres', mapping }), 'genres'),
    ).toMatchObject({ line: 3 });

    const notObject = await file('genres.jsonl', ['{"genre": "Drama"}', '["Crime"]']);
    expect(
      await rowErrorOf(
        new MappedFileSource(notObject, { format: 'jsonl', kind: 'genres', mapping }),
        'genres',
      ),
    ).toMatchObject({ line: 2, detail: 'expected a JSON object' });
  });

  it('throws a clear Error for an unknown native field and for other kinds', async () => {
    const path = await file('genres.csv', ['genre', 'Drama']);
    expect(
      () =>
        new MappedFileSource(path, { format: 'csv', kind: 'genres', mapping: loadMappingSpec('slug=genre') }),
    ).toThrow(/unknown genres field 'slug'/);
    const source = new MappedFileSource(path, {
      format: 'csv',
      kind: 'genres',
      mapping: loadMappingSpec('id=genre:slug,name=genre'),
    });
    expect(await valuesOf(source, 'genres')).toEqual([{ id: 'drama', name: 'Drama' }]);
    await expect(readKind(source, 'items')).rejects.toThrow(/holds genres, not items/);
  });
});
