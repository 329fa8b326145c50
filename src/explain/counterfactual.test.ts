import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/seeded-random.js';
import { counterfactualSet } from './counterfactual.js';

/** An item that stays listed while the removed items' weight is below a threshold. */
const thresholdProbe = (weights: Record<number, number>, threshold: number) => ({
  listed: (removed: readonly number[]) => removed.reduce((sum, h) => sum + (weights[h] ?? 0), 0) < threshold,
});

describe('counterfactualSet', () => {
  it('grows by contribution until the item leaves, then drops what is not needed', () => {
    // Removing 1 (5) or 1 and 2 (7) is not enough; 1, 2 and 3 (10) is; without 2, 1 and 3 (8) still are.
    const result = counterfactualSet(thresholdProbe({ 1: 5, 2: 2, 3: 3 }, 8), { order: [1, 2, 3] });
    expect(result).toMatchObject({ found: true, removed: [1, 3], minimality: 'minimum' });
  });

  it('finds a smaller set than the greedy one when one exists, and calls it the minimum', () => {
    // Greedy: 1 (5), 1 + 2 (9), 1 + 2 + 3 (15) leaves; pruning drops 2 (1 + 3 = 11). But item 4
    // (weight 10), last in the order, suffices alone.
    const probe = thresholdProbe({ 1: 5, 2: 4, 3: 6, 4: 10 }, 10);
    const result = counterfactualSet(probe, { order: [1, 2, 3, 4] });
    expect(result).toMatchObject({ found: true, removed: [4], minimality: 'minimum' });
    expect(probe.listed([4])).toBe(false);
  });

  it('says irreducible, not minimum, when proving minimality would cost too many re-runs', () => {
    const result = counterfactualSet(thresholdProbe({ 1: 5, 2: 4, 3: 6, 4: 10 }, 10), {
      order: [1, 2, 3, 4],
      exhaustiveBudget: 0,
    });
    expect(result).toMatchObject({ found: true, removed: [1, 3], minimality: 'irreducible' });
  });

  it('reports when the item stays even without every history item', () => {
    const result = counterfactualSet({ listed: () => true }, { order: [1, 2, 3] });
    expect(result).toEqual({ found: false, reruns: 3 });
  });

  it('matches a brute-force minimum on random monotone problems', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 100; trial += 1) {
      const n = 1 + Math.floor(random() * 7);
      const weights: Record<number, number> = {};
      for (let h = 0; h < n; h += 1) weights[h] = Math.round(random() * 10);
      const threshold = 1 + Math.floor(random() * 30);
      const probe = thresholdProbe(weights, threshold);
      const order = Object.keys(weights)
        .map(Number)
        .sort((a, b) => (weights[b] as number) - (weights[a] as number));
      let smallest = Infinity;
      for (let mask = 1; mask < 1 << n; mask += 1) {
        const subset = order.filter((_, i) => (mask >> i) & 1);
        if (!probe.listed(subset)) smallest = Math.min(smallest, subset.length);
      }
      const result = counterfactualSet(probe, { order });
      if (smallest === Infinity) expect(result.found).toBe(false);
      else {
        expect(result.found && result.removed.length).toBe(smallest);
        expect(result.found && probe.listed(result.removed)).toBe(false);
      }
    }
  });
});
