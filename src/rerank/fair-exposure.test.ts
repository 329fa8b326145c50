import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/seeded-random.js';
import {
  adjustedAlpha,
  type FairExposureParamsInput,
  fairExposure,
  fairExposureParamsSchema,
  fairFailureProbability,
  fairMinimumTable,
  positionWeight,
  protectedExposureShare,
  totalPositionWeight,
} from './fair-exposure.js';
import type { ItemFeatures, RerankPool } from './rerank-types.js';
import { expectRerankInvariants } from './test-fixtures.js';

function featuresOf(underrepresented: number[]): ItemFeatures {
  return {
    genres: underrepresented.map(() => []),
    genreCount: 0,
    popularity: new Float64Array(underrepresented.length),
    underrepresented,
  };
}

/** A pool of the given columns in order, relevance falling by 1 per rank. */
const poolOf = (items: number[]): RerankPool => ({ items, relevance: items.map((_, i) => items.length - i) });

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

// Columns 0..9 unprotected, 10..14 protected: the relevance order puts every protected item last.
const skewed = featuresOf([...Array<number>(10).fill(0), ...Array<number>(5).fill(1)]);
const skewedPool = poolOf(range(0, 15));

function randomCase(seed: number) {
  const random = mulberry32(seed);
  const columns = 300;
  const flags = Array.from({ length: columns }, () => (random() < 0.25 ? 1 : 0));
  const order = range(0, columns);
  for (let i = columns - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const size = 1 + Math.floor(random() * 200);
  const items = order.slice(0, size);
  const relevance = items.map(() => random() * 4 - 1).sort((a, b) => b - a);
  return { pool: { items, relevance }, features: featuresOf(flags), k: 1 + Math.floor(random() * 30) };
}

describe('FA*IR minimum table', () => {
  it('matches the binomial test worked by hand for p = 0.5, alpha = 0.1 (the paper, table 1)', () => {
    // CDF(m; i, 1/2) = sum_{j<=m} C(i, j) / 2^i; m(i) is the first m above 0.1:
    // i=3: CDF(0) = 1/8 = 0.125 -> 0; i=4: CDF(0) = 1/16, CDF(1) = 5/16 -> 1; i=6: CDF(1) = 7/64 = 0.109
    // -> 1; i=7: CDF(1) = 8/128, CDF(2) = 29/128 -> 2; i=9: CDF(2) = 46/512 = 0.090 -> 3;
    // i=10: CDF(2) = 56/1024, CDF(3) = 176/1024 -> 3; i=11: CDF(3) = 232/2048 = 0.113 -> 3;
    // i=12: CDF(3) = 299/4096 = 0.073, CDF(4) = 794/4096 -> 4.
    expect(Array.from(fairMinimumTable(12, 0.5, 0.1))).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4]);
  });

  it('asks the CDF to exceed alpha strictly', () => {
    // CDF(0; 3, 1/2) = 1/8 exactly: at alpha = 1/8 a prefix of 3 with no protected item fails.
    expect(Array.from(fairMinimumTable(3, 0.5, 0.125))).toEqual([0, 0, 1]);
  });

  it('requires nothing for p = 0 and everything for p = 1', () => {
    expect(Array.from(fairMinimumTable(5, 0, 0.1))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(fairMinimumTable(5, 1, 0.1))).toEqual([1, 2, 3, 4, 5]);
  });

  it('stays exact where p^n underflows a double (log-space CDF)', () => {
    // 0.5^2000 is 0 in a double; the normal approximation puts m(2000) near 1000 - 1.2816 * sqrt(500).
    const table = fairMinimumTable(2000, 0.5, 0.1);
    expect(table[1999]).toBeGreaterThan(968);
    expect(table[1999]).toBeLessThan(975);
    for (let i = 1; i < table.length; i += 1) {
      expect((table[i] as number) - (table[i - 1] as number)).toBeGreaterThanOrEqual(0);
      expect((table[i] as number) - (table[i - 1] as number)).toBeLessThanOrEqual(1);
    }
  });
});

describe('FA*IR multiple-testing adjustment', () => {
  it('computes the failure probability of a table by hand', () => {
    // Table [0,0,0,1]: fail iff none of 4 is protected, 1/16.
    expect(fairFailureProbability([0, 0, 0, 1], 0.5)).toBeCloseTo(1 / 16, 14);
    // Table [0,0,0,1,1,1,2]: none in the first 4 (8/128), or exactly one there and none in 5..7 (4/128).
    expect(fairFailureProbability(fairMinimumTable(7, 0.5, 0.1), 0.5)).toBeCloseTo(12 / 128, 14);
  });

  it('agrees with enumerating every ranking of length 12', () => {
    const p = 0.3;
    const table = fairMinimumTable(12, p, 0.1);
    let failed = 0;
    for (let mask = 0; mask < 1 << 12; mask += 1) {
      let count = 0;
      let fails = false;
      for (let i = 0; i < 12; i += 1) {
        count += (mask >> i) & 1;
        if (count < (table[i] as number)) fails = true;
      }
      const protectedCount = popcount(mask);
      if (fails) failed += p ** protectedCount * (1 - p) ** (12 - protectedCount);
    }
    expect(fairFailureProbability(table, p)).toBeCloseTo(failed, 12);
  });

  it('lowers alpha until a fair ranking fails the whole test with probability at most alpha', () => {
    const raw = fairMinimumTable(100, 0.5, 0.1);
    expect(fairFailureProbability(raw, 0.5)).toBeGreaterThan(0.1);
    const corrected = adjustedAlpha(100, 0.5, 0.1);
    expect(corrected).toBeLessThan(0.1);
    const table = fairMinimumTable(100, 0.5, corrected);
    expect(fairFailureProbability(table, 0.5)).toBeLessThanOrEqual(0.1);
    // Barely: a slightly larger alpha_c would fail more than alpha of fair rankings.
    expect(fairFailureProbability(fairMinimumTable(100, 0.5, corrected * 1.01), 0.5)).toBeGreaterThan(0.1);
    for (let i = 0; i < 100; i += 1) expect(table[i]).toBeLessThanOrEqual(raw[i] as number);
  });

  it('keeps alpha where one test is all there is', () => {
    expect(adjustedAlpha(1, 0.5, 0.1)).toBe(0.1);
  });
});

function popcount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest > 0; rest >>= 1) count += rest & 1;
  return count;
}

describe('protectedExposureShare', () => {
  it('weights each rank by 1 / log2(1 + rank)', () => {
    const features = featuresOf([1, 0, 0]);
    expect(protectedExposureShare([0, 1], features)).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 14);
    expect(protectedExposureShare([1, 0], features)).toBeCloseTo(
      1 / Math.log2(3) / (1 + 1 / Math.log2(3)),
      14,
    );
    expect(protectedExposureShare([1, 2], features)).toBe(0);
    expect(protectedExposureShare([], features)).toBeNaN();
    expect(totalPositionWeight(3)).toBeCloseTo(1 + 1 / Math.log2(3) + 0.5, 14);
  });
});

describe('fairExposure', () => {
  const fixed = (p: number, extra: Partial<FairExposureParamsInput> = {}): FairExposureParamsInput => ({
    k: 10,
    target: { kind: 'fixed', p },
    adjustAlpha: false,
    ...extra,
  });

  it('puts protected items exactly where the p = 0.5, alpha = 0.1 table requires them', () => {
    // m(i) steps up at prefixes 4, 7 and 9: the best protected items 10, 11, 12 go there.
    const result = fairExposure(skewedPool, skewed, fixed(0.5));
    expect(result.items).toEqual([0, 1, 2, 10, 3, 4, 11, 5, 12, 6]);
    expect(result.promoted).toEqual([10, 11, 12]);
    expect(result.detail).toMatchObject({
      targetProportion: 0.5,
      minimumRequired: 3,
      protectedBefore: 0,
      protectedAfter: 3,
      exposureShareBefore: 0,
      constraintUnmet: false,
    });
    expect(result.detail.exposureShareAfter).toBeCloseTo(protectedExposureShare(result.items, skewed), 14);
  });

  it('returns the relevance order when p = 0', () => {
    const result = fairExposure(skewedPool, skewed, fixed(0, { adjustAlpha: true }));
    expect(result.items).toEqual(range(0, 10));
    expect(result.promoted).toEqual([]);
    expect(result.detail.minimumRequired).toBe(0);
  });

  it('keeps the relevance order where it already meets the table', () => {
    const features = featuresOf([1, 0, 1, 0, 0, 0]);
    expect(fairExposure(poolOf([0, 1, 2, 3, 4, 5]), features, { ...fixed(0.5), k: 3 }).items).toEqual([
      0, 1, 2,
    ]);
  });

  it('fills by relevance and says so when the pool runs out of protected items', () => {
    const features = featuresOf([0, 0, 0, 0, 0, 1, 0, 0]);
    const result = fairExposure(poolOf(range(0, 8)), features, { ...fixed(0.9), k: 6 });
    expect(result.items).toEqual([5, 0, 1, 2, 3, 4]);
    expect(result.detail.constraintUnmet).toBe(true);
    expect(result.detail.protectedAfter).toBe(1);
  });

  it('derives p from the catalog or from the relevance mass of the pool', () => {
    const features = featuresOf([1, 0, 0, 0, 1, 0, 0, 0]);
    const pool = { items: [0, 1, 2, 3], relevance: [1, 0, -1, -3] };
    expect(fairExposure(pool, features, { k: 2, target: { kind: 'catalog' } }).detail.baseProportion).toBe(
      0.25,
    );
    // Shifted by +3: masses 4, 3, 2, 0; the protected column 0 holds 4 of 9.
    const byRelevance = fairExposure(pool, features, { k: 2, target: { kind: 'relevance' } });
    expect(byRelevance.detail.baseProportion).toBeCloseTo(4 / 9, 14);
    // Non-negative scores are taken as they are.
    const positive = fairExposure({ items: [0, 1], relevance: [1, 3] }, features, {
      k: 2,
      target: { kind: 'relevance' },
    });
    expect(positive.detail.baseProportion).toBeCloseTo(1 / 4, 14);
    const flat = fairExposure({ items: [0, 1, 2, 3], relevance: [0, 0, 0, 0] }, features, {
      k: 2,
      target: { kind: 'relevance' },
    });
    expect(flat.detail.baseProportion).toBe(0.25);
  });

  it('grows the deficit after a list that falls short and shrinks it after one that overshoots', () => {
    const total = totalPositionWeight(10);
    const short = fairExposure(skewedPool, skewed, fixed(0.5, { deficit: 0.5 }));
    const actual = (short.detail.exposureShareAfter as number) * total;
    expect(short.detail.targetProportion).toBeCloseTo(0.5 + 0.5 / total, 14);
    expect(short.detail.deficitAfter).toBeCloseTo(0.5 + 0.5 * total - actual, 12);
    expect(short.detail.deficitAfter).toBeGreaterThan(0.5);

    // Relevance already favours the protected group: the list gives more than p of its exposure.
    const generous = featuresOf([...Array<number>(10).fill(1), ...Array<number>(5).fill(0)]);
    const over = fairExposure(skewedPool, generous, fixed(0.5, { deficit: 2 }));
    expect(over.detail.deficitAfter).toBeCloseTo(Math.max(0, 2 + 0.5 * total - total), 12);
    expect(over.detail.deficitAfter).toBeLessThan(2);
  });

  it('places more protected items as the carried deficit grows, up to p_eff = 1', () => {
    const counts = [0, 1, 3, 100].map((deficit) => {
      const result = fairExposure(skewedPool, skewed, fixed(0.3, { deficit }));
      return result.detail.protectedAfter as number;
    });
    for (let i = 1; i < counts.length; i += 1)
      expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1] as number);
    expect(counts[3]).toBe(5);
    expect(fairExposure(skewedPool, skewed, fixed(0.3, { deficit: 100 })).detail.targetProportion).toBe(1);
  });

  it('meets the minimum at every prefix whenever the pool holds enough protected items', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const { pool, features, k } = randomCase(seed);
      const p = mulberry32(seed + 1000)();
      const result = fairExposure(pool, features, { k, target: { kind: 'fixed', p }, deficit: seed % 3 });
      const table = fairMinimumTable(
        result.items.length,
        result.detail.targetProportion as number,
        result.detail.alpha as number,
      );
      const available = pool.items.filter((column) => features.underrepresented[column] === 1).length;
      const last = result.items.length === 0 ? 0 : (table[result.items.length - 1] as number);
      expect(result.detail.constraintUnmet, `seed ${seed}`).toBe(available < last);
      if (available < last) continue;
      let count = 0;
      result.items.forEach((column, i) => {
        count += features.underrepresented[column] as number;
        expect(count, `seed ${seed} prefix ${i + 1}`).toBeGreaterThanOrEqual(table[i] as number);
      });
    }
  });

  it('returns min(k, pool) distinct pool items, promoting exactly those from rank k on', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const { pool, features, k } = randomCase(seed);
      const result = fairExposure(pool, features, { k, target: { kind: 'relevance' } });
      expectRerankInvariants(result, pool, k);
      // Within each group the relevance order is kept.
      const rank = new Map(pool.items.map((column, i) => [column, i]));
      for (const group of [0, 1]) {
        const ranks = result.items
          .filter((column) => features.underrepresented[column] === group)
          .map((column) => rank.get(column) as number);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }
    }
  });

  it('handles an empty pool', () => {
    const result = fairExposure({ items: [], relevance: [] }, skewed, { k: 5 });
    expect(result.items).toEqual([]);
    expect(result.detail.exposureShareAfter).toBeNull();
  });

  it('has a description for every field and sensible defaults', () => {
    for (const [name, field] of Object.entries(fairExposureParamsSchema.shape)) {
      expect(field.description, name).toMatch(/\w{3}/);
    }
    expect(fairExposureParamsSchema.parse({ k: 3 })).toEqual({
      k: 3,
      target: { kind: 'catalog' },
      alpha: 0.1,
      adjustAlpha: true,
      deficit: 0,
    });
  });

  it.each([
    [{ k: 0 }, /\bk\b/],
    [{ k: 2.5 }, /\bk\b/],
    [{ k: 5, target: { kind: 'fixed', p: 1.5 } }, /target\.p/],
    [{ k: 5, target: { kind: 'popular' } }, /target/],
    [{ k: 5, alpha: 1 }, /alpha/],
    [{ k: 5, deficit: -1 }, /deficit/],
    [{ k: 5, deficit: Number.POSITIVE_INFINITY }, /deficit/],
    [{ k: 5, lambda: 1 }, /lambda/],
  ])('refuses params %j naming the field', (params, field) => {
    expect(() => fairExposure(skewedPool, skewed, params as FairExposureParamsInput)).toThrow(field);
  });

  it('refuses a malformed pool naming what is wrong', () => {
    expect(() => fairExposure({ items: [0, 1], relevance: [1] }, skewed, { k: 2 })).toThrow(
      /pool\.relevance/,
    );
    expect(() => fairExposure(poolOf([0, 99]), skewed, { k: 2 })).toThrow(/pool\.items\[1\] = 99/);
    expect(() => fairExposure(poolOf([3, 3]), skewed, { k: 2 })).toThrow(
      /pool\.items\[1\] = 3 appears twice/,
    );
    expect(() => fairExposure({ items: [0], relevance: [Number.NaN] }, skewed, { k: 2 })).toThrow(
      /pool\.relevance\[0\]/,
    );
  });

  it('weights position 1 fully and position 3 by one half', () => {
    expect(positionWeight(1)).toBe(1);
    expect(positionWeight(3)).toBe(0.5);
  });
});
