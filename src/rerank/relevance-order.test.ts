import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/seeded-random.js';
import { calibrate, calibrationKl } from './calibration.js';
import { inPoolRelevanceOrder } from './relevance-order.js';
import type { ItemFeatures, RerankPool } from './rerank-types.js';
import { expectRerankInvariants, randomHistory, randomListParams, randomPool } from './test-fixtures.js';

function randomFeatures(random: () => number, columns: number): ItemFeatures {
  return {
    genres: Array.from({ length: columns }, () =>
      Array.from({ length: Math.floor(random() * 3) }, () => Math.floor(random() * 4)),
    ),
    genreCount: 4,
    popularity: new Float64Array(columns),
    underrepresented: new Uint8Array(columns),
  };
}

describe('inPoolRelevanceOrder', () => {
  const pool: RerankPool = { items: [7, 3, 5, 1], relevance: [0.9, 0.5, 0.5, 0.1] };

  it('shows the same items in relevance order, equal scores in pool order', () => {
    const result = inPoolRelevanceOrder(pool, { items: [1, 5, 3], promoted: [1], detail: { lambda: 0.4 } });
    expect(result).toEqual({ items: [3, 5, 1], promoted: [1], detail: { lambda: 0.4, order: 'relevance' } });
  });

  it('keeps a set objective (calibration KL) and the list invariants of the reranker it follows', () => {
    const random = mulberry32(29);
    for (let trial = 0; trial < 200; trial += 1) {
      const columns = 5 + Math.floor(random() * 30);
      const features = randomFeatures(random, columns);
      const candidates = randomPool(random, columns);
      const history = randomHistory(random, columns);
      const { k, lambda } = randomListParams(random, candidates.items.length);
      const calibrated = calibrate(candidates, features, { k, lambda }, history);
      const ordered = inPoolRelevanceOrder(candidates, calibrated);
      expect([...ordered.items].sort((a, b) => a - b)).toEqual([...calibrated.items].sort((a, b) => a - b));
      const before = calibrationKl(history.items, calibrated.items, features);
      const after = calibrationKl(history.items, ordered.items, features);
      if (Number.isNaN(before)) expect(after).toBeNaN();
      else expect(after).toBeCloseTo(before, 12);
      expectRerankInvariants(ordered, candidates, k);
    }
  });

  it('refuses an item that is not in the pool', () => {
    expect(() => inPoolRelevanceOrder(pool, { items: [7, 2], promoted: [], detail: {} })).toThrow(
      /result item 2 is not in the pool/,
    );
  });
});
