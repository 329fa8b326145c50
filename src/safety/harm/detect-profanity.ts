import { type Finding } from '../finding.js';
import { buildPhraseMatcher } from '../text/aho-corasick.js';
import { hadLongRepeat, normalize, type NormalizedText, originalSpan } from '../text/normalize.js';
import { profanityLexicon, type ProfanitySpelling } from './profanity-lexicon.js';

export interface ProfanityOptions {
  /**
   * Phrases that must not be reported although they contain a listed word: place names, film
   * titles, surnames. Matched case- and evasion-insensitively; a profanity hit inside an occurrence is
   * dropped. Added to DEFAULT_PROFANITY_WHITELIST unless `replaceDefaultWhitelist` is set.
   */
  readonly whitelist?: readonly string[];
  readonly replaceDefaultWhitelist?: boolean;
}

/** Catalog-relevant false positives of the English profanity list. */
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
  'sex education',
  'sex and the city',
  'sex pistols',
];

const DETECTOR = 'profanity-lexicon';
/** Words with a common innocent sense (names, anatomy, birds): reported with less confidence. */
const AMBIGUOUS = new Set(['dick', 'cock', 'cum', 'ass', 'tit', 'anal', 'anus', 'boob', 'bastard']);

/** Profanity findings for a text; pass its normalized form when the caller already has it. */
export type ProfanityDetector = (text: string, normalized?: NormalizedText) => Finding[];

type Entry =
  { readonly kind: 'spelling'; readonly spelling: ProfanitySpelling } | { readonly kind: 'allowed' };

/**
 * One automaton over every spelling of the list and every whitelisted phrase, matched on the normalized
 * text (so leetspeak, homoglyphs, spaced-out and zero-width-split letters are already folded); a hit
 * inside a whitelisted phrase ("assessment", "Moby Dick") is dropped.
 */
export function createProfanityDetector(options?: ProfanityOptions): ProfanityDetector {
  const lexicon = profanityLexicon();
  const allowed = [
    ...lexicon.whitelist,
    ...(options?.replaceDefaultWhitelist === true ? [] : DEFAULT_PROFANITY_WHITELIST),
    ...(options?.whitelist ?? []),
  ]
    .map((phrase) => normalize(phrase).text.trim())
    .filter((phrase) => phrase.length > 0);
  const entries: Entry[] = [
    ...lexicon.spellings.map((spelling): Entry => ({ kind: 'spelling', spelling })),
    ...allowed.map((): Entry => ({ kind: 'allowed' })),
  ];
  const matcher = buildPhraseMatcher(
    [...lexicon.spellings.map((s) => s.phrase), ...allowed],
    [
      ...lexicon.spellings.map(({ start, end }) => ({ start, end })),
      ...allowed.map(() => ({ start: false, end: false })),
    ],
  );

  return (text: string, normalized?: NormalizedText): Finding[] => {
    const norm = normalized ?? normalize(text);
    const hits: { start: number; end: number; spelling: ProfanitySpelling }[] = [];
    const allowedRanges: { start: number; end: number }[] = [];
    for (const match of matcher.matchAll(norm.text)) {
      const entry = entries[match.pattern];
      if (entry === undefined) continue;
      if (entry.kind === 'allowed') allowedRanges.push(match);
      else hits.push({ start: match.start, end: match.end, spelling: entry.spelling });
    }
    const findings = new Map<string, Finding>();
    for (const hit of hits) {
      if (allowedRanges.some((r) => r.start <= hit.start && hit.end <= r.end)) continue;
      // A longer spelling of a word covering this hit is the same finding ("fuck" inside "fucking").
      if (
        hits.some(
          (o) =>
            o !== hit && o.start <= hit.start && hit.end <= o.end && o.end - o.start > hit.end - hit.start,
        )
      )
        continue;
      const span = originalSpan(text, norm, hit.start, hit.end);
      if (hit.spelling.squeezed && !hadLongRepeat(text, span)) continue;
      const key = `${span.start}:${span.end}`;
      if (findings.has(key)) continue;
      const word = hit.spelling.word;
      findings.set(key, {
        kind: 'profanity',
        type: word,
        span,
        score: AMBIGUOUS.has(word) ? 0.6 : 0.9,
        detector: DETECTOR,
      });
    }
    return [...findings.values()].sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  };
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
