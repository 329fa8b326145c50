import type { Reason } from '../../../pipeline/slate.js';

/** A reason as a short stable label, the form decision records keep (no titles, no free text). */
export function reasonLabel(reason: Reason): string {
  switch (reason.kind) {
    case 'because-you-watched':
      return `because-you-watched:${reason.itemId}:${reason.weight.toPrecision(4)}`;
    case 'similar-to':
      return `similar-to:${reason.itemId}${reason.weight === undefined ? '' : `:${reason.weight.toPrecision(4)}`}`;
    case 'shares-genre':
      return `shares-genre:${reason.itemId}:${reason.genreIds.join('+')}`;
    case 'popular':
      return `popular:${reason.basis}:${reason.viewers}`;
    case 'model-score':
      return `model-score:${reason.algorithm}`;
    case 'diversity-pick':
    case 'calibration-pick':
    case 'long-tail-pick':
    case 'rotation-pick':
    case 'fair-exposure-boost':
      return `${reason.kind}:${reason.candidateRank}`;
    case 'exploration-pick':
      return `exploration-pick:${reason.candidateRank}:${reason.genreIds.join('+')}`;
  }
}
