import { selectTopK } from '../../evaluate/top-k.js';
import { historyOf, type InteractionMatrix } from '../../models/interaction-matrix.js';
import type { Scorer } from '../../models/recommender.js';

/** How visible a target item is to the genuine viewers under one model. */
export interface TargetExposure {
  /** Share of the viewers (those who have not seen the target) with the target in their top k. */
  hitRatio: number;
  /** Mean score of the target over those viewers. */
  meanScore: number;
  /** Mean rank of the target among each viewer's unseen items (1 is the top). */
  meanRank: number;
  /** Viewers measured. */
  viewers: number;
}

/**
 * Measures a target the way Mobasher et al. (2007) measure attack success: each genuine viewer who has
 * not seen it is scored from their own history and the target counts as a hit when it is in their top
 * k, chosen exactly as `candor evaluate` chooses lists (selectTopK: history removed, ties to the lower
 * index). The mean score and rank give the prediction shift between two models.
 */
export function targetExposure(
  scorer: Scorer,
  histories: InteractionMatrix,
  target: number,
  k = 10,
): TargetExposure {
  if (scorer.nItems !== histories.nItems)
    throw new Error(`scorer has ${scorer.nItems} items, the histories ${histories.nItems}`);
  const scores = new Float32Array(histories.nItems);
  const top = new Int32Array(k);
  let viewers = 0;
  let hits = 0;
  let scoreSum = 0;
  let rankSum = 0;
  for (let u = 0; u < histories.nUsers; u += 1) {
    const history = historyOf(histories, u);
    if (history.items.includes(target)) continue;
    scorer.score(history, scores);
    const n = selectTopK(scores, k, history.items, top);
    for (let r = 0; r < n; r += 1) {
      if (top[r] === target) {
        hits += 1;
        break;
      }
    }
    scoreSum += scores[target] as number;
    rankSum += rankOf(scores, target, history.items);
    viewers += 1;
  }
  return {
    hitRatio: viewers > 0 ? hits / viewers : 0,
    meanScore: viewers > 0 ? scoreSum / viewers : 0,
    meanRank: viewers > 0 ? rankSum / viewers : 0,
    viewers,
  };
}

/** 1 + the unseen items ranked above the target (higher score, or equal score and lower index). */
function rankOf(scores: Float32Array, target: number, seen: Int32Array): number {
  const s = scores[target] as number;
  let above = 0;
  let next = 0;
  for (let item = 0; item < scores.length; item += 1) {
    if (next < seen.length && seen[next] === item) {
      next += 1;
      continue;
    }
    const v = scores[item] as number;
    if (v > s || (v === s && item < target)) above += 1;
  }
  return above + 1;
}
