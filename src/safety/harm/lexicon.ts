import { type HarmCategory } from '../finding.js';

/**
 * What a lexicon term contributes; context rules read the role to decide whether surrounding words
 * raise it (a target, first-person intent) or lower it (fiction framing, negation).
 */
export type TermRole =
  // hate
  | 'slur'
  | 'ambiguous_slur'
  | 'dehumanizing'
  | 'hostile'
  | 'hate_phrase'
  // sexual
  | 'explicit'
  | 'suggestive'
  | 'sexual_violence'
  // violence
  | 'threat_verb'
  | 'graphic'
  | 'threat'
  // self-harm
  | 'self_harm_phrase'
  | 'self_harm_encouragement'
  // an imperative that also reads as a description ("se mata": kill yourself / he kills himself)
  | 'self_harm_imperative'
  // any category: a neutral mention (news, synopsis vocabulary)
  | 'mention';

/** Languages the lexicons are written in; context markers count only for terms of their language. */
export const LEXICON_LANGUAGES = ['en', 'fr', 'es', 'de', 'it', 'pt'] as const;
export type LexiconLanguage = (typeof LEXICON_LANGUAGES)[number];

export interface LexiconTerm {
  readonly phrase: string;
  readonly category: HarmCategory;
  readonly role: TermRole;
  /** Severity 0..7 before context rules. */
  readonly severity: number;
  /** Absent for English. */
  readonly language?: LexiconLanguage;
  /** A dehumanizing word that counts next to a group without a copula ("vermin"). */
  readonly strong?: boolean;
}

export interface TermOptions {
  readonly language?: LexiconLanguage;
  readonly strong?: boolean;
}

/**
 * Expands `{a,b}` alternatives ("kill{,s,ed,ing}" → kill, kills, killed, killing) so lexicons can
 * list inflections compactly while matching stays a plain phrase lookup.
 */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  const close = pattern.indexOf('}', open);
  if (close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const tails = expandBraces(pattern.slice(close + 1));
  const out: string[] = [];
  for (const option of pattern.slice(open + 1, close).split(',')) {
    for (const tail of tails) out.push(head + option + tail);
  }
  return out;
}

/** One role and base severity for a list of brace patterns. */
export function terms(
  category: HarmCategory,
  role: TermRole,
  severity: number,
  patterns: readonly string[],
  options: TermOptions = {},
): LexiconTerm[] {
  return patterns.flatMap((p) =>
    expandBraces(p).map((phrase) => ({ phrase, category, role, severity, ...options })),
  );
}
