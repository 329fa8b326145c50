import { describe, expect, it } from 'vitest';
import { discreteLaplaceHalfWidth } from './discrete-laplace.js';
import { dpCount, dpGroupedSum, dpHistogram, dpSum } from './mechanisms.js';
import { privacyCost } from './noise-calibration.js';
import { seededRandomSource } from './test-fixtures.js';
import { zcdpDelta } from './zcdp.js';

const genres = ['drama', 'comedy', 'documentary', 'horror'];
const views = [
  { subject: 'ana', keys: ['drama', 'comedy'] },
  { subject: 'ben', keys: ['drama'] },
  { subject: 'cy', keys: ['drama', 'comedy', 'documentary', 'horror', 'western'] },
  { subject: 'ana', keys: ['drama'] },
];
// So large an ε that the noise is 0 with overwhelming probability: the plumbing shows through.
const noiseless = { mechanism: 'laplace', epsilon: 1000 } as const;

describe('dpHistogram', () => {
  it('reports every domain key in order, only domain keys, with bounded contributions', () => {
    const result = dpHistogram(views, { ...noiseless, domain: genres, maxKeys: 4 });
    expect(result.bins).toEqual([
      { key: 'drama', value: 3 },
      { key: 'comedy', value: 2 },
      { key: 'documentary', value: 1 },
      { key: 'horror', value: 1 },
    ]);
    expect(result.bounding).toMatchObject({ subjects: 3, outsideDomain: 1, droppedContributions: 0 });
    expect(result.sensitivity).toEqual({ l1: 4, l2: 2 });
  });

  it('reports the noise: its exact parameter, cost and 95% bound', () => {
    const result = dpHistogram(views, { mechanism: 'laplace', epsilon: 0.5, domain: genres, maxKeys: 2 });
    expect(result.cost).toEqual({ epsilon: 0.5, delta: 0 });
    expect(result.parameter).toBe('t=4');
    expect(result.scale).toBe(4);
    expect(result.errorBound95).toBe(discreteLaplaceHalfWidth(4));
    expect(result.bounding.droppedContributions).toBe(2);
    expect(result.bins.every((bin) => Number.isInteger(bin.value))).toBe(true);

    const gaussian = dpHistogram(views, {
      mechanism: 'gaussian',
      epsilon: 1,
      delta: 1e-6,
      domain: genres,
      maxKeys: 2,
    });
    expect(gaussian.cost).toEqual({ epsilon: 1, delta: 1e-6 });
    expect(gaussian.parameter).toMatch(/^sigma2=\d+(\/\d+)?$/);
    expect(zcdpDelta(gaussian.rho as number, 1)).toBeLessThanOrEqual(1e-6);
    expect(gaussian.errorBound95).toBeGreaterThan(gaussian.standardDeviation);
  });

  it('adds noise to keys absent from the data', () => {
    const values = Array.from(
      { length: 50 },
      () => dpHistogram([], { mechanism: 'laplace', epsilon: 0.5, domain: ['x'], maxKeys: 1 }).bins[0]?.value,
    );
    expect(values.some((value) => value !== 0)).toBe(true);
  });

  it('replays exactly with a seeded source', () => {
    const run = () =>
      dpHistogram(views, {
        mechanism: 'gaussian',
        epsilon: 1,
        delta: 1e-6,
        domain: genres,
        maxKeys: 2,
        random: seededRandomSource(5),
      });
    expect(run().bins).toEqual(run().bins);
  });
});

describe('dpCount', () => {
  it('counts distinct subjects', () => {
    expect(dpCount(views, noiseless).value).toBe(3);
    expect(dpCount(views, { mechanism: 'gaussian', epsilon: 1000, delta: 0.5 }).value).toBe(3);
  });

  it('stays within its 95% error bound at least about 95% of the time', () => {
    const subjects = Array.from({ length: 100 }, (_, i) => ({ subject: `s${i}` }));
    for (const options of [
      { mechanism: 'laplace', epsilon: 0.5 },
      { mechanism: 'gaussian', epsilon: 0.5, delta: 1e-6 },
    ] as const) {
      let within = 0;
      let bound = 0;
      for (let i = 0; i < 400; i += 1) {
        const result = dpCount(subjects, options);
        bound = result.errorBound95;
        if (Math.abs(result.value - 100) <= bound) within += 1;
      }
      expect(bound).toBeGreaterThan(0);
      expect(within / 400).toBeGreaterThan(0.9);
    }
  });

  it('needs a delta for the gaussian mechanism and a usable epsilon', () => {
    expect(() => dpCount(views, { mechanism: 'gaussian', epsilon: 1 })).toThrow(/delta/);
    expect(() => dpCount(views, { mechanism: 'laplace', epsilon: 1e-9 })).toThrow(/epsilon/);
    expect(() => dpCount(views, { mechanism: 'gaussian', epsilon: 1, delta: 0 })).toThrow(/delta/);
  });
});

describe('dpSum and dpGroupedSum', () => {
  const minutes = [
    { subject: 'ana', key: 'indie', value: 30 },
    { subject: 'ana', key: 'indie', value: 45 },
    { subject: 'ben', key: 'major', value: 500 },
    { subject: 'cy', key: 'indie', value: 10 },
  ];

  it('clamps each subject total and scales the noise with the bound', () => {
    const total = dpSum(minutes, { ...noiseless, lower: 0, upper: 60 });
    expect(total.value).toBe(60 + 60 + 10);
    expect(total.bounding.clampedContributions).toBe(2);
    expect(total.sensitivity.l1).toBe(60);

    const grouped = dpGroupedSum(minutes, {
      ...noiseless,
      domain: ['indie', 'major', 'unknown'],
      maxKeys: 1,
      lower: 0,
      upper: 60,
    });
    expect(grouped.bins).toEqual([
      { key: 'indie', value: 70 },
      { key: 'major', value: 60 },
      { key: 'unknown', value: 0 },
    ]);
  });
});

describe('privacyCost', () => {
  it('is what a release reports as its cost', () => {
    expect(privacyCost({ mechanism: 'laplace', epsilon: 0.1234567, delta: 1e-5 })).toEqual({
      epsilon: 0.123456,
      delta: 0,
    });
    expect(privacyCost({ mechanism: 'gaussian', epsilon: 0.3, delta: 1e-6 })).toEqual({
      epsilon: 0.3,
      delta: 1e-6,
    });
    expect(dpCount(views, { mechanism: 'laplace', epsilon: 0.1234567 }).cost.epsilon).toBe(0.123456);
  });
});
