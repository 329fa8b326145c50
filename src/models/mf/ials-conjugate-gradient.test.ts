import { describe, expect, it } from 'vitest';
import { gramOf } from './dense-linear-algebra.js';
import { rowSplit, solveRowsCg } from './ials-conjugate-gradient.js';
import { exactRowSolve, randomFactors, randomRows } from './test-fixtures.js';

const f = 8;
const nItems = 40;
const nUsers = 12;
const lambda = 0.7;
const items = randomFactors(nItems, f, 3, 0.5);
const rows = randomRows(nUsers, nItems, 0.3, 4, 4);
const problem = (target: Float32Array, cgSteps: number) => ({
  target,
  fixed: items,
  gram: gramOf(items, nItems, f),
  rows,
  factors: f,
  regularization: lambda,
  cgSteps,
});
const distance = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.sqrt(Array.from(a, (v, k) => (v - (b[k] as number)) ** 2).reduce((s, v) => s + v, 0));
const norm = (a: ArrayLike<number>) => distance(a, new Float64Array(a.length));

describe('conjugate-gradient row solves', () => {
  const exact = Array.from({ length: nUsers }, (_, u) => exactRowSolve(items, nItems, f, rows, u, lambda));

  it('reaches the exact row solution in f steps from any start', () => {
    const users = randomFactors(nUsers, f, 5);
    solveRowsCg(problem(users, f), 0, nUsers);
    for (let u = 0; u < nUsers; u += 1) {
      const x = users.subarray(u * f, (u + 1) * f);
      expect(distance(x, exact[u] as Float64Array) / norm(exact[u] as Float64Array)).toBeLessThan(1e-5);
    }
  });

  it('comes close in three warm-started steps, and closer with every sweep', () => {
    const users = randomFactors(nUsers, f, 6, 0.01);
    const errors: number[] = [];
    for (let sweep = 0; sweep < 6; sweep += 1) {
      solveRowsCg(problem(users, 3), 0, nUsers);
      let worst = 0;
      for (let u = 0; u < nUsers; u += 1) {
        const e = exact[u] as Float64Array;
        worst = Math.max(worst, distance(users.subarray(u * f, (u + 1) * f), e) / norm(e));
      }
      errors.push(worst);
    }
    expect(errors[0]).toBeLessThan(0.5);
    for (let sweep = 1; sweep < 6; sweep += 1)
      expect(errors[sweep]).toBeLessThan(errors[sweep - 1] as number);
    expect(errors[5]).toBeLessThan(1e-3);
  });

  it('solves only the rows it is given', () => {
    const users = randomFactors(nUsers, f, 7);
    const before = users.slice();
    solveRowsCg(problem(users, 3), 4, 9);
    expect(users.subarray(0, 4 * f)).toEqual(before.subarray(0, 4 * f));
    expect(users.subarray(9 * f)).toEqual(before.subarray(9 * f));
    expect(users.subarray(4 * f, 9 * f)).not.toEqual(before.subarray(4 * f, 9 * f));
  });

  it('splits rows into ranges of similar work', () => {
    const heavy = Int32Array.from([0, 100, 100, 100, 200, 201, 202]);
    expect(rowSplit(heavy, 8, 1)).toEqual([0, 6]);
    expect(rowSplit(heavy, 8, 2)).toEqual([0, 3, 6]);
    expect(rowSplit(rows.rowStart, f, 3)).toHaveLength(4);
  });
});
