import { z } from 'zod';
import {
  AskInputError,
  askIntentSchema,
  buildVocabulary,
  composeAnswer,
  intentBoost,
  matchesIntent,
  parseIntent,
  resolveSimilarTitle,
  unknownConstraintCount,
  type Vocabulary,
} from '../../../pipeline/ask/index.js';
import { recommend } from '../../../pipeline/recommend.js';
import { MAX_LIMIT, type Recommendation } from '../../../pipeline/serve-slate.js';
import type { ServingCatalog } from '../../../pipeline/serving-catalog.js';
import { viewerContextOf } from '../../../pipeline/viewer-context.js';
import { servingConsentOf } from '../../../privacy/consent/serving-consent.js';
import { repositoriesFor } from '../../../store/repositories/index.js';
import type { ItemKind } from '../../../catalog/catalog-records.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { blockedError } from '../safety/safety-outcomes.js';
import { reasonLabel } from '../recommendations/reason-labels.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';

const DEFAULT_ANSWER_ITEMS = 5;
const MAX_ANSWER_ITEMS = 20;

/**
 * `POST /v1/ask`: a request in words becomes recommendations. The text is inspected first (prompt
 * attacks refused); a transparent rule-based parser turns it into constraints (each with the words it
 * came from); the viewer's own recommendations (or an item's neighbours for "like X") are filtered and
 * re-ordered by them; the answer names only the catalog items it cites.
 */
export function registerAskRoutes(app: ApiApp, ctx: ApiContext): void {
  const repos = repositoriesFor(ctx.store.db, ctx.store.dialect, ctx.clock, ctx.store.keyring);
  const vocabularies = new WeakMap<ServingCatalog, Vocabulary>();
  const vocabularyOf = async (catalog: ServingCatalog): Promise<Vocabulary> => {
    let vocabulary = vocabularies.get(catalog);
    if (!vocabulary) {
      vocabulary = buildVocabulary(await ctx.store.db.selectFrom('genres').select(['id', 'name']).execute());
      vocabularies.set(catalog, vocabulary);
    }
    return vocabulary;
  };

  app.post(
    '/v1/ask',
    {
      config: { access: { permission: 'recommendations:read' } },
      schema: {
        summary: 'Recommendations from a request in words, with the understood intent shown',
        tags: ['recommendations'],
        body: z.strictObject({ text: z.string().trim().min(1).max(500) }),
        response: {
          200: z.object({
            answer: z.string().describe('built only from the cited catalog items'),
            citations: z.array(z.object({ itemId: z.string(), title: z.string() })),
            intent: askIntentSchema,
            items: z.array(
              z.object({
                itemId: z.string(),
                title: z.string(),
                rank: z.number(),
                reasons: z.array(z.object({ kind: z.string(), label: z.string() })),
              }),
            ),
            decisionId: z.string(),
            inspection: z.object({ action: z.enum(['allow', 'redact']), reasons: z.array(z.string()) }),
          }),
        },
      },
    },
    async (request) => {
      const policy = ctx.policy;
      const safety = ctx.safety;
      const scope = requireScope(request);
      const actor = actorOf(requirePrincipal(request));
      const decision = await safety.inspect(request.body.text, 'ask', { actor, subject: scope.auditTag });
      if (decision.action === 'block' || decision.text === null) throw blockedError(decision, 'text');
      const { model, catalog } = await ctx.serving.serving(ctx.store);
      const vocabulary = await vocabularyOf(catalog);
      let intent;
      try {
        intent = parseIntent(decision.text, vocabulary);
      } catch (error) {
        if (error instanceof AskInputError)
          throw new HttpError(400, { type: 'invalid-request', detail: error.message, field: 'text' });
        throw error;
      }
      const consent = await servingConsentOf(ctx.store.db, scope.subjectId);
      const viewer = await viewerContextOf(
        repos,
        catalog,
        { id: scope.subjectId, key: scope.subjectKey, profileKind: scope.profileKind },
        { consent, maturity: policy.policy.maturity.maxAudienceLevel },
      );
      const titles = catalog.itemIds.map((id, column) => ({ id, title: catalog.titles[column] ?? '' }));
      const similarTo = intent.similarToTitle ? resolveSimilarTitle(intent.similarToTitle, titles) : null;
      const served = recommend(
        {
          surface: similarTo ? 'detail' : 'home',
          limit: MAX_LIMIT,
          ...(similarTo ? { itemId: similarTo.id } : {}),
          viewer,
        },
        {
          model,
          catalog,
          policy,
          exposureLedger: ctx.exposureLedger,
          heldItems: await ctx.safetyQueue.heldItemIds(),
        },
      );
      const wanted = Math.min(intent.limit ?? DEFAULT_ANSWER_ITEMS, MAX_ANSWER_ITEMS);
      const chosen = await chooseByIntent(ctx, served.items, intent, wanted);
      const composed = composeAnswer(
        intent,
        chosen.map((c) => c.answerItem),
        {
          similarTo,
          genreNames: vocabulary.genreNames,
        },
      );
      // The answer is text Candor shows: inspected on its way out like any other.
      const outgoing = await safety.inspect(composed.text, 'outgoing', { audit: false });
      const answer = outgoing.text ?? 'Here are some picks that match your request.';
      const decisionId = await ctx.decisions.record({
        subject: scope.pseudonym,
        surface: 'search',
        modelId: served.lineage.modelId,
        policyVersion: served.lineage.policyVersion,
        consent: served.consent,
        stages: [
          ...served.trace.map(({ stage, changed }) => ({
            stage,
            changed: { ...changed } as Record<string, unknown>,
          })),
          {
            stage: 'ask-intent',
            changed: {
              kept: chosen.length,
              constraints: intent.evidence.map((e) => e.meaning),
            },
          },
        ],
        items: chosen.map((c, index) => ({
          itemId: c.recommendation.itemId,
          score: c.recommendation.score,
          rank: index + 1,
          reasons: c.recommendation.reasons.map(reasonLabel),
        })),
        // The constraints understood, never the words typed.
        request: { ask: true, limit: wanted, similarTo: similarTo?.id ?? null },
      });
      return {
        answer,
        citations: composed.citations,
        intent,
        items: chosen.map((c, index) => ({
          itemId: c.recommendation.itemId,
          title: c.recommendation.title,
          rank: index + 1,
          reasons: c.recommendation.reasons.map((reason) => ({
            kind: reason.kind,
            label: reasonLabel(reason),
          })),
        })),
        decisionId,
        inspection: { action: decision.action, reasons: decision.reasons.map((reason) => reason.message) },
      };
    },
  );
}

/** The served items that meet the intent's hard constraints, ordered by its wishes then by the model's rank. */
async function chooseByIntent(
  ctx: ApiContext,
  served: readonly Recommendation[],
  intent: ReturnType<typeof parseIntent>,
  wanted: number,
) {
  if (served.length === 0) return [];
  const ids = served.map((item) => item.itemId);
  const rows = await ctx.store.db
    .selectFrom('items')
    .select(['id', 'kind', 'year', 'language', 'duration_minutes', 'audience_level'])
    .where('id', 'in', ids)
    .execute();
  const links = await ctx.store.db
    .selectFrom('item_genres')
    .select(['item_id', 'genre_id'])
    .where('item_id', 'in', ids)
    .orderBy('position')
    .execute();
  const genresOf = new Map<string, string[]>();
  for (const link of links)
    genresOf.set(link.item_id, [...(genresOf.get(link.item_id) ?? []), link.genre_id]);
  const rowOf = new Map(rows.map((row) => [row.id, row]));
  const candidates = served.flatMap((recommendation) => {
    const row = rowOf.get(recommendation.itemId);
    if (!row) return [];
    const candidate = {
      kind: row.kind as ItemKind,
      year: row.year,
      language: row.language,
      durationMinutes: row.duration_minutes,
      audienceLevel: row.audience_level,
      genreIds: genresOf.get(row.id) ?? [],
    };
    if (!matchesIntent(candidate, intent)) return [];
    return [
      {
        recommendation,
        boost: intentBoost(candidate, intent),
        unknown: unknownConstraintCount(candidate, intent),
        answerItem: {
          id: row.id,
          title: recommendation.title,
          year: row.year,
          genres: candidate.genreIds,
          durationMinutes: row.duration_minutes,
        },
      },
    ];
  });
  const byYear = (a: number | null, b: number | null, newest: boolean) =>
    (a === null ? 1 : 0) - (b === null ? 1 : 0) || (newest ? (b ?? 0) - (a ?? 0) : (a ?? 0) - (b ?? 0));
  candidates.sort((a, b) => {
    if (intent.sort === 'newest' || intent.sort === 'oldest') {
      const order = byYear(a.answerItem.year, b.answerItem.year, intent.sort === 'newest');
      if (order !== 0) return order;
    }
    if (intent.sort === 'shortest') {
      const order = (a.answerItem.durationMinutes ?? Infinity) - (b.answerItem.durationMinutes ?? Infinity);
      if (order !== 0) return order;
    }
    return b.boost - a.boost || a.unknown - b.unknown || a.recommendation.rank - b.recommendation.rank;
  });
  return candidates.slice(0, wanted);
}
