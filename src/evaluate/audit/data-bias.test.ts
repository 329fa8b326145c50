import { describe, expect, it } from 'vitest';
import { matrixFromTriplets } from '../../models/interaction-matrix.js';
import { dataBias } from './data-bias.js';

// Viewer 0 logged item 0 twice and item 1 once, viewer 1 item 0 once, viewer 2 nothing: 4 events.
const train = matrixFromTriplets(3, 3, [0, 0, 0, 1], [0, 0, 1, 0]);

describe('dataBias', () => {
  const bias = dataBias(
    train,
    { creatorGroup: ['underrepresented', 'other', 'other'] },
    // A fourth viewer never interacted: not in the matrix, but one of the viewers.
    { gender: ['F', 'M', 'F', 'M'] },
  );

  it('compares item groups’ share of interactions with their share of the catalog', () => {
    expect(bias.interactions).toBe(4);
    expect(bias.items).toEqual([
      {
        attribute: 'creatorGroup',
        population: 'catalog',
        groups: [
          {
            group: 'other',
            population: 2,
            populationShare: 2 / 3,
            interactions: 1,
            interactionShare: 0.25,
            ratio: 0.25 / (2 / 3),
          },
          {
            group: 'underrepresented',
            population: 1,
            populationShare: 1 / 3,
            interactions: 3,
            interactionShare: 0.75,
            ratio: 0.75 / (1 / 3),
          },
        ],
      },
    ]);
  });

  it('compares viewer groups’ share of interactions with their share of all viewers', () => {
    const [gender] = bias.viewers;
    expect(gender?.population).toBe('viewers');
    expect(gender?.groups.map((g) => [g.group, g.population, g.interactions, g.populationShare])).toEqual([
      ['F', 2, 3, 0.5],
      ['M', 2, 1, 0.5],
    ]);
    expect(gender?.groups.map((g) => g.ratio)).toEqual([1.5, 0.5]);
    for (const side of [bias.items, bias.viewers]) {
      for (const r of side) expect(r.groups.reduce((s, g) => s + g.interactionShare, 0)).toBeCloseTo(1, 12);
    }
  });

  it('rejects label columns that do not fit the matrix', () => {
    expect(() => dataBias(train, { g: ['a'] }, {})).toThrow(/g has 1 labels for 3 items/);
    expect(() => dataBias(train, {}, { g: ['a'] })).toThrow(/g has 1 labels for 3 viewers/);
  });
});
