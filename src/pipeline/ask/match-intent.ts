import { type ItemKind } from '../../catalog/catalog-records.js';
import { type AskIntent } from './intent.js';
import { normalizePhrase } from './tokenize.js';

export interface AskCandidate {
  readonly kind: ItemKind;
  readonly year: number | null;
  readonly language: string | null;
  readonly durationMinutes: number | null;
  readonly audienceLevel: number;
  readonly genreIds: readonly string[];
}

type HardConstraints = Pick<
  AskIntent,
  | 'excludedGenres'
  | 'kinds'
  | 'maxAudienceLevel'
  | 'maxDurationMinutes'
  | 'minDurationMinutes'
  | 'yearFrom'
  | 'yearTo'
  | 'languages'
>;

/** The primary subtag of a BCP 47 tag: pt-BR and pt both count as Portuguese. */
function primaryLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}

/**
 * Whether an item meets the request's hard constraints. An unknown duration, year or language passes
 * (missing metadata should not hide an item), but the caller ranks such items after known ones; see
 * unknownConstraintCount. Audience is never unknown: unrated items already sit at the top level.
 */
export function matchesIntent(item: AskCandidate, intent: HardConstraints): boolean {
  if (item.genreIds.some((id) => intent.excludedGenres.includes(id))) return false;
  if (intent.kinds.length > 0 && !intent.kinds.includes(item.kind)) return false;
  if (intent.maxAudienceLevel !== null && item.audienceLevel > intent.maxAudienceLevel) return false;
  if (item.durationMinutes !== null) {
    if (intent.maxDurationMinutes !== null && item.durationMinutes > intent.maxDurationMinutes) return false;
    if (intent.minDurationMinutes !== null && item.durationMinutes < intent.minDurationMinutes) return false;
  }
  if (item.year !== null) {
    if (intent.yearFrom !== null && item.year < intent.yearFrom) return false;
    if (intent.yearTo !== null && item.year > intent.yearTo) return false;
  }
  if (item.language !== null && intent.languages.length > 0) {
    if (!intent.languages.includes(primaryLanguage(item.language))) return false;
  }
  return true;
}

/** How many of the request's duration, year and language constraints an item passes only for lack of data. */
export function unknownConstraintCount(item: AskCandidate, intent: HardConstraints): number {
  let unknown = 0;
  if (
    item.durationMinutes === null &&
    (intent.maxDurationMinutes !== null || intent.minDurationMinutes !== null)
  ) {
    unknown++;
  }
  if (item.year === null && (intent.yearFrom !== null || intent.yearTo !== null)) unknown++;
  if (item.language === null && intent.languages.length > 0) unknown++;
  return unknown;
}

/**
 * One point per wanted genre the item has. Whole points only, so sorting by boost (stably) keeps the
 * recommender's order among items that match equally well.
 */
export function intentBoost(item: Pick<AskCandidate, 'genreIds'>, intent: Pick<AskIntent, 'genres'>): number {
  let boost = 0;
  for (const id of new Set(item.genreIds)) if (intent.genres.includes(id)) boost++;
  return boost;
}

const ARTICLES = new Set([
  'the',
  'a',
  'an',
  'le',
  'la',
  'les',
  'l',
  'el',
  'los',
  'las',
  'il',
  'der',
  'die',
  'das',
]);
const MINOR_WORDS = new Set([
  ...ARTICLES,
  'of',
  'and',
  'in',
  'on',
  'to',
  'for',
  'with',
  'at',
  'by',
  'de',
  'du',
  'des',
]);
const YEAR_TOKEN = /^\d{4}$/;
/** Share of words two titles must have in common before one stands for the other. */
export const TITLE_OVERLAP_THRESHOLD = 0.6;

function withoutArticle(normalized: string): string {
  const space = normalized.indexOf(' ');
  return space > 0 && ARTICLES.has(normalized.slice(0, space)) ? normalized.slice(space + 1) : normalized;
}

function contentWords(normalized: string, keepYears: boolean): Set<string> {
  return new Set(
    normalized
      .split(' ')
      .filter((word) => word !== '' && !MINOR_WORDS.has(word) && (keepYears || !YEAR_TOKEN.test(word))),
  );
}

/**
 * Finds the catalog title a viewer named: exact (ignoring case, accents, punctuation and a leading
 * article), then the one title starting with the words (or the one where only a year follows), then the best word overlap at or above
 * TITLE_OVERLAP_THRESHOLD. Returns null rather than guess: below the threshold, or on a tie between
 * different titles.
 */
export function resolveSimilarTitle<T extends { readonly id: string; readonly title: string }>(
  title: string,
  catalog: readonly T[],
): T | null {
  const query = normalizePhrase(title);
  if (query === '') return null;
  const bare = withoutArticle(query);
  const normalized = catalog.map((item) => ({ item, key: normalizePhrase(item.title) }));

  const exact =
    normalized.find(({ key }) => key === query) ?? normalized.find(({ key }) => withoutArticle(key) === bare);
  if (exact !== undefined) return exact.item;

  if (bare.length >= 3) {
    const prefixed = normalized.filter(({ key }) => withoutArticle(key).startsWith(`${bare} `));
    // Only a year after the words ("Toy Story (1995)") or a single candidate makes a prefix unambiguous.
    const yearOnly = prefixed.find(({ key }) => YEAR_TOKEN.test(withoutArticle(key).slice(bare.length + 1)));
    if (yearOnly !== undefined) return yearOnly.item;
    if (prefixed.length === 1 && prefixed[0] !== undefined) return prefixed[0].item;
  }

  const queryWords = contentWords(query, true);
  const keepYears = [...queryWords].some((word) => YEAR_TOKEN.test(word));
  if (queryWords.size === 0) return null;
  let best: { item: T; key: string; score: number } | null = null;
  let tied = false;
  for (const entry of normalized) {
    const words = contentWords(entry.key, keepYears);
    if (words.size === 0) continue;
    let shared = 0;
    for (const word of queryWords) if (words.has(word)) shared++;
    const score = (2 * shared) / (queryWords.size + words.size);
    if (best === null || score > best.score) {
      best = { ...entry, score };
      tied = false;
    } else if (score === best.score && entry.key !== best.key) {
      tied = true;
    }
  }
  if (best === null || best.score < TITLE_OVERLAP_THRESHOLD || tied) return null;
  return best.item;
}
