import type { FastifyRequest } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthService } from '../../src/server/auth/auth-service.js';
import { CredentialCache } from '../../src/server/auth/credential-cache.js';
import type { Principal } from '../../src/server/auth/principal.js';
import { sqliteTestStore, type TestStore } from '../support/test-stores.js';

const SECRET = new Uint8Array(32).fill(7);
const PASSWORD = 'a password long enough';
const bearer = (credential: string) =>
  ({ headers: { authorization: `Bearer ${credential}` }, cookies: {} }) as unknown as FastifyRequest;

describe('credential cache', () => {
  const principal: Principal = { kind: 'api-key', keyId: 'k', name: 'front end', roles: ['service'] };

  it('keeps an entry until its ttl or the credential expiry, whichever is first', () => {
    const cache = new CredentialCache(2000);
    cache.set('a', principal, 1000);
    cache.set('b', principal, 1000, 1500);
    expect(cache.get('a', 2999)).toBe(principal);
    expect(cache.get('a', 3000)).toBeUndefined();
    expect(cache.get('b', 1499)).toBe(principal);
    expect(cache.get('b', 1500)).toBeUndefined();
    cache.set('c', principal, 1000, 900);
    expect(cache.get('c', 1000)).toBeUndefined();
  });

  it('is bounded, drops the oldest entry first, and keeps nothing with a ttl of 0', () => {
    const cache = new CredentialCache(1000, 2);
    cache.set('a', principal, 0);
    cache.set('b', principal, 0);
    cache.set('c', principal, 0);
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)]).toEqual([
      undefined,
      principal,
      principal,
    ]);
    const off = new CredentialCache(0);
    off.set('a', principal, 0);
    expect(off.size).toBe(0);
    expect(() => new CredentialCache(-1)).toThrow(/ttlMs/);
  });
});

/** Two AuthServices over one store stand for two server processes; the clock is the test's. */
describe('credentials revoked by another process', () => {
  let t: TestStore;
  let now: number;
  const clock = () => new Date(now);
  let here: AuthService;
  let elsewhere: AuthService;

  beforeEach(async () => {
    t = await sqliteTestStore();
    now = Date.parse('2026-11-21T12:00:00Z');
    const settings = { sessionTtlSeconds: 3600, bearerTtlSeconds: 900, credentialCacheSeconds: 2 };
    here = new AuthService(t.store, SECRET, settings, clock);
    elsewhere = new AuthService(t.store, SECRET, settings, clock);
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('refuses a revoked API key here at once, and elsewhere within the cache ttl', async () => {
    const { key, record } = await here.createApiKey({
      name: 'front end',
      roles: ['service'],
      createdBy: 'test',
    });
    expect(await here.authenticate(bearer(key))).toMatchObject({ kind: 'api-key', keyId: record.id });
    expect(await elsewhere.authenticate(bearer(key))).toMatchObject({ keyId: record.id });

    await here.revokeApiKey(record.id);
    expect(await here.authenticate(bearer(key))).toBeNull();
    // The other process trusted the key a moment ago; it learns of the revocation when its entry ends.
    now += 1000;
    expect(await elsewhere.authenticate(bearer(key))).toMatchObject({ keyId: record.id });
    now += 1000;
    expect(await elsewhere.authenticate(bearer(key))).toBeNull();
  });

  it('refuses a signed-out bearer token elsewhere within the cache ttl, and never past its expiry', async () => {
    await here.createAccount({ username: 'analyst', password: PASSWORD, roles: ['analyst'] });
    const signedIn = await here.signIn('analyst', PASSWORD);
    const token = signedIn.bearer.token;
    expect(await elsewhere.authenticate(bearer(token))).toMatchObject({ username: 'analyst' });
    await here.signOut(signedIn.sessionId);
    expect(await here.authenticate(bearer(token))).toBeNull();
    now += 2000;
    expect(await elsewhere.authenticate(bearer(token))).toBeNull();

    const again = await here.signIn('analyst', PASSWORD);
    expect(await here.authenticate(bearer(again.bearer.token))).not.toBeNull();
    now = again.bearer.expiresAt.getTime();
    expect(await here.authenticate(bearer(again.bearer.token))).toBeNull();
  });

  it('asks the store every time with the cache off', async () => {
    const uncached = new AuthService(
      t.store,
      SECRET,
      { sessionTtlSeconds: 3600, bearerTtlSeconds: 900, credentialCacheSeconds: 0 },
      clock,
    );
    const { key, record } = await here.createApiKey({
      name: 'front end',
      roles: ['service'],
      createdBy: 'test',
    });
    expect(await uncached.authenticate(bearer(key))).not.toBeNull();
    await here.revokeApiKey(record.id);
    expect(await uncached.authenticate(bearer(key))).toBeNull();
  });
});
