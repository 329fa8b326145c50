import { describe, expect, expectTypeOf, it } from 'vitest';
import { randomInteractions, rowsOf, runForgetContract } from '../forget-contract.js';
import type { ItemHistory } from '../interaction-matrix.js';
import type { ForgetContext, Scorer, Unlearned } from '../recommender.js';
import { popularityAlgorithm, popularityParamsSchema } from './popularity-scorer.js';

runForgetContract({ algorithm: popularityAlgorithm, params: { count: 'viewers' }, tolerance: 0 });
runForgetContract({ algorithm: popularityAlgorithm, params: { count: 'events' }, tolerance: 0 });

describe('popularity unlearning', () => {
  it('types forget as optional on Scorer, and an Unlearned as saying how it was made', async () => {
    expectTypeOf<Parameters<NonNullable<Scorer['forget']>>>().toEqualTypeOf<
      [rows: readonly ItemHistory[], context?: ForgetContext]
    >();
    expectTypeOf<ReturnType<NonNullable<Scorer['forget']>>>().toEqualTypeOf<Promise<Unlearned>>();
    const scorer = await popularityAlgorithm.fit(randomInteractions(1), popularityParamsSchema.parse({}));
    // @ts-expect-error an Unlearned must say whether it is exact and what was done
    const incomplete: Unlearned = { scorer };
    expect(incomplete.scorer).toBe(scorer);
  });

  it("subtracts one per item for 'viewers' and the event counts for 'events'", async () => {
    const matrix = randomInteractions(9);
    const [row] = rowsOf(matrix, [5]);
    if (!row) throw new Error('no row');
    for (const count of ['viewers', 'events'] as const) {
      const scorer = await popularityAlgorithm.fit(matrix, popularityParamsSchema.parse({ count }));
      const before = scorer.score(row);
      const after = (await scorer.forget?.([row]))?.scorer.score(row);
      row.items.forEach((item, at) => {
        const added = count === 'viewers' ? 1 : (row.weights?.[at] as number);
        expect((before[item] as number) - (after?.[item] as number)).toBe(added);
      });
    }
  });
});
