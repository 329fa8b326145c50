import { describe, expect, it } from 'vitest';
import { AuditFigureCache } from './audit-cache.js';
import type { AuditFigures } from './audit-figures.js';

const figures = {} as AuditFigures;

describe('AuditFigureCache', () => {
  it('computes once per key while fresh, again after the time to live or a failure', async () => {
    let now = 0;
    const cache = new AuditFigureCache({ ttlMs: 1000, size: 2, now: () => now });
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return figures;
    };
    await cache.get('a', compute);
    await cache.get('a', compute);
    expect(computed).toBe(1);
    await cache.get('b', compute);
    expect(computed).toBe(2);
    now = 1500;
    await cache.get('a', compute);
    expect(computed).toBe(3);

    await expect(cache.get('c', () => Promise.reject(new Error('no viewer')))).rejects.toThrow('no viewer');
    await cache.get('c', compute);
    expect(computed).toBe(4);
  });

  it('keeps only the most recent entries', async () => {
    const cache = new AuditFigureCache({ size: 1 });
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return figures;
    };
    await cache.get('a', compute);
    await cache.get('b', compute);
    await cache.get('a', compute);
    expect(computed).toBe(3);
  });
});
