import { type CatalogMetric, meanOverLists } from './catalog-metric.js';

/** Average recommendation popularity (ARP): the mean train popularity (distinct users) of a list's items, averaged over lists. */
export const averagePopularity: CatalogMetric<'arp'> = {
  label: 'arp',
  measure(lists, { popularity }) {
    return meanOverLists(lists, (list) => {
      let sum = 0;
      for (const item of list) sum += popularity[item] as number;
      return sum / list.length;
    });
  },
};
