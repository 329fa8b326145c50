import { AUDIENCE_LEVELS } from '../../catalog/maturity.js';

/** Plain-English wording shared by the parser's evidence and the composed answer. */

const AUDIENCE_WORDS: Readonly<Record<(typeof AUDIENCE_LEVELS)[number], string>> = {
  all: 'all ages',
  'older-kids': 'older kids',
  guidance: 'parental guidance',
  teen: 'teens',
  mature: 'mature audiences',
  'adults-only': 'adults',
};

export function audienceWords(level: number): string {
  const name = AUDIENCE_LEVELS[level];
  return name === undefined ? `audience level ${level}` : AUDIENCE_WORDS[name];
}

export function describeAudience(level: number | null): string {
  if (level === null) return 'no audience limit';
  if (level === 0) return 'suitable for all ages';
  return `suitable for ages up to ${audienceWords(level)}`;
}

export function describeDuration(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `between ${min} and ${max} minutes`;
  if (max !== null) return `at most ${max} minutes`;
  if (min !== null) return `at least ${min} minutes`;
  return 'any length';
}

export function describeYears(from: number | null, to: number | null): string {
  if (from !== null && to !== null) return from === to ? `from ${from}` : `from ${from} to ${to}`;
  if (from !== null) return `from ${from} on`;
  if (to !== null) return `up to ${to}`;
  return 'any year';
}

export function listWords(words: readonly string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1] ?? ''}`;
}
