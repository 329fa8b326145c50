import { z } from 'zod';

export const ialsParamsSchema = z.strictObject({
  factors: z
    .int()
    .min(1)
    .max(256)
    .default(64)
    .describe('latent dimensions per viewer and item (fold-in solves an f x f system, so at most 256)'),
  regularization: z
    .number()
    .positive()
    .max(1e6)
    .default(60)
    .describe(
      'L2 penalty lambda in every row solve (YtCY + lambda I); it is not scaled by history length, so ' +
        'raise it with alpha and with longer histories (60 was best on MovieLens 100K with alpha 10)',
    ),
  alpha: z
    .number()
    .positive()
    .max(1e6)
    .default(10)
    .describe(
      'confidence slope: c = 1 + alpha * value (linear) or 1 + alpha * ln(1 + value / epsilon) (log)',
    ),
  confidence: z
    .enum(['linear', 'log'])
    .default('linear')
    .describe('how an interaction value becomes a confidence; log damps heavy repeat counts'),
  epsilon: z
    .number()
    .positive()
    .default(1)
    .describe('scale of values inside the log confidence; ignored by linear confidence'),
  binarize: z
    .boolean()
    .default(true)
    .describe('set every positive value to 1 before confidence, so repeat counts add no confidence'),
  iterations: z
    .int()
    .min(1)
    .max(200)
    .default(15)
    .describe('alternating sweeps; each solves every viewer row, then every item row'),
  cgSteps: z
    .int()
    .min(1)
    .max(64)
    .default(3)
    .describe('conjugate-gradient steps per row solve, warm-started from the previous factors'),
  seed: z
    .int()
    .min(0)
    .max(0xffffffff)
    .default(42)
    .describe('seed of the random factor initialisation; the same seed and data give the same model'),
});

export type IalsParams = z.infer<typeof ialsParamsSchema>;

/** The confidence c of one interaction value under the parameters; values <= 0 mean no preference. */
export function confidenceOf(value: number, params: IalsParams): number {
  if (!(value > 0)) return 1;
  const v = params.binarize ? 1 : value;
  return params.confidence === 'log'
    ? 1 + params.alpha * Math.log1p(v / params.epsilon)
    : 1 + params.alpha * v;
}
