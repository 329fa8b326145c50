import { auditSubjectTag } from '../../../privacy/audit-subject-tag.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditSink } from '../../../governance/audit/audit-entry.js';
import type { Pseudonymizer } from '../../../privacy/pseudonymizer.js';
import type { Store } from '../../../store/open-store.js';
import { preparedQuery } from '../../../store/prepared-query.js';
import type { Authenticator } from '../../auth/authenticator.js';
import { actorOf, type Principal, type SubjectScope } from '../../auth/principal.js';
import { grants, SUBJECT_SCOPED, type Permission } from '../../auth/roles.js';
import type { RouteAccess, RouteTableEntry } from '../../auth/route-access.js';
import { HttpError } from '../../http-error.js';

/** The header a service key names the viewer it acts for with (the viewer's public id). */
export const SUBJECT_HEADER = 'candor-subject';

/** Routes a plugin adds itself (the API reference) get the permission to read it. */
const DOCS_PREFIX = '/docs';

export interface AccessControlDeps {
  authenticator: Authenticator;
  store: Store;
  pseudonymizer: Pseudonymizer;
  audit: AuditSink;
}

const UNAUTHENTICATED = () =>
  new HttpError(401, { type: 'unauthenticated', detail: 'sign in or present an API key' });

/**
 * Deny by default, in one place:
 * - at startup, every route must declare its access (`config.access`), or registering it throws;
 * - on every request, the principal is authenticated, the route's permission checked against its
 *   roles, and for subject-scoped permissions exactly one subject is put in scope: a viewer's own, or
 *   the one a service key names in the `Candor-Subject` header. Refusals are audited.
 * Returns the route table (filled as routes register), from which the authorization matrix is tested.
 */
export function registerAccessControl(app: FastifyInstance, deps: AccessControlDeps): RouteTableEntry[] {
  const table: RouteTableEntry[] = [];
  // Every subject-scoped request reads its subject: prepared once (see preparedQuery).
  const subjectById = preparedQuery(deps.store.db, ['subjectId'], (slot) =>
    deps.store.db
      .selectFrom('subjects')
      .select(['id', 'key', 'profile_kind', 'data_version'])
      .where('id', '=', slot('subjectId')),
  );
  app.decorateRequest('principal', null);
  app.decorateRequest('scope', null);

  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: RouteAccess };
    if (!config.access && route.url.startsWith(DOCS_PREFIX)) {
      route.config = { ...config, access: { permission: 'docs:read' } } as typeof route.config;
    } else if (!config.access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
    const access = (route.config as { access: RouteAccess }).access;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) {
      // Only the not-found handler has no route config; it answers 404 on its own.
      if (request.routeOptions.url === undefined) return;
      throw new Error(`route ${request.routeOptions.url} has no access rule`);
    }
    if ('public' in access) return;
    const principal = await deps.authenticator.authenticate(request);
    if (!principal) throw UNAUTHENTICATED();
    request.principal = principal;
    if (!grants(principal.roles, access.permission)) {
      await refuse(request, principal, access.permission, 'role does not grant the permission');
    }
    if (SUBJECT_SCOPED.has(access.permission)) {
      request.scope = await scopeFor(request, principal, access.permission);
    }
  });

  async function refuse(
    request: FastifyRequest,
    principal: Principal,
    permission: Permission,
    reason: string,
  ): Promise<never> {
    await deps.audit.append({
      actor: actorOf(principal),
      action: 'access.refused',
      target: `${request.method} ${request.routeOptions.url ?? ''}`,
      outcome: 'denied',
      detail: { permission, reason },
    });
    throw new HttpError(403, { type: 'forbidden', detail: `${reason}: ${permission}` });
  }

  async function scopeFor(
    request: FastifyRequest,
    principal: Principal,
    permission: Permission,
  ): Promise<SubjectScope> {
    const named = request.headers[SUBJECT_HEADER];
    if (Array.isArray(named)) {
      throw new HttpError(400, {
        type: 'invalid-request',
        detail: 'name one subject',
        field: SUBJECT_HEADER,
      });
    }
    let subjectId: string;
    if (principal.kind === 'account' && principal.subjectId) {
      // A viewer acts only as themselves; naming anyone else is refused, not silently ignored.
      if (named !== undefined && named !== principal.subjectId) {
        return refuse(request, principal, permission, 'a viewer may act only for themselves');
      }
      subjectId = principal.subjectId;
    } else if (principal.roles.includes('service')) {
      if (!named) {
        throw new HttpError(400, {
          type: 'invalid-request',
          detail: `a service acting for a viewer must name the viewer in the ${SUBJECT_HEADER} header`,
          field: SUBJECT_HEADER,
        });
      }
      subjectId = named;
    } else {
      return refuse(request, principal, permission, 'no viewer in scope for this principal');
    }
    const [subject] = await subjectById({ subjectId });
    if (!subject) {
      throw new HttpError(404, {
        type: 'unknown-subject',
        detail: 'no such viewer',
        field: SUBJECT_HEADER,
      });
    }
    return {
      subjectId: subject.id,
      subjectKey: Number(subject.key),
      profileKind: subject.profile_kind,
      pseudonym: deps.pseudonymizer.of(subject.id),
      auditTag: await auditSubjectTag(deps.store.keyring, subject.id),
      dataVersion: Number(subject.data_version),
    };
  }

  return table;
}
