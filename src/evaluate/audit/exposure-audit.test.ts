import { describe, expect, it } from 'vitest';
import { topKListsOf } from '../top-k-lists.js';
import { catalogExposure, exposureAudit, popularityBuckets } from './exposure-audit.js';

// Items 0 and 1 are group x, item 2 is y, item 3 is z. Lists of k = 2: viewer 0 gets [0, 2], viewer 1
// [2, 3]. Rank 1 weighs 1, rank 2 weighs w = 1 / log2(3).
const w = 1 / Math.log2(3);
const lists = topKListsOf(4, 2, [
  [0, 2],
  [2, 3],
]);
const itemGroups = ['x', 'x', 'y', 'z'];
// Viewer 0's one relevant item (1, group x) expects IDCG = 1. Viewer 1 has three relevant items
// (2, 3, 0) for two ranks: IDCG = 1 + w, a third of it each.
const relevant = [[1], [2, 3, 0]];

describe('exposureAudit', () => {
  const audit = exposureAudit('creatorGroup', lists, itemGroups, relevant);
  const byGroup = Object.fromEntries(audit.groups.map((g) => [g.group, g]));

  it('matches a hand computation of exposure, catalog and relevance shares', () => {
    expect(audit.attribute).toBe('creatorGroup');
    expect(audit.groups.map((g) => g.group)).toEqual(['x', 'y', 'z']);
    const total = 2 * (1 + w);
    expect(byGroup.x?.exposureShare).toBeCloseTo(1 / total, 12);
    expect(byGroup.y?.exposureShare).toBeCloseTo((1 + w) / total, 12);
    expect(byGroup.z?.exposureShare).toBeCloseTo(w / total, 12);
    expect(audit.groups.map((g) => g.catalogShare)).toEqual([0.5, 0.25, 0.25]);
    expect(audit.groups.map((g) => g.items)).toEqual([2, 1, 1]);
    const ideal = 2 + w;
    expect(byGroup.x?.relevanceShare).toBeCloseTo((1 + (1 + w) / 3) / ideal, 12);
    expect(byGroup.y?.relevanceShare).toBeCloseTo((1 + w) / 3 / ideal, 12);
    expect(byGroup.z?.exposureToCatalog).toBeCloseTo(w / total / 0.25, 12);
    expect(byGroup.y?.exposureToRelevance).toBeCloseTo(((1 + w) / total) * (ideal / ((1 + w) / 3)), 12);
    expect(audit.groups.map((g) => g.coverage)).toEqual([0.5, 1, 1]);
  });

  it('has every share column sum to 1', () => {
    for (const column of ['exposureShare', 'catalogShare', 'relevanceShare'] as const) {
      expect(audit.groups.reduce((sum, g) => sum + g[column], 0)).toBeCloseTo(1, 12);
    }
  });

  it('reports null ratios for a group with no relevant item, and zero shares with nothing to share', () => {
    const none = exposureAudit('g', topKListsOf(3, 2, [[]]), ['a', 'b', 'b'], [[]]);
    expect(none.groups.map((g) => [g.exposureShare, g.relevanceShare, g.exposureToRelevance])).toEqual([
      [0, 0, null],
      [0, 0, null],
    ]);
  });

  it('rejects labels or relevant lists that do not fit the lists', () => {
    expect(() => exposureAudit('g', lists, ['x'], relevant)).toThrow(/1 item labels for 4 items/);
    expect(() => exposureAudit('g', lists, itemGroups, [[1]])).toThrow(/1 relevant-item lists for 2/);
    expect(() => exposureAudit('g', lists, itemGroups, [[9], []])).toThrow(/relevant item 9/);
  });
});

describe('catalogExposure', () => {
  it('reuses catalog coverage and the exposure Gini of list appearances', () => {
    // Appearances [1, 0, 2, 1]: coverage 3/4; sorted [0, 1, 1, 2] give Gini (-1 + 1 + 6) / (4 * 4).
    expect(catalogExposure(lists)).toEqual({ coverage: 0.75, gini: 0.375 });
    expect(catalogExposure(topKListsOf(3, 2, [[]]))).toEqual({ coverage: 0, gini: null });
  });
});

describe('popularityBuckets', () => {
  it('splits items at 20% and 80% of train interactions, most popular first', () => {
    // Total 20: item 0 alone holds 10 >= 4 (head); items 1 and 2 bring the sum to 18 >= 16 (mid).
    expect(popularityBuckets([10, 5, 3, 1, 1, 0])).toEqual(['head', 'mid', 'mid', 'tail', 'tail', 'tail']);
    expect(popularityBuckets([0, 0])).toEqual(['tail', 'tail']);
  });
});
