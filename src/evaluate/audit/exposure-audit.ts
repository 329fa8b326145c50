import { catalogContext } from '../metrics/catalog-metric.js';
import { catalogCoverage } from '../metrics/catalog-coverage.js';
import { exposureGini } from '../metrics/exposure-gini.js';
import { discount } from '../metrics/ndcg.js';
import { shortHead, SHORT_HEAD_SHARE } from '../metrics/long-tail-share.js';
import { matrixFromTriplets } from '../../models/interaction-matrix.js';
import { type TopKLists, listAt } from '../top-k-lists.js';

/**
 * Who the recommendations expose, by item group (creator group, popularity bucket), measured against
 * two baselines:
 * - exposure share: the group's share of position-weighted exposure over all lists, an item at rank r
 *   getting 1 / log2(1 + r) (the nDCG discount: attention falls off down a list);
 * - catalog share: the group's share of catalog items (what a ranker blind to everything would expose);
 * - relevance share: the group's share of the exposure an ideal ranker would give, one that puts each
 *   viewer's relevant (test) items first in random order. Each of a viewer's n relevant items then
 *   expects IDCG / n, IDCG being the exposure of the first min(n, k) ranks; summed over viewers.
 * Ratios below 1 mean the group gets less exposure than its catalog presence or relevance warrants.
 */

export const POPULARITY_BUCKETS = ['head', 'mid', 'tail'] as const;
export type PopularityBucket = (typeof POPULARITY_BUCKETS)[number];

/** Cumulative share of train interactions that ends the mid bucket (the head ends at SHORT_HEAD_SHARE). */
export const MID_SHARE = 0.8;

/**
 * Popularity bucket of each item: with items ordered by train popularity (most popular first, as
 * shortHead orders them), the head is the smallest prefix holding SHORT_HEAD_SHARE (20%) of train
 * interactions, the mid bucket the items after it up to MID_SHARE (80%), and the tail the rest, which
 * holds the last 20% and every never-seen item.
 */
export function popularityBuckets(popularity: ArrayLike<number>): PopularityBucket[] {
  const head = shortHead(popularity, SHORT_HEAD_SHARE);
  const upToMid = shortHead(popularity, MID_SHARE);
  return Array.from(head, (inHead, item) => (inHead ? 'head' : upToMid[item] ? 'mid' : 'tail'));
}

export interface ExposureGroup {
  group: string;
  /** Catalog items in the group. */
  items: number;
  catalogShare: number;
  exposureShare: number;
  relevanceShare: number;
  /** exposureShare / catalogShare; null when the group has no items. */
  exposureToCatalog: number | null;
  /** exposureShare / relevanceShare; null when no relevant item is in the group. */
  exposureToRelevance: number | null;
  /** Share of the group's items recommended to anyone. */
  coverage: number;
}

export interface ExposureAudit {
  attribute: string;
  groups: ExposureGroup[];
}

/** Catalog-wide concentration of the lists: coverage and Gini of list appearances, as `evaluate` reports. */
export interface CatalogExposure {
  coverage: number;
  gini: number | null;
}

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Exposure, catalog and relevance shares per group of `itemGroups` (one label per item).
 * `relevant[i]` holds the relevant items of list i's viewer. Each share column sums to 1 over the
 * groups, or to 0 when there is nothing to share (no lists, no relevant items).
 */
export function exposureAudit(
  attribute: string,
  lists: TopKLists,
  itemGroups: readonly string[],
  relevant: readonly ArrayLike<number>[],
): ExposureAudit {
  const nItems = lists.nItems;
  if (itemGroups.length !== nItems) throw new Error(`${itemGroups.length} item labels for ${nItems} items`);
  if (relevant.length !== lists.users.length) {
    throw new Error(`${relevant.length} relevant-item lists for ${lists.users.length} top-k lists`);
  }
  const labels = [...new Set(itemGroups)].sort(naturalOrder);
  const groupOf = new Map(labels.map((label, g) => [label, g]));
  const itemGroup = Int32Array.from(itemGroups, (label) => groupOf.get(label) as number);
  const items = new Float64Array(labels.length);
  for (const g of itemGroup) items[g] = (items[g] as number) + 1;

  const exposure = new Float64Array(labels.length);
  const ideal = new Float64Array(labels.length);
  const recommended = new Uint8Array(nItems);
  for (let i = 0; i < lists.users.length; i += 1) {
    listAt(lists, i).forEach((item, r) => {
      const g = itemGroup[item] as number;
      exposure[g] = (exposure[g] as number) + discount(r + 1);
      recommended[item] = 1;
    });
    const mine = relevant[i] as ArrayLike<number>;
    const n = mine.length;
    let idcg = 0;
    for (let r = 1; r <= Math.min(n, lists.k); r += 1) idcg += discount(r);
    for (let j = 0; j < n; j += 1) {
      const item = mine[j] as number;
      if (!(Number.isInteger(item) && item >= 0 && item < nItems)) {
        throw new Error(`relevant item ${item} of list ${i} outside 0..${nItems - 1}`);
      }
      const g = itemGroup[item] as number;
      ideal[g] = (ideal[g] as number) + idcg / n;
    }
  }
  const covered = new Float64Array(labels.length);
  recommended.forEach((on, item) => {
    const g = itemGroup[item] as number;
    covered[g] = (covered[g] as number) + on;
  });

  const shares = (values: Float64Array) => {
    let total = 0;
    for (const value of values) total += value;
    return Array.from(values, (value) => (total === 0 ? 0 : value / total));
  };
  const exposureShares = shares(exposure);
  const catalogShares = shares(items);
  const relevanceShares = shares(ideal);
  const over = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    attribute,
    groups: labels.map((group, g) => {
      const exposureShare = exposureShares[g] as number;
      const catalogShare = catalogShares[g] as number;
      const relevanceShare = relevanceShares[g] as number;
      return {
        group,
        items: items[g] as number,
        catalogShare,
        exposureShare,
        relevanceShare,
        exposureToCatalog: over(exposureShare, catalogShare),
        exposureToRelevance: over(exposureShare, relevanceShare),
        coverage: (covered[g] as number) / (items[g] as number),
      };
    }),
  };
}

/** Catalog coverage and exposure Gini of the lists (reusing the evaluate metrics, which need no train data). */
export function catalogExposure(lists: TopKLists): CatalogExposure {
  const context = catalogContext(matrixFromTriplets(0, lists.nItems, [], []));
  const gini = exposureGini.measure(lists, context);
  return { coverage: catalogCoverage.measure(lists, context), gini: Number.isNaN(gini) ? null : gini };
}
