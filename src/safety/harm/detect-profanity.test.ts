import { describe, expect, it } from 'vitest';
import { createProfanityDetector, detectProfanity } from './detect-profanity.js';

describe('detectProfanity', () => {
  it.each([
    ['f u c k', 'fuck', 0, 7],
    ['oh sh1t', 'shit', 3, 7],
    ['ƒuck this', 'fuck', 0, 4],
    ['what the fuuuuck', 'fuck', 9, 16],
    ['f\u200bu\u200bc\u200bk', 'fuck', 0, 7],
    ['what a f*ck', 'fuck', 7, 11],
    ['those b!tches', 'bitch', 6, 11],
    ['she looks like a tranny', 'tranny', 17, 23],
    ['a real pussssy', 'pussy', 7, 14],
  ])('catches %j', (text, type, start, end) => {
    const [finding] = detectProfanity(text);
    expect(finding).toMatchObject({ kind: 'profanity', type, span: { start, end } });
    expect(finding?.score).toBeGreaterThan(0.5);
  });

  it.each([
    ['espèce de merde', 'merde'],
    ['pedazo de mierda', 'mierda'],
    ['du Stück Scheiße', 'scheiße'],
    ['una sporca puttana', 'puttana'],
    ['seu filho da puta', 'filho da puta'],
  ])('catches other languages: %j', (text, type) => {
    expect(detectProfanity(text)).toContainEqual(expect.objectContaining({ kind: 'profanity', type }));
  });

  it.each([
    'assessment',
    'Sex Education, season 2',
    'la casa de papel',
    'con leche y azúcar',
    'Troia, il film',
    'Scunthorpe United',
    'a classic cocktail',
    'assessment of classic bass',
    'Moby Dick',
  ])('does not flag %j', (text) => {
    expect(detectProfanity(text)).toEqual([]);
  });

  it('accepts a custom whitelist, e.g. a film title', () => {
    const text = 'Dick Johnson Is Dead';
    expect(detectProfanity(text)).toHaveLength(1);
    expect(detectProfanity(text, { whitelist: ['Dick Johnson Is Dead'] })).toEqual([]);
    const strict = createProfanityDetector({ replaceDefaultWhitelist: true });
    expect(strict('Moby Dick')).toHaveLength(1);
  });
});
