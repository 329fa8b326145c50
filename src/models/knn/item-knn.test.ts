import { describe, expect, it } from 'vitest';
import { type InteractionMatrix, historyOf, matrixFromTriplets } from '../interaction-matrix.js';
import { runScorerContract, tasteGroupWorld } from '../scorer-contract.js';
import { itemKnnParamsSchema } from './item-knn-params.js';
import { itemKnnAlgorithm } from './item-knn-scorer.js';
import { computeItemNeighbours } from './item-neighbours.js';

runScorerContract({ algorithm: itemKnnAlgorithm, params: {} });
runScorerContract({ algorithm: itemKnnAlgorithm, params: { neighbours: 5, shrinkage: 10, iuf: true } });

/** Dense cosine of (weighted) binary columns, then each target's k best by (similarity desc, index asc). */
function naiveNeighbours(matrix: InteractionMatrix, k: number, shrinkage: number, iuf: boolean) {
  const n = matrix.nItems;
  const dot = new Float64Array(n * n);
  for (let u = 0; u < matrix.nUsers; u += 1) {
    const items = historyOf(matrix, u).items;
    const w = iuf ? Math.log(n / items.length) : 1;
    for (const a of items) for (const b of items) dot[a * n + b] = (dot[a * n + b] as number) + w;
  }
  const lists: { item: number; similarity: number }[][] = [];
  for (let i = 0; i < n; i += 1) {
    const candidates: { item: number; similarity: number }[] = [];
    for (let j = 0; j < n; j += 1) {
      const d = dot[j * n + i] as number;
      if (j === i || d <= 0) continue;
      const norms = Math.sqrt(dot[i * n + i] as number) * Math.sqrt(dot[j * n + j] as number);
      candidates.push({ item: j, similarity: d / (norms + shrinkage) });
    }
    candidates.sort((x, y) => y.similarity - x.similarity || x.item - y.item);
    lists.push(candidates.slice(0, k).sort((x, y) => x.item - y.item));
  }
  return lists;
}

describe('item-kNN', () => {
  const { matrix } = tasteGroupWorld(5, 4, 12, 15);

  it.each([
    [3, 0, false],
    [10, 0, false],
    [10, 5, false],
    [10, 0, true],
    [1000, 2, true],
  ])(
    'keeps the %i most similar items per target (shrinkage %d, IUF %s) like a dense computation',
    async (k, shrinkage, iuf) => {
      const lists = await computeItemNeighbours(matrix, { neighbours: k, shrinkage, iuf });
      const expected = naiveNeighbours(matrix, k, shrinkage, iuf);
      for (let i = 0; i < matrix.nItems; i += 1) {
        const from = lists.start[i] as number;
        const to = lists.start[i + 1] as number;
        expect(Array.from(lists.item.subarray(from, to))).toEqual(expected[i]?.map((c) => c.item));
        expected[i]?.forEach((c, at) => expect(lists.similarity[from + at]).toBeCloseTo(c.similarity, 6));
      }
    },
  );

  it('breaks ties towards the lower item index, whatever the order of the viewers', async () => {
    // Items 1, 2, 3 each share exactly one viewer with item 0 and have one viewer in all: equal similarity.
    const tied = matrixFromTriplets(3, 4, [0, 0, 1, 1, 2, 2], [0, 3, 0, 2, 0, 1]);
    const lists = await computeItemNeighbours(tied, { neighbours: 2, shrinkage: 0, iuf: false });
    expect(Array.from(lists.item.subarray(lists.start[0], lists.start[1]))).toEqual([1, 2]);
  });

  it('scores a history by summing the similarities of its items among each target’s neighbours', async () => {
    const scorer = await itemKnnAlgorithm.fit(
      matrix,
      itemKnnParamsSchema.parse({ neighbours: 4, shrinkage: 0, iuf: false }),
    );
    const lists = await computeItemNeighbours(matrix, { neighbours: 4, shrinkage: 0, iuf: false });
    const history = { items: Int32Array.of(0, 5, 9, 20) };
    const scores = scorer.score(history);
    for (let i = 0; i < matrix.nItems; i += 1) {
      let expected = 0;
      for (let e = lists.start[i] as number; e < (lists.start[i + 1] as number); e += 1) {
        if (history.items.includes(lists.item[e] as number)) expected += lists.similarity[e] as number;
      }
      expect(scores[i]).toBeCloseTo(expected, 6);
    }
    expect(() => scorer.score({ items: Int32Array.of(-1) })).toThrow('item -1 outside');
    expect(() => scorer.explain?.(history, matrix.nItems)).toThrow(`item ${matrix.nItems} outside`);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      itemKnnAlgorithm.fit(matrix, itemKnnParamsSchema.parse({}), { signal: controller.signal }),
    ).rejects.toThrow('stop');
  });

  it('validates its parameters and its artifact', async () => {
    expect(itemKnnParamsSchema.parse({})).toEqual({
      neighbours: 300,
      shrinkage: 50,
      iuf: true,
      similarity: 'cosine',
    });
    expect(itemKnnParamsSchema.safeParse({ neighbours: 0 }).success).toBe(false);
    expect(itemKnnParamsSchema.safeParse({ similarity: 'pearson' }).success).toBe(false);
    const params = itemKnnParamsSchema.parse({});
    const scorer = await itemKnnAlgorithm.fit(matrix, params);
    const arrays = new Map(Object.entries(scorer.weights()));
    expect(() => itemKnnAlgorithm.load(arrays, params, matrix.nItems + 1)).toThrow(
      'neighbourStart must hold',
    );
    const broken = new Map(arrays).set(
      'neighbourItem',
      arrays.get('neighbourItem')?.map(() => 999) ?? new Int32Array(),
    );
    expect(() => itemKnnAlgorithm.load(broken, params, matrix.nItems)).toThrow('neighbour 999 outside');
    arrays.delete('similarity');
    expect(() => itemKnnAlgorithm.load(arrays, params, matrix.nItems)).toThrow("Float32Array 'similarity'");
  });
});
