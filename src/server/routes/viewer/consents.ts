import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';
import type { ConsentEvent } from '../../../privacy/consent/consent-repository.js';

const eventSchema = z.object({
  purpose: z.string(),
  granted: z.boolean(),
  at: z.string(),
  textVersion: z.string(),
  method: z.string(),
});

const stateSchema = z.object({
  textVersion: z.string().describe('version of the wording below; send it back when changing consent'),
  purposes: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      granted: z.boolean(),
      since: z.string().nullable().describe('when the current answer was given; null: never asked'),
      method: z.string().nullable(),
    }),
  ),
});

const eventView = ({ purpose, granted, at, textVersion, method }: ConsentEvent) => ({
  purpose,
  granted,
  at,
  textVersion,
  method,
});

/**
 * A viewer's consents: read them, change any of them in one call (withdrawing is exactly as easy as
 * granting), and read the history of changes. Every change is audited; reads of the history are too.
 */
export function registerConsentRoutes(app: ApiApp, ctx: ApiContext): void {
  const stateOf = async (subjectId: string) => {
    const purposes = ctx.purposes;
    const current = await ctx.consents.current(subjectId);
    return {
      textVersion: purposes.textVersion,
      purposes: purposes.list.map((purpose) => {
        const event = current.get(purpose.id);
        return {
          ...purpose,
          granted: event?.granted ?? false,
          since: event?.at ?? null,
          method: event?.method ?? null,
        };
      }),
    };
  };

  app.get(
    '/v1/me/consents',
    {
      config: { access: { permission: 'me:read' } },
      schema: {
        summary: 'Consent per purpose, in the words shown to the viewer',
        tags: ['privacy'],
        response: { 200: stateSchema },
      },
    },
    async (request) => stateOf(requireScope(request).subjectId),
  );

  app.put(
    '/v1/me/consents',
    {
      config: { access: { permission: 'consent:write' } },
      schema: {
        summary: 'Grant or withdraw consent for any purposes in one call',
        tags: ['privacy'],
        body: z.strictObject({
          consents: z
            .record(z.string(), z.boolean())
            .refine((consents) => Object.keys(consents).length > 0, 'name at least one purpose')
            .describe('purpose id -> granted; purposes not named are left as they are'),
          textVersion: z
            .string()
            .max(100)
            .optional()
            .describe('the textVersion the viewer was shown; refused with 409 if the wording has changed'),
          method: z.enum(['api', 'web']).default('api').describe('how the viewer gave the answer'),
        }),
        response: { 200: stateSchema.extend({ changed: z.array(eventSchema) }) },
      },
    },
    async (request) => {
      const purposes = ctx.purposes;
      const scope = requireScope(request);
      const { consents, textVersion, method } = request.body;
      for (const purpose of Object.keys(consents)) {
        if (!purposes.ids.has(purpose)) {
          throw new HttpError(400, {
            type: 'invalid-request',
            detail: `unknown purpose '${purpose}' (one of ${[...purposes.ids].join(', ')})`,
            field: `consents.${purpose}`,
          });
        }
      }
      if (textVersion !== undefined && textVersion !== purposes.textVersion) {
        throw new HttpError(409, {
          type: 'consent-text-changed',
          detail: `the consent wording changed (now ${purposes.textVersion}); show it again before asking`,
          field: 'textVersion',
        });
      }
      const actor = actorOf(requirePrincipal(request));
      const changed = await ctx.store.db.transaction().execute(async (trx) => {
        await ctx.store.dialect.lockForWrite(trx as Kysely<Database>);
        return ctx.consents.record(
          scope.subjectId,
          Object.entries(consents).map(([purpose, granted]) => ({ purpose, granted })),
          { at: ctx.clock().toISOString(), textVersion: purposes.textVersion, method, actor },
          trx,
        );
      });
      if (changed.length > 0) {
        await ctx.audit.append({
          actor,
          action: 'consent.change',
          subject: scope.auditTag,
          outcome: 'success',
          detail: {
            changes: changed.map(({ purpose, granted }) => ({ purpose, granted })),
            textVersion: purposes.textVersion,
            method,
          },
        });
      }
      return { ...(await stateOf(scope.subjectId)), changed: changed.map(eventView) };
    },
  );

  app.get(
    '/v1/me/consents/history',
    {
      config: { access: { permission: 'me:read' } },
      schema: {
        summary: 'Every grant and withdrawal, oldest first',
        tags: ['privacy'],
        response: { 200: z.object({ events: z.array(eventSchema) }) },
      },
    },
    async (request) => {
      const scope = requireScope(request);
      const events = await ctx.consents.history(scope.subjectId);
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'consent.history.read',
        subject: scope.auditTag,
        outcome: 'success',
      });
      return { events: events.map(eventView) };
    },
  );
}
