import { DEFAULT_POLICY } from '../config/serving-policy.js';
import { describe, expect, it } from 'vitest';
import { CONSENT_ASSUMED_WITHOUT_RECORDS } from './consent-state.js';
import { recommend } from './recommend.js';
import { ServingCatalog, UNAVAILABLE_LEVEL } from './serving-catalog.js';
import { fakeModel, ROWS } from './test-fixtures.js';
import { createViewerContext } from './viewer-context.js';

describe('ServingCatalog', () => {
  it('puts the model columns first and the items it has not seen after them', () => {
    const catalog = ServingCatalog.fromRows(ROWS, fakeModel(['c', 'gone', 'a']));
    expect(catalog.modelId).toBe('model-1');
    expect(catalog.scoredColumns).toBe(3);
    expect(catalog.size).toBe(6);
    expect(catalog.itemIds).toEqual(['c', '', 'a', 'b', 'd', 'e']);
    expect(catalog.titles).toEqual(['C', '', 'A', 'B', 'D', 'E']);
    expect([...catalog.audienceLevels]).toEqual([2, UNAVAILABLE_LEVEL, 0, 1, 3, 4]);
    expect([...catalog.unavailableColumns]).toEqual([1]);
    expect(catalog.genres).toEqual([['drama'], [], ['drama', 'comedy'], [], [], []]);
    expect(catalog.columnOfId('a')).toBe(2);
    expect(catalog.columnOfKey(4)).toBe(4);
    expect(catalog.columnOfId('gone')).toBeUndefined();
  });

  it("indexes genres for the rerankers and flags the under-represented creators' items", () => {
    const catalog = ServingCatalog.fromRows(
      { ...ROWS, underrepresentedItemIds: ['a', 'd', 'not-in-catalog'] },
      fakeModel(['c', 'gone', 'a']),
    );
    expect(catalog.genreIds).toEqual(['comedy', 'drama']);
    expect(catalog.genreIndices).toEqual([[1], [], [1, 0], [], [], []]);
    expect([...catalog.underrepresented]).toEqual([0, 0, 1, 0, 1, 0]);
    expect([...ServingCatalog.fromRows(ROWS, undefined).underrepresented]).toEqual([0, 0, 0, 0, 0]);
  });

  it('orders available items by distinct viewers, ties to the lower column', () => {
    const catalog = ServingCatalog.fromRows(ROWS, fakeModel(['c', 'gone', 'a']));
    expect([...catalog.viewers]).toEqual([9, 0, 4, 0, 0, 4]);
    expect([...catalog.popularityOrder].map((c) => catalog.itemIds[c])).toEqual(['c', 'a', 'e', 'b', 'd']);
  });

  it('maps a model trained on external ids through the items external ids', () => {
    const catalog = ServingCatalog.fromRows(ROWS, fakeModel(['x-e', 'x-b'], 'external'));
    expect(catalog.itemIds.slice(0, 2)).toEqual(['e', 'b']);
  });

  it('without a model, has only catalog columns in key order', () => {
    const catalog = ServingCatalog.fromRows(ROWS, undefined);
    expect(catalog.modelId).toBeNull();
    expect(catalog.scoredColumns).toBe(0);
    expect(catalog.itemIds).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('fingerprints the popularity counts, whatever the model', () => {
    const one = ServingCatalog.fromRows(ROWS, undefined);
    const two = ServingCatalog.fromRows(ROWS, fakeModel(['e', 'd']));
    expect(two.popularitySnapshot).toBe(one.popularitySnapshot);
    const more = ServingCatalog.fromRows(
      { ...ROWS, viewers: [...ROWS.viewers, { itemKey: 2, viewers: 1 }] },
      undefined,
    );
    expect(more.popularitySnapshot).not.toBe(one.popularitySnapshot);
    expect(two.serial).not.toBe(one.serial);
  });

  it('serves an empty list from an empty catalog', () => {
    const catalog = ServingCatalog.fromRows({ items: [], genres: [], viewers: [] }, undefined);
    const viewer = createViewerContext(
      { subjectId: 's', profileKind: 'adult', consent: CONSENT_ASSUMED_WITHOUT_RECORDS },
      catalog,
    );
    const result = recommend(
      { surface: 'home', limit: 10, viewer },
      { model: undefined, catalog, policy: DEFAULT_POLICY },
    );
    expect(result.items).toEqual([]);
    expect(result.trace.map((t) => t.stage)).toContain('explanations');
  });
});
