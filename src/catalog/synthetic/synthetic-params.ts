import { z } from 'zod';

/** Parameters of the synthetic catalog generator. Every field has a default; the same params give the same bytes. */
export const syntheticParamsSchema = z
  .strictObject({
    items: z
      .number()
      .int()
      .min(10)
      .max(1_000_000)
      .default(2000)
      .describe('number of items, counting films, series, their episodes and music tracks'),
    viewers: z.number().int().min(1).max(1_000_000).default(5000).describe('number of viewer profiles'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(0xffff_ffff)
      .default(42)
      .describe('seed of the pseudo-random generator: the same params and seed give identical files'),
    underrepresentedShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.2)
      .describe('share of creators who belong to the under-represented group'),
    exposureBias: z
      .number()
      .min(0)
      .max(10)
      .default(0.5)
      .describe(
        'planted bias: multiplier on how often items with an under-represented creator are shown and so logged; 1 = no bias',
      ),
    tasteClusters: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(12)
      .describe('number of latent taste clusters, each with its own genre affinity profile'),
    meanInteractionsPerViewer: z
      .number()
      .min(3)
      .max(1000)
      .default(30)
      .describe(
        'mean number of logged events (view, complete, like, rating) per viewer; heavy-tailed, at least 3',
      ),
    popularityExponent: z
      .number()
      .min(0)
      .max(3)
      .default(1)
      .describe(
        'Zipf exponent of item exposure: propensity of the item at popularity rank r is 1 / r^exponent',
      ),
    startDate: z.iso
      .datetime({ offset: true })
      .default('2026-01-01T00:00:00Z')
      .describe('start of the logged period (a fixed date: the generator never reads the clock)'),
    days: z.number().int().min(1).max(3650).default(180).describe('length of the logged period in days'),
    kidsShare: z.number().min(0).max(1).default(0.08).describe('share of viewers with a kids profile'),
    teenShare: z.number().min(0).max(1).default(0.12).describe('share of viewers with a teen profile'),
  })
  .superRefine((params, ctx) => {
    if (params.kidsShare + params.teenShare > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['teenShare'],
        message: `kidsShare + teenShare must be at most 1, got ${params.kidsShare + params.teenShare}`,
      });
    }
  });

export type SyntheticParams = z.output<typeof syntheticParamsSchema>;
export type SyntheticParamsInput = z.input<typeof syntheticParamsSchema>;

/** Parses params, throwing an Error whose message names each failing field (e.g. `items: Too small ...`). */
export function parseSyntheticParams(input: SyntheticParamsInput | undefined = {}): SyntheticParams {
  const result = syntheticParamsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(params)'}: ${issue.message}`,
  );
  throw new Error(`invalid synthetic params: ${problems.join('; ')}`);
}
