import type { InteractionMatrix } from '../../models/interaction-matrix.js';

/**
 * Data bias check: is each group represented in the training interactions as it is in the population
 * the interactions come from? A model learns from interactions, so a group the log under-represents
 * will be under-recommended however fair the model is.
 * - Item groups (creator group, popularity bucket): share of training interactions on the group's items
 *   against the group's share of catalog items.
 * - Viewer groups (gender, age band, ...): share of training interactions by the group's viewers against
 *   the group's share of viewers, counting viewers with no interaction at all.
 * Interactions are weighted by the matrix values, which in an evaluation split are event counts, so the
 * shares are shares of logged events. ratio = interaction share / population share (1 is parity).
 */

export interface RepresentationGroup {
  group: string;
  /** Catalog items or viewers in the group. */
  population: number;
  populationShare: number;
  /** Training interactions (events) on the group's items or by its viewers. */
  interactions: number;
  interactionShare: number;
  /** interactionShare / populationShare; null for an empty group. */
  ratio: number | null;
}

export interface Representation {
  attribute: string;
  /** What populationShare is a share of. */
  population: 'catalog' | 'viewers';
  groups: RepresentationGroup[];
}

export interface DataBias {
  /** Summed value of all training interactions. */
  interactions: number;
  items: Representation[];
  viewers: Representation[];
}

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/** Summed interaction value per item and per viewer row of the matrix. */
function marginals(train: InteractionMatrix): { byItem: Float64Array; byUser: Float64Array; total: number } {
  const byItem = new Float64Array(train.nItems);
  const byUser = new Float64Array(train.nUsers);
  let total = 0;
  for (let u = 0; u < train.nUsers; u += 1) {
    for (let e = train.rowStart[u] as number; e < (train.rowStart[u + 1] as number); e += 1) {
      const value = train.values[e] as number;
      const item = train.itemIndex[e] as number;
      byItem[item] = (byItem[item] as number) + value;
      byUser[u] = (byUser[u] as number) + value;
      total += value;
    }
  }
  return { byItem, byUser, total };
}

/** Population and interactions per label; `weights` may be shorter than `labels` (members with none). */
function representation(
  attribute: string,
  population: Representation['population'],
  labels: readonly string[],
  weights: Float64Array,
  total: number,
): Representation {
  const counts = new Map<string, { population: number; interactions: number }>();
  labels.forEach((label, i) => {
    const entry = counts.get(label) ?? { population: 0, interactions: 0 };
    entry.population += 1;
    entry.interactions += weights[i] ?? 0;
    counts.set(label, entry);
  });
  return {
    attribute,
    population,
    groups: [...counts.keys()].sort(naturalOrder).map((group) => {
      const entry = counts.get(group) as { population: number; interactions: number };
      const populationShare = entry.population / labels.length;
      const interactionShare = total === 0 ? 0 : entry.interactions / total;
      return {
        group,
        population: entry.population,
        populationShare,
        interactions: entry.interactions,
        interactionShare,
        ratio: populationShare === 0 ? null : interactionShare / populationShare,
      };
    }),
  };
}

/**
 * Representation of item and viewer groups in `train`. Item label columns have one label per item of
 * the matrix. Viewer label columns have one label per viewer: the first `train.nUsers` are the matrix's
 * rows, and any further ones are viewers with no interaction (they count towards the viewer shares).
 */
export function dataBias(
  train: InteractionMatrix,
  itemAttributes: Record<string, readonly string[]>,
  viewerAttributes: Record<string, readonly string[]>,
): DataBias {
  const { byItem, byUser, total } = marginals(train);
  for (const [name, labels] of Object.entries(itemAttributes)) {
    if (labels.length !== train.nItems) {
      throw new Error(`item attribute ${name} has ${labels.length} labels for ${train.nItems} items`);
    }
  }
  for (const [name, labels] of Object.entries(viewerAttributes)) {
    if (labels.length < train.nUsers) {
      throw new Error(`viewer attribute ${name} has ${labels.length} labels for ${train.nUsers} viewers`);
    }
  }
  return {
    interactions: total,
    items: Object.entries(itemAttributes).map(([name, labels]) =>
      representation(name, 'catalog', labels, byItem, total),
    ),
    viewers: Object.entries(viewerAttributes).map(([name, labels]) =>
      representation(name, 'viewers', labels, byUser, total),
    ),
  };
}
