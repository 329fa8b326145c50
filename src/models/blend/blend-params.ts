import { z } from 'zod';

/** The name the blend registers under; a blend cannot be one of its own members. */
export const BLEND = 'blend';

export const blendMemberSchema = z.strictObject({
  algorithm: z
    .string()
    .min(1)
    .refine((name) => name !== BLEND, { message: 'a blend cannot contain a blend' })
    .describe('name of a registered algorithm (any but blend)'),
  params: z
    .record(z.string(), z.unknown())
    .default({})
    .describe("the member's own parameters; its schema checks them and fills its defaults"),
  weight: z
    .number()
    .positive()
    .max(1e6)
    .describe("weight of the member's scores once scaled to unit spread over the viewer's unseen items"),
});

export type BlendMember = z.infer<typeof blendMemberSchema>;

/**
 * The default members and weights: the best mean nDCG@10 on ML-100K over nine validation splits (three
 * 90/10 per-viewer splits carved from the training part of each of the seed 42/43/44 reference splits;
 * `npm run bench -- tune`). iALS is averaged over three seeds: its factors depend on the random start,
 * and the average of three starts ranks better than any one (validation nDCG 0.1856 against 0.1848 for
 * the single-seed blend iALS 1 + EASE 0.1 + GF-CF 0.15). Beside the three iALS fits, EASE 0.1 to 0.3 and
 * GF-CF 0.1 to 0.25 (in units of one third of the iALS weight) lie within 0.0004 of each other; 0.3 and
 * 0.25 were best. Every member is at its own validated defaults but GF-CF, whose ideal filter alone
 * blended best. Weights are relative: only their ratios change the ranking.
 */
export const DEFAULT_BLEND_MEMBERS: BlendMember[] = [
  { algorithm: 'ials', params: { seed: 42 }, weight: 1 },
  { algorithm: 'ials', params: { seed: 7 }, weight: 1 },
  { algorithm: 'ials', params: { seed: 99 }, weight: 1 },
  { algorithm: 'ease', params: {}, weight: 0.9 },
  { algorithm: 'gfcf', params: { factors: 32, linearWeight: 0, idealWeight: 1 }, weight: 0.75 },
];

export const blendParamsSchema = z.strictObject({
  members: z
    .array(blendMemberSchema)
    .min(1)
    .max(8)
    .default(() => structuredClone(DEFAULT_BLEND_MEMBERS))
    .describe(
      "the models blended: each is fitted on the same data, its scores for a viewer are divided by their standard deviation over the viewer's unseen items, and the weighted sum is the blend's score",
    ),
});

export type BlendParams = z.infer<typeof blendParamsSchema>;
