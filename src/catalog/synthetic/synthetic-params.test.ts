import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseSyntheticParams, type SyntheticParams, syntheticParamsSchema } from './synthetic-params.js';

describe('syntheticParamsSchema', () => {
  it('fills every default', () => {
    expect(parseSyntheticParams()).toEqual({
      items: 2000,
      viewers: 5000,
      seed: 42,
      underrepresentedShare: 0.2,
      exposureBias: 0.5,
      tasteClusters: 12,
      meanInteractionsPerViewer: 30,
      popularityExponent: 1,
      startDate: '2026-01-01T00:00:00Z',
      days: 180,
      kidsShare: 0.08,
      teenShare: 0.12,
    });
  });

  it('describes every field', () => {
    for (const [name, field] of Object.entries(syntheticParamsSchema.shape)) {
      expect(field.description, name).toMatch(/\w{3,}/);
    }
  });

  it.each([
    [{ items: 0 }, 'items'],
    [{ items: 10.5 }, 'items'],
    [{ viewers: -1 }, 'viewers'],
    [{ underrepresentedShare: 2 }, 'underrepresentedShare'],
    [{ exposureBias: -0.1 }, 'exposureBias'],
    [{ tasteClusters: 0 }, 'tasteClusters'],
    [{ meanInteractionsPerViewer: 1 }, 'meanInteractionsPerViewer'],
    [{ startDate: 'yesterday' }, 'startDate'],
    [{ days: 0 }, 'days'],
    [{ kidsShare: 0.6, teenShare: 0.6 }, 'teenShare'],
  ])('rejects %j naming the field', (input, field) => {
    const result = syntheticParamsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
    expect(() => parseSyntheticParams(input as never)).toThrow(
      new RegExp(`invalid synthetic params: .*${field}: `),
    );
  });

  it('rejects unknown fields (strict)', () => {
    expect(() => parseSyntheticParams({ item: 10 } as never)).toThrow(/item/);
  });

  it('types the parsed params with every field present', () => {
    expectTypeOf<SyntheticParams['items']>().toEqualTypeOf<number>();
    expectTypeOf<SyntheticParams['startDate']>().toEqualTypeOf<string>();
    // @ts-expect-error: items must be a number
    expect(() => parseSyntheticParams({ items: '10' })).toThrow(/items/);
  });
});
