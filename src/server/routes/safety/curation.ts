import { z } from 'zod';
import { blocklistTermSchema, BlocklistError } from '../../../safety/blocklist/blocklist.js';
import { compileBlocklist } from '../../../safety/blocklist/compile-blocklist.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';

const listName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a list name is 1-64 lowercase letters, digits, _ or -');
const termSchema = z.object({
  id: z.string(),
  list: z.string(),
  kind: z.enum(['plain', 'regex']),
  pattern: z.string(),
  surfaces: z.array(z.string()),
  caseSensitive: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
});
const queueEntrySchema = z.object({
  id: z.string(),
  targetKind: z.enum(['item', 'review']),
  targetId: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  reasons: z.array(
    z.object({ kind: z.string(), type: z.string(), message: z.string(), severity: z.number().optional() }),
  ),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

/** Curators' tools: blocklists per surface, and the queue of content the gateway held back. */
export function registerCurationRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/safety/blocklists',
    {
      config: { access: { permission: 'safety:manage' } },
      schema: {
        summary: 'Every blocklist term, by list',
        tags: ['safety'],
        response: { 200: z.object({ terms: z.array(termSchema) }) },
      },
    },
    async () => ({ terms: await ctx.blocklists.all() }),
  );

  app.post(
    '/v1/safety/blocklists/:list/terms',
    {
      config: { access: { permission: 'safety:manage' } },
      schema: {
        summary: 'Add plain or regex terms to a blocklist (regexes that could backtrack badly are refused)',
        tags: ['safety'],
        params: z.strictObject({ list: listName }),
        body: z.strictObject({
          terms: z
            .array(blocklistTermSchema.omit({ id: true }).strict())
            .min(1)
            .max(500),
        }),
        response: { 201: z.object({ terms: z.array(termSchema) }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(requirePrincipal(request));
      // Each term alone first, so a refusal names the one to fix.
      request.body.terms.forEach((term, index) => {
        try {
          compileBlocklist([{ ...term, id: `terms.${index}` }]);
        } catch (error) {
          if (!(error instanceof BlocklistError)) throw error;
          throw new HttpError(400, {
            type: 'invalid-blocklist-term',
            detail: `term ${index}: ${error.reason}`,
            field: `terms.${index}.pattern`,
          });
        }
      });
      const added = await ctx.blocklists.add(request.params.list, request.body.terms, actor);
      ctx.safety.invalidateBlocklist();
      await ctx.audit.append({
        actor,
        action: 'safety.blocklist_add',
        target: request.params.list,
        outcome: 'success',
        detail: { terms: added.map((term) => term.id) },
      });
      return reply.code(201).send({ terms: added });
    },
  );

  app.delete(
    '/v1/safety/blocklists/:list/terms/:termId',
    {
      config: { access: { permission: 'safety:manage' } },
      schema: {
        summary: 'Remove a term from a blocklist',
        tags: ['safety'],
        params: z.strictObject({ list: listName, termId: z.string().min(1).max(64) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const removed = await ctx.blocklists.remove(request.params.list, request.params.termId);
      if (!removed)
        throw new HttpError(404, { type: 'not-found', detail: 'no such term in this list', field: 'termId' });
      ctx.safety.invalidateBlocklist();
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'safety.blocklist_remove',
        target: `${request.params.list}/${request.params.termId}`,
        outcome: 'success',
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/safety/queue',
    {
      config: { access: { permission: 'safety:manage' } },
      schema: {
        summary:
          'Catalog items and reviews the outgoing inspection held back (what was found, never the text)',
        tags: ['safety'],
        querystring: z.strictObject({
          status: z.enum(['pending', 'approved', 'rejected']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ entries: z.array(queueEntrySchema) }) },
      },
    },
    async (request) => ({ entries: await ctx.safetyQueue.list(request.query) }),
  );

  app.post(
    '/v1/safety/queue/:id/decision',
    {
      config: { access: { permission: 'safety:manage' } },
      schema: {
        summary: 'Approve (back into feeds) or reject held content',
        tags: ['safety'],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        body: z.strictObject({ decision: z.enum(['approved', 'rejected']) }),
        response: { 200: queueEntrySchema },
      },
    },
    async (request) => {
      const actor = actorOf(requirePrincipal(request));
      const existing = await ctx.safetyQueue.get(request.params.id);
      if (!existing)
        throw new HttpError(404, { type: 'not-found', detail: 'no such queue entry', field: 'id' });
      const entry = await ctx.safetyQueue.decide(existing.id, request.body.decision, actor);
      if (existing.targetKind === 'review') {
        await ctx.store.db
          .updateTable('reviews')
          .set({ status: request.body.decision === 'approved' ? 'published' : 'rejected' })
          .where('id', '=', existing.targetId)
          .execute();
      }
      await ctx.audit.append({
        actor,
        action: 'safety.queue_decision',
        target: `${existing.targetKind}:${existing.targetId}`,
        outcome: 'success',
        detail: { decision: request.body.decision },
      });
      return entry as NonNullable<typeof entry>;
    },
  );
}
