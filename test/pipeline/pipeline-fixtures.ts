import { DEFAULT_POLICY, type VersionedPolicy } from '../../src/config/serving-policy.js';
import {
  creatorRecordSchema,
  itemRecordSchema,
  viewerRecordSchema,
} from '../../src/catalog/catalog-records.js';
import type { ProfileKind } from '../../src/catalog/viewer-profile.js';
import { type LoadedModel, loadModel } from '../../src/models/load-model.js';
import { trainModel } from '../../src/models/train-model.js';
import { mulberry32 } from '../../src/random/seeded-random.js';
import { buildServingCatalog, type ServingCatalog } from '../../src/pipeline/serving-catalog.js';
import {
  type NewInteraction,
  type Repositories,
  repositoriesFor,
} from '../../src/store/repositories/index.js';
import { sqliteTestStore, type TestStore, type TestStoreFactory } from '../support/test-stores.js';
import { recordImportConsent } from '../../src/import/import-runner.js';
import { ConsentRepository } from '../../src/privacy/consent/consent-repository.js';

export const GENRES = ['g0', 'g1', 'g2'] as const;
/** Item i is rated RATINGS[i % 5]: audience levels 0, 2, 3, 4, 5. */
export const RATINGS = ['G', 'PG', 'PG-13', 'R', 'NC-17'] as const;
export const N_ITEMS = 30;
/** Items i4, i9, i14, ...: their creator is in the under-represented group. */
export const isUnderrepresented = (i: number) => i % 5 === 4;
export const N_ADULTS = 24;

export interface PipelineWorld {
  t: TestStore;
  repos: Repositories;
  /** Subject id by external id: a0..a23 (adults), kid, teen, fresh (no events). */
  subjects: Map<string, string>;
  /** Item id by external id i0..i29. */
  items: Map<string, string>;
  /** Distinct items per subject external id. */
  watched: Map<string, Set<string>>;
  dispose(): Promise<void>;
}

/**
 * A small seeded world in a real SQLite store: 30 items in 3 genres (item i in genre i % 3) with five
 * maturity ratings, one creator each (an under-represented one for every fifth item), adults who mostly watch their own genre (viewer u likes genre u % 3), a kid and a
 * teen with a few events, and a viewer with none. Some events repeat, so histories need deduplication.
 */
export async function createPipelineWorld(
  seed = 11,
  createStore: TestStoreFactory = sqliteTestStore,
): Promise<PipelineWorld> {
  const t = await createStore();
  const repos = repositoriesFor(t.store.db, t.store.dialect);
  await repos.catalog.insertGenres(GENRES.map((id) => ({ id, name: id.toUpperCase() })));
  await repos.catalog.insertCreators([
    creatorRecordSchema.parse({ externalId: 'c-under', name: 'Under', underrepresented: true }),
    creatorRecordSchema.parse({ externalId: 'c-other', name: 'Other', underrepresented: false }),
  ]);
  await repos.catalog.insertItems(
    Array.from({ length: N_ITEMS }, (_, i) =>
      itemRecordSchema.parse({
        externalId: `i${i}`,
        title: `Item ${i}`,
        kind: 'film',
        genres: [GENRES[i % 3]],
        creators: [{ externalId: isUnderrepresented(i) ? 'c-under' : 'c-other' }],
        maturity: { system: 'mpaa', rating: RATINGS[i % 5] },
      }),
    ),
  );
  // Every viewer agreed to be profiled and trained on (the consent tests withdraw it where they need to).
  const viewer = (externalId: string, profileKind: ProfileKind) =>
    viewerRecordSchema.parse({
      externalId,
      profileKind,
      consents: { personalization: true, model_training: true },
    });
  await repos.subjects.insertViewers(
    [
      ...Array.from({ length: N_ADULTS }, (_, u) => viewer(`a${u}`, 'adult')),
      viewer('kid', 'kids'),
      viewer('teen', 'teen'),
      viewer('fresh', 'adult'),
    ],
    (fresh) => recordImportConsent(new ConsentRepository(t.store.db), fresh, undefined, () => new Date()),
  );
  const subjectRows = await t.store.db.selectFrom('subjects').select(['key', 'id', 'external_id']).execute();
  const itemRows = await t.store.db.selectFrom('items').select(['key', 'id', 'external_id']).execute();
  const subjectKey = new Map(subjectRows.map((r) => [r.external_id, r.key]));
  const itemKey = new Map(itemRows.map((r) => [r.external_id, r.key]));

  const random = mulberry32(seed);
  const watched = new Map<string, Set<string>>();
  const events: NewInteraction[] = [];
  const watch = (subject: string, item: string, times = 1) => {
    if (!watched.has(subject)) watched.set(subject, new Set());
    watched.get(subject)?.add(item);
    for (let n = 0; n < times; n += 1) {
      events.push({
        idempotencyKey: `${subject}/${item}/${n}`,
        subjectKey: subjectKey.get(subject) as number,
        itemKey: itemKey.get(item) as number,
        kind: 'view',
        value: null,
        occurredAt: new Date(Date.UTC(2026, 0, 1) + events.length * 60_000).toISOString(),
      });
    }
  };
  for (let u = 0; u < N_ADULTS; u += 1) {
    for (let i = 0; i < N_ITEMS; i += 1) {
      const p = i % 3 === u % 3 ? 0.75 - i / 100 : 0.05;
      if (random() < p) watch(`a${u}`, `i${i}`, random() < 0.2 ? 2 : 1);
    }
  }
  for (const i of [0, 3, 6, 15]) watch('kid', `i${i}`, i === 3 ? 3 : 1);
  for (const i of [1, 7]) watch('teen', `i${i}`);
  const batch = await repos.batches.open('test');
  await repos.interactions.append(events, batch.key);

  return {
    t,
    repos,
    subjects: new Map(subjectRows.map((r) => [r.external_id, r.id])),
    items: new Map(itemRows.map((r) => [r.external_id, r.id])),
    watched,
    dispose: () => t.dispose(),
  };
}

/** Trains a model on the world's store (the real training path) and loads it back from its artifact. */
export async function trainWorldModel(world: PipelineWorld, algorithm: string): Promise<LoadedModel> {
  const { manifest } = await trainModel(world.t.store, world.t.dataDir, {
    algorithm,
    params: algorithm === 'ease' ? { lambda: 5 } : {},
  });
  return loadModel(world.t.dataDir, manifest.id);
}

export async function servingFor(
  world: PipelineWorld,
  model: LoadedModel | undefined,
  policy: VersionedPolicy = DEFAULT_POLICY,
): Promise<{ model: LoadedModel | undefined; catalog: ServingCatalog; policy: VersionedPolicy }> {
  return { model, catalog: await buildServingCatalog(world.repos, model), policy };
}
