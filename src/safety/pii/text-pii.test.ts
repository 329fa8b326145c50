import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { personNameRecognizer } from './person-name.js';
import { type PiiRecognizer } from './recognizer.js';
import { streetAddressRecognizer } from './street-address.js';

function found(r: PiiRecognizer, text: string): Array<[string, number]> {
  return r.detect(text).map((f) => [text.slice(f.span?.start, f.span?.end), f.score]);
}

describe('street_address', () => {
  it('finds English, French and German street patterns', () => {
    const text = 'Try 221B Baker Street, 1600 Pennsylvania Avenue NW, 12 rue de la Paix and Hauptstraße 5.';
    expect(found(streetAddressRecognizer, text).map(([s]) => s)).toEqual([
      '221B Baker Street',
      '1600 Pennsylvania Avenue NW',
      '12 rue de la Paix',
      'Hauptstraße 5',
    ]);
  });

  it('scores higher with context words', () => {
    const [[, bare] = ['', 0]] = found(streetAddressRecognizer, 'Baker fans: 10 Downing Street');
    const [[, ctx] = ['', 0]] = found(streetAddressRecognizer, 'I live at 10 Downing Street');
    expect(bare).toBeLessThan(0.4);
    expect(ctx).toBeGreaterThanOrEqual(0.8);
  });

  it('leaves film titles below the default threshold', () => {
    expect(detectPii('21 Jump Street, 10 Cloverfield Lane, Miracle on 34th Street')).toEqual([]);
  });
});

describe('person_name', () => {
  it('finds names after cues', () => {
    const text =
      "My name is Anna Ruiz. Dr. Ana López called. Call John O'Brien at 5pm.\nBest regards,\nMaria Jansen";
    expect(found(personNameRecognizer, text).map(([s]) => s)).toEqual(
      expect.arrayContaining(['Anna Ruiz', 'Ana López', "John O'Brien", 'Maria Jansen']),
    );
  });

  it('scores single-token cues lower than full names', () => {
    expect(found(personNameRecognizer, "I'm Bob")).toEqual([['Bob', 0.35]]);
    expect(found(personNameRecognizer, "I'm Bob Stone")).toEqual([['Bob Stone', 0.6]]);
  });

  it('does not flag capitalised titles or cue words followed by non-names', () => {
    for (const text of [
      'The Godfather',
      'Jurassic Park',
      'Anything like Jurassic Park or The Godfather?',
      "I'm Looking for Blade Runner",
      'Best Picture winners from 1994',
      'Better Call Saul season 2',
      'Thanks! Any more like Spirited Away?',
      'the Mrs. Doubtfire Blu-ray',
    ]) {
      expect(detectPii(text, { types: ['person_name'] }), text).toEqual([]);
    }
  });
});
