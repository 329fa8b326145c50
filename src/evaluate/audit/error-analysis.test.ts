import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random/seeded-random.js';
import { defaultMinLeafSize, findErrorCohorts } from './error-analysis.js';

/** Viewers with random attributes; `ndcgOf` plants what the recommender gets wrong. */
function viewers(n: number, ndcgOf: (v: { gender: string; occupation: string; activity: number }) => number) {
  const random = mulberry32(17);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
  const gender: string[] = [];
  const occupation: string[] = [];
  const activity = new Float64Array(n);
  const errors = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const viewer = {
      gender: pick(['F', 'M', 'X']),
      occupation: pick(['artist', 'doctor', 'engineer', 'student', 'writer']),
      activity: 1 + Math.floor(random() * 100),
    };
    gender.push(viewer.gender);
    occupation.push(viewer.occupation);
    activity[i] = viewer.activity;
    const noise = (random() - 0.5) * 0.2;
    errors[i] = 1 - Math.min(1, Math.max(0, ndcgOf(viewer) + noise));
  }
  return { errors, features: { categorical: { gender, occupation }, numeric: { activity } } };
}

describe('findErrorCohorts', () => {
  it('finds a planted bad cohort: artists get nDCG 0.1, everyone else 0.6', () => {
    const { errors, features } = viewers(1000, (v) => (v.occupation === 'artist' ? 0.1 : 0.6));
    const analysis = findErrorCohorts(errors, features);
    const [worst] = analysis.cohorts;
    expect(worst?.description).toBe('occupation = artist');
    expect(worst?.errorRate).toBeCloseTo(0.9, 1);
    expect(worst?.size).toBeGreaterThan(150);
    expect(analysis.cohorts.slice(1).every((c) => c.errorRate < 0.5)).toBe(true);
    expect(analysis.minLeafSize).toBe(defaultMinLeafSize(1000));
  });

  it('describes an intersection with a numeric threshold', () => {
    const { errors, features } = viewers(2000, (v) => (v.gender === 'F' && v.activity <= 20 ? 0.05 : 0.55));
    const [worst] = findErrorCohorts(errors, features).cohorts;
    expect(worst?.description).toMatch(/gender = F/);
    expect(worst?.description).toMatch(/activity ≤ 20\b/);
    expect(worst?.errorRate).toBeGreaterThan(0.9);
  });

  it('reports sizes, error rates and shares of error that add up', () => {
    // Two clean cohorts: a (error 1, three viewers) and b (error 0.5, one viewer).
    const analysis = findErrorCohorts(
      [1, 1, 0.5, 1],
      { categorical: { kind: ['a', 'a', 'b', 'a'] } },
      { minLeafSize: 1, maxDepth: 1 },
    );
    expect(analysis.meanError).toBeCloseTo(3.5 / 4, 12);
    expect(analysis.cohorts).toEqual([
      { description: 'kind = a', size: 3, sizeShare: 0.75, errorRate: 1, shareOfError: 3 / 3.5 },
      { description: 'kind = b', size: 1, sizeShare: 0.25, errorRate: 0.5, shareOfError: 0.5 / 3.5 },
    ]);
  });

  it('writes value sets and ranges readably', () => {
    const kind = ['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd'];
    const errors = [1, 1, 0, 0, 1, 1, 0, 0];
    const sets = findErrorCohorts(errors, { categorical: { kind } }, { minLeafSize: 1, maxDepth: 1 });
    expect(sets.cohorts.map((c) => c.description)).toEqual(['kind in {a, b}', 'kind in {c, d}']);
    const x = [1, 2, 3, 4, 5, 6];
    const ranged = findErrorCohorts([0, 0, 1, 1, 0, 0], { numeric: { x } }, { minLeafSize: 2, maxDepth: 2 });
    expect(ranged.cohorts[0]?.description).toBe('2 < x ≤ 4');
  });

  it('keeps one cohort when nothing can be split', () => {
    const flat = findErrorCohorts(
      [0.5, 0.5, 0.5],
      { categorical: { g: ['a', 'b', 'a'] } },
      { minLeafSize: 1 },
    );
    expect(flat.cohorts).toEqual([
      { description: 'all viewers', size: 3, sizeShare: 1, errorRate: 0.5, shareOfError: 1 },
    ]);
    const perfect = findErrorCohorts([0, 0], {}, { minLeafSize: 1 });
    expect(perfect.cohorts[0]?.shareOfError).toBe(0);
  });

  it('rejects features of the wrong length and non-finite errors', () => {
    expect(() => findErrorCohorts([0.1, 0.2], { numeric: { a: [1] } })).toThrow(/a has 1 values for 2/);
    expect(() => findErrorCohorts([Number.NaN], {})).toThrow(/viewer 0 is NaN/);
    expect(() => findErrorCohorts([0.1], {}, { maxDepth: -1 })).toThrow(/maxDepth/);
  });
});
