import { rmSync, writeFileSync } from 'node:fs';
import { openAgeBand } from '../../src/store/repositories/subject-repository.js';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/import-runner.js';
import { ImportRowError } from '../../src/import/import-source.js';
import { CandorJsonlSource, detectSource } from '../../src/import/sources/index.js';
import { repositoriesFor } from '../../src/store/repositories/index.js';
import { tempDir, writeMovieLens100k, writeNativeDataset } from '../support/dataset-fixtures.js';
import { storeFactories, type TestStore } from '../support/test-stores.js';

describe.each(storeFactories)('import runner on %s', (_name, createStore) => {
  let t: TestStore;
  let dir: string;
  beforeEach(async () => {
    t = await createStore();
    dir = tempDir();
  });
  afterEach(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const tableCounts = async () => {
    const count = async (
      table: 'items' | 'subjects' | 'interactions' | 'genres' | 'creators' | 'ingest_batches',
    ) =>
      Number(
        (
          await t.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      genres: await count('genres'),
      creators: await count('creators'),
      items: await count('items'),
      subjects: await count('subjects'),
      interactions: await count('interactions'),
      batches: await count('ingest_batches'),
    };
  };

  it('imports every kind and reports read and newly inserted per kind', async () => {
    const report = await runImport(t.store, new CandorJsonlSource(writeNativeDataset(dir)));
    expect(report.format).toBe('candor-jsonl');
    expect(report.kinds).toEqual({
      genres: { read: 2, inserted: 2 },
      creators: { read: 1, inserted: 1 },
      items: { read: 3, inserted: 3 },
      viewers: { read: 2, inserted: 2 },
      // Two viewers may use the same client key: keys are scoped by viewer.
      interactions: { read: 4, inserted: 4 },
    });
    expect(await tableCounts()).toEqual({
      genres: 2,
      creators: 1,
      items: 3,
      subjects: 2,
      interactions: 4,
      batches: 1,
    });
  });

  it('inserts nothing when the same data comes again', async () => {
    await runImport(t.store, new CandorJsonlSource(writeNativeDataset(dir)));
    const again = await runImport(t.store, new CandorJsonlSource(writeNativeDataset(dir)));
    for (const count of Object.values(again.kinds)) expect(count.inserted).toBe(0);
    expect(again.kinds.interactions?.read).toBe(4);
    expect((await tableCounts()).interactions).toBe(4);
  });

  it('writes nothing at all when a row in the middle is bad, and names file, line and field', async () => {
    const good = (n: number) =>
      JSON.stringify({
        subjectExternalId: 'v1',
        itemExternalId: 'i1',
        kind: 'view',
        occurredAt: `2026-01-0${n}T00:00:00Z`,
      });
    const bad = JSON.stringify({
      subjectExternalId: 'v1',
      itemExternalId: 'i1',
      kind: 'rating',
      occurredAt: '2026-01-05T00:00:00Z',
    });
    writeNativeDataset(dir, { interactions: [good(1), good(2), bad, good(3)].join('\n') });
    const error = await runImport(t.store, new CandorJsonlSource(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRowError);
    expect(error).toMatchObject({ file: join(dir, 'interactions.jsonl'), line: 3, field: 'value' });
    expect(await tableCounts()).toEqual({
      genres: 0,
      creators: 0,
      items: 0,
      subjects: 0,
      interactions: 0,
      batches: 0,
    });
  });

  it('refuses an event for an unknown item, naming the field', async () => {
    writeNativeDataset(dir, {
      interactions: JSON.stringify({
        subjectExternalId: 'v1',
        itemExternalId: 'nope',
        kind: 'view',
        occurredAt: '2026-01-01T00:00:00Z',
      }),
    });
    await expect(runImport(t.store, new CandorJsonlSource(dir))).rejects.toMatchObject({
      line: 1,
      field: 'itemExternalId',
      message: expect.stringContaining("unknown item 'nope'"),
    });
  });

  it('names the file, line and field of an item that refers to an unknown genre', async () => {
    writeNativeDataset(dir);
    writeFileSync(
      join(dir, 'items.jsonl'),
      [
        JSON.stringify({ externalId: 'a', title: 'A', kind: 'film', genres: ['drama'] }),
        JSON.stringify({ externalId: 'b', title: 'B', kind: 'film', genres: ['polka'] }),
      ].join('\n'),
    );
    await expect(runImport(t.store, new CandorJsonlSource(dir))).rejects.toMatchObject({
      name: 'ImportRowError',
      file: join(dir, 'items.jsonl'),
      line: 2,
      field: 'genres',
      message: expect.stringContaining("unknown genre 'polka'"),
    });
    expect((await tableCounts()).genres).toBe(0);
  });

  it('imports MovieLens 100K without demographics unless consent is asserted, and never the zip code', async () => {
    writeMovieLens100k(dir);
    const report = await runImport(t.store, await detectSource(dir, {}));
    expect(report.kinds).toMatchObject({
      genres: { read: 3, inserted: 3 },
      items: { read: 3, inserted: 3 },
      viewers: { read: 3, inserted: 3 },
      interactions: { read: 5, inserted: 5 },
    });
    expect(report.dropped).toMatchObject({
      'viewers.zipCode': 3,
      'viewers.gender': 3,
      'viewers.occupation': 3,
    });
    const repos = repositoriesFor(t.store.db, t.store.dialect);
    const child = await repos.subjects.getByExternalId('3');
    expect(child).toMatchObject({ profile_kind: 'kids' });
    // Kept for the maturity rules (it made the profile a kids profile), encrypted like any demographic.
    expect(await openAgeBand(t.store.keyring, child?.id as string, child?.age_band as string)).toBe(
      'under-13',
    );
    expect(await repos.subjects.getPersonal(child?.id as string)).toBeUndefined();
    const cafe = await repos.catalog.getItem((await repos.catalog.getItemIdByExternalId('2')) as string);
    expect(cafe).toMatchObject({ title: 'Café Society', year: 1995 });

    const withConsent = tempDir();
    writeMovieLens100k(withConsent, { data: '1\t3\t4\t874965999\n' });
    const second = await runImport(t.store, await detectSource(withConsent, { demographicsConsent: true }));
    // Viewers already exist: they are not rewritten, and only the new event is inserted.
    expect(second.kinds.viewers?.inserted).toBe(0);
    expect(second.kinds.interactions).toEqual({ read: 1, inserted: 1 });
    rmSync(withConsent, { recursive: true, force: true });
  });
});
