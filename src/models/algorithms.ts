import { popularityAlgorithm } from './basic/popularity-scorer.js';
import { BLEND, createBlendAlgorithm } from './blend/index.js';
import { gfcfAlgorithm } from './graph/index.js';
import { itemKnnAlgorithm } from './knn/index.js';
import { easeAlgorithm } from './linear/index.js';
import { ialsAlgorithm } from './mf/ials-scorer.js';
import type { Algorithm } from './recommender.js';

/** Every algorithm Candor can train, by name. */
export const ALGORITHMS: Record<string, Algorithm> = {
  [popularityAlgorithm.name]: popularityAlgorithm,
  [itemKnnAlgorithm.name]: itemKnnAlgorithm,
  [easeAlgorithm.name]: easeAlgorithm,
  [ialsAlgorithm.name]: ialsAlgorithm,
  [gfcfAlgorithm.name]: gfcfAlgorithm,
  [BLEND]: createBlendAlgorithm(algorithmNamed),
};

/**
 * What `candor train` and the demo fit when not told otherwise: the most accurate model on the ML-100K
 * protocol among those that explain exactly (EASE; see the README's benchmark table).
 */
export const DEFAULT_ALGORITHM = 'ease';

export const algorithmNames = (): string[] => Object.keys(ALGORITHMS);

export function algorithmNamed(name: string): Algorithm {
  const algorithm = ALGORITHMS[name];
  if (!algorithm) throw new Error(`unknown algorithm '${name}' (one of ${algorithmNames().join(', ')})`);
  return algorithm;
}

/** Validates parameters for an algorithm; the error names the failing parameter. */
export function paramsFor(algorithm: Algorithm, input: unknown): Record<string, unknown> {
  const result = algorithm.paramsSchema.safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `${algorithm.name} parameter '${issue?.path.join('.') ?? ''}': ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data as Record<string, unknown>;
}
