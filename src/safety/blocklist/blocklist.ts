import { z } from 'zod';
import { type Finding } from '../finding.js';
import { type NormalizedText } from '../text/normalize.js';

export const BLOCKLIST_SURFACES = ['search', 'review', 'ask', 'outgoing'] as const;
export type BlocklistSurface = (typeof BLOCKLIST_SURFACES)[number];

/** Longest regex source a curator may submit: long patterns are where pathological shapes hide. */
export const MAX_REGEX_PATTERN_LENGTH = 500;

export const blocklistTermSchema = z.object({
  id: z.string().min(1).max(200),
  kind: z.enum(['plain', 'regex']),
  pattern: z.string().min(1),
  surfaces: z.array(z.enum(BLOCKLIST_SURFACES)).min(1),
  caseSensitive: z.boolean().optional(),
});

export type BlocklistTerm = z.infer<typeof blocklistTermSchema>;

export const blocklistSchema = z.array(blocklistTermSchema);

export interface BlocklistMatcher {
  /** Findings (kind `blocklist`, type = term id, score 1) for terms active on this surface. */
  /** `normalized` is `normalize(text)` when the caller already has it (lower-cased form). */
  match(text: string, surface: BlocklistSurface, normalized?: NormalizedText): Finding[];
}

/** A term that cannot be compiled; `termId` tells the curator which one to fix. */
export class BlocklistError extends Error {
  override readonly name = 'BlocklistError';

  constructor(
    readonly termId: string,
    readonly reason: string,
  ) {
    super(`blocklist term "${termId}": ${reason}`);
  }
}
