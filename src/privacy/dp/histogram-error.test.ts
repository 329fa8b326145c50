import { describe, expect, it } from 'vitest';
import { histogramRelativeError } from './histogram-error.js';

describe('histogramRelativeError', () => {
  it('compares histograms given as maps, records or bins, a missing key counting as 0', () => {
    const truth = new Map([
      ['a', 10],
      ['b', 30],
      ['c', 0],
    ]);
    const noisy = [
      { key: 'a', value: 12 },
      { key: 'b', value: 27 },
      { key: 'd', value: 1 },
    ];
    const error = histogramRelativeError(truth, noisy);
    expect(error.totalRelativeError).toBeCloseTo((2 + 3 + 0 + 1) / 40);
    expect(error.meanRelativeError).toBeCloseTo((2 / 10 + 3 / 30) / 2);
    expect(error.meanAbsoluteError).toBeCloseTo(6 / 4);
    expect(error).toMatchObject({ keys: 4, zeroTrueKeys: 2 });
    expect(histogramRelativeError({ a: 5 }, { a: 5 }).totalRelativeError).toBe(0);
    expect(histogramRelativeError({}, { a: 1 }).totalRelativeError).toBe(Infinity);
  });
});
