import type { LoadedModel } from '../models/load-model.js';
import type { Scorer } from '../models/recommender.js';
import type { ServingCatalogRows } from './serving-catalog.js';

/** Fixtures shared by the pipeline's unit tests. */

/** A model that scores every item 0 unless `overrides` says otherwise (e.g. its own score, explain). */
export const fakeModel = (
  itemIds: string[],
  itemIdSpace: 'candor' | 'external' = 'candor',
  overrides: Partial<Scorer> = {},
): LoadedModel => {
  const scorer: Scorer = {
    algorithm: 'fake',
    nItems: itemIds.length,
    score: (_history, out = new Float32Array(itemIds.length)) => out.fill(0),
    weights: () => ({}),
    ...overrides,
  };
  return {
    manifest: {
      id: 'model-1',
      algorithm: 'fake',
      params: {},
      data: {
        snapshotHash: 'snapshot',
        events: 0,
        viewers: 0,
        items: itemIds.length,
        lastEventAt: null,
        source: 'store',
        itemIdSpace,
        consent: null,
      },
      unlearning: [],
      metrics: {},
      codeVersion: 'test',
      parent: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      weights: [],
    },
    itemIds,
    scorer,
  };
};

/** Items a..e with keys 1..5; the store has no item 'gone', which a model may still list. */
export const ROWS: ServingCatalogRows = {
  items: ['a', 'b', 'c', 'd', 'e'].map((id, at) => ({
    key: at + 1,
    id,
    externalId: `x-${id}`,
    title: id.toUpperCase(),
    audienceLevel: at,
  })),
  genres: [
    { itemId: 'a', genreId: 'drama' },
    { itemId: 'a', genreId: 'comedy' },
    { itemId: 'c', genreId: 'drama' },
    { itemId: 'gone', genreId: 'drama' },
  ],
  viewers: [
    { itemKey: 3, viewers: 9 },
    { itemKey: 1, viewers: 4 },
    { itemKey: 5, viewers: 4 },
    { itemKey: 99, viewers: 50 },
  ],
};
