import { describe, expect, it } from 'vitest';
import { SHILLING_ATTACKS, type ShillingSpec } from '../../src/redteam/attacks/shilling-attack.js';
import { SHILLING, shillingAttackNamed } from '../../src/redteam/attacks/shilling-attacks.js';
import { segmentItems } from '../../src/redteam/attacks/segment-attack.js';
import { mostPopular } from '../../src/redteam/attacks/bandwagon-attack.js';
import { itemStatistics } from '../../src/redteam/profiles/item-statistics.js';
import { type ProfileMatrix, rowRange } from '../../src/redteam/profiles/profile-matrix.js';
import { genuineProfiles } from './redteam-fixtures.js';

const genuine = genuineProfiles({ users: 200, items: 400, seed: 3 });
const stats = itemStatistics(genuine);
const target = [...stats.popularity.keys()].find((i) => {
  const viewers = stats.popularity[i] as number;
  return viewers >= 3 && viewers <= 10;
}) as number;
const spec: Omit<ShillingSpec, 'target'> = { size: 0.05, filler: 0.05, selected: 4, seed: 9 };

function rowOf(profiles: ProfileMatrix, u: number) {
  const [start, end] = rowRange(profiles, u);
  return {
    items: Array.from(profiles.itemIndex.subarray(start, end)),
    ratings: Array.from(profiles.ratings?.subarray(start, end) ?? []),
    times: Array.from(profiles.times.subarray(start, end)),
  };
}

describe('shilling attacks', () => {
  it.each(SHILLING_ATTACKS)(
    '%s: injects size x viewers profiles of target, selected and filler items',
    (name) => {
      const { profiles, selected } = SHILLING[name].inject({ genuine, stats }, { ...spec, target });
      expect(profiles.nUsers).toBe(Math.round(0.05 * genuine.nUsers));
      expect(profiles.nItems).toBe(genuine.nItems);
      const nFiller = Math.round(0.05 * genuine.nItems);
      const expectedSelected = name === 'bandwagon' || name === 'segment' ? 4 : 0;
      expect(selected).toHaveLength(expectedSelected);
      for (let u = 0; u < profiles.nUsers; u += 1) {
        const row = rowOf(profiles, u);
        expect(row.items).toHaveLength(1 + expectedSelected + nFiller);
        expect(row.items).toContain(target);
        for (const item of selected) expect(row.items).toContain(item);
        // The target gets the top rating in a push attack.
        expect(row.ratings[row.items.indexOf(target)]).toBe(stats.scale?.max);
        for (const rating of row.ratings) expect([1, 2, 3, 4, 5]).toContain(rating);
      }
    },
  );

  it('is deterministic for a seed and changes with it', () => {
    for (const name of SHILLING_ATTACKS) {
      const a = SHILLING[name].inject({ genuine, stats }, { ...spec, target });
      const b = SHILLING[name].inject({ genuine, stats }, { ...spec, target });
      const c = SHILLING[name].inject({ genuine, stats }, { ...spec, target, seed: 10 });
      expect(a.profiles).toEqual(b.profiles);
      expect(Array.from(c.profiles.itemIndex)).not.toEqual(Array.from(a.profiles.itemIndex));
    }
  });

  it('rates filler like the crowd: around item means (average), the global mean (random), the minimum (segment)', () => {
    const meanDeviation = (name: 'average' | 'random') => {
      const { profiles, selected } = SHILLING[name].inject(
        { genuine, stats },
        { ...spec, target, size: 0.5 },
      );
      let sum = 0;
      let n = 0;
      for (let e = 0; e < profiles.itemIndex.length; e += 1) {
        const item = profiles.itemIndex[e] as number;
        if (item === target || selected.includes(item) || (stats.ratingCount[item] as number) < 5) continue;
        sum += Math.abs((profiles.ratings?.[e] as number) - (stats.mean[item] as number));
        n += 1;
      }
      return sum / n;
    };
    expect(meanDeviation('average')).toBeLessThan(meanDeviation('random'));
    const segment = SHILLING.segment.inject({ genuine, stats }, { ...spec, target });
    const fillerRatings = new Set<number>();
    for (let e = 0; e < segment.profiles.itemIndex.length; e += 1) {
      const item = segment.profiles.itemIndex[e] as number;
      if (item !== target && !segment.selected.includes(item))
        fillerRatings.add(segment.profiles.ratings?.[e] as number);
    }
    expect([...fillerRatings]).toEqual([stats.scale?.min]);
  });

  it('bandwagon selects the most popular items, segment the most popular of the target’s genres', () => {
    const bandwagon = SHILLING.bandwagon.inject({ genuine, stats }, { ...spec, target });
    expect(Array.from(bandwagon.selected)).toEqual(Array.from(mostPopular(stats.popularity, 4, target)));
    const top = Math.max(...Array.from(stats.popularity));
    expect(stats.popularity[bandwagon.selected[0] as number]).toBe(top);

    const itemGenres = Array.from({ length: genuine.nItems }, (_, i) => Int32Array.of(i % 3));
    const chosen = segmentItems({ genuine, stats, itemGenres }, target, 4);
    expect(chosen).toHaveLength(4);
    for (const item of chosen) expect(item % 3).toBe(target % 3);
    // Without genres, the segment is what the target's viewers watched.
    const cooccurring = segmentItems({ genuine, stats }, target, 4);
    const viewersOfTarget = [];
    for (let u = 0; u < genuine.nUsers; u += 1)
      if (rowOf(genuine, u).items.includes(target)) viewersOfTarget.push(u);
    for (const item of cooccurring)
      expect(viewersOfTarget.some((u) => rowOf(genuine, u).items.includes(item))).toBe(true);
  });

  it('creates the accounts after the data ends, spread over the given time, rating seconds apart', () => {
    const latest = Math.max(...Array.from(genuine.times));
    const { profiles } = SHILLING.random.inject({ genuine, stats }, { ...spec, target, spreadMs: 3600_000 });
    const starts = Array.from({ length: profiles.nUsers }, (_, u) => Math.min(...rowOf(profiles, u).times));
    expect(Math.min(...starts)).toBeGreaterThan(latest);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(3600_000);
    const row = rowOf(profiles, 0).times.sort((a, b) => a - b);
    expect((row.at(-1) as number) - (row[0] as number)).toBeLessThan(row.length * 60_000);
  });

  it('writes no ratings into implicit data', () => {
    const implicit = genuineProfiles({ users: 200, items: 400, seed: 3, implicit: true });
    const implicitStats = itemStatistics(implicit);
    expect(implicitStats.scale).toBeNull();
    const { profiles } = SHILLING.average.inject(
      { genuine: implicit, stats: implicitStats },
      { ...spec, target },
    );
    expect(profiles.ratings).toBeNull();
  });

  it('refuses bad parameters, naming them', () => {
    expect(() => SHILLING.random.inject({ genuine, stats }, { ...spec, target: -1 })).toThrow(/target/);
    expect(() => SHILLING.random.inject({ genuine, stats }, { ...spec, target, size: 0 })).toThrow(/size/);
    expect(() => SHILLING.random.inject({ genuine, stats }, { ...spec, target, filler: 1 })).toThrow(
      /filler/,
    );
    expect(() => shillingAttackNamed('sybil')).toThrow(/unknown shilling attack 'sybil'/);
  });
});
