import { z } from 'zod';
import { whyItem } from '../../../explain/why-item.js';
import { servingConsentOf } from '../../../privacy/consent/serving-consent.js';
import { PipelineError } from '../../../pipeline/pipeline-error.js';
import { POPULARITY_MODEL_ID } from '../../../pipeline/serving-catalog.js';
import { viewerContextOf } from '../../../pipeline/viewer-context.js';
import { repositoriesFor } from '../../../store/repositories/index.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';
import { pipelineErrorToHttp } from './index.js';

const contributionSchema = z.object({ itemId: z.string(), title: z.string(), weight: z.number() });

const whySchema = z.object({
  decisionId: z.string(),
  itemId: z.string(),
  title: z.string(),
  rank: z.number().describe('place on the list served for the same request now'),
  score: z.number(),
  personalized: z.boolean().describe('false: the list was not built from the viewing history'),
  reproduced: z
    .boolean()
    .describe('whether the same request now serves exactly the recorded list (history unchanged since)'),
  contributions: z
    .array(contributionSchema)
    .describe("each history item's exact share of the score, largest first"),
  base: z.number().nullable().describe('the part of the score no history item explains'),
  counterfactual: z.union([
    z.object({
      found: z.literal(true),
      removed: z.array(contributionSchema).describe('without these history items the item leaves the list'),
      minimality: z.enum(['minimum', 'irreducible']),
      verified: z.boolean().describe('the list re-run without them does not hold the item'),
      scoreWithout: z.number(),
      predictedScoreWithout: z.number().nullable(),
      reruns: z.number(),
    }),
    z.object({
      found: z.literal(false),
      reason: z.enum(['not-personalized', 'stays-without-any-history']),
      reruns: z.number(),
    }),
  ]),
  modelId: z.string(),
  policyVersion: z.string(),
});

const conflict = (detail: string) => new HttpError(409, { type: 'conflict', detail });

/** The carried fair-exposure shortfall the recorded list was ranked with, so the re-run matches it. */
function carriedDeficit(
  stages: readonly { stage: string; changed: Record<string, unknown> }[],
): number | undefined {
  for (const entry of stages) {
    if (entry.stage !== 'rerank' || entry.changed.reranker !== 'fair-exposure') continue;
    const deficit = (entry.changed.params as Record<string, unknown> | undefined)?.carriedDeficit;
    if (typeof deficit === 'number') return deficit;
  }
  return undefined;
}

/**
 * "Why this?" for one item of a list the viewer was served: the exact contributions of their history items
 * and the smallest set of them without which the item would leave the list, computed by re-running the
 * recorded request (same surface, limit, feed, model, policy, carried exposure) on the current history.
 */
export function registerWhyRoute(app: ApiApp, ctx: ApiContext): void {
  const repos = repositoriesFor(ctx.store.db, ctx.store.dialect, ctx.clock);
  app.get(
    '/v1/recommendations/:id/items/:itemId/why',
    {
      config: { access: { permission: 'recommendations:read' } },
      schema: {
        summary: 'Why an item is on a served list: history contributions and a verified counterfactual',
        description:
          "Answers for the viewer's own decision records only. 409 when the model or the policy that served the list is no longer in production, or the item is no longer on the list the same request serves now.",
        tags: ['recommendations'],
        params: z.strictObject({
          id: z.uuid().describe('the decision record id of the served list'),
          itemId: z.uuid(),
        }),
        response: { 200: whySchema },
      },
    },
    async (request) => {
      const policy = ctx.policy;
      const scope = requireScope(request);
      const { id, itemId } = request.params;
      const record = await ctx.decisionReader.get(id);
      if (!record || record.subject !== scope.pseudonym) {
        throw new HttpError(404, { type: 'not-found', detail: 'no such decision record', field: 'id' });
      }
      if (!record.items.some((item) => item.itemId === itemId)) {
        throw new HttpError(404, {
          type: 'not-found',
          detail: 'the item is not on that list',
          field: 'itemId',
        });
      }
      const { model, catalog } = await ctx.serving.serving(ctx.store);
      // The popularity ordering serves whatever the model; a model's list needs that model in production.
      if (record.modelId !== POPULARITY_MODEL_ID && record.modelId !== model?.manifest.id) {
        throw conflict(`the list was served by model ${record.modelId}, which is no longer in production`);
      }
      if (record.policyVersion !== policy.version) {
        throw conflict(
          `the list was served under policy ${record.policyVersion}, which is no longer in force`,
        );
      }
      const asked = record.request ?? {};
      const limit = typeof asked.limit === 'number' ? asked.limit : record.items.length;
      const viewer = await viewerContextOf(
        repos,
        catalog,
        { id: scope.subjectId, key: scope.subjectKey, profileKind: scope.profileKind },
        {
          consent: await servingConsentOf(ctx.store.db, scope.subjectId),
          nonProfiling: asked.feed === 'non-profiling',
          maturity: policy.policy.maturity.maxAudienceLevel,
        },
      );
      const deficit = carriedDeficit(record.stages);
      const deps = {
        model,
        catalog,
        policy,
        ...(deficit === undefined ? {} : { exposureDeficit: deficit }),
      };
      const recommendRequest = {
        surface: record.surface,
        limit,
        itemId: typeof asked.itemId === 'string' ? asked.itemId : undefined,
        viewer,
      };
      let why: ReturnType<typeof whyItem>;
      try {
        why = whyItem(recommendRequest, itemId, deps);
      } catch (error) {
        if (error instanceof PipelineError && error.code === 'unknown-item' && error.field === 'itemId') {
          throw conflict('the item is no longer on the list this request serves (the history changed since)');
        }
        return pipelineErrorToHttp(error);
      }
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'recommendations.why',
        subject: scope.auditTag,
        target: record.id,
        outcome: 'success',
        detail: { reruns: why.counterfactual.reruns, found: why.counterfactual.found },
      });
      const { listItemIds, ...explained } = why;
      return {
        decisionId: record.id,
        ...explained,
        reproduced: listItemIds.join() === record.items.map((item) => item.itemId).join(),
        modelId: record.modelId,
        policyVersion: record.policyVersion,
      };
    },
  );
}
