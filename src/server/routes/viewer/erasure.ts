import { z } from 'zod';
import { eraseSubject, UnknownSubjectError } from '../../../privacy/erasure/erase-subject.js';
import { erasureCertificateSchema } from '../../../privacy/erasure/erasure-certificate.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';

/**
 * The right to be forgotten over HTTP: the viewer (or a service acting for them) erases their account
 * and everything about them; an admin erases any subject on request; auditors read certificates.
 */
export function registerErasureRoutes(app: ApiApp, ctx: ApiContext): void {
  const erase = async (reference: string, actor: string) => {
    const certificate = await eraseSubject(
      {
        store: ctx.store,
        dataDir: ctx.config.dataDir,
        pseudonymizer: ctx.pseudonymizer,
        audit: ctx.audit,
        clock: ctx.clock,
        clearCaches: (subjectId) => {
          ctx.exposureLedger.forget(subjectId);
          ctx.auth.clearCredentialCache();
          ctx.viewerData.forget(subjectId);
          return ['exposure ledger', 'credential cache', 'viewer data cache'];
        },
        // The unlearned model replaces the one that knew the subject before the response is sent.
        reloadModels: () => ctx.serving.reload(),
      },
      reference,
      { actor },
    );
    return certificate;
  };

  app.delete(
    '/v1/me',
    {
      config: { access: { permission: 'me:erase' } },
      schema: {
        summary: 'Erase my account and everything about me, including my influence on the models',
        tags: ['privacy'],
        querystring: z.strictObject({
          confirm: z
            .enum(['true'])
            .describe('must be true: erasure cannot be undone, and the account cannot sign in afterwards'),
        }),
        response: { 200: erasureCertificateSchema },
      },
    },
    async (request) => erase(requireScope(request).subjectId, actorOf(requirePrincipal(request))),
  );

  app.delete(
    '/v1/admin/subjects/:subject',
    {
      config: { access: { permission: 'privacy:manage' } },
      schema: {
        summary: 'Erase a subject on their request (by Candor id or imported external id)',
        tags: ['privacy'],
        params: z.strictObject({ subject: z.string().min(1).max(200) }),
        querystring: z.strictObject({ confirm: z.enum(['true']) }),
        response: { 200: erasureCertificateSchema },
      },
    },
    async (request) => {
      try {
        return await erase(request.params.subject, actorOf(requirePrincipal(request)));
      } catch (error) {
        if (error instanceof UnknownSubjectError) {
          throw new HttpError(404, {
            type: 'unknown-subject',
            detail: error.message,
            field: 'subject',
          });
        }
        throw error;
      }
    },
  );

  app.get(
    '/v1/audit/erasures/:id',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        summary: 'An erasure certificate (no personal data in it)',
        tags: ['privacy'],
        params: z.strictObject({ id: z.string().min(1).max(100) }),
        response: { 200: erasureCertificateSchema },
      },
    },
    async (request) => {
      const row = await ctx.store.db
        .selectFrom('erasure_certificates')
        .select('certificate')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw new HttpError(404, { type: 'not-found', detail: 'no such certificate', field: 'id' });
      return erasureCertificateSchema.parse(JSON.parse(row.certificate));
    },
  );
}
