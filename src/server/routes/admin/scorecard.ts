import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AuditFigureCache } from '../../../governance/scorecard/audit-cache.js';
import { gatherScorecard, ScorecardModelError } from '../../../governance/scorecard/gather-scorecard.js';
import { renderScorecardPdf } from '../../../governance/scorecard/render-pdf.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';

const DESCRIPTION =
  'A PDF for stakeholders: the model against the policy targets, accuracy and beyond-accuracy metrics, ' +
  'group fairness with confidence intervals, exposure by creator group and popularity, best and worst ' +
  'cohorts, privacy and safety figures, and the sign-offs. Re-audits the model on the stored data, so it ' +
  'takes as long as training it once.';

/** The responsible-AI scorecard of a model version (default production), as a PDF (control plane). */
export function registerScorecardRoutes(app: ApiApp, ctx: ApiContext): void {
  // Downloading the same scorecard again (or both routes for production) does not refit the model.
  const cache = new AuditFigureCache();
  const scorecard = async (request: FastifyRequest, reply: FastifyReply, modelId: string | undefined) => {
    const principal = requirePrincipal(request);
    // One reading of the live policy for the whole scorecard.
    const policy = ctx.policy;
    let data;
    try {
      data = await gatherScorecard(
        { store: ctx.store, dataDir: ctx.config.dataDir, policy, clock: ctx.clock },
        { modelId, cache },
      );
    } catch (error) {
      if (!(error instanceof ScorecardModelError)) throw error;
      throw error.reason === 'no-such-model'
        ? new HttpError(404, { type: 'not-found', detail: 'no such model', field: 'id' })
        : new HttpError(404, {
            type: 'no-production-model',
            detail: 'no model is in production: ask for a version with /v1/admin/models/{id}/scorecard',
          });
    }
    const pdf = await renderScorecardPdf(data);
    await ctx.audit.append({
      actor: actorOf(principal),
      action: 'scorecard.generate',
      target: data.model.id,
      outcome: 'success',
      detail: { policyVersion: data.policyVersion, gate: data.gate?.id ?? null, bytes: pdf.length },
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="candor-scorecard-${data.model.id}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  };

  app.get(
    '/v1/admin/scorecard',
    {
      config: { access: { permission: 'models:read' } },
      schema: {
        summary: 'The responsible-AI scorecard of the production model (PDF)',
        description: DESCRIPTION,
        tags: ['models'],
      },
    },
    (request, reply) => scorecard(request, reply, undefined),
  );

  app.get(
    '/v1/admin/models/:id/scorecard',
    {
      config: { access: { permission: 'models:read' } },
      schema: {
        summary: 'The responsible-AI scorecard of one model version (PDF)',
        description: DESCRIPTION,
        tags: ['models'],
        params: z.strictObject({ id: z.uuid() }),
      },
    },
    (request, reply) => scorecard(request, reply, request.params.id),
  );
}
