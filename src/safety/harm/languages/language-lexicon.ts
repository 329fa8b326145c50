import { type ContextMarker, type MarkerKind, markersOf } from '../context-rules.js';
import { type LexiconLanguage, type LexiconTerm, type TermRole, terms } from '../lexicon.js';
import { type HarmCategory } from '../../finding.js';

/**
 * One language's harm lexicon: its terms (same roles and base severities as the English lexicons)
 * and the context markers the rules read for them (intent, negation, targets, framing...). Markers
 * only count for terms of their own language, so a German "du" never makes an English "die" a threat.
 */
export interface LanguageLexicon {
  readonly language: LexiconLanguage;
  readonly terms: readonly LexiconTerm[];
  readonly markers: readonly ContextMarker[];
}

type TermList = readonly [HarmCategory, TermRole, number, readonly string[], { strong?: boolean }?];

/** A lexicon from term lists `[category, role, severity, patterns, options?]` and marker phrases by kind. */
export function languageLexicon(
  language: LexiconLanguage,
  lists: readonly TermList[],
  markers: Partial<Record<MarkerKind, readonly string[]>>,
): LanguageLexicon {
  return {
    language,
    terms: lists.flatMap(([category, role, severity, patterns, options]) =>
      terms(category, role, severity, patterns, { language, ...options }),
    ),
    markers: markersOf(language, markers),
  };
}
