import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, apiHarness, PASSWORD } from '../support/api-harness.js';

describe('authentication', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await apiHarness({
      train: false,
      config: { rateLimit: { signInPerMinute: 6, perMinute: 1200, servicePerMinute: 600_000 } },
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const login = (username: string, password: string) =>
    h.built.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });

  it('signs in with an httpOnly SameSite=Strict cookie and a bearer token; both work; sign-out kills both', async () => {
    const response = await login('staff-analyst', PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'candor_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const { token, account } = response.json();
    expect(account).toMatchObject({ username: 'staff-analyst', roles: ['analyst'] });
    expect(JSON.stringify(response.json())).not.toContain('$argon2');

    const byCookie = await h.built.app.inject({
      method: 'GET',
      url: '/v1/auth/session',
      cookies: { candor_session: cookie?.value as string },
    });
    expect(byCookie.json()).toMatchObject({ kind: 'account', name: 'staff-analyst' });
    // The permissions the roles grant, for the app to offer only what the server allows.
    expect(byCookie.json().permissions).toContain('analytics:read');
    expect(byCookie.json().permissions).not.toContain('audit:read');
    const byBearer = await h.built.app.inject({
      method: 'GET',
      url: '/v1/auth/session',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(byBearer.statusCode).toBe(200);

    const out = await h.built.app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(204);
    for (const request of [
      { headers: { authorization: `Bearer ${token}` } },
      { cookies: { candor_session: cookie?.value as string } },
    ]) {
      const after = await h.built.app.inject({ method: 'GET', url: '/v1/auth/session', ...request });
      expect(after.statusCode).toBe(401);
    }
  });

  it('refuses a wrong password or an unknown user alike, and audits it', async () => {
    const wrong = await login('staff-analyst', 'not the password at all');
    const unknown = await login('nobody-here', 'not the password at all');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ type: 'https://candor.dev/problems/invalid-credentials' });
    }
    expect(wrong.json().detail).toBe(unknown.json().detail);
    const denied = await h.t.store.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'auth.sign-in')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('stores argon2id hashes, never passwords', async () => {
    const rows = await h.t.store.db.selectFrom('accounts').select('password_hash').execute();
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(PASSWORD);
    }
  });

  it('rejects tampered, foreign and malformed bearer tokens', async () => {
    const { token } = (await login('staff-curator', PASSWORD)).json();
    const [header, payload, signature] = (token as string).split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: h.staff.admin.accountId, sid: 'x' })).toString('base64url')}.${signature}`;
    for (const value of [forged, `${token}x`, 'not-a-token', `${header}.${payload}.`]) {
      const response = await h.built.app.inject({
        method: 'GET',
        url: '/v1/auth/session',
        headers: { authorization: `Bearer ${value}` },
      });
      expect(response.statusCode, value.slice(0, 20)).toBe(401);
    }
    const basic = await h.built.app.inject({
      method: 'GET',
      url: '/v1/auth/session',
      headers: { authorization: 'Basic YTpi' },
    });
    expect(basic.statusCode).toBe(401);
  });

  it('manages API keys: shown once, stored hashed, last use recorded, revocable', async () => {
    const created = await h.built.app.inject({
      method: 'POST',
      url: '/v1/admin/api-keys',
      headers: h.staff.admin.headers,
      payload: { name: 'reporting', roles: ['analyst'] },
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(key).toMatch(/^candor_key_[A-Za-z0-9_-]{43}$/);
    const stored = await h.t.store.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key.slice(12));

    const used = await h.built.app.inject({
      method: 'GET',
      url: '/v1/analytics/summary',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(used.statusCode).toBe(200);
    const listed = await h.built.app.inject({
      method: 'GET',
      url: '/v1/admin/api-keys',
      headers: h.staff.admin.headers,
    });
    const entry = listed.json().keys.find((k: { id: string }) => k.id === apiKey.id);
    expect(entry.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.json())).not.toContain(key);

    const revoked = await h.built.app.inject({
      method: 'DELETE',
      url: `/v1/admin/api-keys/${apiKey.id}`,
      headers: h.staff.admin.headers,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await h.built.app.inject({
      method: 'GET',
      url: '/v1/analytics/summary',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(after.statusCode).toBe(401);
    const again = await h.built.app.inject({
      method: 'DELETE',
      url: `/v1/admin/api-keys/${apiKey.id}`,
      headers: h.staff.admin.headers,
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses an API key with the viewer role, naming the field', async () => {
    const response = await h.built.app.inject({
      method: 'POST',
      url: '/v1/admin/api-keys',
      headers: h.staff.admin.headers,
      payload: { name: 'x', roles: ['viewer'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('roles');
  });

  it('ends sessions when an account is disabled or its roles change', async () => {
    const created = await h.built.app.inject({
      method: 'POST',
      url: '/v1/admin/users',
      headers: h.staff.admin.headers,
      payload: { username: 'temp-analyst', password: PASSWORD, roles: ['analyst'] },
    });
    expect(created.statusCode).toBe(201);
    const { token } = (await login('temp-analyst', PASSWORD)).json();
    const headers = { authorization: `Bearer ${token}` };
    expect(
      (await h.built.app.inject({ method: 'GET', url: '/v1/analytics/summary', headers })).statusCode,
    ).toBe(200);
    const patched = await h.built.app.inject({
      method: 'PATCH',
      url: `/v1/admin/users/${created.json().id}`,
      headers: h.staff.admin.headers,
      payload: { disabled: true },
    });
    expect(patched.json().disabled).toBe(true);
    expect(
      (await h.built.app.inject({ method: 'GET', url: '/v1/analytics/summary', headers })).statusCode,
    ).toBe(401);
    expect((await login('temp-analyst', PASSWORD)).statusCode).toBe(401);
  });

  it('validates account input and names the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ username: 'ok-name', password: 'short', roles: ['analyst'] }, 'password'],
      [{ username: 'Bad Name', password: PASSWORD, roles: ['analyst'] }, 'username'],
      [{ username: 'ok-name', password: PASSWORD, roles: ['wizard'] }, 'roles.0'],
      [{ username: 'ok-name', password: PASSWORD, roles: ['viewer'] }, 'subjectId'],
      [{ username: 'staff-admin', password: PASSWORD, roles: ['analyst'] }, 'username'],
    ];
    for (const [payload, field] of cases) {
      const response = await h.built.app.inject({
        method: 'POST',
        url: '/v1/admin/users',
        headers: h.staff.admin.headers,
        payload,
      });
      expect([400, 409], JSON.stringify(payload)).toContain(response.statusCode);
      expect(response.json().field, JSON.stringify(payload)).toBe(field);
    }
  });

  it('limits sign-in attempts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await login('nobody', 'wrong password here')).statusCode);
    expect(statuses).toContain(429);
  });
});
