import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import { AuthError, SESSION_COOKIE } from '../../auth/auth-service.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { grants, PERMISSIONS } from '../../auth/roles.js';
import { requirePrincipal } from '../route-helpers.js';

const signInBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

const accountView = z.object({
  id: z.string(),
  username: z.string(),
  roles: z.array(z.string()),
  subjectId: z.string().nullable(),
});

/** The session cookie of a new session (sign-in, profile switch): httpOnly, SameSite=Strict. */
export function setSessionCookie(
  reply: FastifyReply,
  ctx: ApiContext,
  session: { sessionToken: string; sessionExpiresAt: Date },
): void {
  reply.setCookie(SESSION_COOKIE, session.sessionToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.auth.secureCookies,
    path: '/',
    expires: session.sessionExpiresAt,
  });
}

/** Sign in (session cookie and bearer token), who am I, sign out. */
export function registerAuthRoutes(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/v1/auth/login',
    {
      config: {
        access: { public: 'sign-in' },
        rateLimit: {
          max: ctx.config.rateLimit.signInPerMinute,
          timeWindow: 60_000,
          keyGenerator: (r: FastifyRequest) => r.ip,
        },
      },
      schema: {
        summary: 'Sign in with a username and password',
        description:
          'Sets an httpOnly, SameSite=Strict session cookie and returns a short-lived bearer token bound to the same session.',
        tags: ['auth'],
        body: signInBody,
        response: {
          200: z.object({
            token: z.string(),
            tokenExpiresAt: z.string(),
            sessionExpiresAt: z.string(),
            account: accountView,
          }),
        },
      },
    },
    async (request, reply) => {
      try {
        const signedIn = await ctx.auth.signIn(request.body.username, request.body.password);
        await ctx.audit.append({
          actor: `account:${signedIn.account.id}`,
          action: 'auth.sign-in',
          target: signedIn.sessionId,
          outcome: 'success',
        });
        setSessionCookie(reply, ctx, signedIn);
        return {
          token: signedIn.bearer.token,
          tokenExpiresAt: signedIn.bearer.expiresAt.toISOString(),
          sessionExpiresAt: signedIn.sessionExpiresAt.toISOString(),
          account: {
            id: signedIn.account.id,
            username: signedIn.account.username,
            roles: signedIn.account.roles,
            subjectId: signedIn.account.subjectId,
          },
        };
      } catch (error) {
        if (error instanceof AuthError && error.reason === 'invalid-credentials') {
          await ctx.audit.append({
            actor: 'anonymous',
            action: 'auth.sign-in',
            outcome: 'denied',
            detail: { reason: 'invalid credentials' },
          });
          throw new HttpError(401, { type: 'invalid-credentials', detail: error.message });
        }
        throw error;
      }
    },
  );

  app.get(
    '/v1/auth/session',
    {
      config: { access: { permission: 'session:self' } },
      schema: {
        summary: 'Who is signed in',
        tags: ['auth'],
        response: {
          200: z.object({
            kind: z.enum(['account', 'api-key']),
            id: z.string(),
            name: z.string(),
            roles: z.array(z.string()),
            permissions: z
              .array(z.string())
              .describe('what the roles grant, so an app shows only the actions the server will allow'),
            subjectId: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const permissions = PERMISSIONS.filter((permission) => grants(principal.roles, permission));
      return principal.kind === 'account'
        ? {
            kind: principal.kind,
            id: principal.accountId,
            name: principal.username,
            roles: [...principal.roles],
            permissions,
            subjectId: principal.subjectId,
          }
        : {
            kind: principal.kind,
            id: principal.keyId,
            name: principal.name,
            roles: [...principal.roles],
            permissions,
            subjectId: null,
          };
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      config: { access: { permission: 'session:self' } },
      schema: {
        summary: 'Sign out: revokes the session, its cookie and every bearer token issued with it',
        tags: ['auth'],
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'account') {
        throw new HttpError(400, {
          type: 'not-a-session',
          detail: 'API keys are revoked by an admin, not signed out',
        });
      }
      await ctx.auth.signOut(principal.sessionId);
      await ctx.audit.append({
        actor: actorOf(principal),
        action: 'auth.sign-out',
        target: principal.sessionId,
        outcome: 'success',
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
