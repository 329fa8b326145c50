import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CandorJsonlSource } from './candor-jsonl-source.js';
import { fixtureDir, lines, readAll, readKind, removeFixtures, rowErrorOf } from './test-fixtures.js';

afterAll(removeFixtures);

const genre = { id: 'drama', name: 'Drama' };
const item = { externalId: 'm1', title: 'Heat', kind: 'film', genres: ['drama'], year: 1995 };
const viewer = { externalId: 'v1', profileKind: 'adult' };
const event = {
  subjectExternalId: 'v1',
  itemExternalId: 'm1',
  kind: 'like',
  occurredAt: '2024-05-01T10:00:00Z',
};

describe('CandorJsonlSource', () => {
  it('reads only the kinds whose file exists, in import order, passing records through', async () => {
    const dir = await fixtureDir({
      'interactions.jsonl': lines([JSON.stringify(event)]),
      'genres.jsonl': lines(
        [JSON.stringify(genre), '', JSON.stringify({ id: 'noir', name: 'Noir' })],
        '\r\n',
      ),
      'items.jsonl': lines([JSON.stringify(item)]),
      'viewers.jsonl': lines([JSON.stringify(viewer)]),
      'notes.txt': 'not a kind',
    });
    const source = new CandorJsonlSource(dir);
    expect(source.kinds).toEqual(['genres', 'items', 'viewers', 'interactions']);
    expect(source.files).toEqual(
      ['genres', 'items', 'viewers', 'interactions'].map((k) => join(dir, `${k}.jsonl`)),
    );
    const { values, invalid } = await readAll(source);
    expect(invalid).toEqual([]);
    expect(values).toEqual({
      genres: [genre, { id: 'noir', name: 'Noir' }],
      items: [item],
      viewers: [viewer],
      interactions: [event],
    });
    const { records, bytes } = await readKind(source, 'genres');
    expect(records.map((record) => record.line)).toEqual([1, 3]);
    expect(bytes).toBe(statSync(join(dir, 'genres.jsonl')).size);
    expect(() => source.records('creators')).toThrow(/no creators\.jsonl/);
  });

  it('names the line of bad JSON', async () => {
    const dir = await fixtureDir({
      'items.jsonl': lines([
        JSON.stringify(item),
        JSON.stringify({ ...item, externalId: 'm2' }),
        '{"externalId": "m3",',
        '{}',
      ]),
    });
    const error = await rowErrorOf(new CandorJsonlSource(dir), 'items');
    expect(error).toMatchObject({ file: join(dir, 'items.jsonl'), line: 3, field: undefined });
    expect(error.detail).toMatch(/^invalid JSON/);
  });
});
