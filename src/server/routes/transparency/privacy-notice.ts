import { z } from 'zod';
import { privacyNotice } from '../../../privacy/privacy-notice.js';
import type { ApiApp, ApiContext } from '../../api-context.js';

const privacyNoticeSchema = z.object({
  policyVersion: z.string(),
  consentTextVersion: z
    .string()
    .describe('the version of the purposes’ wording, as GET /v1/me/consents says'),
  purposes: z.array(z.object({ id: z.string(), title: z.string(), description: z.string() })),
  categories: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      what: z.string().describe('what exactly is kept'),
      why: z.string().describe('what it is used for'),
      purposes: z.array(z.string()).describe('consent purposes that govern its use; empty: needed to run'),
      retention: z.object({
        days: z
          .number()
          .int()
          .nullable()
          .describe('purged after this many days; null: kept until the account is deleted; 0: not stored'),
        text: z.string(),
      }),
    }),
  ),
});

/** What is kept about a viewer, why and for how long, from the policy in force and the consent purposes. */
export function registerPrivacyNoticeRoute(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/transparency/privacy-notice',
    {
      config: { access: { permission: 'catalog:read' } },
      schema: {
        summary: 'What data is kept about a viewer, why, and for how long, in plain language',
        description:
          'Generated from the serving policy in force (its retention limits) and the consent purposes.',
        tags: ['transparency', 'privacy'],
        response: { 200: privacyNoticeSchema },
      },
    },
    async () => privacyNotice(ctx.policy, ctx.purposes),
  );
}
