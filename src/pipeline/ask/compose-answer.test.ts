import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random/seeded-random.js';
import { ANSWER_TEMPLATE_VERSION, composeAnswer, type AnswerItem } from './compose-answer.js';
import { emptyIntent, type AskIntent } from './intent.js';
import { parseIntent } from './parse-intent.js';
import { buildVocabulary } from './vocabulary.js';

const genres = [
  { id: 'comedy', name: 'Comedy' },
  { id: 'horror', name: 'Horror' },
  { id: 'sci-fi', name: 'Science Fiction' },
  { id: 'r-n-b', name: 'R&B' },
];
const genreNames = new Map(genres.map((genre) => [genre.id, genre.name]));
const vocabulary = buildVocabulary(genres);
const ask = (text: string): AskIntent => parseIntent(text, vocabulary, { currentYear: 2025 });

const CATALOG: AnswerItem[] = [
  { id: 'i1', title: 'Quiet Harbour', year: 1994, genres: ['Comedy'], durationMinutes: 95 },
  { id: 'i2', title: 'Paper Lanterns', year: 2001, genres: ['Comedy'], durationMinutes: 110 },
  { id: 'i3', title: 'Velvet Comet', year: 2010, genres: ['Science Fiction'], durationMinutes: 118 },
  { id: 'i4', title: 'Marble Orchard', year: null, genres: ['Horror'], durationMinutes: null },
  { id: 'i5', title: 'Juniper Drift', year: 1987, genres: ['Comedy'], durationMinutes: 88 },
  { id: 'i6', title: 'Cobalt Waltz', year: 2019, genres: ['R&B'], durationMinutes: 4 },
  { id: 'i7', title: 'Saffron Tide', year: 1999, genres: ['Science Fiction'], durationMinutes: 131 },
  { id: 'i8', title: 'Hollow Lantern Bay', year: 2005, genres: ['Horror'], durationMinutes: 101 },
];

describe('composeAnswer', () => {
  it('restates the request and names each item with its year', () => {
    const intent = ask('something funny for a family night, under two hours');
    const items = CATALOG.slice(0, 3);
    const answer = composeAnswer(intent, items, { genreNames });
    expect(answer.text).toBe(
      'Here are 3 comedy picks, suitable for a family audience, each 2 hours or shorter: ' +
        'Quiet Harbour (1994), Paper Lanterns (2001) and Velvet Comet (2010).',
    );
    expect(answer.citations).toEqual(items.map((item) => ({ itemId: item.id, title: item.title })));
  });

  it('handles one item, sorting, years, exclusions and languages', () => {
    const answer = composeAnswer(
      ask('a French sci-fi film from the 90s, no horror, newest first'),
      [CATALOG[6] as AnswerItem],
      {
        genreNames,
      },
    );
    expect(answer.text).toBe(
      'Here is 1 French science fiction film, from the 1990s, with no horror, newest first: Saffron Tide (1999).',
    );
    expect(composeAnswer(ask('R&B songs'), [CATALOG[5] as AnswerItem], { genreNames }).text).toContain(
      'R&B track',
    );
  });

  it('names and cites the resolved comparison title, and never echoes an unresolved one', () => {
    const intent = ask('a comedy like Quiet Harbour');
    const resolved = composeAnswer(intent, [CATALOG[1] as AnswerItem], {
      similarTo: { id: 'i1', title: 'Quiet Harbour' },
    });
    expect(resolved.text).toContain('similar to Quiet Harbour');
    expect(resolved.citations.map((citation) => citation.itemId)).toEqual(['i1', 'i2']);

    const unresolved = composeAnswer(ask('a comedy like Frozen Gerbils'), [CATALOG[1] as AnswerItem]);
    expect(unresolved.text).not.toContain('Frozen');
    expect(unresolved.text).toContain('not in this catalog');
  });

  it('says when nothing matches and names a constraint to relax', () => {
    const answer = composeAnswer(ask('a horror comedy under 80 minutes from the 1970s'), [], { genreNames });
    expect(answer.citations).toEqual([]);
    expect(answer.text).toBe(
      'Nothing in the catalog matches horror or comedy picks, from the 1970s, 80 minutes or shorter. ' +
        'Try allowing any length instead of 80 minutes or shorter.',
    );
    expect(composeAnswer(ask('in Korean'), []).text).toContain('Try other languages than Korean.');
    expect(composeAnswer(emptyIntent(), []).text).toContain('Try naming a genre');
  });

  it('names only the given items, each cited, over random subsets', () => {
    const random = mulberry32(7);
    const intents = [
      'funny films',
      'sci-fi under 2 hours, oldest first',
      'no horror',
      '',
      'three songs from the 2010s',
    ].map(ask);
    for (let round = 0; round < 200; round++) {
      const items = CATALOG.filter(() => random() < 0.4);
      const others = CATALOG.filter((item) => !items.includes(item));
      const similar = random() < 0.3 ? (others[0] ?? null) : null;
      const intent = intents[round % intents.length] as AskIntent;
      const answer = composeAnswer(intent, items, { similarTo: similar, genreNames });
      const allowed = similar === null ? items : [similar, ...items];
      for (const item of allowed) {
        expect(answer.text).toContain(item.title);
        expect(answer.citations).toContainEqual({ itemId: item.id, title: item.title });
      }
      expect(answer.citations).toHaveLength(allowed.length);
      for (const other of CATALOG.filter((item) => !allowed.includes(item))) {
        expect(answer.text).not.toContain(other.title);
      }
    }
  });

  it('has a template version', () => {
    expect(ANSWER_TEMPLATE_VERSION).toMatch(/^ask-answer\/\d+$/);
  });
});
