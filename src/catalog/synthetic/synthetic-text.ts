import type { SeededRandom } from './seeded-random.js';
import {
  ACTIONS,
  ADJECTIVES,
  CHARACTERS,
  EPISODE_WORDS,
  FIRST_NAMES,
  LAST_NAMES,
  MOODS,
  NOUNS,
  PLURAL_NOUNS,
  SETTINGS,
} from './synthetic-vocabulary.js';

/** Titles, names and synopses made from word lists. They may repeat; external ids keep records apart. */

export function workTitle(rng: SeededRandom): string {
  const pattern = rng.below(6);
  if (pattern === 0) return `The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  if (pattern === 1) return `${rng.pick(NOUNS)} of ${rng.pick(PLURAL_NOUNS)}`;
  if (pattern === 2) return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  if (pattern === 3) return `The ${rng.pick(PLURAL_NOUNS)}`;
  if (pattern === 4) return `${rng.pick(NOUNS)} ${rng.below(2) === 0 ? 'and' : 'in'} ${rng.pick(NOUNS)}`;
  return `${rng.pick(ADJECTIVES)} ${rng.pick(PLURAL_NOUNS)}`;
}

export function episodeTitle(rng: SeededRandom, season: number, episode: number): string {
  if (season === 1 && episode === 1) return 'Pilot';
  return rng.chance(0.6) ? rng.pick(EPISODE_WORDS) : `The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
}

export function trackTitle(rng: SeededRandom): string {
  const pattern = rng.below(4);
  if (pattern === 0) return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  if (pattern === 1) return `${rng.pick(NOUNS)} Song`;
  if (pattern === 2) return `${rng.pick(ADJECTIVES)} ${rng.pick(PLURAL_NOUNS)}`;
  return `Under the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
}

export function personName(rng: SeededRandom): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

/** A music artist: a person or a band. */
export function artistName(rng: SeededRandom): string {
  const pattern = rng.below(4);
  if (pattern <= 1) return personName(rng);
  if (pattern === 2) return `The ${rng.pick(ADJECTIVES)} ${rng.pick(PLURAL_NOUNS)}`;
  return `${rng.pick(NOUNS)} ${rng.pick(PLURAL_NOUNS)}`;
}

/** `word` after its indefinite article, capitalized: `An action`, `A drama`. */
function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'An' : 'A'} ${word}`;
}

export function storySynopsis(rng: SeededRandom, form: 'film' | 'series', genreName: string): string {
  const character = rng.pick(CHARACTERS);
  return `${withArticle(genreName.toLowerCase())} ${form} in which ${character} ${rng.pick(ACTIONS)} in ${rng.pick(SETTINGS)}.`;
}

export function episodeSynopsis(
  rng: SeededRandom,
  seriesTitle: string,
  season: number,
  episode: number,
): string {
  const character = rng.pick(CHARACTERS);
  return `Season ${season}, episode ${episode} of ${seriesTitle}: ${character} ${rng.pick(ACTIONS)}.`;
}

export function trackSynopsis(rng: SeededRandom, genreName: string, artist: string): string {
  return `${withArticle(rng.pick(MOODS))} ${genreName.toLowerCase()} track by ${artist}.`;
}
