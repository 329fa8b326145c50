export { type ItemKnnParams, itemKnnParamsSchema } from './item-knn-params.js';
export { itemKnnAlgorithm } from './item-knn-scorer.js';
export { type ItemNeighbours, computeItemNeighbours } from './item-neighbours.js';
