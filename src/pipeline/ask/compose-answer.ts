import { languageName } from './fixed-terms.js';
import { describeYears, listWords } from './describe.js';
import { type AskIntent } from './intent.js';
import { pluralOf } from './vocabulary.js';

/** Bumped whenever the wording changes, so stored answers can be told apart. */
export const ANSWER_TEMPLATE_VERSION = 'ask-answer/1';

export interface AnswerItem {
  readonly id: string;
  readonly title: string;
  readonly year: number | null;
  readonly genres: readonly string[];
  readonly durationMinutes: number | null;
}

export interface AnswerCitation {
  readonly itemId: string;
  readonly title: string;
}

export interface ComposedAnswer {
  readonly text: string;
  readonly citations: AnswerCitation[];
}

export interface ComposeAnswerOptions {
  /** The catalog item the request compared itself to, once resolved; it is named and cited too. */
  readonly similarTo?: { readonly id: string; readonly title: string } | null;
  /** Display names of genre ids; ids are shown as words without it. */
  readonly genreNames?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

const KIND_NOUNS = { film: 'film', series: 'series', episode: 'episode', track: 'track' } as const;
const AUDIENCE_PHRASES = [
  'suitable for all ages',
  'suitable for a family audience',
  'suitable with parental guidance',
  'suitable for teens',
  'for mature audiences',
  'for adults',
];
const SORT_PHRASES = { newest: 'newest first', oldest: 'oldest first', shortest: 'shortest first' } as const;

function isMap(
  names: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): names is ReadonlyMap<string, string> {
  return names instanceof Map;
}

function genreName(id: string, names: ComposeAnswerOptions['genreNames']): string {
  const name: string | undefined =
    names === undefined
      ? undefined
      : isMap(names)
        ? names.get(id)
        : Object.hasOwn(names, id)
          ? names[id]
          : undefined;
  const shown: string = name ?? id.replaceAll('-', ' ');
  // Capitalized words read as nouns mid-sentence; keep acronyms such as R&B as written.
  return shown.split(/([\s-]+)/).every((part) => /^[\s-]*$/.test(part) || /^\p{Lu}[^\p{Lu}]*$/u.test(part))
    ? shown.toLowerCase()
    : shown;
}

function formatMinutes(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  if (minutes < 180) return `${minutes} minutes`;
  return `${Math.floor(minutes / 60)} hours ${minutes % 60} minutes`;
}

function nounPhrase(intent: AskIntent, count: number, names: ComposeAnswerOptions['genreNames']): string {
  const language =
    intent.languages.length === 0 ? '' : `${listWords(intent.languages.map(languageName), 'or')} `;
  const genres = intent.genres.slice(0, 3).map((id) => genreName(id, names));
  const genre = genres.length === 0 ? '' : `${listWords(genres, 'or')} `;
  const kinds = intent.kinds.map((kind) => KIND_NOUNS[kind]);
  let head = kinds.length === 1 && kinds[0] !== undefined ? kinds[0] : kinds.length > 1 ? 'title' : 'pick';
  if (count !== 1 && head !== 'series') head = pluralOf(head);
  return `${language}${genre}${head}`;
}

function durationPhrase(intent: AskIntent, each: boolean): string | null {
  const { minDurationMinutes: min, maxDurationMinutes: max } = intent;
  const lead = each ? 'each ' : '';
  if (min !== null && max !== null)
    return `${lead}between ${formatMinutes(min)} and ${formatMinutes(max)} long`;
  if (max !== null) return `${lead}${formatMinutes(max)} or shorter`;
  if (min !== null) return `${lead}${formatMinutes(min)} or longer`;
  return null;
}

function yearPhrase(intent: AskIntent): string | null {
  const { yearFrom: from, yearTo: to } = intent;
  if (from === null && to === null) return null;
  if (from !== null && to !== null && from % 10 === 0 && to === from + 9) return `from the ${from}s`;
  if (from !== null && to !== null) return from === to ? `from ${from}` : `from ${from} to ${to}`;
  return describeYears(from, to).replace('from', 'released from').replace('up to', 'released up to');
}

/** The restated request, as qualifiers after the noun phrase. */
function qualifiers(intent: AskIntent, names: ComposeAnswerOptions['genreNames'], each: boolean): string[] {
  const parts: string[] = [];
  if (intent.maxAudienceLevel !== null) parts.push(AUDIENCE_PHRASES[intent.maxAudienceLevel] ?? '');
  const years = yearPhrase(intent);
  if (years !== null) parts.push(years);
  if (intent.excludedGenres.length > 0) {
    parts.push(
      `with no ${listWords(
        intent.excludedGenres.map((id) => genreName(id, names)),
        'or',
      )}`,
    );
  }
  const duration = durationPhrase(intent, each);
  if (duration !== null) parts.push(duration);
  return parts.filter((part) => part !== '');
}

function itemLabel(item: AnswerItem): string {
  return item.year === null ? item.title : `${item.title} (${item.year})`;
}

/** The one constraint worth loosening first when nothing matched, most restrictive first. */
function relaxation(intent: AskIntent, names: ComposeAnswerOptions['genreNames']): string {
  if (intent.maxDurationMinutes !== null || intent.minDurationMinutes !== null) {
    return `Try allowing any length instead of ${durationPhrase(intent, false) ?? 'that length'}.`;
  }
  if (intent.yearFrom !== null || intent.yearTo !== null) {
    return `Try widening the years beyond ${yearPhrase(intent) ?? 'that range'}.`;
  }
  if (intent.languages.length > 0) {
    return `Try other languages than ${listWords(intent.languages.map(languageName), 'or')}.`;
  }
  if (intent.excludedGenres.length > 0) {
    return `Try allowing ${listWords(
      intent.excludedGenres.map((id) => genreName(id, names)),
      'or',
    )}.`;
  }
  if (intent.maxAudienceLevel !== null) return 'Try a wider audience than the one asked for.';
  if (intent.kinds.length > 0)
    return `Try other kinds than ${listWords(
      intent.kinds.map((k) => pluralOf(k)),
      'or',
    )}.`;
  return 'Try naming a genre, a mood or a length.';
}

/**
 * The answer shown with the recommendations: it restates what was understood and names only the items it
 * is given (plus the resolved comparison title), each exactly as given and each cited. Nothing the
 * viewer typed is echoed back as a title.
 */
export function composeAnswer(
  intent: AskIntent,
  items: readonly AnswerItem[],
  options: ComposeAnswerOptions = {},
): ComposedAnswer {
  const names = options.genreNames;
  const similarTo = options.similarTo ?? null;
  const citations: AnswerCitation[] = [];
  const cite = (id: string, title: string): void => {
    if (!citations.some((citation) => citation.itemId === id)) citations.push({ itemId: id, title });
  };
  const similar = similarTo === null ? '' : ` similar to ${similarTo.title}`;
  const sentences: string[] = [];
  if (items.length === 0) {
    const wanted = [nounPhrase(intent, 2, names) + similar, ...qualifiers(intent, names, false)].join(', ');
    sentences.push(`Nothing in the catalog matches ${wanted}.`, relaxation(intent, names));
  } else {
    const describedItems = [
      `${items.length} ${nounPhrase(intent, items.length, names)}${similar}`,
      ...qualifiers(intent, names, items.length > 1),
    ].join(', ');
    const order = intent.sort === 'relevance' ? '' : `, ${SORT_PHRASES[intent.sort]}`;
    const list = listWords(items.map(itemLabel), 'and');
    sentences.push(`Here ${items.length === 1 ? 'is' : 'are'} ${describedItems}${order}: ${list}.`);
  }
  if (intent.similarToTitle !== null && similarTo === null) {
    sentences.push('The title you compared with is not in this catalog, so it did not shape these picks.');
  }
  if (similarTo !== null) cite(similarTo.id, similarTo.title);
  for (const item of items) cite(item.id, item.title);
  return { text: sentences.join(' '), citations };
}
