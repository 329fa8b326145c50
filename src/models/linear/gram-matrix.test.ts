import { describe, expect, it } from 'vitest';
import { matrixFromTriplets } from '../interaction-matrix.js';
import { gramMatrix } from './gram-matrix.js';

describe('gramMatrix', () => {
  it('counts the viewers of each pair of items, ignoring values, plus the ridge on the diagonal', () => {
    // viewer 0: items 0, 2; viewer 1: items 0, 1, 2 (item 2 with value 5); viewer 2: nothing.
    const matrix = matrixFromTriplets(3, 4, [0, 0, 1, 1, 1], [0, 2, 0, 1, 2], [1, 1, 1, 1, 5]);
    const g = gramMatrix(matrix, 0.5);
    // prettier-ignore
    expect(Array.from(g)).toEqual([
      2.5, 1, 2, 0,
      1, 1.5, 1, 0,
      2, 1, 2.5, 0,
      0, 0, 0, 0.5,
    ]);
  });
});
