import { describe, expect, it } from 'vitest';
import { genreRecords } from '../../catalog/synthetic/synthetic-genres.js';
import { AskInputError, MAX_ASK_TEXT_LENGTH } from './ask-error.js';
import { askIntentSchema, type AskIntent } from './intent.js';
import { parseIntent } from './parse-intent.js';
import { buildVocabulary } from './vocabulary.js';

const YEAR = 2025;
const demo = buildVocabulary(genreRecords());
const movielens = buildVocabulary(
  [
    'Action',
    'Adventure',
    'Animation',
    "Children's",
    'Comedy',
    'Crime',
    'Documentary',
    'Drama',
    'Fantasy',
    'Film-Noir',
    'Horror',
    'Musical',
    'Mystery',
    'Romance',
    'Sci-Fi',
    'Thriller',
    'War',
    'Western',
  ].map((name) => ({
    id: name
      .toLowerCase()
      .replace("'", '')
      .replace(/[^a-z0-9]+/g, '-'),
    name,
  })),
);

type Expected = Partial<Omit<AskIntent, 'evidence'>>;

const CASES: [string, Expected][] = [
  [
    'something funny for a family night, under two hours',
    { genres: ['comedy'], maxAudienceLevel: 1, maxDurationMinutes: 120 },
  ],
  [
    'a 90s sci-fi film but no horror',
    { genres: ['sci-fi'], excludedGenres: ['horror'], kinds: ['film'], yearFrom: 1990, yearTo: 1999 },
  ],
  ['a French drama like Amélie', { genres: ['drama'], languages: ['fr'], similarToTitle: 'Amélie' }],
  ['relaxing music for studying', { genres: ['classical', 'jazz', 'folk'], kinds: ['track'] }],
  ['not too scary please', { excludedGenres: ['horror'], genres: [] }],
  ['an adventure without violence', { genres: ['adventure'], excludedGenres: ['action', 'horror', 'war'] }],
  ['something to watch with my kids', { maxAudienceLevel: 1, genres: [] }],
  ['a movie for a 10 year old', { maxAudienceLevel: 1, kinds: ['film'] }],
  ['a show for teenagers', { maxAudienceLevel: 3, kinds: ['series'] }],
  ['adults only thriller', { maxAudienceLevel: null, genres: ['thriller'] }],
  ['less than 90 minutes', { maxDurationMinutes: 90, minDurationMinutes: null }],
  ['something short', { maxDurationMinutes: 90 }],
  ['a long epic', { minDurationMinutes: 150 }],
  ['around 2h', { minDurationMinutes: 102, maxDurationMinutes: 138 }],
  ['under 1h30', { maxDurationMinutes: 90 }],
  ['under an hour and a half', { maxDurationMinutes: 90 }],
  ['at least two and a half hours', { minDurationMinutes: 150 }],
  ['nothing longer than 100 minutes', { maxDurationMinutes: 100 }],
  ['a 1990s mystery', { genres: ['mystery'], yearFrom: 1990, yearTo: 1999 }],
  ['a comedy from the eighties', { genres: ['comedy'], yearFrom: 1980, yearTo: 1989 }],
  ['westerns before 2000', { genres: ['western'], yearTo: 1999, yearFrom: null }],
  ['drama after 2010', { genres: ['drama'], yearFrom: 2011, yearTo: null }],
  ['recent documentaries', { genres: ['documentary'], yearFrom: YEAR - 3 }],
  ['new music', { kinds: ['track'], yearFrom: YEAR - 3 }],
  ['an old classic romance', { genres: ['romance'], yearTo: 1980 }],
  ['films between 1995 and 2005', { kinds: ['film'], yearFrom: 1995, yearTo: 2005 }],
  ['a Korean series', { languages: ['ko'], kinds: ['series'] }],
  ['a thriller in Spanish', { languages: ['es'], genres: ['thriller'] }],
  ['some songs in German or Italian', { languages: ['de', 'it'], kinds: ['track'] }],
  ['similar to The Matrix, newest first', { similarToTitle: 'The Matrix', sort: 'newest' }],
  ['like Lost in Translation but in Japanese', { similarToTitle: 'Lost in Translation', languages: ['ja'] }],
  ["I'd like a romantic comedy", { similarToTitle: null, genres: ['romance', 'comedy'] }],
  ['three films', { limit: 3, kinds: ['film'] }],
  ['5 picks, oldest first', { limit: 5, sort: 'oldest' }],
  [
    'top 10 hip hop tracks from the 2010s',
    { limit: 10, genres: ['hip-hop'], kinds: ['track'], yearFrom: 2010, yearTo: 2019 },
  ],
  ['the shortest animated films', { sort: 'shortest', genres: ['animation'], kinds: ['film'] }],
  [
    'FUNNY   movie!!!   under  ninety mins??',
    { genres: ['comedy'], kinds: ['film'], maxDurationMinutes: 90 },
  ],
  ['no horror or gore, nothing dark', { excludedGenres: ['horror', 'crime', 'thriller', 'metal'] }],
  ['a docu about penguins', { genres: ['documentary'], unmatched: ['penguins'] }],
  ['something spooky and creepy', { genres: ['horror'], excludedGenres: [] }],
  ['not a series', { kinds: ['film', 'episode', 'track'] }],
  ['no horror movies', { excludedGenres: ['horror'], kinds: ['film'] }],
  ['quick comedy, 2 hours max', { maxDurationMinutes: 120, genres: ['comedy'] }],
];

describe('parseIntent', () => {
  it.each(CASES)('%s', (text, expected) => {
    const intent = parseIntent(text, demo, { currentYear: YEAR });
    expect(intent).toMatchObject(expected);
    expect(askIntentSchema.parse(intent)).toEqual(intent);
  });

  it('reads MovieLens genre names: Children’s, Sci-Fi and Film-Noir', () => {
    expect(parseIntent('a kids film noir', movielens, { currentYear: YEAR }).genres).toEqual([
      'childrens',
      'film-noir',
    ]);
    expect(parseIntent('science fiction', movielens).genres).toEqual(['sci-fi']);
    expect(parseIntent('something futuristic', movielens).genres).toEqual(['sci-fi']);
    // The MovieLens catalog has no music genres, so a music mood asks for none.
    expect(parseIntent('calm music for studying', movielens).genres).toEqual([]);
  });

  it('never produces a genre the catalog lacks', () => {
    const small = buildVocabulary([{ id: 'comedy', name: 'Comedy' }]);
    const intent = parseIntent('a scary sci-fi comedy, relaxing jazz', small);
    expect(intent.genres).toEqual(['comedy']);
    expect(intent.unmatched).toEqual(['scary', 'sci', 'fi', 'jazz']);
  });

  it('matches genre words case- and accent-insensitively', () => {
    const accented = buildVocabulary([{ id: 'cinema-verite', name: 'Cinéma Vérité' }]);
    expect(parseIntent('some CINEMA VERITE', accented).genres).toEqual(['cinema-verite']);
    expect(parseIntent('Cinéma vérités', accented).genres).toEqual(['cinema-verite']);
  });

  it('records evidence whose span slices back to its phrase', () => {
    const texts = [
      ...CASES.map(([text]) => text),
      '  Funny, “like  Amélie”…  under 2 hrs 🎬 for a ten-year-old',
    ];
    for (const text of texts) {
      const intent = parseIntent(text, demo, { currentYear: YEAR });
      for (const evidence of intent.evidence) {
        expect(text.slice(evidence.start, evidence.end)).toBe(evidence.phrase);
        expect(evidence.meaning).not.toBe('');
      }
    }
    const intent = parseIntent('something funny for a family night, under two hours', demo);
    expect(intent.evidence.map(({ phrase, meaning }) => [phrase, meaning])).toEqual([
      ['funny', 'genre Comedy'],
      ['family night', 'suitable for ages up to older kids'],
      ['under two hours', 'at most 120 minutes'],
    ]);
    expect(parseIntent('not too scary', demo).evidence[0]).toMatchObject({
      phrase: 'not too scary',
      meaning: 'exclude Horror',
    });
  });

  it('takes the current year as a parameter for "recent"', () => {
    expect(parseIntent('recent', demo, { currentYear: 2030 }).yearFrom).toBe(2027);
    expect(parseIntent('recent', demo).yearFrom).toBe(new Date().getUTCFullYear() - 3);
  });

  it('refuses a request over the length limit with a typed error', () => {
    expect(parseIntent('a'.repeat(MAX_ASK_TEXT_LENGTH), demo).unmatched).toEqual([
      'a'.repeat(MAX_ASK_TEXT_LENGTH),
    ]);
    let error: unknown;
    try {
      parseIntent('a'.repeat(MAX_ASK_TEXT_LENGTH + 1), demo);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AskInputError);
    expect(error).toMatchObject({ code: 'ask-text-too-long', field: 'text' });
  });

  it('returns an empty intent for empty or punctuation-only text', () => {
    for (const text of ['', '   ', '?!,.;']) {
      const intent = parseIntent(text, demo);
      expect(intent).toMatchObject({
        genres: [],
        unmatched: [],
        evidence: [],
        sort: 'relevance',
        limit: null,
      });
    }
  });

  it('stays fast on adversarial input', () => {
    const texts = [
      'like '.repeat(100),
      'no '.repeat(166),
      '1'.repeat(500),
      'under 2 '.repeat(62),
      "a'".repeat(250),
    ];
    const started = performance.now();
    for (const text of texts) parseIntent(text.slice(0, MAX_ASK_TEXT_LENGTH), demo);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
