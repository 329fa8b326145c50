import { type CooccurrenceRows, cosineSimilarity, viewerWeight } from './item-cooccurrence.js';
import type { ItemKnnParams } from './item-knn-params.js';
import { type FittedItemKnn, type ItemNeighbours, neighbourCount } from './item-neighbours.js';
import { reselectNeighbours } from './neighbour-reselect.js';

type Shape = Pick<ItemKnnParams, 'neighbours' | 'shrinkage' | 'iuf'>;

/**
 * Removes one viewer, whose items are S (ascending), from fitted item-kNN, giving bit for bit what a
 * refit without the viewer gives. With w the viewer's weight (exact, see `viewerWeight`), |i|² drops by
 * w for i in S, and dot(i, j) by w for i != j both in S; a dot that reaches 0 leaves its row, as a refit
 * would never have stored it. Then the neighbour lists that can have changed are selected again (see
 * `reselectNeighbours`).
 *
 * Nothing is changed in place: the result has new arrays for what changed and shares the rest.
 */
export function forgetItemKnnViewer(model: FittedItemKnn, items: Int32Array, params: Shape): FittedItemKnn {
  const n = model.cooccurrence.normSquared.length;
  const w = viewerWeight(items.length, n, params.iuf);
  if (items.length === 0 || w === 0) return model;
  const inS = new Uint8Array(n);
  for (const s of items) inS[s] = 1;
  const cooccurrence = downdated(model.cooccurrence, items, inS, w);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i += 1) norms[i] = Math.sqrt(cooccurrence.normSquared[i] as number);
  const lists = reselectNeighbours(model, cooccurrence, norms, items, inS, {
    k: neighbourCount(params.neighbours, n),
    shrinkage: params.shrinkage,
  });
  return { ...lists, cooccurrence };
}

/** Thrown by `forget` when a row cannot have been part of the model's training matrix. */
function notTrained(detail: string): never {
  throw new Error(
    `itemknn forget: ${detail}, so the row was not in the training matrix (or was removed already)`,
  );
}

/** The statistics without one viewer of weight w whose items are S (marked in `inS`): new rows for S. */
function downdated(old: CooccurrenceRows, items: Int32Array, inS: Uint8Array, w: number): CooccurrenceRows {
  const normSquared = old.normSquared.slice();
  const item = old.item.slice();
  const dot = old.dot.slice();
  for (const s of items) {
    const value = (normSquared[s] as number) - w;
    if (value < 0) notTrained(`the squared norm of item ${s} would fall below 0`);
    normSquared[s] = value;
    const rowItem = old.item[s] as Int32Array;
    const rowDot = old.dot[s] as Float64Array;
    let matched = 0;
    let dropped = 0;
    for (let e = 0; e < rowItem.length; e += 1) {
      if (inS[rowItem[e] as number] !== 1) continue;
      matched += 1;
      const left = (rowDot[e] as number) - w;
      if (left < 0) notTrained(`dot(${s}, ${rowItem[e]}) would fall below 0`);
      if (left === 0) dropped += 1;
    }
    if (matched !== items.length - 1)
      notTrained(`item ${s} lacks a dot product with another item of the row`);
    const newItem = new Int32Array(rowItem.length - dropped);
    const newDot = new Float64Array(rowItem.length - dropped);
    let at = 0;
    for (let e = 0; e < rowItem.length; e += 1) {
      const j = rowItem[e] as number;
      const value = inS[j] === 1 ? (rowDot[e] as number) - w : (rowDot[e] as number);
      if (value === 0) continue;
      newItem[at] = j;
      newDot[at] = value;
      at += 1;
    }
    item[s] = newItem;
    dot[s] = newDot;
  }
  return { item, dot, normSquared };
}

/**
 * The float64 similarities of stored neighbour lists, from the statistics (for models loaded from an
 * artifact). Throws when they do not round to the stored similarities: the statistics or the
 * parameters do not belong to the lists, and unlearning would give wrong lists.
 */
export function preciseSimilarities(
  neighbours: ItemNeighbours,
  cooccurrence: CooccurrenceRows,
  shrinkage: number,
): Float64Array {
  const n = cooccurrence.normSquared.length;
  const precise = new Float64Array(neighbours.item.length);
  for (let i = 0; i < n; i += 1) {
    const normI = Math.sqrt(cooccurrence.normSquared[i] as number);
    const rowItem = cooccurrence.item[i] as Int32Array;
    const rowDot = cooccurrence.dot[i] as Float64Array;
    let e = 0;
    for (let q = neighbours.start[i] as number; q < (neighbours.start[i + 1] as number); q += 1) {
      const j = neighbours.item[q] as number;
      while (e < rowItem.length && (rowItem[e] as number) < j) e += 1;
      const sim =
        rowItem[e] === j
          ? cosineSimilarity(
              rowDot[e] as number,
              normI,
              Math.sqrt(cooccurrence.normSquared[j] as number),
              shrinkage,
            )
          : Number.NaN;
      if (Math.fround(sim) !== neighbours.similarity[q]) {
        throw new Error(
          `itemknn forget: the stored statistics give sim(${i}, ${j}) = ${sim}, the lists ` +
            `${neighbours.similarity[q]}: they do not match each other or the parameters, so only a refit can forget`,
        );
      }
      precise[q] = sim;
    }
  }
  return precise;
}
