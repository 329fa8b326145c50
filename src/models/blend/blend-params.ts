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
 * The default members and weights: the best mean nDCG@10 on ML-100K over nine per-viewer 75/25
 * validation splits (three carved from the training part of each of the seed 42/43/44 reference splits)
 * among iALS (weight 1) + EASE (0 to 0.5) + GF-CF (0 to 0.3; 16 to 64 factors, with and without its
 * linear filter), every member at its own validated defaults but GF-CF, whose ideal filter alone blended
 * best. The top of that grid is flat: the ten best weightings lie within 0.0008 of each other.
 */
export const DEFAULT_BLEND_MEMBERS: BlendMember[] = [
  { algorithm: 'ials', params: {}, weight: 1 },
  { algorithm: 'ease', params: {}, weight: 0.1 },
  { algorithm: 'gfcf', params: { factors: 32, linearWeight: 0, idealWeight: 1 }, weight: 0.15 },
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
