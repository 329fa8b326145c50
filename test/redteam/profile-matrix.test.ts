import { describe, expect, it } from 'vitest';
import {
  appendProfiles,
  countMatrix,
  profileMatrixOf,
  withoutProfiles,
} from '../../src/redteam/profiles/profile-matrix.js';

describe('profile matrix', () => {
  it('merges repeated pairs: counts add up, the latest rating stands, the earliest time is kept', () => {
    const p = profileMatrixOf(2, 3, {
      users: [1, 0, 1, 1],
      items: [2, 1, 2, 0],
      times: [30, 5, 10, 7],
      values: [4, Number.NaN, 2, 5],
    });
    expect(Array.from(p.rowStart)).toEqual([0, 1, 3]);
    expect(Array.from(p.itemIndex)).toEqual([1, 0, 2]);
    expect(Array.from(p.counts)).toEqual([1, 1, 2]);
    // Row 1, item 2: rated 2 at t=10, then 4 at t=30.
    expect(Array.from(p.ratings ?? [])).toEqual([Number.NaN, 5, 4]);
    expect(Array.from(p.times)).toEqual([5, 7, 10]);
    expect(profileMatrixOf(1, 1, { users: [0], items: [0], times: [0] }).ratings).toBeNull();
    expect(() => profileMatrixOf(1, 1, { users: [0], items: [1], times: [0] })).toThrow(/item index 1/);
  });

  it('appends rows below and drops flagged rows, keeping the order and sharing nothing', () => {
    const base = profileMatrixOf(2, 3, { users: [0, 1], items: [0, 1], times: [1, 2], values: [3, 4] });
    const extra = profileMatrixOf(1, 3, { users: [0, 0], items: [2, 0], times: [3, 4] });
    const all = appendProfiles(base, extra);
    expect(all.nUsers).toBe(3);
    expect(Array.from(all.rowStart)).toEqual([0, 1, 2, 4]);
    expect(Array.from(all.itemIndex)).toEqual([0, 1, 0, 2]);
    expect(Array.from(all.ratings ?? [])).toEqual([3, 4, Number.NaN, Number.NaN]);
    const back = withoutProfiles(all, Uint8Array.of(0, 0, 1));
    expect(back).toEqual(base);
    const middle = withoutProfiles(all, Uint8Array.of(0, 1, 0));
    expect(Array.from(middle.itemIndex)).toEqual([0, 0, 2]);
    expect(countMatrix(middle).values).toBe(middle.counts);
  });
});
