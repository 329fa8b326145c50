import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grants, ROLES, type Role, SUBJECT_SCOPED } from '../../src/server/auth/roles.js';
import type { RouteTableEntry } from '../../src/server/auth/route-access.js';
import { SUBJECT_HEADER } from '../../src/server/plugins/app/access-control.js';
import { type ApiHarness, apiHarness, type Caller, PASSWORD } from '../support/api-harness.js';

/**
 * Generated from the route table: every route x every role x (own subject | another subject), and every
 * route without credentials. Allowed means the request got past access control (not 401/403); denied
 * means 403 (or 401 without credentials).
 */
describe('authorization matrix', () => {
  let h: ApiHarness;
  let routes: RouteTableEntry[];
  let params: Record<string, string>;

  beforeAll(async () => {
    h = await apiHarness();
    routes = h.built.routes;
    const db = h.t.store.db;
    const item = await db.selectFrom('items').select('id').limit(1).executeTakeFirstOrThrow();
    const production = h.built.context.serving.aliases().production as string;
    params = { item: item.id, model: production, account: h.staff.curator.accountId as string };
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const urlFor = async (route: RouteTableEntry): Promise<string> => {
    let url = route.url;
    if (url.includes(':id')) {
      let id = params.item as string;
      if (url.startsWith('/v1/admin/models')) id = params.model as string;
      else if (url.startsWith('/v1/admin/users')) id = params.account as string;
      else if (url.startsWith('/v1/admin/api-keys')) {
        // A throwaway key, so that revoking it in the matrix does not cut off the harness's service key.
        id = (
          await h.built.context.auth.createApiKey({
            name: 'throwaway',
            roles: ['analyst'],
            createdBy: 'test',
          })
        ).record.id;
      } else if (url.includes('/decisions/')) id = '01900000-0000-7000-8000-000000000000';
      url = url.replace(':id', id);
    }
    // `::` is Fastify's escaped literal colon (Azure-style `text:analyze` paths).
    return url
      .replace(':list', 'matrix-list')
      .replace(':termId', 'no-such-term')
      .replaceAll('::', ':')
      .replace('/*', '/');
  };

  const send = async (route: RouteTableEntry, headers: Record<string, string>) =>
    h.built.app.inject({
      method: route.method as 'GET',
      url: await urlFor(route),
      headers,
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
    });

  /** A fresh session for the caller, for routes that end it (sign-out). */
  const freshHeaders = async (caller: Caller, username: string): Promise<Record<string, string>> => {
    if (caller.role === 'service') return caller.headers;
    const signedIn = await h.built.context.auth.signIn(username, PASSWORD);
    return { authorization: `Bearer ${signedIn.bearer.token}` };
  };

  const callers = (): [Role, Caller, string][] => [
    ['viewer', h.viewer, 'viewer-one'],
    ['service', h.service, ''],
    ...(['curator', 'analyst', 'auditor', 'admin'] as const).map(
      (role) => [role, h.staff[role], `staff-${role}`] as [Role, Caller, string],
    ),
  ];

  it('declares an access rule for every route, and covers every role', () => {
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
    expect(
      callers()
        .map(([role]) => role)
        .sort(),
    ).toEqual([...ROLES].sort());
  });

  it('refuses every route but /healthz and the web app without credentials', async () => {
    for (const route of routes) {
      const response = await send(route, {});
      const label = `${route.method} ${route.url}`;
      if (route.url === '/healthz') expect(response.statusCode, label).toBe(200);
      else if ('public' in route.access && route.access.public === 'web-app') {
        // The app's code and shell only (built or not here): never an API answer.
        expect(route.method, label).toBe('GET');
        expect([200, 404], label).toContain(response.statusCode);
        expect(response.headers['content-type'], label).not.toMatch(/^application\/json/);
      } else if ('public' in route.access) expect([400, 401], label).toContain(response.statusCode);
      else expect(response.statusCode, label).toBe(401);
    }
  });

  it('allows exactly what each role grants, for its own subject', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if ('public' in route.access) continue;
      const permission = route.access.permission;
      for (const [role, caller, username] of callers()) {
        const scoped = SUBJECT_SCOPED.has(permission);
        let headers = route.url === '/v1/auth/logout' ? await freshHeaders(caller, username) : caller.headers;
        if (role === 'service' && scoped) headers = { ...headers, [SUBJECT_HEADER]: h.viewer.subjectId };
        const response = await send(route, headers);
        const allowed = grants([role], permission) && (!scoped || role === 'viewer' || role === 'service');
        const got = response.statusCode;
        const ok = allowed ? got !== 401 && got !== 403 && got < 500 : got === 403;
        if (!ok)
          failures.push(
            `${role} ${route.method} ${route.url}: ${allowed ? 'allow' : 'deny'} expected, got ${got}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses another subject's data: a viewer naming someone else, a service naming no one", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if ('public' in route.access || !SUBJECT_SCOPED.has(route.access.permission)) continue;
      const asOther = await send(route, { ...h.viewer.headers, [SUBJECT_HEADER]: h.otherViewer.subjectId });
      if (asOther.statusCode !== 403)
        failures.push(`viewer as other ${route.method} ${route.url}: ${asOther.statusCode}`);
      const unnamed = await send(route, h.service.headers);
      if (unnamed.statusCode !== 400)
        failures.push(`service unnamed ${route.method} ${route.url}: ${unnamed.statusCode}`);
      const ghost = await send(route, {
        ...h.service.headers,
        [SUBJECT_HEADER]: '01900000-0000-7000-8000-00000000dead',
      });
      if (ghost.statusCode !== 404)
        failures.push(`service ghost ${route.method} ${route.url}: ${ghost.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('audits refusals with the actor and the permission', async () => {
    const response = await h.built.app.inject({
      method: 'GET',
      url: '/v1/admin/users',
      headers: h.viewer.headers,
    });
    expect(response.statusCode).toBe(403);
    const rows = await h.t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access.refused')
      .where('actor', '=', `account:${h.viewer.accountId}`)
      .execute();
    expect(rows.some((row) => JSON.parse(row.detail).permission === 'users:manage')).toBe(true);
  });
});
