import { z } from 'zod';

/**
 * Defaults chosen on ML-100K: the best mean nDCG@10 over four per-viewer 75/25 validation splits carved
 * from the training part of the reference split (k in 10..400, shrinkage in 0..100, with and without IUF).
 */
export const itemKnnParamsSchema = z.strictObject({
  neighbours: z
    .int()
    .min(1)
    .default(300)
    .describe('how many most similar items each item keeps as its neighbours (k)'),
  shrinkage: z
    .number()
    .min(0)
    .default(50)
    .describe(
      'added to the denominator of the similarity, dot / (|a| |b| + shrinkage): damps similarities ' +
        'resting on few shared viewers',
    ),
  iuf: z
    .boolean()
    .default(true)
    .describe(
      "inverse user frequency: weight each viewer's co-occurrences by log(items / viewer's items), so " +
        'viewers who watch everything say less about which items belong together',
    ),
  similarity: z
    .enum(['cosine'])
    .default('cosine')
    .describe('similarity of two items: cosine of their binary viewer columns'),
});

export type ItemKnnParams = z.infer<typeof itemKnnParamsSchema>;
