import { z } from 'zod';
import { AuthError, passwordSchema, rolesSchema, usernameSchema } from '../../auth/auth-service.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  roles: z.array(z.string()),
  subjectId: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const idParams = z.strictObject({ id: z.uuid() });

export function authErrorToHttp(error: unknown): never {
  if (error instanceof AuthError) {
    throw new HttpError(error.reason === 'conflict' ? 409 : 400, {
      type: error.reason === 'conflict' ? 'conflict' : 'invalid-request',
      detail: error.message,
      ...(error.field ? { field: error.field } : {}),
    });
  }
  throw error;
}

/** Accounts and their roles (control plane, admin only). Every change is audited. */
export function registerUserRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/admin/users',
    {
      config: { access: { permission: 'users:manage' } },
      schema: {
        summary: 'List accounts',
        tags: ['admin'],
        response: { 200: z.object({ users: z.array(accountSchema) }) },
      },
    },
    async (request) => {
      const users = await ctx.auth.accounts.list();
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'users.list',
        outcome: 'success',
        detail: { count: users.length },
      });
      return { users };
    },
  );

  app.post(
    '/v1/admin/users',
    {
      config: { access: { permission: 'users:manage' } },
      schema: {
        summary: 'Create an account',
        description: "A viewer account names its viewer (subjectId) and has exactly the role 'viewer'.",
        tags: ['admin'],
        body: z.strictObject({
          username: usernameSchema,
          password: passwordSchema,
          roles: rolesSchema,
          subjectId: z.uuid().optional(),
        }),
        response: { 201: accountSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (request.body.subjectId) {
        const subject = await ctx.store.db
          .selectFrom('subjects')
          .select('id')
          .where('id', '=', request.body.subjectId)
          .executeTakeFirst();
        if (!subject)
          throw new HttpError(400, { type: 'unknown-subject', detail: 'no such viewer', field: 'subjectId' });
        // One account per viewer (a unique column): a second one is a conflict, not a failed insert.
        const linked = await ctx.store.db
          .selectFrom('accounts')
          .select('id')
          .where('subject_id', '=', request.body.subjectId)
          .executeTakeFirst();
        if (linked)
          throw new HttpError(409, {
            type: 'conflict',
            detail: 'this viewer already has an account',
            field: 'subjectId',
          });
      }
      const account = await ctx.auth.createAccount(request.body).catch(authErrorToHttp);
      await ctx.audit.append({
        actor: actorOf(principal),
        action: 'users.create',
        target: account.id,
        subject: account.subjectId ? ctx.pseudonymizer.of(account.subjectId) : null,
        outcome: 'success',
        detail: { roles: account.roles },
      });
      return reply.status(201).send(account);
    },
  );

  app.patch(
    '/v1/admin/users/:id',
    {
      config: { access: { permission: 'users:manage' } },
      schema: {
        summary: "Change an account's roles, password or disabled flag (its sessions end)",
        tags: ['admin'],
        params: idParams,
        body: z
          .strictObject({
            roles: rolesSchema.optional(),
            disabled: z.boolean().optional(),
            password: passwordSchema.optional(),
          })
          .refine((body) => Object.keys(body).length > 0, { message: 'name at least one change' }),
        response: { 200: accountSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      if (
        principal.kind === 'account' &&
        principal.accountId === request.params.id &&
        request.body.roles &&
        !request.body.roles.includes('admin')
      ) {
        // An admin removing their own admin role could leave nobody able to manage accounts.
        throw new HttpError(400, {
          type: 'invalid-request',
          detail: 'an admin cannot remove their own admin role',
          field: 'roles',
        });
      }
      const account = await ctx.auth.updateAccount(request.params.id, request.body).catch(authErrorToHttp);
      if (!account) throw new HttpError(404, { type: 'not-found', detail: 'no such account', field: 'id' });
      await ctx.audit.append({
        actor: actorOf(principal),
        action: 'users.update',
        target: account.id,
        outcome: 'success',
        detail: {
          ...(request.body.roles ? { roles: request.body.roles } : {}),
          ...(request.body.disabled === undefined ? {} : { disabled: request.body.disabled }),
          ...(request.body.password ? { password: 'changed' } : {}),
        },
      });
      return account;
    },
  );
}
