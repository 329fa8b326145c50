import { type CatalogMetric, meanOverLists } from './catalog-metric.js';

/** The share of train interactions the short head accounts for. */
export const SHORT_HEAD_SHARE = 0.2;

/**
 * Flags the short head: items ordered by train popularity, most popular first (equal popularity: lower
 * index first), are taken until their popularity sums to at least `share` of all train interactions. The
 * smallest such prefix is the head; every other item, never-seen ones included, is the long tail.
 */
export function shortHead(popularity: ArrayLike<number>, share = SHORT_HEAD_SHARE): Uint8Array {
  const head = new Uint8Array(popularity.length);
  let total = 0;
  for (let item = 0; item < popularity.length; item += 1) total += popularity[item] as number;
  if (total === 0) return head;
  const order = Int32Array.from(popularity, (_, i) => i).sort(
    (a, b) => (popularity[b] as number) - (popularity[a] as number) || a - b,
  );
  let covered = 0;
  for (const item of order) {
    if (covered >= share * total) break;
    head[item] = 1;
    covered += popularity[item] as number;
  }
  return head;
}

/** Long-tail share (APLT): the share of a list's items in the long tail (see shortHead), averaged over lists. */
export const longTailShare: CatalogMetric<'aplt'> = {
  label: 'aplt',
  measure(lists, { popularity }) {
    const head = shortHead(popularity);
    return meanOverLists(lists, (list) => {
      let tail = 0;
      for (const item of list) if (head[item] === 0) tail += 1;
      return tail / list.length;
    });
  },
};
