import { z } from 'zod';
import { INTERACTION_KINDS } from '../../../catalog/catalog-records.js';
import { UnknownItemsError } from '../../../store/repositories/viewer-data.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';
import { viewerDataFor } from './viewer-data-for.js';

export const MAX_EVENTS_PER_BATCH = 500;

const EVENT_FIELDS = ['idempotencyKey', 'itemId', 'kind', 'value', 'occurredAt'] as const;
const REPORTED_FIELD_NAMES = 20;

// Loose, not strict: minimization means a field Candor did not declare is dropped (and counted), not
// refused, so that a client sending more than needed loses nothing it declared and stores nothing else.
const eventSchema = z
  .looseObject({
    idempotencyKey: z
      .string()
      .min(8)
      .max(200)
      .describe('client-chosen unique key; a retry with the same key is not stored twice'),
    itemId: z.uuid(),
    kind: z.enum(INTERACTION_KINDS),
    value: z.number().finite().nullable().default(null).describe('rating: 0.5 to 5; otherwise optional'),
    occurredAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('when it happened; defaults to receipt time'),
  })
  .superRefine((event, issue) => {
    // Dropping this one silently would hide an attempt to write another viewer's history.
    for (const field of ['subjectId', 'subject'])
      if (field in event)
        issue.addIssue({
          code: 'custom',
          path: [field],
          message: 'events belong to the authenticated viewer; no subject can be named here',
        });
    if (event.kind === 'rating' && (event.value === null || event.value < 0.5 || event.value > 5)) {
      issue.addIssue({ code: 'custom', path: ['value'], message: 'a rating needs a value from 0.5 to 5' });
    }
  });

/** Viewing events: a batch is stored whole or not at all, and acknowledged only after it is committed. */
export function registerEventRoutes(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/v1/events',
    {
      config: { access: { permission: 'events:write' } },
      schema: {
        summary: 'Record a batch of viewing events (all or nothing; idempotent by key)',
        tags: ['viewer'],
        body: z.strictObject({ events: z.array(eventSchema).min(1).max(MAX_EVENTS_PER_BATCH) }),
        response: {
          200: z.object({
            accepted: z.number(),
            duplicates: z.number(),
            batchId: z.string(),
            droppedFields: z
              .object({ count: z.number(), names: z.array(z.string()) })
              .describe('fields Candor does not keep: dropped before storing, never stored'),
          }),
        },
      },
    },
    async (request) => {
      const scope = requireScope(request);
      const receivedAt = ctx.clock();
      const events = request.body.events.map((e) => ({
        idempotencyKey: e.idempotencyKey,
        itemId: e.itemId,
        kind: e.kind,
        value: e.value,
        occurredAt: e.occurredAt ? new Date(e.occurredAt).toISOString() : receivedAt.toISOString(),
      }));
      const droppedFields = undeclaredFields(request.body.events);
      const future = events.findIndex((e) => Date.parse(e.occurredAt) > receivedAt.getTime() + 5 * 60_000);
      if (future >= 0) {
        throw new HttpError(400, {
          type: 'invalid-request',
          detail: 'an event cannot happen in the future',
          field: `events.${future}.occurredAt`,
        });
      }
      try {
        const result = await viewerDataFor(request, ctx).appendEvents(events);
        await ctx.audit.append({
          actor: actorOf(requirePrincipal(request)),
          action: 'events.append',
          subject: scope.auditTag,
          target: result.batchId,
          outcome: 'success',
          detail: {
            accepted: result.accepted,
            duplicates: result.duplicates,
            droppedFields: droppedFields.count,
          },
        });
        return { ...result, droppedFields };
      } catch (error) {
        if (error instanceof UnknownItemsError) {
          throw new HttpError(400, {
            type: 'unknown-item',
            detail: 'no such item; nothing in the batch was stored',
            field: `events.${error.positions[0] ?? 0}.itemId`,
          });
        }
        throw error;
      }
    },
  );
}

/** Counts the undeclared fields of the events; names a few (names only, never their values). */
function undeclaredFields(events: readonly Record<string, unknown>[]): { count: number; names: string[] } {
  const declared = new Set<string>(EVENT_FIELDS);
  const names = new Set<string>();
  let count = 0;
  for (const event of events) {
    for (const key of Object.keys(event)) {
      if (declared.has(key)) continue;
      count += 1;
      if (names.size < REPORTED_FIELD_NAMES) names.add(key.slice(0, 64));
    }
  }
  return { count, names: [...names].sort() };
}
