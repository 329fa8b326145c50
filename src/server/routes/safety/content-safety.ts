import { z } from 'zod';
import { HARM_CATEGORIES } from '../../../safety/finding.js';
import { AZURE_CATEGORIES, FROM_AZURE } from '../../../safety/providers/azure-content-safety.js';
import { SAFETY_SURFACES } from '../../../safety/safety-policy.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal } from '../route-helpers.js';

/** Azure AI Content Safety's limits: 10k characters per text, 5 MB of documents. */
const MAX_TEXT = 10_000;
const MAX_DOCUMENTS = 20;
const AZURE_NAMES = Object.values(AZURE_CATEGORIES);

const analyzeBody = z.strictObject({
  text: z.string().min(1).max(MAX_TEXT),
  categories: z.array(z.enum(AZURE_NAMES as [string, ...string[]])).optional(),
  blocklistNames: z.array(z.string().min(1).max(64)).max(10).optional(),
  haltOnBlocklistHit: z.boolean().optional(),
  outputType: z.enum(['FourSeverityLevels', 'EightSeverityLevels']).default('FourSeverityLevels'),
});
const analyzeResponse = z.object({
  blocklistsMatch: z.array(
    z.object({ blocklistName: z.string(), blocklistItemId: z.string(), blocklistItemText: z.string() }),
  ),
  categoriesAnalysis: z.array(z.object({ category: z.string(), severity: z.number() })),
});
const shieldBody = z.strictObject({
  userPrompt: z.string().max(MAX_TEXT).default(''),
  documents: z.array(z.string().max(MAX_TEXT)).max(MAX_DOCUMENTS).default([]),
});
const shieldResponse = z.object({
  userPromptAnalysis: z.object({ attackDetected: z.boolean() }),
  documentsAnalysis: z.array(z.object({ attackDetected: z.boolean() })),
});
const apiVersion = z.object({
  'api-version': z.string().max(32).optional(),
  surface: z.enum(SAFETY_SURFACES).default('review').describe('whose blocklists apply (Candor extension)'),
});

/**
 * Azure AI Content Safety's text APIs, same request and response shapes, under Candor's own paths and
 * under Azure's (`/contentsafety/...`), so an Azure client works against Candor by changing its
 * endpoint and key (a Candor API key in `Ocp-Apim-Subscription-Key`).
 */
export function registerContentSafetyRoutes(app: ApiApp, ctx: ApiContext): void {
  for (const base of ['/v1/safety', '/contentsafety']) {
    const documented = base === '/v1/safety';
    app.post(
      `${base}/text::analyze`,
      {
        config: { access: { permission: 'safety:analyze' } },
        schema: {
          summary: 'Harm categories and blocklist matches of a text (Azure AI Content Safety text:analyze)',
          tags: ['safety'],
          hide: !documented,
          querystring: apiVersion,
          body: analyzeBody,
          response: { 200: analyzeResponse },
        },
      },
      async (request) => {
        const body = request.body;
        const inspection = await ctx.safety.analyze(body.text, request.query.surface);
        const wanted = new Set((body.categories ?? AZURE_NAMES).map((name) => FROM_AZURE[name]));
        const lists = body.blocklistNames ? new Set(body.blocklistNames) : null;
        const terms = new Map((await ctx.blocklists.all()).map((term) => [`${term.list}/${term.id}`, term]));
        const blocklistsMatch = inspection.findings
          .filter((finding) => finding.kind === 'blocklist')
          .map((finding) => terms.get(finding.type))
          .filter((term) => term !== undefined && (lists === null || lists.has(term.list)))
          .map((term) => ({
            blocklistName: term?.list as string,
            blocklistItemId: term?.id as string,
            blocklistItemText: term?.pattern as string,
          }));
        const eight = body.outputType === 'EightSeverityLevels';
        const categoriesAnalysis =
          body.haltOnBlocklistHit && blocklistsMatch.length > 0
            ? []
            : HARM_CATEGORIES.filter((category) => wanted.has(category)).map((category) => {
                const severity = inspection.categories.find((c) => c.category === category)?.severity ?? 0;
                // Four levels are 0, 2, 4, 6: each pair of the eight folds down to its even member.
                return {
                  category: AZURE_CATEGORIES[category],
                  severity: eight ? severity : severity - (severity % 2),
                };
              });
        await ctx.audit.append({
          actor: actorOf(requirePrincipal(request)),
          action: 'safety.analyze',
          outcome: 'success',
          detail: {
            length: body.text.length,
            harm: Object.fromEntries(
              categoriesAnalysis.filter((c) => c.severity > 0).map((c) => [c.category, c.severity]),
            ),
            blocklistMatches: blocklistsMatch.length,
          },
        });
        return { blocklistsMatch, categoriesAnalysis };
      },
    );

    app.post(
      `${base}/text::shieldPrompt`,
      {
        config: { access: { permission: 'safety:analyze' } },
        schema: {
          summary:
            'Prompt attacks in a user prompt and injected instructions in documents (text:shieldPrompt)',
          tags: ['safety'],
          hide: !documented,
          querystring: apiVersion,
          body: shieldBody,
          response: { 200: shieldResponse },
        },
      },
      async (request) => {
        const { userPrompt, documents } = request.body;
        const inspection = await ctx.safety.analyze(userPrompt, 'ask', documents);
        await ctx.audit.append({
          actor: actorOf(requirePrincipal(request)),
          action: 'safety.shield_prompt',
          outcome: 'success',
          detail: {
            userAttack: inspection.promptAttack.user,
            documents: documents.length,
            documentAttacks: inspection.promptAttack.documents.filter(Boolean).length,
          },
        });
        return {
          userPromptAnalysis: { attackDetected: inspection.promptAttack.user },
          documentsAnalysis: inspection.promptAttack.documents.map((attackDetected) => ({ attackDetected })),
        };
      },
    );
  }
}
