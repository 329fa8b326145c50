import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preparedQuery } from '../../src/store/prepared-query.js';
import { storeFactories, type TestStore } from '../support/test-stores.js';

describe.each(storeFactories)('prepared queries on %s', (_name, createStore) => {
  let t: TestStore;

  beforeEach(async () => {
    t = await createStore();
    const db = t.store.db;
    for (const [id, kind] of [
      ['a', 'adult'],
      ['b', 'teen'],
      ['c', 'adult'],
      ['d', 'child'],
    ] as const) {
      await db
        .insertInto('subjects')
        .values({
          id,
          external_id: `ext-${id}`,
          profile_kind: kind,
          age_band: 'unknown',
          created_at: '2026-01-01T00:00:00Z',
        })
        .execute();
    }
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('answers as the query built anew would, for each new set of values', async () => {
    const db = t.store.db;
    const build = (kind: string, after: string, limit: number) =>
      db
        .selectFrom('subjects')
        .select(['id', 'profile_kind'])
        .where('profile_kind', '=', kind)
        .where('id', '>', after)
        .orderBy('id')
        .limit(limit);
    const prepared = preparedQuery(db, ['kind', 'after', 'limit'], (slot) =>
      build(slot('kind'), slot('after'), slot('limit')),
    );
    for (const [kind, after, limit] of [
      ['adult', '', 10],
      ['adult', 'a', 10],
      ['adult', '', 1],
      ['teen', '', 5],
      ['child', 'z', 5],
    ] as const) {
      const expected = await build(kind, after, limit).execute();
      expect(await prepared({ kind, after, limit })).toEqual(expected);
    }
    expect((await prepared({ kind: 'adult', after: '', limit: 10 })).map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('keeps values given at build time fixed', async () => {
    const db = t.store.db;
    const adultsAfter = preparedQuery(db, ['after'], (slot) =>
      db
        .selectFrom('subjects')
        .select('id')
        .where('profile_kind', '=', 'adult')
        .where('id', '>', slot('after'))
        .orderBy('id'),
    );
    expect((await adultsAfter({ after: 'a' })).map((r) => r.id)).toEqual(['c']);
  });

  it('refuses a parameter name the query does not use', () => {
    const db = t.store.db;
    expect(() =>
      preparedQuery(db, ['id', 'unused'], (slot) =>
        db.selectFrom('subjects').select('id').where('id', '=', slot('id')),
      ),
    ).toThrow(/'unused' is not used/);
  });
});
