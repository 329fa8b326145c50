import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';
import { viewerDataFor } from './viewer-data-for.js';

/** A viewer's own data. Every read of it is audited. */
export function registerMeRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/me',
    {
      config: { access: { permission: 'me:read' } },
      schema: {
        summary: "The viewer's profile and personal fields",
        tags: ['viewer'],
        response: {
          200: z.object({
            id: z.string(),
            profileKind: z.string(),
            ageBand: z.string(),
            demographicsConsent: z.boolean(),
            createdAt: z.string(),
            personal: z.object({
              displayName: z.string().nullable(),
              email: z.string().nullable(),
              gender: z.string().nullable(),
              occupation: z.string().nullable(),
            }),
          }),
        },
      },
    },
    async (request) => {
      const scope = requireScope(request);
      const profile = await viewerDataFor(request, ctx).profile();
      if (!profile) throw new Error('subject in scope vanished');
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'profile.read',
        subject: scope.pseudonym,
        outcome: 'success',
      });
      return {
        id: profile.id,
        profileKind: profile.profile_kind,
        ageBand: profile.age_band,
        demographicsConsent: profile.demographics_consent === 1,
        createdAt: profile.created_at,
        personal: {
          displayName: profile.display_name ?? null,
          email: profile.email ?? null,
          gender: profile.gender ?? null,
          occupation: profile.occupation ?? null,
        },
      };
    },
  );

  app.get(
    '/v1/me/history',
    {
      config: { access: { permission: 'me:read' } },
      schema: {
        summary: "The viewer's events, newest first",
        tags: ['viewer'],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          before: z.iso.datetime({ offset: true }).optional().describe('events strictly before this time'),
        }),
        response: {
          200: z.object({
            events: z.array(
              z.object({
                itemId: z.string(),
                title: z.string(),
                kind: z.string(),
                value: z.number().nullable(),
                occurredAt: z.string(),
              }),
            ),
            next: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const scope = requireScope(request);
      const { limit, before } = request.query;
      const events = await viewerDataFor(request, ctx).history({
        limit,
        before: before ? new Date(before).toISOString() : undefined,
      });
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'history.read',
        subject: scope.pseudonym,
        outcome: 'success',
        detail: { events: events.length },
      });
      return { events, next: events.length === limit ? (events.at(-1)?.occurredAt ?? null) : null };
    },
  );
}
