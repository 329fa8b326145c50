import { PICKED_BY } from './reasons';

/** A reason as the ask route sends it: its kind and the stable label decision records keep. */
export interface AskReason {
  kind: string;
  label: string;
}

/**
 * The reasons of one answer item in plain words. The ask route sends labels, not titles
 * (`because-you-watched:<itemId>:<weight>`), so the titles a pick came from are counted, not named.
 */
export function askReasonLines(reasons: readonly AskReason[]): string[] {
  const lines: string[] = [];
  const watched = reasons.filter((r) => r.kind === 'because-you-watched').length;
  const similar = reasons.filter((r) => r.kind === 'similar-to').length;
  for (const reason of reasons) {
    const picked = PICKED_BY[reason.kind];
    if (picked) lines.push(picked);
  }
  if (watched > 0) lines.push(`Because of ${watched === 1 ? 'a title' : `${watched} titles`} you watched`);
  if (similar > 0) lines.push('Similar to the title you named');
  for (const reason of reasons) {
    const [, second, third] = reason.label.split(':');
    if (reason.kind === 'popular' && third !== undefined)
      lines.push(`Popular: ${Number(third).toLocaleString()} viewers watched it`);
    else if (reason.kind === 'model-score')
      lines.push(`Chosen by the ${second ?? ''} model from your history`);
    else if (reason.kind === 'shares-genre') lines.push('Shares genres with the title you named');
  }
  return lines;
}
