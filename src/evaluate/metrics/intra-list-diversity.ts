import { type CatalogMetric, meanOverLists } from './catalog-metric.js';

/** Jaccard distance of two ascending, distinct genre sets; two empty sets are at distance 0. */
export function jaccardDistance(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) shared += 1;
    if (x <= y) i += 1;
    if (y <= x) j += 1;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : 1 - shared / union;
}

/**
 * Intra-list diversity by genre: the mean Jaccard distance between the genre sets of every pair of items
 * in a list, averaged over lists of two or more items. Needs `itemGenres` in the context.
 */
export const intraListDiversity: CatalogMetric<'intraListDiversity'> = {
  label: 'intraListDiversity',
  measure(lists, { itemGenres }) {
    if (!itemGenres) throw new Error('intra-list diversity needs itemGenres');
    const sets = new Map<number, Int32Array>();
    const genresOf = (item: number): Int32Array => {
      let set = sets.get(item);
      if (!set) {
        set = Int32Array.from(new Set(Array.from(itemGenres[item] ?? []))).sort();
        sets.set(item, set);
      }
      return set;
    };
    return meanOverLists(
      lists,
      (list) => {
        let total = 0;
        for (let a = 0; a < list.length; a += 1) {
          for (let b = a + 1; b < list.length; b += 1) {
            total += jaccardDistance(genresOf(list[a] as number), genresOf(list[b] as number));
          }
        }
        return total / ((list.length * (list.length - 1)) / 2);
      },
      2,
    );
  },
};
