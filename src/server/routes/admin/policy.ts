import { z } from 'zod';
import { PolicyError, parseServingPolicy } from '../../../config/serving-policy.js';
import {
  applyPolicyChange,
  PolicyNotApplicableError,
  StalePolicyError,
} from '../../../governance/policy/apply-policy.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';

const MAX_POLICY_TEXT = 256 * 1024;

const policyBody = z
  .strictObject({
    policy: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('the whole new policy as JSON (fields left out take their defaults)'),
    yaml: z.string().max(MAX_POLICY_TEXT).optional().describe('or the whole new policy as YAML text'),
    note: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('why the policy changes (kept in its history)'),
    expectedVersion: z
      .string()
      .regex(/^policy-[0-9a-f]{16}$/)
      .optional()
      .describe('refuse the change when the serving policy is no longer this version'),
  })
  .refine((body) => (body.policy === undefined) !== (body.yaml === undefined), {
    message: 'give the new policy as `policy` (JSON) or as `yaml`, exactly one of them',
    path: ['policy'],
  });

const activation = z.object({
  id: z.string(),
  version: z.string(),
  actor: z.string(),
  note: z.string().nullable(),
  activatedAt: z.string(),
});

/** The policy's problems as one 400 that names the first bad field and lists every one. */
function invalidPolicy(error: PolicyError): HttpError {
  const first = error.problems[0];
  return new HttpError(400, {
    type: 'invalid-policy',
    detail: error.problems.map((p) => `${p.path || '(policy)'}: ${p.message}`).join('; '),
    field: first?.path ? `policy.${first.path}` : 'policy',
  });
}

/** The serving policy as code: read it, check a draft, change it (admins), and its history. */
export function registerPolicyRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/admin/policy',
    {
      config: { access: { permission: 'policy:read' } },
      schema: {
        summary:
          'The serving policy in force: its version, every field (defaults filled in) and where it lives',
        tags: ['policy'],
        response: {
          200: z.object({
            version: z.string(),
            policy: z.record(z.string(), z.unknown()),
            file: z.string(),
            activated: activation.nullable(),
          }),
        },
      },
    },
    async () => {
      const { policy, version } = ctx.policy;
      const activated =
        (await ctx.policyHistory.list(200)).find((entry) => entry.version === version) ?? null;
      return { version, policy, file: ctx.policyFile, activated };
    },
  );

  app.post(
    '/v1/admin/policy/check',
    {
      config: { access: { permission: 'policy:read' } },
      schema: {
        summary: 'Validate a draft policy without applying it: its version, or every problem by its path',
        tags: ['policy'],
        body: z.strictObject({ policy: z.record(z.string(), z.unknown()) }),
        response: {
          200: z.object({
            valid: z.boolean(),
            version: z.string().nullable(),
            sameAsServing: z.boolean(),
            problems: z.array(z.object({ path: z.string(), message: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      try {
        const { version } = parseServingPolicy(request.body.policy);
        return { valid: true, version, sameAsServing: version === ctx.policy.version, problems: [] };
      } catch (error) {
        if (!(error instanceof PolicyError)) throw error;
        return { valid: false, version: null, sameAsServing: false, problems: [...error.problems] };
      }
    },
  );

  app.put(
    '/v1/admin/policy',
    {
      config: { access: { permission: 'policy:manage' } },
      schema: {
        summary:
          'Replace the serving policy. Validated in full, written to the policy file, recorded and audited; requests switch to it atomically',
        tags: ['policy'],
        body: policyBody,
        response: {
          200: z.object({
            previous: z.string(),
            version: z.string(),
            changed: z.boolean(),
            activatedAt: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { body } = request;
      try {
        return await applyPolicyChange(
          {
            live: ctx.livePolicy,
            db: ctx.store.db,
            history: ctx.policyHistory,
            audit: ctx.audit,
            clock: ctx.clock,
            file: ctx.policyFile,
          },
          {
            policy: body.yaml !== undefined ? { yaml: body.yaml } : { value: body.policy },
            actor: actorOf(principal),
            note: body.note,
            expectedVersion: body.expectedVersion,
          },
        );
      } catch (error) {
        if (error instanceof PolicyError) throw invalidPolicy(error);
        if (error instanceof StalePolicyError) {
          throw new HttpError(409, {
            type: 'policy-changed',
            detail: error.message,
            field: 'expectedVersion',
          });
        }
        if (error instanceof PolicyNotApplicableError) {
          throw new HttpError(422, {
            type: 'policy-not-applicable',
            detail: `the policy is valid but cannot be applied here: ${error.message}`,
            field: 'policy',
          });
        }
        throw error;
      }
    },
  );

  app.get(
    '/v1/admin/policy/history',
    {
      config: { access: { permission: 'policy:read' } },
      schema: {
        summary: 'Every policy activation, newest first: version, who, when, why',
        tags: ['policy'],
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.object({ current: z.string(), history: z.array(activation) }) },
      },
    },
    async (request) => ({
      current: ctx.policy.version,
      history: await ctx.policyHistory.list(request.query.limit),
    }),
  );

  app.get(
    '/v1/admin/policy/versions/:version',
    {
      config: { access: { permission: 'policy:read' } },
      schema: {
        summary: 'A past policy as it was activated (what a decision record names)',
        tags: ['policy'],
        params: z.strictObject({ version: z.string().regex(/^policy-[0-9a-f]{16}$/) }),
        response: { 200: z.object({ version: z.string(), policy: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      const document = await ctx.policyHistory.document(request.params.version);
      if (document === undefined) {
        throw new HttpError(404, { type: 'not-found', detail: 'no such policy version', field: 'version' });
      }
      return { version: request.params.version, policy: document as Record<string, unknown> };
    },
  );
}
