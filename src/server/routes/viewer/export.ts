import { mainParameters } from '../../../explain/main-parameters.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';
import { viewerDataFor } from './viewer-data-for.js';

/** Version of the export document's layout; documented in the README's privacy section. */
export const EXPORT_FORMAT = 'candor-export/1';
const PAGE = 500;

/**
 * Access and portability (GDPR Art. 15 and 20): everything held about the viewer in one JSON document
 * (profile, consents with their history, every event, feedback, every served list with its reasons),
 * plus a plain description of the profiling logic. Served as an attachment; the read is audited.
 */
export function registerExportRoute(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/me/export',
    {
      config: { access: { permission: 'me:read' } },
      schema: { summary: 'Download everything held about me (machine-readable JSON)', tags: ['privacy'] },
    },
    async (request, reply) => {
      const policy = ctx.policy;
      const purposes = ctx.purposes;
      const scope = requireScope(request);
      const data = viewerDataFor(request, ctx);
      const profile = await data.profile();
      const events: unknown[] = [];
      let before: { occurredAt: string; seq: number } | undefined;
      for (;;) {
        const page = await data.history({ limit: PAGE, before });
        events.push(...page.map(({ seq: _seq, ...event }) => event));
        const last = page.at(-1);
        if (page.length < PAGE || !last) break;
        before = { occurredAt: last.occurredAt, seq: last.seq };
      }
      const feedback = await data.feedback(Number.MAX_SAFE_INTEGER);
      const consentHistory = await ctx.consents.history(scope.subjectId);
      const current = await ctx.consents.current(scope.subjectId);
      const decisions = await ctx.store.db
        .selectFrom('decision_records')
        .selectAll()
        .where('subject', '=', scope.pseudonym)
        .orderBy('created_at', 'desc')
        .execute();
      const document = {
        format: EXPORT_FORMAT,
        generatedAt: ctx.clock().toISOString(),
        profile: profile && {
          id: profile.id,
          profileKind: profile.profile_kind,
          ageBand: profile.age_band,
          createdAt: profile.created_at,
          displayName: profile.display_name,
          email: profile.email,
          gender: profile.gender,
          occupation: profile.occupation,
        },
        consents: {
          textVersion: purposes.textVersion,
          current: purposes.list.map((purpose) => ({
            purpose: purpose.id,
            title: purpose.title,
            granted: current.get(purpose.id)?.granted ?? false,
            since: current.get(purpose.id)?.at ?? null,
          })),
          history: consentHistory.map(({ seq: _seq, actor: _actor, ...event }) => event),
        },
        events,
        feedback: feedback.map((row) => ({
          itemId: row.item_id,
          kind: row.kind,
          value: row.value,
          reason: row.reason,
          decisionId: row.decision_id,
          createdAt: row.created_at,
        })),
        recommendationsServed: decisions.map((record) => ({
          decisionId: record.id,
          servedAt: record.created_at,
          surface: record.surface,
          modelId: record.model_id,
          policyVersion: record.policy_version,
          consent: JSON.parse(record.consent) as unknown,
          items: JSON.parse(record.items) as unknown,
        })),
        profilingLogic: mainParameters(policy, ctx.serving.model?.manifest),
      };
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'data.export',
        subject: scope.auditTag,
        outcome: 'success',
        detail: { events: events.length, feedback: feedback.length, decisions: decisions.length },
      });
      void reply.header('content-disposition', 'attachment; filename="candor-export.json"');
      return document;
    },
  );
}
