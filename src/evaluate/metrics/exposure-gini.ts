import { type CatalogMetric, exposureCounts } from './catalog-metric.js';

/**
 * Gini index of the exposure x (lists containing each item) over every item of the catalog, never
 * recommended items counting 0: with x sorted ascending and i from 1 to n,
 * G = sum_i (2i - n - 1) x_i / (n sum_i x_i). 0 for equal exposure, (n - 1) / n when one item takes all.
 */
export const exposureGini: CatalogMetric<'gini'> = {
  label: 'gini',
  measure(lists) {
    const sorted = exposureCounts(lists).sort();
    const n = sorted.length;
    let total = 0;
    let weighted = 0;
    for (let i = 0; i < n; i += 1) {
      const x = sorted[i] as number;
      total += x;
      weighted += (2 * (i + 1) - n - 1) * x;
    }
    return total === 0 ? Number.NaN : weighted / (n * total);
  },
};
