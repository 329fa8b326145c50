import { z } from 'zod';
import { decideQuarantine, QuarantineDecisionError } from '../../../redteam/quarantine/decide-quarantine.js';
import {
  QUARANTINE_STATUSES,
  type QuarantineEntry,
  QuarantineRepository,
} from '../../../redteam/quarantine/quarantine-repository.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';

const entrySchema = z.object({
  id: z.string(),
  /** Pseudonym of the viewer (as training and decision records name them), never the subject id. */
  subject: z.string(),
  score: z.number(),
  evidence: z.object({
    features: z.record(
      z.string(),
      z.object({ value: z.number().nullable(), z: z.number().nullable(), votes: z.boolean() }),
    ),
    threshold: z.number(),
    quorum: z.number(),
  }),
  detectorVersion: z.string(),
  status: z.enum(QUARANTINE_STATUSES),
  createdAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});

/**
 * Curators review the viewer profiles the shilling detector quarantined: each is kept out of training
 * until released (back in at the next training) or confirmed fake (out for good). Every decision is
 * audited under the viewer's audit tag.
 */
export function registerQuarantineRoutes(app: ApiApp, ctx: ApiContext): void {
  const quarantine = new QuarantineRepository(ctx.store.db, ctx.clock);
  const shaped = (entry: QuarantineEntry) => {
    const { subjectId, dataSeq: _dataSeq, ...rest } = entry;
    return { ...rest, subject: ctx.pseudonymizer.of(subjectId) };
  };

  app.get(
    '/v1/safety/quarantine',
    {
      config: { access: { permission: 'quarantine:read' } },
      schema: {
        summary: 'Viewer profiles quarantined as suspected fakes (shilling), newest first, with the evidence',
        tags: ['safety'],
        querystring: z.strictObject({
          status: z.enum(QUARANTINE_STATUSES).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ entries: z.array(entrySchema) }) },
      },
    },
    async (request) => ({ entries: (await quarantine.list(request.query)).map(shaped) }),
  );

  app.post(
    '/v1/safety/quarantine/:id/decision',
    {
      config: { access: { permission: 'quarantine:manage' } },
      schema: {
        summary: 'Release a quarantined profile back into training, or confirm it as fake',
        tags: ['safety'],
        params: z.strictObject({ id: z.uuid() }),
        body: z.strictObject({ decision: z.enum(['release', 'confirm']) }),
        response: { 200: entrySchema },
      },
    },
    async (request) => {
      try {
        const { entry } = await decideQuarantine(ctx.store, ctx.audit, {
          id: request.params.id,
          decision: request.body.decision,
          actor: actorOf(requirePrincipal(request)),
          clock: ctx.clock,
        });
        return shaped(entry);
      } catch (error) {
        if (!(error instanceof QuarantineDecisionError)) throw error;
        throw new HttpError(error.reason === 'not-found' ? 404 : 409, {
          type: error.reason === 'not-found' ? 'not-found' : 'conflict',
          detail: error.message,
          field: 'id',
        });
      }
    },
  );
}
