import { DEFAULT_PROFILE_MAX_LEVEL, PROFILE_KINDS } from '../viewer-profile.js';
import type { TitleTable } from './synthetic-catalog.js';
import type { ViewerTable } from './synthetic-viewers.js';
import type { TasteModel } from './taste-model.js';

/** Length of each viewer's list of most relevant titles. */
export const TOP_K = 20;

/** True relevance of a title for a viewer: sum over the viewer's clusters of weight * affinity, plus quality. */
export function trueRelevance(taste: TasteModel, viewers: ViewerTable, v: number, t: number): number {
  let r = taste.quality[t] ?? 0;
  for (let j = viewers.offset[v] ?? 0; j < (viewers.offset[v + 1] ?? 0); j++) {
    r += (viewers.weight[j] ?? 0) * (taste.affinity[(viewers.cluster[j] ?? 0) * taste.titles + t] ?? 0);
  }
  return r;
}

/**
 * Each viewer's TOP_K most truly relevant titles, best first, as title indices (-1 pads a list when
 * fewer titles are eligible): viewer v's list is `[v * TOP_K, (v + 1) * TOP_K)`.
 *
 * Exact, not approximate: relevance is quality + sum of weight * affinity over the viewer's clusters,
 * and tastes are stored sparse (weights under a small threshold were zeroed when drawn), so only a
 * viewer's two or three clusters are summed. Titles are films, series and tracks (an episode's
 * relevance is its series'), limited to those the viewer's profile may see. Titles the viewer already
 * interacted with are included: this is what is relevant, not what is left to recommend. Ties keep the
 * lower title index.
 */
export function topRelevantTitles(titles: TitleTable, taste: TasteModel, viewers: ViewerTable): Int32Array {
  const n = titles.count;
  const nViewers = viewers.records.length;
  const eligibleByProfile = PROFILE_KINDS.map((kind) => {
    const maxLevel = DEFAULT_PROFILE_MAX_LEVEL[kind];
    const eligible: number[] = [];
    for (let t = 0; t < n; t++) if ((titles.level[t] ?? 5) <= maxLevel) eligible.push(t);
    return Int32Array.from(eligible);
  });
  const top = new Int32Array(nViewers * TOP_K).fill(-1);
  const topScores = new Float64Array(TOP_K);
  const ids = new Int32Array(TOP_K);
  const relevance = new Float64Array(n);
  const { affinity, quality } = taste;

  for (let v = 0; v < nViewers; v++) {
    relevance.set(quality);
    for (let j = viewers.offset[v] ?? 0; j < (viewers.offset[v + 1] ?? 0); j++) {
      const k = viewers.cluster[j] ?? 0;
      const w = viewers.weight[j] ?? 0;
      const row = affinity.subarray(k * n, (k + 1) * n);
      for (let t = 0; t < n; t++) relevance[t] = (relevance[t] ?? 0) + w * (row[t] ?? 0);
    }
    const eligible = eligibleByProfile[viewers.profile[v] ?? 0] ?? new Int32Array(0);
    let filled = 0;
    let floor = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < eligible.length; i++) {
      const t = eligible[i] ?? 0;
      const score = relevance[t] ?? 0;
      if (filled === TOP_K && score <= floor) continue;
      // Insert into the sorted buffer (best first), dropping the worst when full.
      let pos = filled < TOP_K ? filled++ : TOP_K - 1;
      while (pos > 0 && (topScores[pos - 1] ?? 0) < score) {
        topScores[pos] = topScores[pos - 1] ?? 0;
        ids[pos] = ids[pos - 1] ?? 0;
        pos -= 1;
      }
      topScores[pos] = score;
      ids[pos] = t;
      if (filled === TOP_K) floor = topScores[TOP_K - 1] ?? 0;
    }
    top.set(ids.subarray(0, filled), v * TOP_K);
  }
  return top;
}

/** Share of list entries that are titles with an under-represented creator. */
export function underrepresentedShareOfLists(top: Int32Array, titles: TitleTable): number {
  let entries = 0;
  let minority = 0;
  for (const t of top) {
    if (t < 0) continue;
    entries += 1;
    minority += titles.underrepresented[t] ?? 0;
  }
  return entries === 0 ? 0 : minority / entries;
}
