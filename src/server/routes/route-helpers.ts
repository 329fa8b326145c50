import type { FastifyRequest } from 'fastify';
import type { Principal, SubjectScope } from '../auth/principal.js';

/** The principal access control put on a non-public route; its absence is a wiring bug, not a 401. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new Error(`route ${request.routeOptions.url ?? ''} reached without a principal`);
  return request.principal;
}

/** The one subject a subject-scoped route may touch (set by access control). */
export function requireScope(request: FastifyRequest): SubjectScope {
  if (!request.scope)
    throw new Error(`route ${request.routeOptions.url ?? ''} reached without a subject scope`);
  return request.scope;
}
