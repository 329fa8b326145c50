import type { PipelineContext } from '../pipeline-context.js';
import { nextSlate, type Slate } from '../slate.js';

/**
 * Removes items the viewer turned down ("not interested", thumbs down). An explicit instruction, not
 * profiling: it applies on the non-profiling feed too, so "hide this" always hides it.
 */
export const dismissedFilter = () =>
  function dismissedFilter(slate: Slate, ctx: PipelineContext): Slate {
    const dismissed = ctx.dismissedItems;
    const kept =
      dismissed.size === 0
        ? slate.items
        : slate.items.filter((item) => !dismissed.has(ctx.catalog.itemIds[item.column] ?? ''));
    return nextSlate(slate, kept, {
      stage: 'dismissed-filter',
      changed: { removed: slate.items.length - kept.length },
    });
  };
