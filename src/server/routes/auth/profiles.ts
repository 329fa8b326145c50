import { z } from 'zod';
import { profileKindSchema } from '../../../catalog/viewer-profile.js';
import { maxAudienceLevelFor } from '../../../pipeline/viewer-context.js';
import { auditSubjectTag } from '../../../privacy/audit-subject-tag.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { AuthError } from '../../auth/auth-service.js';
import { actorOf, type Principal } from '../../auth/principal.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';
import { setSessionCookie } from './index.js';

const profileView = z.object({
  subjectId: z.string(),
  profileKind: z.string(),
  own: z.boolean().describe("the account's own viewer (false: a profile of its household)"),
  current: z.boolean().describe('the profile this session acts as'),
});

/** An unknown stored kind is treated as the strictest, as serving does. */
const storedKind = profileKindSchema.catch('kids');

function accountOf(principal: Principal): Extract<Principal, { kind: 'account' }> {
  if (principal.kind !== 'account') {
    throw new HttpError(400, { type: 'not-a-session', detail: 'API keys have no profiles' });
  }
  return principal;
}

/**
 * Household profiles (adult, teen, kids): which ones this account may act as, and switching between
 * them. A switch starts a new session for the profile and ends the current one; moving to a profile
 * allowed more mature titles needs the password again.
 */
export function registerProfileRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/auth/profiles',
    {
      config: { access: { permission: 'session:self' } },
      schema: {
        summary: "The profiles this account may act as (its own and its household's), and the current one",
        tags: ['auth'],
        response: { 200: z.object({ profiles: z.array(profileView) }) },
      },
    },
    async (request) => {
      const principal = accountOf(requirePrincipal(request));
      const profiles = await ctx.auth.households.of(principal.accountId);
      return {
        profiles: profiles.map((p) => ({ ...p, current: p.subjectId === principal.subjectId })),
      };
    },
  );

  app.post(
    '/v1/auth/profile',
    {
      config: { access: { permission: 'session:self' } },
      schema: {
        summary: 'Switch this session to another profile of the household (a new session; the old one ends)',
        description:
          'Moving to a profile that may see more mature titles (kids to adult) needs the account password; moving down does not. Sets a new session cookie and returns a new bearer token.',
        tags: ['auth'],
        body: z.strictObject({
          subjectId: z.string().min(1).max(64),
          password: z.string().min(1).max(1024).optional(),
        }),
        response: {
          200: z.object({
            token: z.string(),
            tokenExpiresAt: z.string(),
            sessionExpiresAt: z.string(),
            profile: profileView,
          }),
        },
      },
    },
    async (request, reply) => {
      const principal = accountOf(requirePrincipal(request));
      const limits = ctx.policy.policy.maturity.maxAudienceLevel;
      const maxLevelOf = (kind: string) => maxAudienceLevelFor(storedKind.parse(kind), limits);
      const subject = await auditSubjectTag(ctx.store.keyring, request.body.subjectId);
      try {
        const switched = await ctx.auth.switchProfile(
          principal,
          request.body.subjectId,
          request.body.password,
          maxLevelOf,
        );
        await ctx.audit.append({
          actor: actorOf(principal),
          action: 'auth.switch-profile',
          subject,
          target: switched.sessionId,
          outcome: 'success',
          detail: { profileKind: switched.profile.profileKind },
        });
        setSessionCookie(reply, ctx, switched);
        return {
          token: switched.bearer.token,
          tokenExpiresAt: switched.bearer.expiresAt.toISOString(),
          sessionExpiresAt: switched.sessionExpiresAt.toISOString(),
          profile: { ...switched.profile, current: true },
        };
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        await ctx.audit.append({
          actor: actorOf(principal),
          action: 'auth.switch-profile',
          subject,
          outcome: 'denied',
          detail: { reason: error.message },
        });
        if (error.reason === 'invalid-credentials') {
          throw new HttpError(401, { type: 'password-required', detail: error.message, field: 'password' });
        }
        throw new HttpError(403, {
          type: 'forbidden',
          detail: error.message,
          field: error.field ?? 'subjectId',
        });
      }
    },
  );
}
