import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { itemRecordSchema } from '../../src/catalog/catalog-records.js';
import {
  buildServingCatalog,
  CONSENT_ASSUMED_WITHOUT_RECORDS,
  loadViewerContext,
  type ServingCatalog,
} from '../../src/pipeline/index.js';
import { storeFactories } from '../support/test-stores.js';
import { createPipelineWorld, GENRES, N_ITEMS, type PipelineWorld } from './pipeline-fixtures.js';

describe.each(storeFactories)('serving data read from the store on %s', (_name, createStore) => {
  let world: PipelineWorld;
  let catalog: ServingCatalog;
  beforeAll(async () => {
    world = await createPipelineWorld(11, createStore);
    catalog = await buildServingCatalog(world.repos, undefined);
  });
  afterAll(async () => {
    await world.dispose();
  });

  const eventsOf = async (subject: string) =>
    world.t.store.db
      .selectFrom('interactions')
      .innerJoin('subjects', 'subjects.key', 'interactions.subject_key')
      .innerJoin('items', 'items.key', 'interactions.item_key')
      .select('items.id')
      .where('subjects.external_id', '=', subject)
      .execute();

  it('indexes every item with its title, audience level, genres and distinct viewers', async () => {
    expect(catalog.size).toBe(N_ITEMS);
    for (let i = 0; i < N_ITEMS; i += 1) {
      const column = catalog.columnOfId(world.items.get(`i${i}`) as string) as number;
      expect(catalog.titles[column]).toBe(`Item ${i}`);
      expect(catalog.audienceLevels[column]).toBe([0, 2, 3, 4, 5][i % 5]);
      expect(catalog.genres[column]).toEqual([GENRES[i % 3]]);
      const viewers = [...world.watched.values()].filter((items) => items.has(`i${i}`)).length;
      expect(catalog.viewers[column]).toBe(viewers);
    }
    const counts = [...catalog.popularityOrder].map((c) => catalog.viewers[c] as number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("reads a viewer's distinct items, weighted by their events, and the profile's limit", async () => {
    for (const subject of ['a0', 'a5', 'kid']) {
      const context = await loadViewerContext(world.repos, catalog, world.subjects.get(subject) as string, {
        consent: CONSENT_ASSUMED_WITHOUT_RECORDS,
      });
      const events = await eventsOf(subject);
      const expected = new Map<number, number>();
      for (const { id } of events) {
        const column = catalog.columnOfId(id) as number;
        expected.set(column, (expected.get(column) ?? 0) + 1);
      }
      const columns = [...expected.keys()].sort((a, b) => a - b);
      expect([...context.history.items]).toEqual(columns);
      expect([...(context.history.weights ?? [])]).toEqual(columns.map((c) => expected.get(c)));
      expect(context.maxAudienceLevel).toBe(subject === 'kid' ? 2 : 5);
      expect(context.profileKind).toBe(subject === 'kid' ? 'kids' : 'adult');
    }
    const kid = await loadViewerContext(world.repos, catalog, world.subjects.get('kid') as string, {
      consent: CONSENT_ASSUMED_WITHOUT_RECORDS,
      historyLimit: 2,
    });
    expect(kid.history.items).toHaveLength(2);
  });

  it('does not read the history when it may not be used', async () => {
    const read = vi.spyOn(world.repos.interactions, 'itemsOfSubject');
    try {
      for (const options of [
        { consent: { personalization: false, source: 'test', version: 2 } },
        { consent: CONSENT_ASSUMED_WITHOUT_RECORDS, nonProfiling: true },
      ]) {
        const context = await loadViewerContext(
          world.repos,
          catalog,
          world.subjects.get('a0') as string,
          options,
        );
        expect(context.historyUsed).toBe(false);
      }
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }
  });

  it('gives an unknown profile kind the strictest limit, and a policy may lower a limit', async () => {
    const id = world.subjects.get('a1') as string;
    const policy = await loadViewerContext(world.repos, catalog, id, {
      consent: CONSENT_ASSUMED_WITHOUT_RECORDS,
      maturity: { kids: 2, teen: 3, adult: 3 },
    });
    expect(policy.maxAudienceLevel).toBe(3);
    await world.t.store.db
      .updateTable('subjects')
      .set({ profile_kind: 'elder' })
      .where('id', '=', id)
      .execute();
    try {
      const context = await loadViewerContext(world.repos, catalog, id, {
        consent: CONSENT_ASSUMED_WITHOUT_RECORDS,
      });
      expect(context).toMatchObject({ profileKind: 'kids', maxAudienceLevel: 2 });
    } finally {
      await world.t.store.db
        .updateTable('subjects')
        .set({ profile_kind: 'adult' })
        .where('id', '=', id)
        .execute();
    }
  });

  it('leaves out of a history the items imported after the index was built, until it is rebuilt', async () => {
    await world.repos.catalog.insertItems([
      itemRecordSchema.parse({ externalId: 'late', title: 'Late', kind: 'film', genres: ['g0'] }),
    ]);
    const late = await world.t.store.db
      .selectFrom('items')
      .select(['key', 'id'])
      .where('external_id', '=', 'late')
      .executeTakeFirstOrThrow();
    const subjectKey = (await world.repos.subjects.get(world.subjects.get('a2') as string))?.key as number;
    await world.repos.interactions.append(
      [
        {
          idempotencyKey: 'late-1',
          subjectKey,
          itemKey: late.key,
          kind: 'view',
          value: null,
          occurredAt: '2026-03-01T00:00:00.000Z',
        },
      ],
      (await world.repos.batches.open('test')).key,
    );
    const load = (index: ServingCatalog) =>
      loadViewerContext(world.repos, index, world.subjects.get('a2') as string, {
        consent: CONSENT_ASSUMED_WITHOUT_RECORDS,
      });
    expect((await load(catalog)).history.items).toHaveLength(world.watched.get('a2')?.size as number);
    const rebuilt = await buildServingCatalog(world.repos, undefined);
    expect(rebuilt.columnOfId(late.id)).toBe(N_ITEMS);
    expect([...(await load(rebuilt)).history.items]).toContain(N_ITEMS);
  });
});
