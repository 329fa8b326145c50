import type { Permission } from './roles.js';

/**
 * What a route requires, declared once in its `config.access`. A route without it fails at startup.
 * - `permission`: an authenticated principal whose roles grant the permission (subject-scoped
 *   permissions also get exactly one subject in scope);
 * - `public: 'health'`: no credentials (only /healthz);
 * - `public: 'sign-in'`: the route checks credentials itself (login), answering 401 without them;
 * - `public: 'web-app'`: the web app's own code and shell (HTML, scripts, styles), which hold no data:
 *   the app signs in through the API like any client, and every call it makes is authorized there.
 */
export type RouteAccess = { permission: Permission } | { public: 'health' | 'sign-in' | 'web-app' };

export interface RouteTableEntry {
  method: string;
  url: string;
  access: RouteAccess;
}
