import { PICK_NOUNS } from './fixed-terms.js';
import { readAge, readDuration, readNumber, readYearSpan, type Read } from './quantities.js';
import { type Token } from './tokenize.js';
import { type Vocabulary } from './vocabulary.js';

/**
 * Readers for the constraints with numbers in them: a comparator (under, before, at least …), a quantity
 * and any trailing qualifier ("or less", "onwards"). They run before the word list, so "no more than 90
 * minutes" is one duration, not a negation.
 */

export interface Bounds {
  readonly min: number | null;
  readonly max: number | null;
}

type Phrase = readonly string[];
const words = (...phrases: string[]): Phrase[] => phrases.map((phrase) => phrase.split(' '));

/** The end index of the longest of `phrases` starting at `index`, or null. */
export function readPhrase(
  tokens: readonly Token[],
  index: number,
  phrases: readonly Phrase[],
): number | null {
  let best: number | null = null;
  for (const phrase of phrases) {
    const fits = phrase.every((word, offset) => {
      const token = tokens[index + offset];
      return token !== undefined && token.norm === word && (offset === 0 || token.breakBefore === 'none');
    });
    if (fits && (best === null || index + phrase.length > best)) best = index + phrase.length;
  }
  return best;
}

const DURATION_MAX = words(
  'under',
  'less than',
  'less then',
  'shorter than',
  'at most',
  'max',
  'maximum',
  'up to',
  'within',
  'below',
  'no more than',
  'not more than',
  'no longer than',
  'not longer than',
  'not over',
  'no over',
  'tops',
);
const DURATION_MIN = words(
  'over',
  'more than',
  'longer than',
  'at least',
  'minimum',
  'min',
  'above',
  'no shorter than',
  'not shorter than',
  'not under',
  'no less than',
  'not less than',
);
const DURATION_AROUND = words(
  'around',
  'about',
  'roughly',
  'approximately',
  'approx',
  'circa',
  'close to',
  'near',
  'like',
);
const DURATION_BETWEEN = words('between', 'from');
const DURATION_POST_MAX = words(
  'or less',
  'or under',
  'or shorter',
  'max',
  'tops',
  'at most',
  'at the most',
  'maximum',
);
const DURATION_POST_MIN = words('or more', 'or longer', 'or over', 'plus', 'at least', 'minimum');
const DURATION_POST_AROUND = words('or so', 'ish', 'give or take');
const DURATION_TAIL = words('long', 'in length', 'runtime', 'running time');
const RANGE_JOINERS = words('to', 'and', 'until', 'through', 'or');

/** Around a length: 15% either side, so "around 2h" is 102–138 minutes. */
export function aroundBounds(minutes: number): Bounds {
  return { min: Math.round(minutes * 0.85), max: Math.round(minutes * 1.15) };
}

function skipTail(tokens: readonly Token[], index: number): number {
  return readPhrase(tokens, index, DURATION_TAIL) ?? index;
}

/** "between 90 and 120 minutes", "1-2 hours": the first number borrows the unit of the second. */
function readDurationRange(tokens: readonly Token[], index: number): Read<Bounds> | null {
  const first = readDuration(tokens, index) ?? readNumber(tokens, index);
  if (first === null) return null;
  const second = tokens[first.end];
  const hyphenated = second !== undefined && second.hyphenBefore && second.breakBefore === 'none';
  const at = hyphenated ? first.end : readPhrase(tokens, first.end, RANGE_JOINERS);
  if (at === null) return null;
  const upper = readDuration(tokens, at);
  const upperNumber = readNumber(tokens, at);
  if (upper === null || upperNumber === null) return null;
  const lower = readDuration(tokens, index);
  const unit = upperNumber.value > 0 ? upper.value / upperNumber.value : 1;
  const min = lower !== null && lower.end === first.end ? lower.value : first.value * unit;
  if (min > upper.value) return null;
  return { value: { min, max: upper.value }, end: skipTail(tokens, upper.end) };
}

export function readDurationConstraint(tokens: readonly Token[], index: number): Read<Bounds> | null {
  const between = readPhrase(tokens, index, DURATION_BETWEEN);
  const range = readDurationRange(tokens, between ?? index);
  if (range !== null) return range;
  const comparators: [readonly Phrase[], 'max' | 'min' | 'around'][] = [
    [DURATION_MAX, 'max'],
    [DURATION_MIN, 'min'],
    [DURATION_AROUND, 'around'],
  ];
  let kind: 'max' | 'min' | 'around' | null = null;
  let at = index;
  for (const [phrases, comparator] of comparators) {
    const end = readPhrase(tokens, index, phrases);
    if (end !== null && (kind === null || end > at)) {
      kind = comparator;
      at = end;
    }
  }
  if (kind !== null && tokens[at]?.norm === 'a' && tokens[at + 1]?.norm !== 'half') {
    // "under a 2 hour film" is not "under an hour".
    const inner = readDuration(tokens, at + 1);
    if (inner !== null) at++;
  }
  const duration = readDuration(tokens, at);
  if (duration === null) return null;
  let end = skipTail(tokens, duration.end);
  if (kind === null) {
    const post: [readonly Phrase[], 'max' | 'min' | 'around'][] = [
      [DURATION_POST_MAX, 'max'],
      [DURATION_POST_MIN, 'min'],
      [DURATION_POST_AROUND, 'around'],
    ];
    for (const [phrases, comparator] of post) {
      const postEnd = readPhrase(tokens, end, phrases);
      if (postEnd !== null) {
        kind = comparator;
        end = skipTail(tokens, postEnd);
        break;
      }
    }
  }
  const minutes = duration.value;
  if (!(minutes > 0)) return null;
  const bounds =
    kind === 'max'
      ? { min: null, max: minutes }
      : kind === 'min'
        ? { min: minutes, max: null }
        : aroundBounds(minutes);
  return { value: bounds, end };
}

export interface YearBounds {
  readonly from: number | null;
  readonly to: number | null;
}

const YEAR_BEFORE = words('before', 'pre', 'prior to', 'earlier than', 'older than');
const YEAR_UNTIL = words('until', 'till', 'up to', 'through', 'thru', 'by', 'up until');
const YEAR_AFTER = words('after', 'post', 'later than', 'newer than');
const YEAR_SINCE = words('since');
const YEAR_EXACT = words('from', 'in', 'of', 'during', 'between');
const YEAR_POST_SINCE = words(
  'onwards',
  'onward',
  'on',
  'and later',
  'or later',
  'or newer',
  'and newer',
  'and up',
  'plus',
  'and after',
);
const YEAR_POST_UNTIL = words('or earlier', 'and earlier', 'or older', 'and older', 'and before');
const YEAR_RANGE_JOINERS = words('to', 'until', 'through', 'thru', 'and', 'till');

export function readYearConstraint(
  tokens: readonly Token[],
  index: number,
  currentYear: number,
): Read<YearBounds> | null {
  const comparators: [readonly Phrase[], 'before' | 'until' | 'after' | 'since' | 'exact'][] = [
    [YEAR_BEFORE, 'before'],
    [YEAR_UNTIL, 'until'],
    [YEAR_AFTER, 'after'],
    [YEAR_SINCE, 'since'],
    [YEAR_EXACT, 'exact'],
  ];
  let comparator: 'before' | 'until' | 'after' | 'since' | 'exact' = 'exact';
  let at = index;
  for (const [phrases, kind] of comparators) {
    const end = readPhrase(tokens, index, phrases);
    if (end !== null && end > at) {
      comparator = kind;
      at = end;
    }
  }
  if (at > index && tokens[at]?.norm === 'the' && tokens[at]?.breakBefore === 'none') at++;
  const span = readYearSpan(tokens, at, currentYear);
  if (span === null) return null;
  const end = span.end;
  const { from, to } = span.value;
  if (comparator === 'before') return { value: { from: null, to: from - 1 }, end };
  if (comparator === 'until') return { value: { from: null, to }, end };
  if (comparator === 'after') return { value: { from: to + 1, to: null }, end };
  if (comparator === 'since') return { value: { from, to: null }, end };
  const next = tokens[end];
  const hyphenated = next !== undefined && next.hyphenBefore && next.breakBefore === 'none';
  const joiner = hyphenated ? end : readPhrase(tokens, end, YEAR_RANGE_JOINERS);
  if (joiner !== null) {
    const upperAt = tokens[joiner]?.norm === 'the' ? joiner + 1 : joiner;
    const upper = readYearSpan(tokens, upperAt, currentYear);
    if (upper !== null && upper.value.to >= from)
      return { value: { from, to: upper.value.to }, end: upper.end };
  }
  const since = readPhrase(tokens, end, YEAR_POST_SINCE);
  if (since !== null) return { value: { from, to: null }, end: since };
  const until = readPhrase(tokens, end, YEAR_POST_UNTIL);
  if (until !== null) return { value: { from: null, to }, end: until };
  return { value: { from, to }, end };
}

const AGE_LEADS = words('for a', 'for my', 'for an', 'for', 'a', 'an', 'my');

/** "for a 10 year old": the lead words are part of the phrase when present. */
export function readAgeConstraint(tokens: readonly Token[], index: number): Read<number> | null {
  const direct = readAge(tokens, index);
  if (direct !== null) return direct;
  const lead = readPhrase(tokens, index, AGE_LEADS);
  return lead === null ? null : readAge(tokens, lead);
}

const COUNT_LEADS = words('top', 'give me', 'show me', 'just', 'only');
const FUZZY_COUNTS: readonly [Phrase, number][] = [
  [['a', 'couple', 'of'], 2],
  [['a', 'couple'], 2],
  [['a', 'few'], 3],
  [['a', 'handful', 'of'], 5],
];
const COUNTED_MEANINGS = new Set(['kind', 'genre', 'mood', 'language', 'era', 'length']);
export const MAX_ASK_LIMIT = 50;

/** "three films", "5 picks", "top 10", "a few comedies": how many results the viewer wants. */
export function readCount(
  tokens: readonly Token[],
  index: number,
  vocabulary: Vocabulary,
): Read<number> | null {
  let value: number | null = null;
  let end = index;
  for (const [phrase, count] of FUZZY_COUNTS) {
    const phraseEnd = readPhrase(tokens, index, [phrase]);
    if (phraseEnd !== null) {
      value = count;
      end = phraseEnd;
      break;
    }
  }
  let ledByTop = false;
  if (value === null) {
    const lead = readPhrase(tokens, index, COUNT_LEADS);
    const at = lead ?? index;
    const number = readNumber(tokens, at);
    if (number === null || (lead !== null && tokens[at]?.breakBefore !== 'none')) return null;
    ledByTop = lead !== null && tokens[index]?.norm === 'top';
    value = number.value;
    end = number.end;
  }
  if (!Number.isInteger(value) || value < 1 || value > MAX_ASK_LIMIT) return null;
  const pick = readPhrase(
    tokens,
    end,
    PICK_NOUNS.map((noun) => [noun]),
  );
  if (pick !== null) return { value, end: pick };
  if (ledByTop) return { value, end };
  const next = tokens[end];
  if (next === undefined || next.breakBefore !== 'none') return null;
  const match = vocabulary.longestMatch(tokens, end);
  if (match === null || !match.meanings.some((meaning) => COUNTED_MEANINGS.has(meaning.type))) return null;
  return { value, end };
}
