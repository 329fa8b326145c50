import { describe, expect, expectTypeOf, it } from 'vitest';
import { percentileInterval, stratifiedResampleMeans } from './bootstrap.js';
import {
  groupMetricFrame,
  type GroupMetricFrame,
  type GroupMetricFrameOptions,
  intersectionLabels,
  parityRatio,
} from './group-metric-frame.js';

// A: 1, 0 (mean 0.5); B: 1, 0.5, 0.6 (mean 0.7); C: 0.2 (one viewer). Overall 3.3 / 6 = 0.55.
const values = [1, 1, 0.5, 0.2, 0, 0.6];
const groups = ['B', 'A', 'B', 'C', 'A', 'B'];

describe('groupMetricFrame', () => {
  it('matches a hand computation of overall, group means, difference and ratio', () => {
    const frame = groupMetricFrame('ndcg@10', values, groups, { resamples: 400 });
    expect(frame.metric).toBe('ndcg@10');
    expect(frame.overall).toMatchObject({ group: 'overall', n: 6 });
    expect(frame.overall.mean).toBeCloseTo(0.55, 12);
    expect(frame.byGroup.map(({ group, n }) => [group, n])).toEqual([
      ['A', 2],
      ['B', 3],
      ['C', 1],
    ]);
    expect(frame.byGroup.map((g) => g.mean)).toEqual([0.5, expect.closeTo(0.7, 12), 0.2]);
    expect(frame.worstGroup).toBe('C');
    expect(frame.bestGroup).toBe('B');
    expect(frame.difference.value).toBeCloseTo(0.5, 12);
    expect(frame.ratio.value).toBeCloseTo(0.2 / 0.7, 12);
    // A one-viewer group never varies.
    expect(frame.byGroup[2]?.ci).toEqual([0.2, 0.2]);
  });

  it('leaves groups under minGroupSize out of the comparison but still reports them', () => {
    const frame = groupMetricFrame('ndcg@10', values, groups, { minGroupSize: 2, resamples: 400 });
    expect(frame.byGroup).toHaveLength(3);
    expect([frame.worstGroup, frame.bestGroup]).toEqual(['A', 'B']);
    expect(frame.difference.value).toBeCloseTo(0.2, 12);
    expect(frame.ratio.value).toBeCloseTo(0.5 / 0.7, 12);
  });

  it('bootstraps the worst and best group on the same stratified resamples', () => {
    const options = { resamples: 300, seed: 9, minGroupSize: 2 };
    const frame = groupMetricFrame('m', values, groups, options);
    // Strata in label order A, B, C, drawn from the same seed.
    const [a, b] = stratifiedResampleMeans([[1, 0], [1, 0.5, 0.6], [0.2]], options) as Float64Array[];
    const bs = b as Float64Array;
    const as = a as Float64Array;
    expect(frame.byGroup[0]?.ci).toEqual(percentileInterval(as, 0.95));
    expect(frame.difference.ci).toEqual(
      percentileInterval(
        bs.map((x, i) => x - (as[i] as number)),
        0.95,
      ),
    );
    expect(frame.ratio.ci).toEqual(
      percentileInterval(
        bs.map((x, i) => parityRatio(as[i] as number, x)),
        0.95,
      ),
    );
    const overall = bs.map((x, i) => (2 * (as[i] as number) + 3 * x + 0.2) / 6);
    expect(frame.overall.ci[0]).toBeCloseTo(percentileInterval(overall, 0.95)[0], 12);
    expect(frame.overall.ci[1]).toBeCloseTo(percentileInterval(overall, 0.95)[1], 12);
    for (const { value, ci } of [frame.difference, frame.ratio]) {
      expect(ci[0]).toBeLessThanOrEqual(value);
      expect(ci[1]).toBeGreaterThanOrEqual(value);
    }
  });

  it('calls 0 / 0 parity and compares nothing with fewer than two groups', () => {
    expect(parityRatio(0, 0)).toBe(1);
    const zeros = groupMetricFrame('m', [0, 0, 0], ['x', 'y', 'y']);
    expect(zeros.ratio.value).toBe(1);
    expect(zeros.difference.value).toBe(0);
    const single = groupMetricFrame('m', [0.1, 0.3], ['x', 'x']);
    expect(single).toMatchObject({
      difference: { value: 0, ci: [0, 0] },
      ratio: { value: 1, ci: [1, 1] },
      worstGroup: null,
      bestGroup: null,
    });
    expect(groupMetricFrame('m', values, groups, { minGroupSize: 3 }).worstGroup).toBeNull();
  });

  it('orders groups naturally and is reproducible per seed', () => {
    const frame = groupMetricFrame('m', [1, 2, 3], ['Q10', 'Q2', 'Q1']);
    expect(frame.byGroup.map((g) => g.group)).toEqual(['Q1', 'Q2', 'Q10']);
    expect(groupMetricFrame('m', values, groups)).toEqual(groupMetricFrame('m', values, groups));
  });

  it('rejects mismatched lengths, no values and non-finite values', () => {
    expect(() => groupMetricFrame('m', [1, 2], ['a'])).toThrow(/2 values but 1/);
    expect(() => groupMetricFrame('m', [], [])).toThrow(/no values/);
    expect(() => groupMetricFrame('m', [1, Number.NaN], ['a', 'b'])).toThrow(/viewer 1 is NaN/);
    expect(() => groupMetricFrame('m', [1], ['a'], { minGroupSize: 0 })).toThrow(/minGroupSize/);
  });

  it('keeps the exported signature', () => {
    expectTypeOf(groupMetricFrame).parameters.toEqualTypeOf<
      [string, ArrayLike<number>, readonly string[], (GroupMetricFrameOptions | undefined)?]
    >();
    expectTypeOf(groupMetricFrame).returns.toEqualTypeOf<GroupMetricFrame>();
    // @ts-expect-error group labels are strings
    groupMetricFrame('m', [1], [1]);
  });
});

describe('intersectionLabels', () => {
  it('joins columns row by row', () => {
    expect(intersectionLabels(['F', 'M'], ['25-34', '18-24'])).toEqual(['F|25-34', 'M|18-24']);
    expect(intersectionLabels(['a'], ['b'], ['c'])).toEqual(['a|b|c']);
    expect(() => intersectionLabels(['a'], ['b', 'c'])).toThrow(/differ in length/);
  });
});
