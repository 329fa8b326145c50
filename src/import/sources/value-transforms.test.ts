import { describe, expect, it } from 'vitest';
import { applyTransform, TransformError } from './value-transforms.js';

describe('applyTransform', () => {
  it.each([
    ['string', ' Heat ', undefined, ' Heat '],
    ['string', 42, undefined, '42'],
    ['number', '4.5', undefined, 4.5],
    ['number', 3, undefined, 3],
    ['int', '1995', undefined, 1995],
    ['bool', 'Yes', undefined, true],
    ['bool', '0', undefined, false],
    ['bool', false, undefined, false],
    ['epoch-s', '1700000000', undefined, '2023-11-14T22:13:20.000Z'],
    ['epoch-s', 1700000000.5, undefined, '2023-11-14T22:13:20.500Z'],
    ['epoch-ms', '1700000000123', undefined, '2023-11-14T22:13:20.123Z'],
    ['iso', '2024-05-01T10:00:00+02:00', undefined, '2024-05-01T08:00:00.000Z'],
    ['iso', '2024-05-01 10:00', undefined, '2024-05-01T10:00:00.000Z'],
    ['iso', '2024-05-01', undefined, '2024-05-01T00:00:00.000Z'],
    ['iso', '2024-05-01T10:00:00.250Z', undefined, '2024-05-01T10:00:00.250Z'],
    ['list', 'Drama| Crime ||', undefined, ['Drama', 'Crime']],
    ['list', 'a;b', ';', ['a', 'b']],
    ['list', ['x', 1], undefined, ['x', '1']],
    ['slug', "Children's", undefined, 'childrens'],
    ['slugs', 'Sci-Fi;Film Noir', ';', ['sci-fi', 'film-noir']],
    ['age-band', '37', undefined, '35-44'],
  ] as const)('%s of %j gives %j', (transform, raw, separator, expected) => {
    expect(applyTransform(transform, raw, separator)).toEqual(expected);
  });

  it('gives undefined (field left out) for empty values', () => {
    for (const raw of ['', '  ', null, undefined]) expect(applyTransform('number', raw)).toBeUndefined();
  });

  it.each([
    ['number', 'four'],
    ['int', '4.5'],
    ['bool', 'maybe'],
    ['epoch-s', 'yesterday'],
    ['epoch-ms', '1e300'],
    ['iso', '05/01/2024'],
    ['iso', '2024-02-30'],
    ['string', { a: 1 }],
    ['slug', '!!!'],
  ] as const)('%s rejects %j', (transform, raw) => {
    expect(() => applyTransform(transform, raw)).toThrow(TransformError);
  });
});
