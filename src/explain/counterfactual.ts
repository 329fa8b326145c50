/**
 * The smallest set of history items without which an item leaves a viewer's list: a counterfactual
 * explanation ("had you not watched X and Y, this would not be here"), computed by re-running the
 * pipeline, never inferred from the weights alone. Removing history items changes every item's score
 * (and the seen filter, and the rerankers' inputs), so only a re-run says whether the item left.
 *
 * Search: remove history items in order of their contribution to the item's score, largest first, until
 * the item leaves the list; then drop from that set every item the removal does not need (so no member can
 * be put back). When few enough smaller sets exist, every one of them is tried as well, and a set no
 * smaller set can replace is reported as the minimum; otherwise it is reported as irreducible.
 */

export interface CounterfactualProbe {
  /** Whether the item is on the list the pipeline serves when these history columns are removed. */
  listed(removed: readonly number[]): boolean;
}

export interface CounterfactualSearch {
  /** History columns, the most promising first (e.g. by contribution, largest first). */
  readonly order: readonly number[];
  /** Most re-runs spent proving minimality by trying every smaller set (default 2000). */
  readonly exhaustiveBudget?: number;
}

export type Minimality =
  /** No smaller set of history items removes the item (every smaller set was tried). */
  | 'minimum'
  /** No member of the set can be put back, but not every smaller set was tried. */
  | 'irreducible';

export type CounterfactualResult =
  | {
      readonly found: true;
      readonly removed: number[];
      readonly minimality: Minimality;
      readonly reruns: number;
    }
  /** Even without every candidate history item the item stays (e.g. it is popular for everyone). */
  | { readonly found: false; readonly reruns: number };

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i += 1) result = (result * (n - k + i)) / i;
  return result;
}

/** Calls `visit` with every k-subset of `items` (in lexicographic order) until it returns true. */
function someSubset(items: readonly number[], k: number, visit: (subset: number[]) => boolean): boolean {
  const index = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    if (visit(index.map((i) => items[i] as number))) return true;
    let at = k - 1;
    while (at >= 0 && index[at] === items.length - k + at) at -= 1;
    if (at < 0) return false;
    index[at] = (index[at] as number) + 1;
    for (let next = at + 1; next < k; next += 1) index[next] = (index[next - 1] as number) + 1;
  }
}

export function counterfactualSet(
  probe: CounterfactualProbe,
  search: CounterfactualSearch,
): CounterfactualResult {
  let reruns = 0;
  const listed = (removed: readonly number[]) => {
    reruns += 1;
    return probe.listed(removed);
  };
  const order = [...new Set(search.order)];
  const removed: number[] = [];
  let left = false;
  for (const column of order) {
    removed.push(column);
    if (!listed(removed)) {
      left = true;
      break;
    }
  }
  if (!left) return { found: false, reruns };

  // Last added first: the earlier, stronger items are the likelier to be needed.
  for (let at = removed.length - 2; at >= 0; at -= 1) {
    const without = removed.filter((_, i) => i !== at);
    if (!listed(without)) removed.splice(at, 1);
  }

  const budget = search.exhaustiveBudget ?? 2000;
  let smaller = 0;
  for (let k = 1; k < removed.length; k += 1) smaller += binomial(order.length, k);
  if (smaller > budget) return { found: true, removed, minimality: 'irreducible', reruns };
  for (let k = 1; k < removed.length; k += 1) {
    let better: number[] | null = null;
    someSubset(order, k, (subset) => {
      if (listed(subset)) return false;
      better = subset;
      return true;
    });
    if (better) return { found: true, removed: better, minimality: 'minimum', reruns };
  }
  return { found: true, removed, minimality: 'minimum', reruns };
}
