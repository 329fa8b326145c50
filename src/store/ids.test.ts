import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes distinct version-7 UUIDs that sort in creation order, across pool refills', () => {
    // More ids than one fill of the random pool holds, most of them within one millisecond.
    const ids = Array.from({ length: 2000 }, () => newId());
    for (const id of ids) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts with the current time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const msecs = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    // Equal or a step ahead: a sequence that wraps within a millisecond moves to the next one.
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('uses fresh random bits in every id', () => {
    const tails = new Set(Array.from({ length: 500 }, () => newId().slice(-12)));
    expect(tails.size).toBe(500);
  });
});
