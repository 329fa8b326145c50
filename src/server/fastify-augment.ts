import type { Principal, SubjectScope } from './auth/principal.js';
import type { RouteAccess } from './auth/route-access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Set by access control for every route that is not public. */
    principal: Principal | null;
    /** Set for subject-scoped permissions: the one viewer this request may touch. */
    scope: SubjectScope | null;
  }
}
