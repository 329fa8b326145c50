import type { Permission } from './roles.js';

/**
 * What a route requires, declared once in its `config.access`. A route without it fails at startup.
 * - `permission`: an authenticated principal whose roles grant the permission (subject-scoped
 *   permissions also get exactly one subject in scope);
 * - `public: 'health'`: no credentials (only /healthz);
 * - `public: 'sign-in'`: the route checks credentials itself (login), answering 401 without them.
 */
export type RouteAccess = { permission: Permission } | { public: 'health' | 'sign-in' };

export interface RouteTableEntry {
  method: string;
  url: string;
  access: RouteAccess;
}
