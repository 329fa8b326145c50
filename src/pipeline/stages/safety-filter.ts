import type { PipelineContext } from '../pipeline-context.js';
import { nextSlate, type Slate } from '../slate.js';

/**
 * Removes catalog items the safety gateway held for a curator (their text failed the outgoing
 * inspection): they stay out of every feed until a curator approves them.
 */
export const safetyFilter = () =>
  function safetyFilter(slate: Slate, ctx: PipelineContext): Slate {
    const held = ctx.heldItems;
    const removedItemIds: string[] = [];
    const kept =
      held.size === 0
        ? slate.items
        : slate.items.filter((item) => {
            const id = ctx.catalog.itemIds[item.column] ?? '';
            if (!held.has(id)) return true;
            removedItemIds.push(id);
            return false;
          });
    return nextSlate(slate, kept, {
      stage: 'safety-filter',
      changed: { removed: removedItemIds.length, removedItemIds },
    });
  };
