import { z } from 'zod';

/** Response shapes of the model registry routes (the registry's own types, as zod for the OpenAPI doc). */

export const signoffSchema = z.object({
  id: z.string(),
  gateId: z.string(),
  modelId: z.string(),
  role: z.string(),
  accountId: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
});

export const productionChangeSchema = z.object({
  production: z.string(),
  previous: z.string().nullable(),
  gateId: z.string().nullable(),
});

export const versionDetailsSchema = z.object({
  manifest: z.record(z.string(), z.unknown()),
  aliases: z.array(z.string()),
  retired: z.boolean(),
  ancestors: z.array(
    z.object({ id: z.string(), algorithm: z.string(), createdAt: z.string(), retired: z.boolean() }),
  ),
  gate: z
    .object({
      id: z.string(),
      passed: z.boolean(),
      createdAt: z.string(),
      policyVersion: z.string(),
      current: z.boolean().describe('made under the policy in force'),
      baselineId: z.string().nullable(),
      failures: z.array(z.string()),
      requiredSignoffs: z.array(z.string()),
    })
    .nullable()
    .describe('the latest gate report in brief (GET .../gates for the reports)'),
  signoffs: z.array(signoffSchema).describe('sign-offs of the latest gate report'),
  promotion: z.object({
    ready: z.boolean(),
    enforced: z.boolean(),
    blockers: z.array(z.string()),
    missingSignoffs: z.array(z.string()),
  }),
});
