import { z } from 'zod';

/**
 * The default lambda is the best mean nDCG@10 over four per-viewer 75/25 validation splits carved from the
 * training part of the ML-100K reference split (lambda from 100 to 2,000; 400 to 1,000 are within 0.001).
 */
export const easeParamsSchema = z.strictObject({
  lambda: z
    .number()
    .positive()
    .default(500)
    .describe(
      'L2 penalty added to the diagonal of the item-item Gram matrix (XᵀX + lambda I); larger means ' +
        'smoother weights that lean towards popular items',
    ),
});

export type EaseParams = z.infer<typeof easeParamsSchema>;
