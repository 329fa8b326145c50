import { type CatalogMetric, exposureCounts } from './catalog-metric.js';

/** Catalog coverage: distinct items that appear in any list, over all items of the catalog. */
export const catalogCoverage: CatalogMetric<'catalogCoverage'> = {
  label: 'catalogCoverage',
  measure(lists) {
    let covered = 0;
    for (const count of exposureCounts(lists)) if (count > 0) covered += 1;
    return covered / lists.nItems;
  },
};
