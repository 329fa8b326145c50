import type { Contribution } from '../../models/recommender.js';
import type { PipelineContext } from '../pipeline-context.js';
import { nextSlate, type Reason, type ReasonKind, type Slate, type SlateItem, traceOf } from '../slate.js';

export interface ExplanationsOptions {
  /** How many history items to name per item, strongest first. */
  historyReasons?: number;
}

/**
 * Gives every item its reasons and a confidence, from what placed it:
 *
 * - model picks on the home surface: when the model explains exactly (EASE, item-kNN, ...), the history
 *   items with the largest positive contributions become `because-you-watched` reasons carrying those
 *   contributions as weights (the model's own numbers: all contributions, plus any bias, sum to the
 *   score); when no history item contributed positively, or the model cannot explain, `model-score`.
 * - model picks on the detail surface: `similar-to` the page's item, with its contribution as weight.
 * - popularity picks keep the reasons the candidates stage gave them (`popular`, `shares-genre`).
 *
 * Confidence is the item's catalog percentile for this viewer: (eligible - rank) / eligible, where rank is
 * its 0-based place in the model's (or popularity's) order over every eligible item and eligible their
 * number (from the candidates trace): the share of the catalog the item outranks for this viewer. The best
 * item gets 1. Unlike a rank within the candidate pool it does not depend on the pool size, so two
 * requests over one catalog are comparable; it is still ordinal, NOT a probability that the viewer will
 * like or watch the item. A reranker's pick keeps the confidence of its place in the model's order.
 */
export const explanations = ({ historyReasons = 3 }: ExplanationsOptions = {}) =>
  function explanations(slate: Slate, ctx: PipelineContext): Slate {
    const eligible = traceOf(slate, 'candidates')?.changed.eligible;
    if (eligible === undefined) throw new Error('explanations need a candidates stage before them');
    const counts: Partial<Record<ReasonKind, number>> = {};
    const items = slate.items.map((item): SlateItem => {
      const reasons =
        item.origin === 'model'
          ? [...item.reasons, ...modelReasons(item, ctx, historyReasons)]
          : item.reasons;
      for (const reason of reasons) counts[reason.kind] = (counts[reason.kind] ?? 0) + 1;
      const confidence = eligible > 0 ? (eligible - item.candidateRank) / eligible : 0;
      return { ...item, reasons, confidence: Math.min(1, Math.max(0, confidence)) };
    });
    return nextSlate(slate, items, {
      stage: 'explanations',
      changed: { explained: items.length, reasons: counts, confidence: 'catalog-rank-percentile' },
    });
  };

function modelReasons(item: SlateItem, ctx: PipelineContext, historyReasons: number): Reason[] {
  const { catalog, model, anchor, scoringHistory } = ctx;
  const scorer = model?.scorer;
  if (!scorer) return [];
  if (anchor !== null) {
    const similar = {
      kind: 'similar-to' as const,
      itemId: catalog.itemIds[anchor] as string,
      title: catalog.titles[anchor] as string,
    };
    if (!scorer.explain) return [similar];
    let weight = 0;
    for (const c of scorer.explain(scoringHistory, item.column)) weight += c.weight;
    return [{ ...similar, weight }];
  }
  if (!scorer.explain) return [{ kind: 'model-score', algorithm: scorer.algorithm }];
  const strongest = strongestPositive(scorer.explain(scoringHistory, item.column), historyReasons);
  if (strongest.length === 0) return [{ kind: 'model-score', algorithm: scorer.algorithm }];
  return strongest.map((c) => ({
    kind: 'because-you-watched',
    itemId: catalog.itemIds[c.item] as string,
    title: catalog.titles[c.item] as string,
    weight: c.weight,
  }));
}

/** The k largest positive contributions, largest first (ties: lower item first); no full sort. */
function strongestPositive(contributions: readonly Contribution[], k: number): Contribution[] {
  const best: Contribution[] = [];
  if (k <= 0) return best;
  for (const c of contributions) {
    if (!(c.weight > 0)) continue;
    if (best.length === k && !outranks(c, best[k - 1] as Contribution)) continue;
    let at = Math.min(best.length, k - 1);
    best[at] = c;
    while (at > 0 && outranks(c, best[at - 1] as Contribution)) {
      best[at] = best[at - 1] as Contribution;
      best[at - 1] = c;
      at -= 1;
    }
  }
  return best;
}

const outranks = (a: Contribution, b: Contribution): boolean =>
  a.weight > b.weight || (a.weight === b.weight && a.item < b.item);
