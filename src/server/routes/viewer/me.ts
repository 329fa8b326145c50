import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';
import { viewerDataFor } from './viewer-data-for.js';

const isoTime = z.iso.datetime({ offset: true });

/** `<ISO time>~<sequence>` (a page's `next`) or a bare ISO time; a 400 naming `before` otherwise. */
function parseHistoryCursor(before: string | undefined): { occurredAt: string; seq?: number } | undefined {
  if (before === undefined) return undefined;
  const [time, seq, ...rest] = before.split('~');
  const validSeq = seq === undefined || /^\d{1,15}$/.test(seq);
  if (rest.length > 0 || !isoTime.safeParse(time).success || !validSeq) {
    throw new HttpError(400, {
      type: 'invalid-request',
      detail: "before must be a page's next cursor or an ISO 8601 time",
      field: 'before',
    });
  }
  const occurredAt = new Date(time as string).toISOString();
  return seq === undefined ? { occurredAt } : { occurredAt, seq: Number(seq) };
}

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
        subject: scope.auditTag,
        outcome: 'success',
      });
      return {
        id: profile.id,
        profileKind: profile.profile_kind,
        ageBand: profile.age_band,
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
          before: z
            .string()
            .max(100)
            .optional()
            .describe("a page's `next` cursor, or an ISO time: events strictly before it"),
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
      const rows = await viewerDataFor(request, ctx).history({ limit, before: parseHistoryCursor(before) });
      const events = rows.map(({ seq: _seq, ...event }) => event);
      const last = rows.at(-1);
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'history.read',
        subject: scope.auditTag,
        outcome: 'success',
        detail: { events: events.length },
      });
      return { events, next: rows.length === limit && last ? `${last.occurredAt}~${last.seq}` : null };
    },
  );
}
