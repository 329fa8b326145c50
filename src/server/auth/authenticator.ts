import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';

/**
 * Turns a request's credentials (session cookie, bearer token, API key) into a principal. Returns null
 * when the request carries none or they are invalid, expired or revoked: the caller answers 401.
 */
export interface Authenticator {
  authenticate(request: FastifyRequest): Promise<Principal | null>;
}
