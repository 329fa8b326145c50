/** A reason as the API sends it: `kind` and the fields that kind carries (see the recommendations route). */
export interface ApiReason {
  kind: string;
  [field: string]: unknown;
}

export interface ReasonLine {
  /** Plain words for the viewer. */
  text: string;
  /** A history item the line is about, for a link. */
  itemId?: string;
  /** Share of the item's score this line explains (0..1), when the model gives one. */
  share?: number;
}

export const PICKED_BY: Readonly<Record<string, string>> = {
  'diversity-pick': 'Diversity pick: it differs from the titles above it',
  'calibration-pick': 'Picked to keep your list close to the mix of genres you watch',
  'long-tail-pick': 'A less popular title the list makes room for',
  'rotation-pick': 'About as likely to interest you as the title it replaced, and shown less often so far',
  'fair-exposure-boost': 'Boosted for fair exposure: its creators are under-represented in the catalog',
  'exploration-pick': 'Exploration pick: something new, outside your usual genres',
};

/**
 * The reasons of one recommended item in plain words, most important first: what a reranker did to
 * place it, then the history items that contributed most (their exact weight, as a share).
 */
export function reasonLines(reasons: readonly ApiReason[]): ReasonLine[] {
  const lines: ReasonLine[] = [];
  const watched = reasons.filter((r) => r.kind === 'because-you-watched' || r.kind === 'similar-to');
  const total = watched.reduce((sum, r) => sum + Math.max(0, Number(r.weight ?? 0)), 0);
  for (const reason of reasons) {
    const picked = PICKED_BY[reason.kind];
    if (picked) lines.push({ text: picked });
  }
  for (const reason of watched) {
    const weight = Number(reason.weight ?? 0);
    lines.push({
      text: `${reason.kind === 'similar-to' ? 'Similar to' : 'Because you watched'} ${String(reason.title)}`,
      itemId: String(reason.itemId),
      ...(total > 0 && weight > 0 ? { share: weight / total } : {}),
    });
  }
  for (const reason of reasons) {
    if (reason.kind === 'popular') {
      lines.push({ text: `Popular: ${Number(reason.viewers).toLocaleString()} viewers watched it` });
    } else if (reason.kind === 'model-score') {
      lines.push({ text: `Chosen by the ${String(reason.algorithm)} model from your history` });
    } else if (reason.kind === 'shares-genre') {
      lines.push({ text: 'Shares genres with the title you are looking at', itemId: String(reason.itemId) });
    }
  }
  return lines;
}

/** A confidence percentile as words: 0.97 -> "Top 3% for you". */
export function confidenceText(confidence: number): string {
  const top = Math.max(1, Math.round((1 - confidence) * 100));
  return `Top ${top}% of the catalog for you`;
}

export function hasReason(reasons: readonly ApiReason[], kind: string): boolean {
  return reasons.some((reason) => reason.kind === kind);
}
