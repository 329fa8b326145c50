import { ITEM_KINDS, type ItemKind } from '../../catalog/catalog-records.js';
import { AskInputError, MAX_ASK_TEXT_LENGTH } from './ask-error.js';
import { describeAudience, describeDuration, describeYears } from './describe.js';
import { emptyIntent, type AskIntent, type AskSort } from './intent.js';
import { audienceLevelForAge } from './quantities.js';
import {
  readAgeConstraint,
  readCount,
  readDurationConstraint,
  readPhrase,
  readYearConstraint,
  type Bounds,
  type YearBounds,
} from './read-constraints.js';
import { tokenize, type Token } from './tokenize.js';
import { type TermMeaning, type Vocabulary } from './vocabulary.js';

export interface ParseIntentOptions {
  /** The year "recent" counts back from; defaults to the current UTC year. */
  readonly currentYear?: number;
}

/** "recent" reaches back this many years; "classic" ends at CLASSIC_UNTIL. */
export const RECENT_YEARS = 3;
export const CLASSIC_UNTIL = 1980;
/** What "short" and "long" mean, in minutes, for screen titles and for music. */
const LENGTHS = { screen: { short: 90, long: 150 }, music: { short: 4, long: 6 } } as const;

/** Words that keep a negation going: "not too scary", "no horror or gore". */
const NEGATION_SCOPE = new Set(
  'too very overly really that so any anything much a an the or nor and at all more particularly super remotely even content stuff scenes kind sort of'.split(
    ' ',
  ),
);
/** Words before "like" that make it a verb ("I'd like"), not a comparison. */
const LIKE_AS_VERB = new Set(
  'i id we wed would you youd they theyd dont do really just also might definitely totally kids'.split(' '),
);
const TITLE_STOPS = new Set(
  'but and or with without no not for from please except that which than before after since around about under over less more made released set starring only if so because though also to at by yet tonight either'.split(
    ' ',
  ),
);
const MAX_TITLE_TOKENS = 12;
const UPPERCASE_START = /^\p{Lu}/u;

interface Negation {
  readonly start: number;
  hasTarget: boolean;
}

interface Evidence {
  readonly start: number;
  readonly end: number;
  /** Resolved at the end: moods and lengths depend on the kinds named anywhere in the request. */
  readonly meaning: () => string;
}

interface Draft {
  readonly wanted: string[];
  readonly excluded: string[];
  readonly moods: { readonly meaning: Extract<TermMeaning, { type: 'mood' }>; readonly negated: boolean }[];
  readonly kinds: ItemKind[];
  readonly excludedKinds: ItemKind[];
  readonly audience: number[];
  readonly durations: Bounds[];
  readonly lengths: { readonly length: 'short' | 'long' }[];
  readonly years: YearBounds[];
  readonly languages: string[];
  similarToTitle: string | null;
  sort: AskSort;
  limit: number | null;
  readonly unmatched: string[];
  readonly evidence: Evidence[];
}

function addUnique<T>(list: T[], ...values: readonly T[]): void {
  for (const value of values) if (!list.includes(value)) list.push(value);
}

function genreLabel(vocabulary: Vocabulary, ids: readonly string[]): string {
  return ids.map((id) => vocabulary.genreNames.get(id) ?? id).join(' or ');
}

function flipYears(bounds: YearBounds): YearBounds | null {
  if (bounds.from === null && bounds.to !== null) return { from: bounds.to + 1, to: null };
  if (bounds.to === null && bounds.from !== null) return { from: null, to: bounds.from - 1 };
  return null;
}

function flipDuration(bounds: Bounds): Bounds | null {
  if (bounds.min === null && bounds.max !== null) return { min: bounds.max, max: null };
  if (bounds.max === null && bounds.min !== null) return { min: null, max: bounds.min };
  return null;
}

/**
 * Reads a viewer's request into an intent, rule by rule, with the words behind every constraint. Words
 * it does not know are listed, never guessed at. Throws AskInputError past MAX_ASK_TEXT_LENGTH.
 */
export function parseIntent(
  text: string,
  vocabulary: Vocabulary,
  options: ParseIntentOptions = {},
): AskIntent {
  if (text.length > MAX_ASK_TEXT_LENGTH) {
    throw new AskInputError(
      'ask-text-too-long',
      'text',
      `a request may be at most ${MAX_ASK_TEXT_LENGTH} characters (got ${text.length})`,
    );
  }
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  const tokens = tokenize(text);
  const draft: Draft = {
    wanted: [],
    excluded: [],
    moods: [],
    kinds: [],
    excludedKinds: [],
    audience: [],
    durations: [],
    lengths: [],
    years: [],
    languages: [],
    similarToTitle: null,
    sort: 'relevance',
    limit: null,
    unmatched: [],
    evidence: [],
  };
  const note = (start: number, end: number, meaning: string | (() => string)): void => {
    draft.evidence.push({ start, end, meaning: typeof meaning === 'string' ? () => meaning : meaning });
  };

  let negation: Negation | null = null;
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index] as Token;
    if (negation !== null && token.breakBefore === 'strong') negation = null;
    const negated = negation;
    // Numbers are negated only right after the negation ("not over 2 hours"); a list ends it.
    const directlyNegated = negated !== null && !negated.hasTarget;
    const spanStart = directlyNegated ? negated.start : token.start;
    const endOf = (end: number): number => (tokens[end - 1] as Token).end;

    const duration = readDurationConstraint(tokens, index);
    if (duration !== null) {
      const bounds = directlyNegated ? flipDuration(duration.value) : duration.value;
      if (bounds !== null) {
        draft.durations.push(bounds);
        note(spanStart, endOf(duration.end), describeDuration(bounds.min, bounds.max));
      } else {
        draft.unmatched.push(text.slice(token.start, endOf(duration.end)));
      }
      negation = null;
      index = duration.end;
      continue;
    }
    const age = readAgeConstraint(tokens, index);
    if (age !== null) {
      const level = audienceLevelForAge(age.value);
      if (level !== null) draft.audience.push(level);
      note(token.start, endOf(age.end), describeAudience(level));
      negation = null;
      index = age.end;
      continue;
    }
    const years = readYearConstraint(tokens, index, currentYear);
    if (years !== null) {
      const bounds = directlyNegated ? flipYears(years.value) : years.value;
      if (bounds !== null) {
        draft.years.push(bounds);
        note(spanStart, endOf(years.end), describeYears(bounds.from, bounds.to));
      } else {
        draft.unmatched.push(text.slice(token.start, endOf(years.end)));
      }
      negation = null;
      index = years.end;
      continue;
    }
    const count = readCount(tokens, index, vocabulary);
    if (count !== null) {
      draft.limit ??= count.value;
      note(token.start, endOf(count.end), `${count.value} results`);
      negation = null;
      index = count.end;
      continue;
    }

    const match = vocabulary.longestMatch(tokens, index);
    if (match === null) {
      // An unknown word inside a negation ("no jump scares") keeps it going.
      draft.unmatched.push(token.text);
      index++;
      continue;
    }
    const end = index + match.length;
    const meanings = match.meanings;
    const types = new Set(meanings.map((meaning) => meaning.type));

    if (types.has('similar') && meanings.every((m) => m.type === 'similar' || m.type === 'filler')) {
      const previous = tokens[index - 1];
      const asVerb = match.length === 1 && previous !== undefined && LIKE_AS_VERB.has(previous.norm);
      const title = asVerb ? null : captureTitle(tokens, end, vocabulary, currentYear);
      if (title !== null) {
        const written = text.slice(title.start, title.endOffset);
        if (draft.similarToTitle === null) {
          draft.similarToTitle = written;
          note(token.start, title.endOffset, `similar to "${written}"`);
        } else {
          note(
            token.start,
            title.endOffset,
            `also similar to "${written}" (only the first comparison is used)`,
          );
        }
        negation = null;
        index = title.end;
        continue;
      }
      index = end;
      continue;
    }
    if (types.size === 1 && types.has('filler')) {
      const keepsScope =
        match.length === 1 &&
        (NEGATION_SCOPE.has(token.norm) || (token.norm === 'for' && !negation?.hasTarget));
      if (negation !== null && !keepsScope) negation = null;
      index = end;
      continue;
    }
    if (types.has('negation')) {
      negation = { start: token.start, hasTarget: false };
      index = end;
      continue;
    }

    const phraseEnd = endOf(end);
    if (negated !== null) {
      const parts = applyNegated(draft, meanings, negated, vocabulary, currentYear);
      if (parts === null) {
        negation = null;
        draft.unmatched.push(text.slice(token.start, phraseEnd));
        index = end;
        continue;
      }
      if (parts.positive) {
        negation = null;
        note(token.start, phraseEnd, parts.meaning);
      } else {
        note(spanStart, phraseEnd, parts.meaning);
        negated.hasTarget = true;
      }
      index = end;
      continue;
    }
    note(token.start, phraseEnd, applyMeanings(draft, meanings, vocabulary, currentYear));
    index = end;
  }

  return finish(draft, text);
}

function describeMood(
  draft: Draft,
  mood: Extract<TermMeaning, { type: 'mood' }>,
  negated: boolean,
  vocabulary: Vocabulary,
): () => string {
  return () => {
    const ids = moodGenres(draft, mood);
    const head = `${negated ? 'exclude ' : ''}mood "${mood.label}"`;
    return ids.length === 0
      ? `${head} (no matching genre in this catalog)`
      : `${head}: ${genreLabel(vocabulary, ids).replaceAll(' or ', ', ')}`;
  };
}

function describeLength(draft: Draft, length: 'short' | 'long'): () => string {
  return () => {
    const bounds = lengthBounds(draft, length);
    const overridden = draft.durations.length > 0 ? ' (a stated length takes precedence)' : '';
    return `${length}: ${describeDuration(bounds.min, bounds.max)}${overridden}`;
  };
}

function eraBounds(era: 'recent' | 'classic', currentYear: number): YearBounds {
  return era === 'recent'
    ? { from: currentYear - RECENT_YEARS, to: null }
    : { from: null, to: CLASSIC_UNTIL };
}

/** Applies a phrase's meanings as asked; returns the evidence wording. */
function applyMeanings(
  draft: Draft,
  meanings: readonly TermMeaning[],
  vocabulary: Vocabulary,
  currentYear: number,
): string | (() => string) {
  const parts: (() => string)[] = [];
  for (const meaning of meanings) {
    switch (meaning.type) {
      case 'genre':
        addUnique(draft.wanted, ...meaning.genreIds);
        parts.push(() => `genre ${genreLabel(vocabulary, meaning.genreIds)}`);
        break;
      case 'mood':
        draft.moods.push({ meaning, negated: false });
        parts.push(describeMood(draft, meaning, false, vocabulary));
        break;
      case 'audience':
        if (meaning.level !== null) draft.audience.push(meaning.level);
        parts.push(() => describeAudience(meaning.level));
        break;
      case 'kind':
        addUnique(draft.kinds, meaning.kind);
        parts.push(() => `kind ${meaning.kind}`);
        break;
      case 'language':
        addUnique(draft.languages, meaning.code);
        parts.push(() => `language ${meaning.name} (${meaning.code})`);
        break;
      case 'sort':
        draft.sort = meaning.sort;
        parts.push(() => `sort ${meaning.sort} first`);
        break;
      case 'era': {
        const bounds = eraBounds(meaning.era, currentYear);
        draft.years.push(bounds);
        parts.push(() => `${meaning.era}: ${describeYears(bounds.from, bounds.to)}`);
        break;
      }
      case 'length':
        draft.lengths.push({ length: meaning.length });
        parts.push(describeLength(draft, meaning.length));
        break;
      default:
        break;
    }
  }
  return () => parts.map((part) => part()).join('; ');
}

/**
 * Applies a phrase under a negation. Once the negation has hit something, a kind is the noun it qualifies
 * ("no horror movies") and an order or language starts a new thought ("no horror, newest first"), so
 * they apply as asked (`positive`). Null when the negation cannot be expressed.
 */
function applyNegated(
  draft: Draft,
  meanings: readonly TermMeaning[],
  negation: Negation,
  vocabulary: Vocabulary,
  currentYear: number,
): { meaning: () => string; positive: boolean } | null {
  const parts: (() => string)[] = [];
  const types = new Set(meanings.map((meaning) => meaning.type));
  const negatable = ['genre', 'mood', 'length', 'era'].some((type) => types.has(type as TermMeaning['type']));
  const kindAsNoun = types.has('kind') && !types.has('genre') && !types.has('mood');
  if (negation.hasTarget && (kindAsNoun || !negatable)) {
    const meaning = applyMeanings(draft, meanings, vocabulary, currentYear);
    return { meaning: typeof meaning === 'string' ? () => meaning : meaning, positive: true };
  }
  for (const meaning of meanings) {
    switch (meaning.type) {
      case 'genre':
        addUnique(draft.excluded, ...meaning.genreIds);
        parts.push(() => `exclude ${genreLabel(vocabulary, meaning.genreIds)}`);
        break;
      case 'mood':
        draft.moods.push({ meaning, negated: true });
        parts.push(describeMood(draft, meaning, true, vocabulary));
        break;
      case 'kind':
        if (!types.has('genre')) {
          addUnique(draft.excludedKinds, meaning.kind);
          parts.push(() => `exclude kind ${meaning.kind}`);
        }
        break;
      case 'length': {
        const opposite = meaning.length === 'short' ? 'long' : 'short';
        draft.lengths.push({ length: opposite });
        parts.push(describeLength(draft, opposite));
        break;
      }
      case 'era': {
        const bounds = flipYears(eraBounds(meaning.era, currentYear));
        if (bounds !== null) {
          draft.years.push(bounds);
          parts.push(() => `not ${meaning.era}: ${describeYears(bounds.from, bounds.to)}`);
        }
        break;
      }
      default:
        // Audiences, languages and orders have no negative form in an intent.
        break;
    }
  }
  return parts.length === 0
    ? null
    : { meaning: () => parts.map((part) => part()).join('; '), positive: false };
}

interface CapturedTitle {
  readonly start: number;
  readonly endOffset: number;
  /** Token index after the title. */
  readonly end: number;
}

/**
 * The title after "like" / "similar to": words up to punctuation, a linking word or another constraint.
 * Capitalized words carry on ("Pride and Prejudice" stops only when written in lower case). Null when
 * nothing title-like follows ("like a comedy").
 */
function captureTitle(
  tokens: readonly Token[],
  start: number,
  vocabulary: Vocabulary,
  currentYear: number,
): CapturedTitle | null {
  let end = start;
  let contentEnd = start;
  while (end < tokens.length && end - start < MAX_TITLE_TOKENS) {
    const token = tokens[end] as Token;
    if (token.breakBefore !== 'none' && end > start) break;
    if (end > start && startsConstraint(tokens, end, vocabulary, currentYear)) break;
    const capitalized = UPPERCASE_START.test(token.text) || /^\d/.test(token.text);
    const match = vocabulary.longestMatch(tokens, end);
    const meaningful = match?.meanings.some((m) => m.type !== 'filler' && m.type !== 'similar') ?? false;
    if (!capitalized || end === start) {
      if (TITLE_STOPS.has(token.norm) && !(capitalized && end > start)) break;
      if (token.norm === 'in' && end > start) {
        const next = vocabulary.longestMatch(tokens, end + 1);
        if (next?.meanings.some((m) => m.type === 'language')) break;
      }
      if (meaningful && !capitalized) break;
    }
    end++;
    const filler = match !== null && !meaningful;
    if (!filler || capitalized) contentEnd = end;
  }
  if (contentEnd === start) return null;
  const first = tokens[start] as Token;
  const last = tokens[contentEnd - 1] as Token;
  return { start: first.start, endOffset: last.end, end: contentEnd };
}

function startsConstraint(
  tokens: readonly Token[],
  index: number,
  vocabulary: Vocabulary,
  currentYear: number,
): boolean {
  const year = readYearConstraint(tokens, index, currentYear);
  // A bare year inside a title ("Blade Runner 2049", "Summer of 1984") is part of it.
  const yearStarts = year !== null && year.end - index > 1;
  return (
    readDurationConstraint(tokens, index) !== null ||
    readAgeConstraint(tokens, index) !== null ||
    yearStarts ||
    readCount(tokens, index, vocabulary) !== null ||
    readPhrase(tokens, index, [['but']]) !== null
  );
}

function moodGenres(draft: Draft, mood: Extract<TermMeaning, { type: 'mood' }>): string[] {
  const kinds = finalKinds(draft);
  const musicOnly = kinds.length > 0 && kinds.every((kind) => kind === 'track');
  const screenOnly = kinds.length > 0 && !kinds.includes('track');
  if (musicOnly) return [...mood.music];
  if (screenOnly) return [...mood.screen];
  return [...new Set([...mood.screen, ...mood.music])];
}

function lengthBounds(draft: Draft, length: 'short' | 'long'): Bounds {
  const kinds = finalKinds(draft);
  const scale = kinds.length > 0 && kinds.every((kind) => kind === 'track') ? LENGTHS.music : LENGTHS.screen;
  return length === 'short' ? { min: null, max: scale.short } : { min: scale.long, max: null };
}

function finalKinds(draft: Draft): ItemKind[] {
  const base = draft.kinds.length > 0 ? draft.kinds : draft.excludedKinds.length > 0 ? [...ITEM_KINDS] : [];
  return base.filter((kind) => !draft.excludedKinds.includes(kind));
}

function finish(draft: Draft, text: string): AskIntent {
  const intent = emptyIntent();
  intent.kinds = finalKinds(draft);
  const wanted = [...draft.wanted];
  const excluded = [...draft.excluded];
  for (const { meaning, negated } of draft.moods)
    addUnique(negated ? excluded : wanted, ...moodGenres(draft, meaning));
  intent.excludedGenres = excluded;
  intent.genres = wanted.filter((id) => !excluded.includes(id));

  // "short" is vague; a stated length ("2 hours max") says what the viewer meant by it.
  const durations =
    draft.durations.length > 0
      ? draft.durations
      : draft.lengths.map(({ length }) => lengthBounds(draft, length));
  const maxes = durations.flatMap((bounds) => (bounds.max === null ? [] : [bounds.max]));
  const mins = durations.flatMap((bounds) => (bounds.min === null ? [] : [bounds.min]));
  intent.maxDurationMinutes = maxes.length === 0 ? null : Math.min(...maxes);
  intent.minDurationMinutes = mins.length === 0 ? null : Math.max(...mins);
  const froms = draft.years.flatMap((bounds) => (bounds.from === null ? [] : [bounds.from]));
  const tos = draft.years.flatMap((bounds) => (bounds.to === null ? [] : [bounds.to]));
  intent.yearFrom = froms.length === 0 ? null : Math.max(...froms);
  intent.yearTo = tos.length === 0 ? null : Math.min(...tos);
  intent.maxAudienceLevel = draft.audience.length === 0 ? null : Math.min(...draft.audience);
  intent.languages = [...draft.languages];
  intent.similarToTitle = draft.similarToTitle;
  intent.sort = draft.sort;
  intent.limit = draft.limit;
  intent.unmatched = [...draft.unmatched];
  intent.evidence = draft.evidence
    .map((evidence) => ({
      phrase: text.slice(evidence.start, evidence.end),
      meaning: evidence.meaning(),
      start: evidence.start,
      end: evidence.end,
    }))
    .sort((a, b) => a.start - b.start);
  return intent;
}
