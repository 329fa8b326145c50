import { describe, expect, it } from 'vitest';
import { emptyIntent, type AskIntent } from './intent.js';
import {
  intentBoost,
  matchesIntent,
  resolveSimilarTitle,
  unknownConstraintCount,
  type AskCandidate,
} from './match-intent.js';

const item = (overrides: Partial<AskCandidate> = {}): AskCandidate => ({
  kind: 'film',
  year: 1995,
  language: 'en',
  durationMinutes: 100,
  audienceLevel: 1,
  genreIds: ['comedy'],
  ...overrides,
});
const intent = (overrides: Partial<AskIntent> = {}): AskIntent => ({ ...emptyIntent(), ...overrides });

describe('matchesIntent', () => {
  it.each<[string, Partial<AskIntent>, Partial<AskCandidate>, boolean]>([
    ['an empty intent passes anything', {}, {}, true],
    ['an excluded genre fails', { excludedGenres: ['horror'] }, { genreIds: ['comedy', 'horror'] }, false],
    ['a wanted genre is not a filter', { genres: ['horror'] }, {}, true],
    ['another kind fails', { kinds: ['series'] }, {}, false],
    ['a listed kind passes', { kinds: ['series', 'film'] }, {}, true],
    ['a higher audience level fails', { maxAudienceLevel: 0 }, {}, false],
    ['an equal audience level passes', { maxAudienceLevel: 1 }, {}, true],
    ['too long fails', { maxDurationMinutes: 90 }, {}, false],
    ['too short fails', { minDurationMinutes: 120 }, {}, false],
    ['within the bounds passes', { minDurationMinutes: 90, maxDurationMinutes: 100 }, {}, true],
    ['an unknown duration passes', { maxDurationMinutes: 90 }, { durationMinutes: null }, true],
    ['too old fails', { yearFrom: 2000 }, {}, false],
    ['too new fails', { yearTo: 1990 }, {}, false],
    ['an unknown year passes', { yearFrom: 2000 }, { year: null }, true],
    ['another language fails', { languages: ['fr'] }, {}, false],
    ['a regional tag matches its language', { languages: ['pt'] }, { language: 'pt-BR' }, true],
    ['an unknown language passes', { languages: ['fr'] }, { language: null }, true],
  ])('%s', (_name, constraints, candidate, expected) => {
    expect(matchesIntent(item(candidate), intent(constraints))).toBe(expected);
  });

  it('counts the constraints an item passes only for lack of data', () => {
    const asked = intent({ maxDurationMinutes: 90, yearFrom: 2000, languages: ['fr'] });
    expect(unknownConstraintCount(item(), asked)).toBe(0);
    expect(unknownConstraintCount(item({ durationMinutes: null, year: null, language: null }), asked)).toBe(
      3,
    );
    expect(unknownConstraintCount(item({ year: null }), intent())).toBe(0);
  });
});

describe('intentBoost', () => {
  it('gives one point per wanted genre matched', () => {
    const wanted = intent({ genres: ['comedy', 'romance'] });
    expect(intentBoost(item({ genreIds: ['drama'] }), wanted)).toBe(0);
    expect(intentBoost(item({ genreIds: ['comedy'] }), wanted)).toBe(1);
    expect(intentBoost(item({ genreIds: ['romance', 'comedy', 'comedy'] }), wanted)).toBe(2);
    expect(intentBoost(item(), intent())).toBe(0);
  });

  it('keeps the recommender order within ties when sorted stably', () => {
    const ranked = [
      { id: 'a', genreIds: ['drama'] },
      { id: 'b', genreIds: ['comedy'] },
      { id: 'c', genreIds: ['horror'] },
      { id: 'd', genreIds: ['comedy'] },
    ];
    const wanted = intent({ genres: ['comedy'] });
    const sorted = [...ranked].sort((x, y) => intentBoost(y, wanted) - intentBoost(x, wanted));
    expect(sorted.map(({ id }) => id)).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('resolveSimilarTitle', () => {
  const catalog = [
    { id: '1', title: 'Amélie' },
    { id: '2', title: 'The Matrix' },
    { id: '3', title: 'The Matrix Reloaded' },
    { id: '4', title: 'Toy Story (1995)' },
    { id: '5', title: 'Toy Story 2 (1999)' },
    { id: '6', title: 'Lost in Translation' },
    { id: '7', title: 'Star Wars: A New Hope' },
    { id: '8', title: 'Star Trek: First Contact' },
  ];

  it('finds an exact title ignoring case, accents, punctuation and a leading article', () => {
    expect(resolveSimilarTitle('Amélie', catalog)?.id).toBe('1');
    expect(resolveSimilarTitle('AMELIE', catalog)?.id).toBe('1');
    expect(resolveSimilarTitle('the matrix', catalog)?.id).toBe('2');
    expect(resolveSimilarTitle('Matrix', catalog)?.id).toBe('2');
    expect(resolveSimilarTitle('lost in translation!', catalog)?.id).toBe('6');
  });

  it('falls back to the shortest title starting with the words', () => {
    expect(resolveSimilarTitle('Toy Story', catalog)?.id).toBe('4');
    expect(resolveSimilarTitle('star wars', catalog)?.id).toBe('7');
  });

  it('accepts a close word overlap', () => {
    expect(resolveSimilarTitle('Translation Lost', catalog)?.id).toBe('6');
  });

  it('never guesses below the threshold or between equal candidates', () => {
    expect(resolveSimilarTitle('Amelia Earhart', catalog)).toBeNull();
    expect(resolveSimilarTitle('Star', catalog)).toBeNull();
    expect(resolveSimilarTitle('The Godfather', catalog)).toBeNull();
    expect(resolveSimilarTitle('', catalog)).toBeNull();
    expect(resolveSimilarTitle('Amélie', [])).toBeNull();
  });
});
