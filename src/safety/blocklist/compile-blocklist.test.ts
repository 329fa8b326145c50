import { describe, expect, it } from 'vitest';
import { type BlocklistTerm, BlocklistError } from './blocklist.js';
import { compileBlocklist } from './compile-blocklist.js';

const TERMS: BlocklistTerm[] = [
  { id: 'spoiler-rosebud', kind: 'plain', pattern: 'rosebud is the sled', surfaces: ['review', 'outgoing'] },
  { id: 'competitor', kind: 'plain', pattern: 'megaflix', surfaces: ['search', 'review', 'ask', 'outgoing'] },
  { id: 'kill-word', kind: 'plain', pattern: 'kill', surfaces: ['search'] },
  { id: 'promo-code', kind: 'regex', pattern: 'promo\\s*code\\s*[a-z0-9]{4,8}', surfaces: ['review'] },
  { id: 'brand-case', kind: 'plain', pattern: 'ACME', surfaces: ['review'], caseSensitive: true },
];

const ids = (found: { type: string }[]): string[] => found.map((f) => f.type);

describe('compileBlocklist', () => {
  const matcher = compileBlocklist(TERMS);

  it('matches plain terms on word boundaries with spans in the original text', () => {
    const text = 'Try MegaFlix instead';
    expect(matcher.match(text, 'search')).toEqual([
      { kind: 'blocklist', type: 'competitor', span: { start: 4, end: 12 }, score: 1, detector: 'blocklist' },
    ]);
    expect(matcher.match('megaflixer', 'search')).toEqual([]);
    expect(matcher.match('skill', 'search')).toEqual([]);
  });

  it('filters by surface', () => {
    const text = 'rosebud is the sled, sorry';
    expect(ids(matcher.match(text, 'review'))).toEqual(['spoiler-rosebud']);
    expect(ids(matcher.match(text, 'search'))).toEqual([]);
    expect(ids(matcher.match('kill', 'search'))).toEqual(['kill-word']);
    expect(ids(matcher.match('kill', 'review'))).toEqual([]);
  });

  it.each([
    ['homoglyphs', 'мegaflіx'],
    ['leetspeak', 'm3g4fl1x'],
    ['zero-width', 'mega\u200bflix'],
    ['spacing', 'm e g a f l i x'],
    ['repeats', 'megaaaaflix'],
  ])('matches %s evasions', (_name, text) => {
    const [finding] = matcher.match(`see ${text} now`, 'ask');
    expect(finding?.type).toBe('competitor');
    expect(finding?.span).toEqual({ start: 4, end: 4 + text.length });
  });

  it('accepts squeezed spellings only where the text really had a long run', () => {
    expect(ids(matcher.match('kiiiiiill', 'search'))).toEqual(['kill-word']);
    expect(ids(matcher.match('kil', 'search'))).toEqual([]);
  });

  it('runs regex terms on normalized text', () => {
    const text = 'use PROMO CODE abc123 at checkout';
    expect(matcher.match(text, 'review')).toMatchObject([
      { type: 'promo-code', span: { start: 4, end: 21 } },
    ]);
    expect(matcher.match(text, 'search')).toEqual([]);
  });

  it('honours caseSensitive plain terms', () => {
    expect(ids(matcher.match('made by ACME', 'review'))).toEqual(['brand-case']);
    expect(ids(matcher.match('the acme of cinema', 'review'))).toEqual([]);
    expect(ids(matcher.match('made by АСМЕ', 'review'))).toEqual(['brand-case']);
  });

  it.each([
    ['(a+)+', 'nested quantifier'],
    ['(a*)*b', 'nested quantifier'],
    ['(\\w+\\s?)*$', 'nested quantifier'],
    ['(a|a)*', 'overlapping branches'],
    ['(\\w|\\d)+x', 'overlapping branches'],
    ['.*a.*b.*c', 'unbounded wildcards'],
    ['(a)\\1', 'backreferences'],
    ['x'.repeat(501), 'longer than 500'],
    ['(unclosed', 'invalid regex'],
  ])('rejects unsafe or invalid regex %j', (pattern, reason) => {
    const build = (): unknown =>
      compileBlocklist([{ id: 'bad-term', kind: 'regex', pattern, surfaces: ['search'] }]);
    expect(build).toThrow(BlocklistError);
    expect(build).toThrow(/bad-term/);
    expect(build).toThrow(new RegExp(reason.replace(/[()]/g, '\\$&')));
  });

  it.each(['(ab|cd)+', '\\d{3}-\\d{4}', '(?:foo|bar)\\s+baz', '[a-z]+@[a-z]+\\.com', 'colou?r'])(
    'accepts safe regex %j',
    (pattern) => {
      expect(() =>
        compileBlocklist([{ id: 'ok', kind: 'regex', pattern, surfaces: ['search'] }]),
      ).not.toThrow();
    },
  );

  it('rejects malformed terms and duplicate ids naming the term', () => {
    expect(() => compileBlocklist([{ id: 'x', kind: 'plain', pattern: 'a', surfaces: [] }])).toThrow(/"x"/);
    expect(() =>
      compileBlocklist([
        { id: 'dup', kind: 'plain', pattern: 'a', surfaces: ['search'] },
        { id: 'dup', kind: 'plain', pattern: 'b', surfaces: ['search'] },
      ]),
    ).toThrow(/duplicate/);
    try {
      compileBlocklist([{ id: 'r', kind: 'regex', pattern: '(a+)+', surfaces: ['ask'] }]);
    } catch (err) {
      expect(err).toBeInstanceOf(BlocklistError);
      expect((err as BlocklistError).termId).toBe('r');
    }
  });

  it('finds regex matches across the whole of a long text', () => {
    const long = `${'filler words '.repeat(400)}promo code xy89`;
    expect(ids(matcher.match(long, 'review'))).toEqual(['promo-code']);
  });
});
