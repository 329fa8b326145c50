import { type Finding } from '../finding.js';
import { resolveOverlaps } from './overlaps.js';
import { PII_RECOGNIZERS } from './recognizers.js';

export interface DetectPiiOptions {
  /** Only run recognizers for these PII types; unknown names are ignored. Default: all. */
  readonly types?: readonly string[];
  /** Drop findings scoring below this before overlaps are resolved. Default {@link DEFAULT_PII_MIN_SCORE}. */
  readonly minScore?: number;
}

/**
 * Pattern-only matches (a bare 9-digit number, "21 Jump Street", "Dr. Strangelove") score below this
 * and are left out unless a caller asks for them; checksum-valid ids and context-backed matches clear it.
 */
export const DEFAULT_PII_MIN_SCORE = 0.4;

/**
 * Runs the recognizers and returns non-overlapping PII findings sorted by start. Filtering by score
 * happens before overlap resolution, so a weak finding can never suppress a reportable one.
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): Finding[] {
  if (text.length === 0) return [];
  const minScore = options.minScore ?? DEFAULT_PII_MIN_SCORE;
  const wanted = options.types === undefined ? undefined : new Set(options.types);
  const all: Finding[] = [];
  for (const recognizer of PII_RECOGNIZERS) {
    if (wanted !== undefined && !wanted.has(recognizer.type)) continue;
    for (const f of recognizer.detect(text)) if (f.score >= minScore) all.push(f);
  }
  return all.length <= 1 ? all : resolveOverlaps(all);
}
