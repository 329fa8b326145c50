import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSyntheticParams } from '../../src/catalog/synthetic/synthetic-params.js';
import { writeSyntheticDataset } from '../../src/catalog/synthetic/write-synthetic.js';
import { runImport } from '../../src/import/import-runner.js';
import { openImportSource } from '../../src/import/open-import-source.js';
import { openStore, SQLITE_FILE_NAME, type Store } from '../../src/store/open-store.js';
import { repositoriesFor } from '../../src/store/repositories/index.js';
import { ViewerData } from '../../src/store/repositories/viewer-data.js';
import type { SubjectRow } from '../../src/store/schema.js';
import { tempDir } from '../support/dataset-fixtures.js';

describe('encryption at rest', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('leaves no personal field value in the clear in the database file or its WAL after loading the demo data', async () => {
    const dataset = tempDir();
    await writeSyntheticDataset(dataset, parseSyntheticParams({ items: 150, viewers: 200, seed: 7 }));
    const viewers = readFileSync(join(dataset, 'viewers.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            externalId: string;
            ageBand: string;
            gender: string | null;
            occupation: string | null;
          },
      );
    const catalogText = ['items.jsonl', 'genres.jsonl', 'creators.jsonl']
      .map((file) => (existsSync(join(dataset, file)) ? readFileSync(join(dataset, file), 'utf8') : ''))
      .join('\n');
    // The personal values to look for: those that could not match catalog text by coincidence.
    const values = new Set(
      viewers.flatMap((viewer) => [viewer.gender, viewer.occupation]).filter((v): v is string => v !== null),
    );
    const distinctive = [...values].filter((value) => value.length >= 5 && !catalogText.includes(value));
    expect(distinctive.length).toBeGreaterThan(5);

    const dataDir = tempDir();
    store = await openStore({ dataDir });
    await runImport(store, await openImportSource(dataset));
    // The values are really stored (encrypted) and readable with the keyring.
    const repos = repositoriesFor(store.db, store.dialect, undefined, store.keyring);
    const withDemographics = viewers.find((viewer) => viewer.occupation !== null);
    const subject = await repos.subjects.getByExternalId(withDemographics?.externalId as string);
    expect((await repos.subjects.getPersonal(subject?.id as string))?.occupation).toBe(
      withDemographics?.occupation,
    );

    // Age bands are demographics too: only `unknown` (which says nothing) is kept in the clear.
    const bands = await store.db.selectFrom('subjects').select(['id', 'age_band']).execute();
    expect(bands.some((row) => row.age_band.startsWith('enc1.'))).toBe(true);
    expect(bands.every((row) => row.age_band === 'unknown' || row.age_band.startsWith('enc1.'))).toBe(true);
    const banded = viewers.find((viewer) => viewer.ageBand !== 'unknown') as (typeof viewers)[number];
    const bandedSubject = (await repos.subjects.getByExternalId(banded.externalId)) as SubjectRow;
    const profile = await new ViewerData(
      store.db,
      store.dialect,
      { subjectId: bandedSubject.id, subjectKey: bandedSubject.key },
      undefined,
      store.keyring,
    ).profile();
    expect(profile?.age_band).toBe(banded.ageBand);

    const bytes = [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`]
      .map((file) => join(dataDir, file))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file));
    expect(bytes.length).toBeGreaterThan(0);
    for (const value of distinctive) {
      for (const content of bytes) expect(content.includes(Buffer.from(value)), value).toBe(false);
    }
  });
});
