import type { PipelineContext } from '../pipeline-context.js';
import { nextSlate, type Slate, type SlateItem } from '../slate.js';

/**
 * Removes items above the viewer's audience level (items missing from the store count as above every
 * level). The trace names the removed items: catalog facts, not personal data.
 */
export const maturityFilter = () =>
  function maturityFilter(slate: Slate, ctx: PipelineContext): Slate {
    const max = ctx.viewer.maxAudienceLevel;
    const levels = ctx.catalog.audienceLevels;
    const kept: SlateItem[] = [];
    const removedItemIds: string[] = [];
    for (const item of slate.items) {
      if ((levels[item.column] as number) <= max) kept.push(item);
      else removedItemIds.push(item.itemId);
    }
    return nextSlate(slate, kept, {
      stage: 'maturity-filter',
      changed: { maxAudienceLevel: max, removed: removedItemIds.length, removedItemIds },
    });
  };
