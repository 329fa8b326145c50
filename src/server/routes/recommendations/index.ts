import { z } from 'zod';
import { PipelineError } from '../../../pipeline/pipeline-error.js';
import { recommend } from '../../../pipeline/recommend.js';
import { MAX_LIMIT } from '../../../pipeline/serve-slate.js';
import { type ServingCatalog } from '../../../pipeline/serving-catalog.js';
import { similarItems } from '../../../pipeline/similar-items.js';
import { maxAudienceLevelFor, viewerContextOf } from '../../../pipeline/viewer-context.js';
import { profileKindSchema } from '../../../catalog/viewer-profile.js';
import { repositoriesFor } from '../../../store/repositories/index.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { audienceCeiling } from '../catalog/audience-ceiling.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';
import { reasonLabel } from './reason-labels.js';

const reasonSchema = z
  .object({ kind: z.string() })
  .catchall(z.unknown())
  .describe(
    'why the item is here: because-you-watched (history item and its exact weight), similar-to, shares-genre, popular, model-score; and when a reranker of the policy placed it: diversity-pick, calibration-pick, long-tail-pick, rotation-pick, fair-exposure-boost, exploration-pick ("something new for you")',
  );

const recommendationSchema = z.object({
  itemId: z.string(),
  title: z.string(),
  maturityRating: z.string().describe('the rating shown to viewers (PG-13, TV-Y7...); empty when unknown'),
  genres: z.array(z.string()).describe('genre ids, in the listed order'),
  rank: z.number(),
  score: z.number(),
  confidence: z
    .number()
    .describe(
      "the share of the catalog the item outranks for this viewer (1 = the model's first choice); a percentile, not a probability",
    ),
  reasons: z.array(reasonSchema),
});

const lineageSchema = z.object({
  modelId: z.string(),
  algorithm: z.string(),
  dataSnapshot: z.string(),
  policyVersion: z.string(),
});

/**
 * A page about an item above the caller's audience level is answered like one about an unknown item, as
 * GET /v1/items/:id answers: the similar-to reasons would otherwise disclose the item's id and title.
 */
function refuseItemAboveLevel(catalog: ServingCatalog, itemId: string | undefined, maxLevel: number): void {
  const column = itemId === undefined ? undefined : catalog.columnOfId(itemId);
  if (column !== undefined && !((catalog.audienceLevels[column] as number) <= maxLevel)) {
    pipelineErrorToHttp(new PipelineError('unknown-item', 'itemId', `no item has id '${itemId}'`));
  }
}

export function pipelineErrorToHttp(error: unknown): never {
  if (error instanceof PipelineError) {
    throw new HttpError(error.code === 'invalid-request' ? 400 : 404, {
      type: error.code,
      detail: error.message,
      field: error.field,
    });
  }
  throw error;
}

/** Recommendations through the serving pipeline, each list with its decision record; similar items. */
export function registerRecommendationRoutes(app: ApiApp, ctx: ApiContext): void {
  const repos = repositoriesFor(ctx.store.db, ctx.store.dialect, ctx.clock);

  app.get(
    '/v1/recommendations',
    {
      config: { access: { permission: 'recommendations:read' } },
      schema: {
        summary: 'Recommendations for the viewer, with reasons, confidence, lineage and a decision record id',
        description:
          "Runs the serving pipeline: candidates from the production model (or the non-profiling popularity feed), maturity and already-seen filters, the serving policy's rerankers, explanations. Every response is recorded as a decision record before it is sent.",
        tags: ['recommendations'],
        querystring: z.strictObject({
          surface: z.enum(['home', 'detail', 'search']).default('home'),
          limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
          itemId: z
            .uuid()
            .optional()
            .describe('the item a detail page is about (required for surface=detail)'),
          feed: z
            .enum(['personalized', 'non-profiling'])
            .default('personalized')
            .describe("non-profiling: the same popularity feed for everyone at the viewer's audience level"),
        }),
        response: {
          200: z.object({
            items: z.array(recommendationSchema),
            decisionId: z.string(),
            lineage: lineageSchema,
            consent: z.object({ personalization: z.boolean(), source: z.string(), version: z.number() }),
          }),
        },
      },
    },
    async (request) => {
      const policy = ctx.policy;
      const scope = requireScope(request);
      const { surface, limit, itemId, feed } = request.query;
      if (surface === 'detail' && !itemId) {
        throw new HttpError(400, {
          type: 'invalid-request',
          detail: 'surface=detail needs the itemId it is about',
          field: 'itemId',
        });
      }
      const { model, catalog } = await ctx.serving.serving(ctx.store);
      const consent = await ctx.viewerData.get(scope, 'consent');
      const subject = { id: scope.subjectId, key: scope.subjectKey, profileKind: scope.profileKind };
      const result = await viewerContextOf(
        ctx.viewerData.historyOf(scope, repos.interactions),
        catalog,
        subject,
        {
          consent,
          nonProfiling: feed === 'non-profiling',
          maturity: policy.policy.maturity.maxAudienceLevel,
        },
      )
        .then(async (viewer) => {
          if (surface === 'detail') refuseItemAboveLevel(catalog, itemId, viewer.maxAudienceLevel);
          return recommend(
            { surface, limit, itemId, viewer },
            {
              model,
              catalog,
              policy,
              exposureLedger: ctx.exposureLedger,
              servedExposure: ctx.servedExposure,
              heldItems: await ctx.safetyQueue.heldItemIds(),
              dismissedItems: await ctx.viewerData.get(scope, 'dismissed'),
            },
          );
        })
        .catch(pipelineErrorToHttp);
      const [decisionId] = await Promise.all([
        ctx.decisions.record({
          subject: scope.pseudonym,
          surface,
          modelId: result.lineage.modelId,
          policyVersion: result.lineage.policyVersion,
          consent: result.consent,
          stages: result.trace.map(({ stage, changed }) => ({
            stage,
            changed: { ...changed } as Record<string, unknown>,
          })),
          items: result.items.map((item) => ({
            itemId: item.itemId,
            score: item.score,
            rank: item.rank,
            reasons: item.reasons.map(reasonLabel),
          })),
          request: {
            limit,
            feed,
            ...(itemId ? { itemId } : {}),
            algorithm: result.lineage.algorithm,
            dataSnapshot: result.lineage.dataSnapshot,
          },
        }),
        ctx.audit.append({
          actor: actorOf(requirePrincipal(request)),
          action: 'recommendations.serve',
          subject: scope.auditTag,
          outcome: 'success',
          detail: { surface, items: result.items.length, modelId: result.lineage.modelId },
        }),
      ]);
      return {
        items: result.items.map((item) => ({
          ...item,
          genres: [...item.genres],
          reasons: item.reasons.map((r) => ({ ...r })),
        })),
        decisionId,
        lineage: result.lineage,
        consent: result.consent,
      };
    },
  );

  app.get(
    '/v1/items/:id/similar',
    {
      config: { access: { permission: 'catalog:read' } },
      schema: {
        summary:
          'Items similar to one item (not personalized: nothing about the caller is used but their audience level)',
        tags: ['catalog'],
        params: z.strictObject({ id: z.uuid() }),
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(10) }),
        response: { 200: z.object({ items: z.array(recommendationSchema), lineage: lineageSchema }) },
      },
    },
    async (request) => {
      const policy = ctx.policy;
      const ceiling = await audienceCeiling(request, ctx.store, policy.policy.maturity.maxAudienceLevel);
      const { model, catalog } = await ctx.serving.serving(ctx.store);
      const maxAudienceLevel =
        ceiling ??
        maxAudienceLevelFor(profileKindSchema.parse('adult'), policy.policy.maturity.maxAudienceLevel);
      refuseItemAboveLevel(catalog, request.params.id, maxAudienceLevel);
      const heldItems = await ctx.safetyQueue.heldItemIds();
      const result = (() => {
        try {
          return similarItems(
            { itemId: request.params.id, limit: request.query.limit, maxAudienceLevel },
            { model, catalog, policy, exposureLedger: ctx.exposureLedger, heldItems },
          );
        } catch (error) {
          return pipelineErrorToHttp(error);
        }
      })();
      return {
        items: result.items.map((item) => ({
          ...item,
          genres: [...item.genres],
          reasons: item.reasons.map((r) => ({ ...r })),
        })),
        lineage: result.lineage,
      };
    },
  );
}
