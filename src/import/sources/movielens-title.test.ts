import { describe, expect, it } from 'vitest';
import { genreSlug } from './genre-slug.js';
import { splitTitleYear, yearOfReleaseDate } from './movielens-title.js';

describe('splitTitleYear', () => {
  it.each([
    ['Toy Story (1995)', 'Toy Story', 1995],
    ['Heidi Fleiss: Hollywood Madam (1995) ', 'Heidi Fleiss: Hollywood Madam', 1995],
    [
      'Shanghai Triad (Yao a yao yao dao waipo qiao) (1995)',
      'Shanghai Triad (Yao a yao yao dao waipo qiao)',
      1995,
    ],
    [
      'Land Before Time III: The Time of the Great Giving (1995) (V)',
      'Land Before Time III: The Time of the Great Giving (V)',
      1995,
    ],
    ['Fawlty Towers (1975-1979)', 'Fawlty Towers', 1975],
    ['Babylon 5', 'Babylon 5', null],
    ['unknown', 'unknown', null],
  ])('%j -> %j, %j', (raw, title, year) => {
    expect(splitTitleYear(raw)).toEqual({ title, year });
  });

  it('reads the year of a 100K release date', () => {
    expect(yearOfReleaseDate('01-Jan-1995')).toBe(1995);
    expect(yearOfReleaseDate('')).toBeNull();
  });
});

describe('genreSlug', () => {
  it.each([
    ["Children's", 'childrens'],
    ['Film-Noir', 'film-noir'],
    ['Sci-Fi', 'sci-fi'],
    ['IMAX', 'imax'],
    ['Comédie  dramatique', 'comedie-dramatique'],
  ])('%j -> %j', (name, slug) => {
    expect(genreSlug(name)).toBe(slug);
  });
});
