import { type CatalogMetric, exposureCounts } from './catalog-metric.js';

export interface Entropy {
  /** Shannon entropy in bits of the share of all recommendation slots each item takes. */
  readonly entropy: number;
  /** The entropy over log2(nItems): 1 when every item is recommended equally often, 0 for one item. */
  readonly normalized: number;
}

/** Distributional coverage: how evenly recommendations spread over the catalog. */
export const distributionalCoverage: CatalogMetric<'distributionalCoverage', Entropy> = {
  label: 'distributionalCoverage',
  measure(lists) {
    const counts = exposureCounts(lists);
    let total = 0;
    for (const count of counts) total += count;
    if (total === 0) return { entropy: Number.NaN, normalized: Number.NaN };
    let entropy = 0;
    for (const count of counts) {
      if (count > 0) entropy -= (count / total) * Math.log2(count / total);
    }
    return { entropy, normalized: entropy / Math.log2(lists.nItems) };
  },
};
