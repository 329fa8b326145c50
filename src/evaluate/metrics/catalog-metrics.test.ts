import { describe, expect, it } from 'vitest';
import { matrixFromTriplets } from '../../models/interaction-matrix.js';
import { topKListsOf } from '../top-k-lists.js';
import { averagePopularity } from './average-popularity.js';
import { catalogContext } from './catalog-metric.js';
import { catalogCoverage } from './catalog-coverage.js';
import { distributionalCoverage } from './distributional-coverage.js';
import { exposureGini } from './exposure-gini.js';
import { intraListDiversity, jaccardDistance } from './intra-list-diversity.js';
import { longTailShare, shortHead } from './long-tail-share.js';
import { novelty } from './novelty.js';

// Train: user 0 has items 0 and 1, user 1 item 0, user 2 items 0 and 2, user 3 nothing.
// Popularity [3, 1, 1, 0, 0], three train users, five train interactions.
const train = matrixFromTriplets(4, 5, [0, 0, 1, 2, 2], [0, 1, 0, 0, 2]);
const context = catalogContext(train);

describe('catalogContext', () => {
  it('counts distinct train users per item and the users with any train item', () => {
    expect(Array.from(context.popularity)).toEqual([3, 1, 1, 0, 0]);
    expect(context.nTrainUsers).toBe(3);
    expect(context.nItems).toBe(5);
  });
});

describe('coverage and exposure', () => {
  const lists = topKListsOf(4, 2, [
    [0, 1],
    [0, 2],
  ]);

  it('catalog coverage: distinct recommended items over all items', () => {
    expect(catalogCoverage.measure(lists, context)).toBeCloseTo(3 / 4, 12);
    expect(catalogCoverage.measure(topKListsOf(4, 2, [[], []]), context)).toBe(0);
  });

  it('distributional coverage: entropy in bits of exposure shares, and over log2(nItems)', () => {
    // Exposure [2, 1, 1, 0] of 4 slots: shares 1/2, 1/4, 1/4.
    const { entropy, normalized } = distributionalCoverage.measure(lists, context);
    expect(entropy).toBeCloseTo(0.5 * 1 + 2 * 0.25 * 2, 12);
    expect(normalized).toBeCloseTo(1.5 / 2, 12);
    const uniform = distributionalCoverage.measure(
      topKListsOf(4, 2, [
        [0, 1],
        [2, 3],
      ]),
      context,
    );
    expect(uniform.normalized).toBeCloseTo(1, 12);
    expect(distributionalCoverage.measure(topKListsOf(4, 2, [[0], [0]]), context).entropy).toBe(0);
  });

  it('Gini of exposure over every item, the unrecommended at 0', () => {
    // Sorted exposure [0, 1, 1, 2]: (-3*0 - 1*1 + 1*1 + 3*2) / (4 * 4).
    expect(exposureGini.measure(lists, context)).toBeCloseTo(6 / 16, 12);
  });

  it('Gini is 0 for equal exposure and (n - 1) / n when one item takes it all', () => {
    expect(
      exposureGini.measure(
        topKListsOf(4, 2, [
          [0, 1],
          [2, 3],
        ]),
        context,
      ),
    ).toBeCloseTo(0, 12);
    const n = 1000;
    const one = topKListsOf(
      n,
      1,
      Array.from({ length: 50 }, () => [7]),
    );
    expect(exposureGini.measure(one, context)).toBeCloseTo((n - 1) / n, 12);
    expect(exposureGini.measure(topKListsOf(4, 1, [[]]), context)).toBeNaN();
  });
});

describe('popularity-based metrics', () => {
  const lists = topKListsOf(5, 2, [[0, 1], [3], []]);

  it('novelty: mean self-information per list, a never-seen item counted as seen by one user', () => {
    const first = (-Math.log2(3 / 3) - Math.log2(1 / 3)) / 2;
    const second = Math.log2(3);
    expect(novelty.measure(lists, context)).toBeCloseTo((first + second) / 2, 12);
  });

  it('ARP: mean train popularity per list, averaged over non-empty lists', () => {
    expect(averagePopularity.measure(lists, context)).toBeCloseTo(((3 + 1) / 2 + 0) / 2, 12);
    expect(averagePopularity.measure(topKListsOf(5, 2, [[]]), context)).toBeNaN();
  });

  it('APLT: share of long-tail items per list, the head being item 0 (3 of 5 interactions >= 20%)', () => {
    expect(Array.from(shortHead(context.popularity))).toEqual([1, 0, 0, 0, 0]);
    expect(longTailShare.measure(lists, context)).toBeCloseTo((1 / 2 + 1) / 2, 12);
  });

  it('short head: the smallest most-popular prefix reaching the share, ties to the lower index', () => {
    expect(Array.from(shortHead(Float64Array.from([2, 2, 2, 2, 2])))).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(shortHead(Float64Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1])))).toEqual([
      1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(Array.from(shortHead(Float64Array.from([1, 5, 1, 5, 1, 5, 0, 1]), 0.5))).toEqual([
      0, 1, 0, 1, 0, 0, 0, 0,
    ]);
    expect(Array.from(shortHead(Float64Array.from([0, 0])))).toEqual([0, 0]);
  });
});

describe('intra-list diversity', () => {
  const itemGenres = [[0, 1], [2, 1, 1], [1, 0], [], []];
  const withGenres = catalogContext(train, itemGenres);

  it('Jaccard distance of genre sets', () => {
    expect(jaccardDistance(Int32Array.of(0, 1), Int32Array.of(1, 2))).toBeCloseTo(2 / 3, 12);
    expect(jaccardDistance(Int32Array.of(0, 1), Int32Array.of(0, 1))).toBe(0);
    expect(jaccardDistance(Int32Array.of(0), Int32Array.of(3))).toBe(1);
    expect(jaccardDistance(Int32Array.of(), Int32Array.of())).toBe(0);
    expect(jaccardDistance(Int32Array.of(), Int32Array.of(3))).toBe(1);
  });

  it('mean pairwise distance per list, over lists of two or more items', () => {
    // [0, 1, 2]: d(0,1) = 2/3, d(0,2) = 0, d(1,2) = 2/3; [3, 4]: both genreless, 0; [1] is skipped.
    const lists = topKListsOf(5, 3, [[0, 1, 2], [3, 4], [1]]);
    expect(intraListDiversity.measure(lists, withGenres)).toBeCloseTo((4 / 9 + 0) / 2, 12);
    expect(intraListDiversity.measure(topKListsOf(5, 3, [[1]]), withGenres)).toBeNaN();
  });

  it('needs genres', () => {
    expect(() => intraListDiversity.measure(topKListsOf(5, 2, [[0, 1]]), context)).toThrow(/itemGenres/);
  });
});
