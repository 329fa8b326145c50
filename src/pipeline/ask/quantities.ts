import { type Token } from './tokenize.js';

/**
 * Readers for the numeric parts of a request: numbers (digits or words), durations, years and decades,
 * ages. Each reads forward from a token index and says where it stopped; each regex is anchored on one
 * short token, so reading stays linear.
 */

export interface Read<T> {
  readonly value: T;
  /** Index of the first token after what was read. */
  readonly end: number;
}

const UNITS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const HOUR_UNITS = new Set(['h', 'hr', 'hrs', 'hour', 'hours']);
const MINUTE_UNITS = new Set(['m', 'min', 'mins', 'minute', 'minutes']);
const DIGITS = /^\d{1,4}(?:\.\d{1,2})?$/;
const COMPACT_HOURS = /^(\d{1,2}(?:\.\d{1,2})?)(?:h|hr|hrs|hour|hours)(\d{1,2})?(?:m|min|mins)?$/;
const COMPACT_MINUTES = /^(\d{1,3})(?:m|min|mins|minute|minutes)$/;

function tokenAt(tokens: readonly Token[], index: number, noBreak = true): Token | undefined {
  const token = tokens[index];
  // A phrase never runs across a full stop; the first token of a read may follow one.
  return token !== undefined && noBreak && token.breakBefore === 'strong' ? undefined : token;
}

/** A number written as digits (90, 1.5) or words (one … nineteen, twenty … ninety-nine). */
export function readNumber(tokens: readonly Token[], index: number): Read<number> | null {
  const token = tokens[index];
  if (token === undefined) return null;
  if (DIGITS.test(token.norm)) return { value: Number(token.norm), end: index + 1 };
  const unit = UNITS[token.norm];
  if (unit !== undefined) return { value: unit, end: index + 1 };
  const tens = TENS[token.norm];
  if (tens === undefined) return null;
  const next = tokenAt(tokens, index + 1);
  const more = next === undefined ? undefined : UNITS[next.norm];
  return more !== undefined && more < 10
    ? { value: tens + more, end: index + 2 }
    : { value: tens, end: index + 1 };
}

function normIs(tokens: readonly Token[], index: number, ...words: string[]): boolean {
  const token = tokenAt(tokens, index);
  return token !== undefined && words.includes(token.norm);
}

/** "and a half" / "and half" after an hour count. */
function readHalf(tokens: readonly Token[], index: number): number {
  if (normIs(tokens, index, 'and') && normIs(tokens, index + 1, 'a') && normIs(tokens, index + 2, 'half')) {
    return index + 3;
  }
  if (normIs(tokens, index, 'and') && normIs(tokens, index + 1, 'half')) return index + 2;
  return index;
}

/** Trailing minutes after an hour count: "1h 30", "2 hours 15 minutes", "an hour and 20 minutes". */
function readTrailingMinutes(
  tokens: readonly Token[],
  index: number,
  bareAllowed: boolean,
): Read<number> | null {
  let at = index;
  if (normIs(tokens, at, 'and')) at++;
  const compact = tokenAt(tokens, at);
  const compactMatch = compact === undefined ? null : COMPACT_MINUTES.exec(compact.norm);
  if (compactMatch?.[1] !== undefined) return { value: Number(compactMatch[1]), end: at + 1 };
  const number = readNumber(tokens, at);
  if (number === null || number.end === at || tokens[at]?.breakBefore === 'strong') return null;
  if (normIs(tokens, number.end, ...MINUTE_UNITS)) return { value: number.value, end: number.end + 1 };
  if (bareAllowed && at === index && number.value < 60 && Number.isInteger(number.value)) return number;
  return null;
}

/** A length of time in minutes: "two hours", "90 min", "1h30", "an hour and a half", "half an hour". */
export function readDuration(tokens: readonly Token[], index: number): Read<number> | null {
  const first = tokens[index];
  if (first === undefined) return null;
  const compact = COMPACT_HOURS.exec(first.norm);
  if (compact?.[1] !== undefined) {
    const hours = Number(compact[1]) * 60;
    if (compact[2] !== undefined) return { value: hours + Number(compact[2]), end: index + 1 };
    const trailing = readTrailingMinutes(tokens, index + 1, true);
    return trailing === null
      ? { value: hours, end: index + 1 }
      : { value: hours + trailing.value, end: trailing.end };
  }
  const compactMinutes = COMPACT_MINUTES.exec(first.norm);
  if (compactMinutes?.[1] !== undefined) return { value: Number(compactMinutes[1]), end: index + 1 };
  if (first.norm === 'half') {
    if (normIs(tokens, index + 1, 'an', 'a') && normIs(tokens, index + 2, 'hour'))
      return { value: 30, end: index + 3 };
    if (normIs(tokens, index + 1, 'hour')) return { value: 30, end: index + 2 };
    return null;
  }
  if (
    (first.norm === 'a' || first.norm === 'an') &&
    normIs(tokens, index + 1, 'half') &&
    normIs(tokens, index + 2, 'hour')
  ) {
    return { value: 30, end: index + 3 };
  }
  let count: Read<number> | null;
  if (first.norm === 'a' || first.norm === 'an') count = { value: 1, end: index + 1 };
  else count = readNumber(tokens, index);
  if (count === null) return null;
  let at = readHalf(tokens, count.end);
  const half = at === count.end ? 0 : 0.5;
  const unit = tokenAt(tokens, at);
  if (unit === undefined) return null;
  if (HOUR_UNITS.has(unit.norm)) {
    let minutes = (count.value + half) * 60;
    at++;
    const halfAfter = readHalf(tokens, at);
    if (halfAfter !== at && half === 0) {
      minutes += 30;
      at = halfAfter;
    } else {
      const trailing = readTrailingMinutes(tokens, at, false);
      if (trailing !== null) {
        minutes += trailing.value;
        at = trailing.end;
      }
    }
    return { value: minutes, end: at };
  }
  if (MINUTE_UNITS.has(unit.norm) && half === 0 && first.norm !== 'a' && first.norm !== 'an') {
    return { value: count.value, end: at + 1 };
  }
  return null;
}

export interface YearSpan {
  readonly from: number;
  readonly to: number;
  /** Whether it names a decade (so "before the 90s" means before 1990). */
  readonly decade: boolean;
}

const DECADE_WORDS: Readonly<Record<string, number>> = {
  twenties: 1920,
  thirties: 1930,
  forties: 1940,
  fifties: 1950,
  sixties: 1960,
  seventies: 1970,
  eighties: 1980,
  nineties: 1990,
  noughties: 2000,
  aughts: 2000,
};
const SHORT_DECADE = /^(\d)0s$/;
const LONG_DECADE = /^(1[89]|2[01])(\d)0s$/;
const YEAR = /^\d{4}$/;
export const MIN_YEAR = 1870;

/** A single year or a decade, with "early/mid/late" narrowing a decade. */
export function readYearSpan(
  tokens: readonly Token[],
  index: number,
  currentYear: number,
): Read<YearSpan> | null {
  const first = tokens[index];
  if (first === undefined) return null;
  let part: 'early' | 'mid' | 'late' | null = null;
  let at = index;
  if (first.norm === 'early' || first.norm === 'mid' || first.norm === 'late') {
    part = first.norm;
    at++;
    if (normIs(tokens, at, 'the')) at++;
  }
  const token = tokenAt(tokens, at, at !== index);
  if (token === undefined) return null;
  let decade: number | null = null;
  const short = SHORT_DECADE.exec(token.norm);
  const long = LONG_DECADE.exec(token.norm);
  if (short?.[1] !== undefined) {
    const tens = Number(short[1]) * 10;
    decade = 2000 + tens <= currentYear ? 2000 + tens : 1900 + tens;
  } else if (long !== null) {
    decade = Number(token.norm.slice(0, 4));
  } else if (DECADE_WORDS[token.norm] !== undefined) {
    decade = DECADE_WORDS[token.norm] ?? null;
  }
  if (decade !== null) {
    const [from, to] =
      part === 'early'
        ? [decade, decade + 3]
        : part === 'mid'
          ? [decade + 3, decade + 6]
          : part === 'late'
            ? [decade + 6, decade + 9]
            : [decade, decade + 9];
    return { value: { from, to, decade: true }, end: at + 1 };
  }
  if (part === null && YEAR.test(token.norm)) {
    const year = Number(token.norm);
    if (year >= MIN_YEAR && year <= currentYear + 5)
      return { value: { from: year, to: year, decade: false }, end: at + 1 };
  }
  return null;
}

const AGE_COMPACT = /^(\d{1,2})(?:yo|yrs?)$/;

/** An age: "10 year old", "ten-year-olds", "8yo", "aged 12". */
export function readAge(tokens: readonly Token[], index: number): Read<number> | null {
  const first = tokens[index];
  if (first === undefined) return null;
  const compact = AGE_COMPACT.exec(first.norm);
  if (compact?.[1] !== undefined) return { value: Number(compact[1]), end: index + 1 };
  if (first.norm === 'aged' || first.norm === 'age' || first.norm === 'ages') {
    const number = readNumber(tokens, index + 1);
    if (number === null || tokens[index + 1]?.breakBefore === 'strong') return null;
    return { value: number.value, end: number.end };
  }
  const number = readNumber(tokens, index);
  if (number === null || !normIs(tokens, number.end, 'year', 'years', 'yr', 'yrs')) return null;
  if (!normIs(tokens, number.end + 1, 'old', 'olds')) return null;
  return { value: number.value, end: number.end + 2 };
}

/** The highest audience level suited to a viewer of this age (null: an adult, no limit). */
export function audienceLevelForAge(age: number): number | null {
  if (age < 7) return 0;
  if (age < 13) return 1;
  if (age < 18) return 3;
  return null;
}
