import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileMapping, loadMappingSpec, parseMappingString } from './mapping-spec.js';
import { fixtureDir, removeFixtures } from './test-fixtures.js';

afterAll(removeFixtures);

describe('parseMappingString', () => {
  it('reads columns, transforms, separators and constants', () => {
    expect(
      parseMappingString(
        'subjectExternalId=user_id, itemExternalId=movie_id,value=rating:number,occurredAt=ts:epoch-s,kind==rating',
      ),
    ).toEqual({
      subjectExternalId: { column: 'user_id', transform: 'string' },
      itemExternalId: { column: 'movie_id', transform: 'string' },
      value: { column: 'rating', transform: 'number' },
      occurredAt: { column: 'ts', transform: 'epoch-s' },
      kind: { const: 'rating' },
    });
  });

  it('keeps commas and colons inside a list separator, and colons that name no transform', () => {
    expect(
      parseMappingString('genres=genre_list:list(;),creators=people:list(,),title=a:b,tags=t:slugs(:)'),
    ).toEqual({
      genres: { column: 'genre_list', transform: 'list', separator: ';' },
      creators: { column: 'people', transform: 'list', separator: ',' },
      title: { column: 'a:b', transform: 'string' },
      tags: { column: 't', transform: 'slugs', separator: ':' },
    });
  });

  it('types constants with a transform and keeps ISO times whole', () => {
    expect(
      parseMappingString('value==1:number,occurredAt==2024-01-01T00:00:00Z,maturity.system==mpaa'),
    ).toEqual({
      value: { const: '1', transform: 'number' },
      occurredAt: { const: '2024-01-01T00:00:00Z' },
      'maturity.system': { const: 'mpaa' },
    });
  });

  it('rejects entries that are not field=source, and repeated fields', () => {
    expect(() => parseMappingString('title')).toThrow(/mapping entry 'title' is not field=column/);
    expect(() => parseMappingString('title=a,title=b')).toThrow(/field 'title' twice/);
    expect(() => parseMappingString('=a')).toThrow(/is not field=column/);
    expect(() => parseMappingString('title=')).toThrow(/not a valid mapping/);
  });
});

describe('loadMappingSpec', () => {
  it('reads a JSON file with shorthand strings and objects', async () => {
    const dir = await fixtureDir({});
    const file = join(dir, 'map.json');
    await writeFile(
      file,
      JSON.stringify({
        externalId: 'id',
        genres: { column: 'genre_list', transform: 'list', separator: ';' },
        year: 'released:int',
        kind: '=film',
        durationMinutes: { const: 90 },
      }),
    );
    expect(loadMappingSpec(file)).toEqual({
      externalId: { column: 'id', transform: 'string' },
      genres: { column: 'genre_list', transform: 'list', separator: ';' },
      year: { column: 'released', transform: 'int' },
      kind: { const: 'film' },
      durationMinutes: { const: 90 },
    });
  });

  it('reads inline JSON and CLI strings, and says when a file is missing or invalid', async () => {
    expect(loadMappingSpec('{"title": "name"}')).toEqual({ title: { column: 'name', transform: 'string' } });
    expect(loadMappingSpec('title=name')).toEqual({ title: { column: 'name', transform: 'string' } });
    expect(() => loadMappingSpec('missing-mapping.json')).toThrow(
      /mapping file missing-mapping.json not found/,
    );
    expect(() => loadMappingSpec('{"title": {"column": "x", "transform": "float"}}')).toThrow(
      /not a valid mapping/,
    );
    expect(() => loadMappingSpec('{"title": {"column": "x", "separator": ";"}}')).toThrow(
      /separator applies only/,
    );
    expect(() => loadMappingSpec('{}')).toThrow(/names no field/);
    expect(() => loadMappingSpec('{"title": ')).toThrow(/not valid JSON/);
  });
});

describe('compileMapping', () => {
  it('names an unknown native field', () => {
    expect(() => compileMapping('interactions', parseMappingString('userId=user_id'))).toThrow(
      /unknown interactions field 'userId'/,
    );
    expect(() => compileMapping('items', parseMappingString('maturity.age=a'))).toThrow(
      /unknown items field 'maturity.age'/,
    );
    expect(() => compileMapping('items', parseMappingString('maturity=m,maturity.rating=r'))).toThrow(
      /both 'maturity'/,
    );
  });

  it('resolves constants through their transform and nests dotted paths', () => {
    expect(compileMapping('items', parseMappingString('maturity.rating=r,year==1999:int'))).toEqual([
      {
        field: 'maturity.rating',
        path: ['maturity', 'rating'],
        column: 'r',
        transform: 'string',
        separator: '|',
      },
      { field: 'year', path: ['year'], constant: 1999 },
    ]);
    expect(() => compileMapping('items', parseMappingString('year==soon:int'))).toThrow(/mapping of 'year'/);
  });
});
