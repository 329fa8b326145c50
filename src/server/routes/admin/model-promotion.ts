import { z } from 'zod';
import { gateReportSchema } from '../../../governance/registry/gate-report.js';
import { GateStore } from '../../../governance/registry/gate-store.js';
import { promote, rollback } from '../../../governance/registry/production-moves.js';
import { notFound } from '../../../governance/registry/registry-error.js';
import { runGate } from '../../../governance/registry/run-gate.js';
import { signOff } from '../../../governance/registry/sign-off.js';
import { readManifest } from '../../../models/model-artifact.js';
import { actorOf } from '../../auth/principal.js';
import { ROLES } from '../../auth/roles.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';
import { registryErrorToHttp, registryFor } from './model-registry-http.js';
import { productionChangeSchema, signoffSchema } from './model-schemas.js';

const idParams = z.strictObject({ id: z.uuid() });

/** The promotion gate, its sign-offs, promotion and rollback: a candidate's way to production and back. */
export function registerModelPromotionRoutes(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/v1/admin/models/:id/gate',
    {
      config: { access: { permission: 'models:manage' } },
      schema: {
        summary: "Run the promotion gate on a version: the policy's checks, against production",
        description:
          'Fits and audits the version and the production model on the same split of the stored data ' +
          "(the policy's protocol), inspects the catalog slice it exposes, checks every threshold, and " +
          'stores the report with the version. Takes as long as two fits; one gate at a time (409 gate-busy).',
        tags: ['models'],
        params: idParams,
        body: z.strictObject({}).optional(),
        response: { 200: gateReportSchema },
      },
    },
    async (request) => {
      const actor = actorOf(requirePrincipal(request));
      return runGate(registryFor(ctx), request.params.id, actor).catch(registryErrorToHttp);
    },
  );

  app.get(
    '/v1/admin/models/:id/gates',
    {
      config: { access: { permission: 'models:read' } },
      schema: {
        summary: "A version's gate reports, newest first",
        tags: ['models'],
        params: idParams,
        response: { 200: z.object({ gates: z.array(gateReportSchema) }) },
      },
    },
    async (request) => {
      if (!readManifest(ctx.config.dataDir, request.params.id)) registryErrorToHttp(notFound('model', 'id'));
      return { gates: await new GateStore(ctx.store.db).reportsOf(request.params.id) };
    },
  );

  app.post(
    '/v1/admin/models/:id/signoffs',
    {
      config: { access: { permission: 'models:signoff' } },
      schema: {
        summary: "Sign off a version's latest passing gate report in a role the policy requires",
        description:
          'You must hold the role; one role per person and one person per role (409 already-signed). ' +
          'Only a report that passed under the policy in force can be signed (409 otherwise: re-run the gate).',
        tags: ['models'],
        params: idParams,
        body: z.strictObject({ role: z.enum(ROLES), comment: z.string().trim().min(1).max(1000).optional() }),
        response: { 201: signoffSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'account') {
        throw new HttpError(403, {
          type: 'signoff-needs-person',
          detail: 'a sign-off is a person’s: sign in with your account, not an API key',
        });
      }
      const signoff = await signOff(
        registryFor(ctx),
        { modelId: request.params.id, role: request.body.role, comment: request.body.comment },
        { accountId: principal.accountId, roles: principal.roles, actor: actorOf(principal), via: 'api' },
      ).catch(registryErrorToHttp);
      return reply.code(201).send(signoff);
    },
  );

  app.post(
    '/v1/admin/models/:id/promote',
    {
      config: { access: { permission: 'models:manage' } },
      schema: {
        summary: 'Promote a version to production (through its gate report and sign-offs)',
        description:
          'When the policy enforces the gate: 409 promotion-blocked, listing every reason (failed checks ' +
          'with their values and thresholds, missing sign-offs, a stale report), until all are met.',
        tags: ['models'],
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() }).optional(),
        response: { 200: productionChangeSchema },
      },
    },
    async (request) => {
      const actor = actorOf(requirePrincipal(request));
      const moved = await promote(registryFor(ctx), request.params.id, actor, request.body?.reason).catch(
        registryErrorToHttp,
      );
      return { production: moved.production, previous: moved.previous, gateId: moved.gateId };
    },
  );

  app.post(
    '/v1/admin/models/rollback',
    {
      config: { access: { permission: 'models:manage' } },
      schema: {
        summary: 'Return production to the version that served before the current one',
        description: '409 when there is none, or when an erasure retired it.',
        tags: ['models'],
        body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
        response: { 200: productionChangeSchema },
      },
    },
    async (request) => {
      const actor = actorOf(requirePrincipal(request));
      const moved = await rollback(registryFor(ctx), actor, request.body.reason).catch(registryErrorToHttp);
      return { production: moved.production, previous: moved.previous, gateId: moved.gateId };
    },
  );
}
