import { type ItemKind } from '../../catalog/catalog-records.js';
import {
  AUDIENCE_TERMS,
  ERA_TERMS,
  FILLER_TERMS,
  KIND_TERMS,
  LANGUAGES,
  LENGTH_TERMS,
  NEGATION_TERMS,
  SIMILAR_TERMS,
  SORT_TERMS,
} from './fixed-terms.js';
import { COMPOUND_TERMS, GENRE_GROUPS, MOODS, type GenreDomain } from './genre-synonyms.js';
import { tokenize, type Token } from './tokenize.js';

export type TermMeaning =
  | { readonly type: 'genre'; readonly genreIds: readonly string[] }
  | {
      readonly type: 'mood';
      readonly label: string;
      readonly screen: readonly string[];
      readonly music: readonly string[];
    }
  | { readonly type: 'audience'; readonly level: number | null }
  | { readonly type: 'kind'; readonly kind: ItemKind }
  | { readonly type: 'language'; readonly code: string; readonly name: string }
  | { readonly type: 'sort'; readonly sort: 'newest' | 'oldest' | 'shortest' }
  | { readonly type: 'era'; readonly era: 'recent' | 'classic' }
  | { readonly type: 'length'; readonly length: 'short' | 'long' }
  | { readonly type: 'negation' }
  | { readonly type: 'similar' }
  | { readonly type: 'filler' };

export interface TermMatch {
  readonly meanings: readonly TermMeaning[];
  /** How many tokens the matched phrase spans. */
  readonly length: number;
}

export interface Vocabulary {
  /** Catalog genre id → display name, for every genre the vocabulary knows. */
  readonly genreNames: ReadonlyMap<string, string>;
  /** The longest phrase starting at `start` that the vocabulary knows, never across punctuation. */
  longestMatch(tokens: readonly Token[], start: number): TermMatch | null;
}

function keyOf(phrase: string): string {
  return tokenize(phrase)
    .map((token) => token.norm)
    .join(' ');
}

/** Plural of a phrase's last word, enough for genre and kind nouns (comedies, thrillers, classes). */
export function pluralOf(phrase: string): string {
  const last = /(\S+)$/.exec(phrase)?.[1] ?? '';
  const head = phrase.slice(0, phrase.length - last.length);
  if (/[^aeiou]y$/.test(last)) return `${head}${last.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(last)) return `${head}${last}es`;
  return `${head}${last}s`;
}

/** A phrase, its plural and, for several words, the words run together (sci fi → scifi). */
function variantsOf(phrase: string, withPlural: boolean): string[] {
  const key = keyOf(phrase);
  const variants = [key];
  if (withPlural) variants.push(pluralOf(key));
  if (key.includes(' ')) {
    const compact = key.replaceAll(' ', '');
    variants.push(compact);
    if (withPlural) variants.push(pluralOf(compact));
  }
  return variants;
}

function genreKeys(genre: { id: string; name: string }): Set<string> {
  const keys = new Set<string>();
  for (const source of [genre.name, genre.id]) {
    const key = keyOf(source);
    keys.add(key);
    keys.add(key.replaceAll(' ', ''));
  }
  return keys;
}

/**
 * Builds the word list for one catalog: every genre under its own name and id, the everyday synonyms of
 * the genres it has, moods, and the catalog-independent words (kinds, languages, audiences, order).
 */
export function buildVocabulary(genres: readonly { id: string; name: string }[]): Vocabulary {
  const entries = new Map<string, TermMeaning[]>();
  let maxTokens = 1;
  const add = (key: string, meaning: TermMeaning): void => {
    if (key === '') return;
    const list = entries.get(key) ?? [];
    if (!list.some((existing) => JSON.stringify(existing) === JSON.stringify(meaning))) list.push(meaning);
    entries.set(key, list);
    maxTokens = Math.max(maxTokens, key.split(' ').length);
  };

  const genreNames = new Map(genres.map((genre) => [genre.id, genre.name] as const));
  const groupGenres = new Map<string, string[]>();
  const groupDomain = new Map<string, GenreDomain>();
  for (const group of GENRE_GROUPS) {
    const names = new Set(group.names.map(keyOf));
    const ids = genres
      .filter((genre) => [...genreKeys(genre)].some((key) => names.has(key)))
      .map((g) => g.id);
    groupGenres.set(group.key, ids);
    groupDomain.set(group.key, group.domain);
  }
  const idsOf = (groupKeys: readonly string[]): string[] => [
    ...new Set(groupKeys.flatMap((key) => groupGenres.get(key) ?? [])),
  ];

  for (const genre of genres) {
    for (const source of [genre.name, genre.id]) {
      for (const key of variantsOf(source, true)) add(key, { type: 'genre', genreIds: [genre.id] });
    }
  }
  for (const group of GENRE_GROUPS) {
    const ids = groupGenres.get(group.key) ?? [];
    if (ids.length === 0) continue;
    for (const term of group.terms) {
      for (const key of variantsOf(term, true)) add(key, { type: 'genre', genreIds: ids });
    }
  }
  for (const compound of COMPOUND_TERMS) {
    const key = keyOf(compound.term);
    const ids = idsOf(compound.groups);
    if (ids.length > 0) add(key, { type: 'genre', genreIds: ids });
    if (compound.audienceLevel !== undefined) add(key, { type: 'audience', level: compound.audienceLevel });
    if (compound.kind !== undefined) add(key, { type: 'kind', kind: compound.kind });
    const language = LANGUAGES.find((entry) => entry.code === compound.language);
    if (language !== undefined) add(key, { type: 'language', code: language.code, name: language.name });
  }
  for (const mood of MOODS) {
    const meaning: TermMeaning = {
      type: 'mood',
      label: mood.label,
      screen: idsOf(mood.screen),
      music: idsOf(mood.music),
    };
    for (const term of mood.terms) for (const key of variantsOf(term, false)) add(key, meaning);
  }

  for (const [kind, terms] of Object.entries(KIND_TERMS) as [ItemKind, readonly string[]][]) {
    for (const term of terms) for (const key of variantsOf(term, true)) add(key, { type: 'kind', kind });
  }
  for (const entry of LANGUAGES) {
    for (const term of entry.terms) {
      add(keyOf(term), { type: 'language', code: entry.code, name: entry.name });
    }
  }
  for (const [term, level] of AUDIENCE_TERMS) add(keyOf(term), { type: 'audience', level });
  for (const [term, sort] of SORT_TERMS) add(keyOf(term), { type: 'sort', sort });
  for (const [term, era] of ERA_TERMS) add(keyOf(term), { type: 'era', era });
  for (const [term, length] of LENGTH_TERMS) add(keyOf(term), { type: 'length', length });
  for (const term of NEGATION_TERMS) add(keyOf(term), { type: 'negation' });
  for (const term of SIMILAR_TERMS) add(keyOf(term), { type: 'similar' });
  // Fillers only fill gaps: a word with a real meaning keeps it.
  for (const term of FILLER_TERMS) {
    const key = keyOf(term);
    if (!entries.has(key)) add(key, { type: 'filler' });
  }

  return {
    genreNames,
    longestMatch(tokens, start) {
      const first = tokens[start];
      if (first === undefined) return null;
      let key = first.norm;
      let best: TermMatch | null = null;
      const found = entries.get(key);
      if (found !== undefined) best = { meanings: found, length: 1 };
      for (let length = 2; length <= maxTokens; length++) {
        const next = tokens[start + length - 1];
        if (next === undefined || next.breakBefore !== 'none') break;
        key += ` ${next.norm}`;
        const meanings = entries.get(key);
        if (meanings !== undefined) best = { meanings, length };
      }
      return best;
    },
  };
}

/** Whether a single normalized word is one of the vocabulary's fillers (used to judge "like X"). */
export function isFillerWord(vocabulary: Vocabulary, token: Token): boolean {
  const match = vocabulary.longestMatch([token], 0);
  return match !== null && match.meanings.every((meaning) => meaning.type === 'filler');
}
