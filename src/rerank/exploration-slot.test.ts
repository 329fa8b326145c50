import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/seeded-random.js';
import {
  type ExplorationSlotParamsInput,
  explorationSlot,
  explorationSlotParamsSchema,
  usualGenres,
} from './exploration-slot.js';
import type { ItemFeatures, RerankPool, ViewerHistory } from './rerank-types.js';

function featuresOf(genres: number[][], genreCount = 6): ItemFeatures {
  return {
    genres,
    genreCount,
    popularity: new Float64Array(genres.length),
    underrepresented: new Uint8Array(genres.length),
  };
}

const poolOf = (items: number[]): RerankPool => ({ items, relevance: items.map((_, i) => items.length - i) });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

// Columns 0..9: genre 0 (usual); 10, 11: genre 1 (usual); 12: genres 0 and 4; 13: genre 4; 14: genre 5;
// 15: no genres. History: five genre-0 items and columns 10, 11 (genre 1), so genre masses are 5 and 2.
const features = featuresOf([...range(0, 10).map(() => [0]), [1], [1], [0, 4], [4], [5], []]);
const history: ViewerHistory = { items: [0, 1, 2, 3, 4, 10, 11] };
const noHistory: ViewerHistory = { items: [] };

describe('usualGenres', () => {
  it('takes the fewest genres, most massive first, covering the share', () => {
    // Masses: genre 0 -> 5, genre 1 -> 3, genre 2 -> 2 (of 10).
    const genres = featuresOf([[0], [1], [2]], 3);
    const columns = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2];
    expect(usualGenres(genres, { items: columns }, 0.5)).toEqual([0]);
    expect(usualGenres(genres, { items: columns }, 0.8)).toEqual([0, 1]);
    expect(usualGenres(genres, { items: columns }, 0.81)).toEqual([0, 1, 2]);
    expect(usualGenres(genres, { items: columns }, 1)).toEqual([0, 1, 2]);
    expect(usualGenres(genres, { items: [] }, 0.8)).toEqual([]);
  });

  it('spreads a many-genre item over its genres and honours history weights', () => {
    const genres = featuresOf([[0, 1], [2]], 3);
    // Item 0 gives genres 0 and 1 half a unit each; item 1 (weight 3) gives genre 2 three.
    expect(usualGenres(genres, { items: [0, 1], weights: [1, 3] }, 0.75)).toEqual([2]);
    expect(usualGenres(genres, { items: [0, 1], weights: [1, 3] }, 0.8)).toEqual([2, 0]);
    expect(usualGenres(genres, { items: [0, 1], weights: [3, 1] }, 0.5)).toEqual([0, 1]);
  });
});

describe('explorationSlot', () => {
  it('places the best item outside the usual genres at the last position by default', () => {
    const result = explorationSlot(poolOf(range(0, 16)), features, { k: 5 }, history);
    // Usual genres {0, 1}: genre 0 alone holds 5 of 7 < 0.8. Column 12 shares genre 0, so 13 is first.
    expect(result.items).toEqual([0, 1, 2, 3, 13]);
    expect(result.promoted).toEqual([13]);
    expect(result.detail).toEqual({ picked: 13, pickedPoolRank: 13, usualGenres: 2, slot: 5 });
  });

  it('puts the pick at the requested slot and shifts the rest down in relevance order', () => {
    const result = explorationSlot(poolOf(range(0, 16)), features, { k: 5, slot: 2 }, history);
    expect(result.items).toEqual([0, 13, 1, 2, 3]);
    expect(result.detail.slot).toBe(2);
  });

  it('does not pick an item already in the relevance top-(k - 1), but may lift the k-th', () => {
    const pool = poolOf([14, 0, 1, 13, 2, 3]);
    const lifted = explorationSlot(pool, features, { k: 4, slot: 1 }, history);
    // 14 is already on the list; 13 is the k-th by relevance and moves to the slot: no promotion.
    expect(lifted.items).toEqual([13, 14, 0, 1]);
    expect(lifted.detail.picked).toBe(13);
    expect(lifted.promoted).toEqual([]);
  });

  it('never picks an item without genres', () => {
    const result = explorationSlot(poolOf([0, 1, 2, 15, 14]), features, { k: 3 }, history);
    expect(result.detail.picked).toBe(14);
  });

  it('returns the relevance top-k unchanged with picked = null when nothing qualifies', () => {
    const pool = poolOf([0, 1, 2, 10, 12, 15, 3]);
    const result = explorationSlot(pool, features, { k: 4 }, history);
    expect(result.items).toEqual([0, 1, 2, 10]);
    expect(result.promoted).toEqual([]);
    expect(result.detail.picked).toBeNull();
    expect(result.detail.usualGenres).toBe(2);
  });

  it('treats every genre as new for a viewer without history', () => {
    const result = explorationSlot(poolOf(range(0, 16)), features, { k: 3, slot: 1 }, noHistory);
    expect(result.items).toEqual([2, 0, 1]);
    expect(result.detail).toMatchObject({ picked: 2, usualGenres: 0 });
  });

  it('keeps a pool smaller than k whole, the slot clamped to its length', () => {
    const result = explorationSlot(poolOf([0, 1, 13]), features, { k: 10 }, history);
    expect(result.items).toEqual([0, 1, 13]);
    expect(result.detail).toMatchObject({ picked: 13, slot: 3 });
    expect(explorationSlot(poolOf([]), features, { k: 3 }, noHistory).items).toEqual([]);
  });

  it('outputs min(k, pool) distinct pool items with the pick at its slot, outside the usual genres', () => {
    const random = mulberry32(7);
    const genreCount = 8;
    const catalog = featuresOf(
      range(0, 400).map(() => {
        const count = Math.floor(random() * 3);
        return Array.from(new Set(range(0, count).map(() => Math.floor(random() * genreCount))));
      }),
      genreCount,
    );
    let picks = 0;
    for (let trial = 0; trial < 200; trial += 1) {
      const items = range(0, 400)
        .sort(() => random() - 0.5)
        .slice(0, 1 + Math.floor(random() * 200));
      const k = 1 + Math.floor(random() * 25);
      const params: ExplorationSlotParamsInput = {
        k,
        slot: 1 + Math.floor(random() * k),
        usualGenreShare: 0.5 + random() / 2,
      };
      const viewer = { items: range(0, 20).map(() => Math.floor(random() * 400)) };
      const result = explorationSlot(poolOf(items), catalog, params, viewer);
      const n = Math.min(k, items.length);
      expect(result.items).toHaveLength(n);
      expect(new Set(result.items).size).toBe(n);
      for (const column of result.items) expect(items).toContain(column);
      const usual = new Set(usualGenres(catalog, viewer, params.usualGenreShare ?? 0.8));
      const picked = result.detail.picked;
      if (picked === null) {
        expect(result.items).toEqual(items.slice(0, n));
        continue;
      }
      picks += 1;
      expect(result.items[(result.detail.slot as number) - 1]).toBe(picked);
      const genres = catalog.genres[picked as number] as number[];
      expect(genres.length).toBeGreaterThan(0);
      for (const genre of genres) expect(usual.has(genre)).toBe(false);
      expect(items.indexOf(picked as number)).toBeGreaterThanOrEqual(n - 1);
      expect(result.promoted).toEqual(items.indexOf(picked as number) >= k ? [picked] : []);
      expect(result.items.filter((column) => column !== picked)).toEqual(items.slice(0, n - 1));
    }
    expect(picks).toBeGreaterThan(50);
  });

  it('has a description for every field', () => {
    for (const [name, field] of Object.entries(explorationSlotParamsSchema.shape)) {
      expect(field.description, name).toMatch(/\w{3}/);
    }
  });

  it.each([
    [{ k: 0 }, /\bk\b/],
    [{ k: 5, slot: 6 }, /slot: must be at most k/],
    [{ k: 5, slot: 0 }, /slot/],
    [{ k: 5, usualGenreShare: 0 }, /usualGenreShare/],
    [{ k: 5, usualGenreShare: 1.2 }, /usualGenreShare/],
    [{ k: 5, explore: true }, /explore/],
  ])('refuses params %j naming the field', (params, field) => {
    expect(() =>
      explorationSlot(poolOf([0, 1]), features, params as ExplorationSlotParamsInput, history),
    ).toThrow(field);
  });

  it('refuses a malformed pool, history or genre list naming what is wrong', () => {
    const slot = (pool: RerankPool, viewer: ViewerHistory = history, catalog = features) =>
      explorationSlot(pool, catalog, { k: 2 }, viewer);
    expect(() => slot({ items: [0, 1], relevance: [1] })).toThrow(/pool\.relevance/);
    expect(() => slot(poolOf([0, 99]))).toThrow(/pool\.items\[1\] = 99/);
    expect(() => slot(poolOf([2, 2]))).toThrow(/appears twice/);
    expect(() => slot(poolOf([0]), { items: [99] })).toThrow(/history\.items\[0\] = 99/);
    expect(() => slot(poolOf([0]), { items: [0, 1], weights: [1] })).toThrow(/history\.weights has 1/);
    expect(() => slot(poolOf([0]), { items: [0], weights: [-1] })).toThrow(/history\.weights\[0\]/);
    expect(() => slot(poolOf([0]), noHistory, featuresOf([[7]], 3))).toThrow(
      /features\.genres\[0\] holds genre 7/,
    );
  });
});
