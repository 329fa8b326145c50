import { z } from 'zod';

/**
 * The proof of one erasure, kept in the audit log and in `erasure_certificates`. It holds no personal
 * data: no subject id, external id or pseudonym, only what was removed, where, and how the model was
 * checked afterwards.
 */
export const erasureCertificateSchema = z.object({
  id: z.string(),
  at: z.string(),
  requestedBy: z.string(),
  rows: z.record(z.string(), z.number().int().nonnegative()),
  dataKeyShredded: z.boolean(),
  cachesCleared: z.array(z.string()),
  storage: z.string(),
  models: z.array(
    z.object({
      alias: z.string(),
      before: z.string(),
      after: z.string().nullable(),
      algorithm: z.string(),
      influence: z.enum(['none', 'removed']),
      method: z.string(),
      exact: z.boolean(),
      followUp: z.string().nullable(),
      seconds: z.number(),
      verification: z
        .object({
          sampledViewers: z.number().int().nonnegative(),
          maxAbsScoreDifference: z.number(),
          tolerance: z.number(),
          passed: z.boolean(),
          retrainSeconds: z.number(),
        })
        .nullable(),
    }),
  ),
  retiredArtifacts: z.array(z.string()),
});

export type ErasureCertificate = z.infer<typeof erasureCertificateSchema>;
export type ModelErasure = ErasureCertificate['models'][number];
