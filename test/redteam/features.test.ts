import { describe, expect, it } from 'vitest';
import { burstiness } from '../../src/redteam/detection/features/burstiness.js';
import { degSim } from '../../src/redteam/detection/features/degsim.js';
import { obscurity } from '../../src/redteam/detection/features/obscurity.js';
import { normalizedEntries, pcaVarSelect } from '../../src/redteam/detection/features/pca-varselect.js';
import type { ProfileFeature } from '../../src/redteam/detection/features/profile-feature.js';
import { rdma } from '../../src/redteam/detection/features/rdma.js';
import { scoreProfiles } from '../../src/redteam/detection/profile-scorer.js';
import { robustZ } from '../../src/redteam/detection/robust-z.js';
import { itemRaters } from '../../src/redteam/profiles/item-raters.js';
import { itemStatistics } from '../../src/redteam/profiles/item-statistics.js';
import { type ProfileMatrix, profileMatrixOf } from '../../src/redteam/profiles/profile-matrix.js';

/** Profiles from rows of [item, rating?] pairs, every event at time 0 unless given. */
function profiles(rows: (readonly [number, number?])[][], nItems: number, times?: number[][]): ProfileMatrix {
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  const at: number[] = [];
  rows.forEach((row, u) =>
    row.forEach(([item, rating], k) => {
      users.push(u);
      items.push(item);
      values.push(rating ?? Number.NaN);
      at.push(times?.[u]?.[k] ?? 0);
    }),
  );
  return profileMatrixOf(rows.length, nItems, { users, items, times: at, values });
}

describe('RDMA (Chirita et al. 2005)', () => {
  it('averages |rating - item mean| / item ratings over the profile', () => {
    const p = profiles(
      [
        [
          [0, 5],
          [1, 3],
        ],
        [[0, 3]],
        [
          [0, 1],
          [1, 3],
        ],
      ],
      2,
    );
    const values = rdma(p, itemStatistics(p)) as Float64Array;
    // Item 0: mean 3 over 3 ratings; item 1: mean 3 over 2.
    expect(values[0]).toBeCloseTo((2 / 3 + 0 / 2) / 2, 12);
    expect(values[1]).toBe(0);
    expect(values[2]).toBeCloseTo(2 / 3 / 2, 12);
  });

  it('is undefined without ratings: null for implicit data, NaN for an unrated profile', () => {
    const implicit = profileMatrixOf(2, 2, { users: [0, 1], items: [0, 1], times: [0, 0] });
    expect(rdma(implicit, itemStatistics(implicit))).toBeNull();
    const mixed = profiles([[[0, 4]], [[1]]], 2);
    expect(Number.isNaN((rdma(mixed, itemStatistics(mixed)) as Float64Array)[1])).toBe(true);
  });
});

describe('DegSim (Chirita et al. 2005)', () => {
  it('averages the cosine of binary rows with the k nearest profiles, counting missing neighbours as 0', () => {
    const p = profiles([[[0], [1], [2]], [[0], [1], [2]], [[0], [1]], [[3]]], 4);
    const values = degSim(p, itemRaters(p), { k: 2 });
    expect(values[0]).toBeCloseTo((1 + 2 / Math.sqrt(6)) / 2, 12);
    expect(values[2]).toBeCloseTo(2 / Math.sqrt(6), 12);
    expect(values[3]).toBe(0);
  });

  it('with pearson, correlates co-rated items around each profile’s mean, shrunk below the significance count', () => {
    const p = profiles(
      [
        [
          [0, 1],
          [1, 3],
          [2, 5],
        ],
        [
          [0, 2],
          [1, 3],
          [2, 4],
        ],
        [
          [0, 5],
          [1, 3],
          [2, 1],
        ],
      ],
      3,
    );
    const values = degSim(p, itemRaters(p), { k: 1, similarity: 'pearson', significance: 1 });
    expect(values[0]).toBeCloseTo(1, 12);
    expect(values[2]).toBeCloseTo(-1, 12);
    const shrunk = degSim(p, itemRaters(p), { k: 1, similarity: 'pearson', significance: 6 });
    expect(shrunk[0]).toBeCloseTo(0.5, 12);
  });
});

describe('PCA-VarSelect (Mehta & Nejdl 2009)', () => {
  it('z-scores ratings within a profile, or scales presence rows to unit length', () => {
    const p = profiles(
      [
        [
          [0, 1],
          [1, 3],
          [2, 5],
        ],
      ],
      3,
    );
    const z = normalizedEntries(p, 'zscores');
    expect(Array.from(z).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(Array.from(z).reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1, 12);
    expect(Array.from(normalizedEntries(p, 'presence'))).toEqual([1, 1, 1].map((v) => v / Math.sqrt(3)));
  });

  it('gives profiles outside the shared directions the smallest loadings (the largest feature values)', () => {
    const rows: (readonly [number, number?])[][] = [];
    // Three tastes, ten viewers each sharing their taste's ten items: the three leading components.
    for (let u = 0; u < 30; u += 1) {
      const block = Math.floor(u / 10) * 10;
      rows.push([...Array.from({ length: 10 }, (_, i) => [block + i] as const), [30 + u]]);
    }
    // Two template profiles of items nobody else has: variance of their own, but far less.
    rows.push([[70], [71], [72]], [[73], [74], [75]]);
    const values = pcaVarSelect(profiles(rows, 80), { components: 3 });
    const ranked = Array.from(values.keys()).sort((a, b) => (values[b] as number) - (values[a] as number));
    expect(ranked.slice(0, 2).sort((a, b) => a - b)).toEqual([30, 31]);
    expect(values[30] as number).toBeGreaterThan((values[0] as number) + 5);
  });
});

describe('burstiness of new accounts', () => {
  it('is high for profiles that start in a wave and rate everything in their first session', () => {
    const HOUR = 3600_000;
    const DAY = 24 * HOUR;
    const rows: (readonly [number, number?])[][] = [];
    const times: number[][] = [];
    // Thirty viewers joining one a day, rating over a week.
    for (let u = 0; u < 30; u += 1) {
      rows.push([[0], [1], [2]]);
      times.push([u * DAY, u * DAY + 2 * DAY, u * DAY + 7 * DAY]);
    }
    // Five accounts created within minutes of each other, rating at once.
    for (let u = 0; u < 5; u += 1) {
      rows.push([[0], [1], [2]]);
      times.push([
        10.5 * DAY + u * 60_000,
        10.5 * DAY + u * 60_000 + 20_000,
        10.5 * DAY + u * 60_000 + 40_000,
      ]);
    }
    const values = burstiness(profiles(rows, 3, times));
    const genuineMax = Math.max(...Array.from(values.subarray(0, 30)));
    for (const value of values.subarray(30)) expect(value).toBeGreaterThan(genuineMax);
    expect(values[0]).toBe(0);
  });
});

describe('obscurity (popularity deviation)', () => {
  it('is the mean self-information of the profile’s items', () => {
    const p = profiles([[[0]], [[0], [1]], [[0]], [[0]]], 2);
    const values = obscurity(p, itemStatistics(p));
    expect(values[0]).toBe(0);
    expect(values[1]).toBeCloseTo((0 + 2) / 2, 12);
  });
});

describe('robust standard scores', () => {
  it('measures from the median in MADs, so outliers do not move the scale', () => {
    const z = robustZ(Float64Array.of(1, 2, 3, 4, 100));
    expect(z[2]).toBe(0);
    expect(z[4]).toBeCloseTo(97 / 1.4826, 10);
  });

  it('falls back to the mean absolute deviation when the MAD is 0, and to zeros when all are equal', () => {
    const z = robustZ(Float64Array.of(0, 0, 0, 0, 5));
    expect(z[4]).toBeCloseTo(5 * 0.7979, 10);
    expect(Array.from(robustZ(Float64Array.of(2, 2, 2)))).toEqual([0, 0, 0]);
    expect(Number.isNaN(robustZ(Float64Array.of(1, Number.NaN, 3))[1])).toBe(true);
  });
});

describe('quorum scorer', () => {
  const fixed = (name: string, values: number[]): ProfileFeature => ({
    name,
    description: name,
    compute: () => Float64Array.from(values),
  });
  // Ten ordinary profiles spread around 0, then one extreme on a single signal, then one on two.
  const spread = [-2, -1, -1, 0, 0, 0, 0, 1, 1, 2];
  const p = profileMatrixOf(12, 1, { users: [], items: [], times: [] });

  it('flags a profile extreme on most signals, not one extreme on a single signal', () => {
    const scores = scoreProfiles(p, {
      features: [
        { feature: fixed('a', [...spread, 50, 50]), tail: 'high' },
        { feature: fixed('b', [...spread, 0, 50]), tail: 'high' },
        { feature: fixed('c', [...spread, 0, 0]), tail: 'high' },
      ],
    });
    expect(Array.from(scores.flagged)).toEqual([...spread.map(() => 0), 0, 1]);
    // Capped at 10 standard deviations.
    expect(Math.max(...scores.z.map((z) => z[11] as number))).toBe(10);
  });

  it('reads both tails of a two-sided feature, and records non-voting features without counting them', () => {
    const scores = scoreProfiles(p, {
      features: [
        { feature: fixed('low', [...spread, -50, 0]), tail: 'both' },
        { feature: fixed('high', [...spread, 50, 0]), tail: 'high' },
        { feature: fixed('silent', [...spread, 0, 50]), tail: 'high', votes: false },
      ],
    });
    expect(scores.voting).toEqual(['low', 'high']);
    expect(scores.features).toEqual(['low', 'high', 'silent']);
    expect(scores.flagged[10]).toBe(1);
    expect(scores.flagged[11]).toBe(0);
  });
});
