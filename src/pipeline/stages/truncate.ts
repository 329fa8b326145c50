import type { PipelineContext } from '../pipeline-context.js';
import { nextSlate, type Slate } from '../slate.js';

export interface TruncateOptions {
  limit: number;
}

/** Keeps the first `limit` items: after the rerankers, before explanations (only shown items are explained). */
export const truncate = ({ limit }: TruncateOptions) => {
  if (!(Number.isInteger(limit) && limit >= 0))
    throw new Error(`limit must be a non-negative integer, got ${limit}`);
  return function truncate(slate: Slate, _ctx: PipelineContext): Slate {
    const kept = slate.items.length > limit ? slate.items.slice(0, limit) : slate.items;
    return nextSlate(slate, kept, {
      stage: 'truncate',
      changed: { limit, removed: slate.items.length - kept.length },
    });
  };
};
