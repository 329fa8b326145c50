import type { PipelineContext } from '../pipeline-context.js';
import { nextSlate, type Slate } from '../slate.js';

/**
 * Removes items in the viewer's history. Without consent to personalization, or on the non-profiling
 * feed, the history was never read and nothing is removed; the trace says which it was.
 */
export const seenFilter = () =>
  function seenFilter(slate: Slate, ctx: PipelineContext): Slate {
    const seen = ctx.viewer.history.items;
    const kept = seen.length === 0 ? slate.items : slate.items.filter((item) => !contains(seen, item.column));
    return nextSlate(slate, kept, {
      stage: 'seen-filter',
      changed: { historyUsed: ctx.viewer.historyUsed, removed: slate.items.length - kept.length },
    });
  };

/** Binary search in an ascending array. */
function contains(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low < sorted.length && sorted[low] === value;
}
