import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { type Finding } from '../finding.js';
import { normalize, originalSpan } from '../text/normalize.js';

export interface ProfanityOptions {
  /**
   * Phrases that must not be reported although they contain a listed word: place names, film
   * titles, surnames. Matched case- and evasion-insensitively; a profanity hit inside an occurrence is
   * dropped. Added to DEFAULT_PROFANITY_WHITELIST unless `replaceDefaultWhitelist` is set.
   */
  readonly whitelist?: readonly string[];
  readonly replaceDefaultWhitelist?: boolean;
}

/** Catalog-relevant false positives of the obscenity English dataset. */
export const DEFAULT_PROFANITY_WHITELIST: readonly string[] = [
  'scunthorpe',
  'penistone',
  'cockburn',
  'moby dick',
  'dick tracy',
  'philip k dick',
  'philip k. dick',
  'dick van dyke',
  'dick cheney',
  'cum laude',
  'magna cum laude',
  'summa cum laude',
  'tit for tat',
  'blue tit',
  'great tit',
  'hancock',
];

const DETECTOR = 'profanity-obscenity';
/** Words with a common innocent sense (names, anatomy, birds): reported with less confidence. */
const AMBIGUOUS = new Set(['dick', 'cock', 'cum', 'ass', 'tit', 'anal', 'anus', 'boob', 'bastard']);

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

export type ProfanityDetector = (text: string) => Finding[];

/**
 * Obscenity handles stretched, leet and confusable spellings; running it on our normalized text adds
 * what it misses (spaced-out letters "f u c k", zero-width splits) and lets spans map back exactly.
 */
export function createProfanityDetector(options?: ProfanityOptions): ProfanityDetector {
  const phrases = [
    ...(options?.replaceDefaultWhitelist === true ? [] : DEFAULT_PROFANITY_WHITELIST),
    ...(options?.whitelist ?? []),
  ]
    .map((p) => normalize(p).text.trim())
    .filter((p) => p.length > 0);

  return (text: string): Finding[] => {
    const norm = normalize(text);
    const allowed = whitelistedRanges(norm.text, phrases);
    const findings = new Map<string, Finding>();
    for (const match of matcher.getAllMatches(norm.text, true)) {
      const start = match.startIndex;
      const end = match.endIndex + 1;
      if (allowed.some((r) => r.start <= start && end <= r.end)) continue;
      const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
      const span = originalSpan(text, norm, start, end);
      const key = `${span.start}:${span.end}`;
      if (findings.has(key)) continue;
      findings.set(key, {
        kind: 'profanity',
        type: word ?? 'profanity',
        span,
        score: word !== undefined && AMBIGUOUS.has(word) ? 0.6 : 0.9,
        detector: DETECTOR,
      });
    }
    return [...findings.values()];
  };
}

function whitelistedRanges(text: string, phrases: readonly string[]): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (const phrase of phrases) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      ranges.push({ start: at, end: at + phrase.length });
    }
  }
  return ranges;
}

const defaultDetector = createProfanityDetector();
const detectorCache = new WeakMap<ProfanityOptions, ProfanityDetector>();

/** Profanity findings; pass the same options object across calls to reuse its compiled whitelist. */
export function detectProfanity(text: string, options?: ProfanityOptions): Finding[] {
  if (options === undefined) return defaultDetector(text);
  let detector = detectorCache.get(options);
  if (detector === undefined) {
    detector = createProfanityDetector(options);
    detectorCache.set(options, detector);
  }
  return detector(text);
}
