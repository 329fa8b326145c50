import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, apiHarness, PASSWORD } from '../support/api-harness.js';
import { storeFactories } from '../support/test-stores.js';
import { call } from './api-helpers.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(storeFactories)('household profiles on %s', (_name, factory) => {
  let h: ApiHarness;
  /** The kids profile added to viewer-one's household. */
  let kids: string;
  let levelOf: Map<string, number>;

  beforeAll(async () => {
    h = await apiHarness({ factory });
    kids = h.otherViewer.subjectId;
    await h.t.store.db.updateTable('subjects').set({ profile_kind: 'kids' }).where('id', '=', kids).execute();
    await h.built.context.auth.households.add(h.viewer.accountId as string, kids);
    const items = await h.t.store.db.selectFrom('items').select(['id', 'audience_level']).execute();
    levelOf = new Map(items.map((row) => [row.id, row.audience_level]));
  });
  afterAll(async () => {
    await h?.close();
  });

  const signIn = async () => (await h.built.context.auth.signIn('viewer-one', PASSWORD)).bearer.token;
  const switchTo = (token: string, body: unknown) => call(h, 'POST', '/v1/auth/profile', bearer(token), body);

  it("lists the account's own profile (current) and its household's", async () => {
    const response = await call(h, 'GET', '/v1/auth/profiles', bearer(await signIn()));
    expect(response.statusCode).toBe(200);
    expect(response.json().profiles).toEqual([
      { subjectId: h.viewer.subjectId, profileKind: 'adult', own: true, current: true },
      { subjectId: kids, profileKind: 'kids', own: false, current: false },
    ]);
  });

  it('switches down to kids without a password: a new session acting as kids, the old one ended', async () => {
    const adultToken = await signIn();
    const switched = await switchTo(adultToken, { subjectId: kids });
    expect(switched.statusCode).toBe(200);
    expect(switched.headers['set-cookie']).toMatch(/candor_session=.*HttpOnly.*SameSite=Strict/i);
    const kidsToken = switched.json().token as string;
    const session = await call(h, 'GET', '/v1/auth/session', bearer(kidsToken));
    expect(session.json()).toMatchObject({ name: 'viewer-one', subjectId: kids });
    expect((await call(h, 'GET', '/v1/auth/session', bearer(adultToken))).statusCode).toBe(401);

    const served = await call(h, 'GET', '/v1/recommendations?limit=100', bearer(kidsToken));
    expect(served.statusCode).toBe(200);
    const items = served.json().items as { itemId: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(levelOf.get(item.itemId), item.itemId).toBeLessThanOrEqual(2);
    const me = await call(h, 'GET', '/v1/me', bearer(kidsToken));
    expect(me.json().id).toBe(kids);
  });

  it('needs the password to switch up from kids to adult, and refuses a wrong one', async () => {
    const kidsToken = (await switchTo(await signIn(), { subjectId: kids })).json().token as string;
    const without = await switchTo(kidsToken, { subjectId: h.viewer.subjectId });
    expect(without.statusCode).toBe(401);
    expect(without.json()).toMatchObject({ field: 'password' });
    const wrong = await switchTo(kidsToken, { subjectId: h.viewer.subjectId, password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    // A refused switch leaves the kids session as it was.
    expect((await call(h, 'GET', '/v1/auth/session', bearer(kidsToken))).json().subjectId).toBe(kids);
    const right = await switchTo(kidsToken, { subjectId: h.viewer.subjectId, password: PASSWORD });
    expect(right.statusCode).toBe(200);
    const session = await call(h, 'GET', '/v1/auth/session', bearer(right.json().token));
    expect(session.json().subjectId).toBe(h.viewer.subjectId);
  });

  it('refuses a viewer outside the household, an API key, and a body naming no one; audits each switch', async () => {
    const token = await signIn();
    const outside = await switchTo(token, { subjectId: h.loneSubjectId });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().field).toBe('subjectId');
    expect((await switchTo(token, {})).statusCode).toBe(400);
    const byKey = await call(h, 'POST', '/v1/auth/profile', h.service, { subjectId: kids });
    expect(byKey.statusCode).toBe(400);
    const log = await h.t.store.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('action', '=', 'auth.switch-profile')
      .execute();
    expect(log.some((entry) => entry.outcome === 'denied')).toBe(true);
    expect(log.some((entry) => entry.outcome === 'success')).toBe(true);
  });

  it('ends a session acting as a profile when that profile is erased; the household no longer lists it', async () => {
    const kidsToken = (await switchTo(await signIn(), { subjectId: kids })).json().token as string;
    const erased = await call(h, 'DELETE', `/v1/admin/subjects/${kids}?confirm=true`, h.staff.admin);
    expect(erased.statusCode).toBe(200);
    expect(erased.json().rows).toMatchObject({ account_profiles: 1 });
    expect((await call(h, 'GET', '/v1/auth/session', bearer(kidsToken))).statusCode).toBe(401);
    const profiles = await call(h, 'GET', '/v1/auth/profiles', bearer(await signIn()));
    expect(profiles.json().profiles.map((p: { subjectId: string }) => p.subjectId)).toEqual([
      h.viewer.subjectId,
    ]);
  });
});
