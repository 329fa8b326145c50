import { type CatalogMetric, meanOverLists } from './catalog-metric.js';

/**
 * Novelty: the self-information -log2(p_i) of recommended items, p_i being the share of train users
 * (users with any train item) who interacted with item i; averaged within each list, then over lists.
 * An item no train user touched counts as touched by one, so its novelty is log2(nTrainUsers), the most
 * a known item can have, rather than infinite.
 */
export const novelty: CatalogMetric<'novelty'> = {
  label: 'novelty',
  measure(lists, { popularity, nTrainUsers }) {
    if (nTrainUsers === 0) return Number.NaN;
    return meanOverLists(lists, (list) => {
      let sum = 0;
      for (const item of list) sum -= Math.log2(Math.max(1, popularity[item] as number) / nTrainUsers);
      return sum / list.length;
    });
  },
};
