import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AccountRepository, type AccountRecord } from '../../store/repositories/account-repository.js';
import { ApiKeyRepository, type ApiKeyRecord } from '../../store/repositories/api-key-repository.js';
import { SessionRepository } from '../../store/repositories/session-repository.js';
import { type HouseholdProfile, HouseholdProfiles } from '../../store/repositories/household-profiles.js';
import { type Clock, newId, systemClock } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import type { Authenticator } from './authenticator.js';
import { CredentialCache } from './credential-cache.js';
import { BearerTokens } from './bearer-tokens.js';
import { randomToken, tokenHash } from './opaque-token.js';
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password-hashing.js';
import type { Principal } from './principal.js';
import { isRole, ROLES, type Role } from './roles.js';

export const SESSION_COOKIE = 'candor_session';
export const API_KEY_PREFIX = 'candor_key_';
const SESSION_TOKEN_PREFIX = 'candor_sess_';
/** An API key's last-used time is written at most this often, so a busy key costs no write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export const usernameSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash and underscore');
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024);
export const rolesSchema = z.array(z.enum(ROLES)).min(1).max(ROLES.length);

export interface AuthSettings {
  sessionTtlSeconds: number;
  bearerTtlSeconds: number;
  /**
   * How long a credential found live is trusted without asking the store again (see CredentialCache);
   * what a revocation by another process may take to reach this one. Default 2 s; 0 turns it off.
   */
  credentialCacheSeconds?: number;
}

export interface SignedIn {
  sessionId: string;
  /** Opaque token for the httpOnly session cookie. */
  sessionToken: string;
  sessionExpiresAt: Date;
  /** Short-lived signed bearer token for API clients. */
  bearer: { token: string; expiresAt: Date };
  account: AccountRecord;
}

export class AuthError extends Error {
  constructor(
    readonly reason: 'invalid-credentials' | 'conflict' | 'invalid',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/**
 * Accounts, sessions and API keys, and the authenticator built on them. Credentials are checked in
 * this order: `Authorization: Bearer candor_key_...` (API key), `Authorization: Bearer <JWT>`, then
 * the session cookie. A request with a malformed or dead credential is unauthenticated; it does not
 * fall through to another credential.
 */
/** The header Azure AI Content Safety clients authenticate with. */
export const AZURE_KEY_HEADER = 'ocp-apim-subscription-key';

export class AuthService implements Authenticator {
  readonly accounts: AccountRepository;
  readonly sessions: SessionRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly households: HouseholdProfiles;
  private readonly tokens: BearerTokens;
  private readonly touchedAt = new Map<string, number>();
  private readonly cache: CredentialCache;

  constructor(
    store: Store,
    signingSecret: Uint8Array,
    private readonly settings: AuthSettings,
    private readonly clock: Clock = systemClock,
  ) {
    this.accounts = new AccountRepository(store.db, clock);
    this.sessions = new SessionRepository(store.db, clock);
    this.apiKeys = new ApiKeyRepository(store.db, clock);
    this.households = new HouseholdProfiles(store.db, clock);
    this.tokens = new BearerTokens(signingSecret, settings.bearerTtlSeconds);
    this.cache = new CredentialCache((settings.credentialCacheSeconds ?? 2) * 1000);
  }

  async createAccount(input: {
    username: string;
    password?: string | undefined;
    roles: readonly Role[];
    subjectId?: string | null | undefined;
  }): Promise<AccountRecord> {
    const username = parseField(usernameSchema, input.username, 'username');
    const roles = parseField(rolesSchema, input.roles, 'roles');
    if (input.subjectId && !(roles.length === 1 && roles[0] === 'viewer')) {
      // A viewer account is the viewer; giving it staff roles would let one person read others' data.
      throw new AuthError('invalid', 'an account linked to a viewer has exactly the viewer role', 'roles');
    }
    if (!input.subjectId && roles.includes('viewer')) {
      throw new AuthError('invalid', 'a viewer account must name its viewer (subjectId)', 'subjectId');
    }
    const passwordHash =
      input.password === undefined
        ? null
        : await hashPassword(parseField(passwordSchema, input.password, 'password'));
    if (await this.accounts.getWithHash(username)) {
      throw new AuthError('conflict', `username '${username}' is taken`, 'username');
    }
    return this.accounts.create({ username, passwordHash, roles, subjectId: input.subjectId ?? null });
  }

  async signIn(username: string, password: string): Promise<SignedIn> {
    const account = await this.accounts.getWithHash(username);
    const hash = account?.passwordHash ?? (await decoyHash());
    const valid = await verifyPassword(hash, password);
    if (!account || !account.passwordHash || !valid || account.disabled) {
      throw new AuthError('invalid-credentials', 'unknown username or wrong password');
    }
    return this.startSession(account, null);
  }

  private async startSession(
    account: AccountRecord & { passwordHash: string | null },
    profileSubjectId: string | null,
  ): Promise<SignedIn> {
    const now = this.clock();
    const sessionId = newId();
    const sessionToken = randomToken(SESSION_TOKEN_PREFIX);
    const sessionExpiresAt = new Date(now.getTime() + this.settings.sessionTtlSeconds * 1000);
    await this.sessions.create({
      id: sessionId,
      tokenHash: tokenHash(sessionToken),
      accountId: account.id,
      expiresAt: sessionExpiresAt.toISOString(),
      profileSubjectId,
    });
    const bearer = await this.tokens.issue({ accountId: account.id, sessionId }, now);
    const { passwordHash: _hash, ...record } = account;
    return {
      sessionId,
      sessionToken,
      sessionExpiresAt,
      bearer,
      account: { ...record, subjectId: profileSubjectId ?? record.subjectId },
    };
  }

  /**
   * Starts a session acting as another profile of the account's household and ends the current one, so
   * no cached principal anywhere can keep acting as the old profile. Moving to a profile allowed more
   * mature titles than the current one (kids to adult) needs the account's password again; moving down
   * does not. Throws AuthError: 'invalid' (not a profile of this account), 'invalid-credentials'.
   */
  async switchProfile(
    principal: Extract<Principal, { kind: 'account' }>,
    subjectId: string,
    password: string | undefined,
    maxLevelOf: (profileKind: string) => number,
  ): Promise<SignedIn & { profile: HouseholdProfile }> {
    const profiles = await this.households.of(principal.accountId);
    const target = profiles.find((p) => p.subjectId === subjectId);
    if (!target) throw new AuthError('invalid', 'not a profile of this account', 'subjectId');
    const current = profiles.find((p) => p.subjectId === principal.subjectId);
    const goesUp = !current || maxLevelOf(target.profileKind) > maxLevelOf(current.profileKind);
    const account = await this.accounts.getWithHash(principal.username);
    if (!account || account.disabled) throw new AuthError('invalid-credentials', 'the account is disabled');
    if (goesUp) {
      const valid =
        password !== undefined &&
        !!account.passwordHash &&
        (await verifyPassword(account.passwordHash, password));
      if (!valid) {
        throw new AuthError(
          'invalid-credentials',
          password === undefined
            ? 'this profile may see more mature titles: enter the account password'
            : 'wrong password',
          'password',
        );
      }
    }
    const signedIn = await this.startSession(account, target.own ? null : target.subjectId);
    await this.signOut(principal.sessionId);
    return { ...signedIn, profile: target };
  }

  async signOut(sessionId: string): Promise<boolean> {
    try {
      return await this.sessions.revoke(sessionId);
    } finally {
      this.cache.clear();
    }
  }

  /** Forgets every cached credential (an account was erased): the next request re-reads the store. */
  clearCredentialCache(): void {
    this.cache.clear();
  }

  /** Revokes an API key; this process refuses it at once, other processes within the cache's ttl. */
  async revokeApiKey(id: string): Promise<boolean> {
    try {
      return await this.apiKeys.revoke(id);
    } finally {
      this.cache.clear();
    }
  }

  async updateAccount(
    id: string,
    change: { roles?: Role[] | undefined; disabled?: boolean | undefined; password?: string | undefined },
  ): Promise<AccountRecord | undefined> {
    const existing = await this.accounts.get(id);
    if (!existing) return undefined;
    if (change.roles && existing.subjectId && !(change.roles.length === 1 && change.roles[0] === 'viewer')) {
      throw new AuthError('invalid', 'an account linked to a viewer has exactly the viewer role', 'roles');
    }
    const passwordHash = change.password
      ? await hashPassword(parseField(passwordSchema, change.password, 'password'))
      : undefined;
    const updated = await this.accounts.update(id, {
      ...(change.roles ? { roles: parseField(rolesSchema, change.roles, 'roles') } : {}),
      ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
      ...(passwordHash ? { passwordHash } : {}),
    });
    // New roles, a new password or a disabled account take effect now, not when sessions expire.
    if (change.roles || change.disabled || passwordHash) await this.sessions.revokeAllFor(id);
    this.cache.clear();
    return updated;
  }

  /** Creates a key; the plain key is returned once and never stored. */
  async createApiKey(input: {
    name: string;
    roles: readonly Role[];
    createdBy: string;
    expiresAt?: Date | undefined;
  }): Promise<{ key: string; record: ApiKeyRecord }> {
    const roles = parseField(rolesSchema, input.roles, 'roles');
    if (roles.includes('viewer')) {
      throw new AuthError(
        'invalid',
        "an API key cannot be a viewer: use 'service' to act for viewers",
        'roles',
      );
    }
    const key = randomToken(API_KEY_PREFIX);
    const record = await this.apiKeys.create({
      id: newId(),
      name: input.name,
      prefix: key.slice(0, API_KEY_PREFIX.length + 6),
      secretHash: tokenHash(key),
      roles,
      createdBy: input.createdBy,
      expiresAt: input.expiresAt?.toISOString() ?? null,
    });
    return { key, record };
  }

  async authenticate(request: FastifyRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
      if (!match) return null;
      const credential = match[1] as string;
      return credential.startsWith(API_KEY_PREFIX) ? this.byApiKey(credential) : this.byBearer(credential);
    }
    // Azure AI Content Safety clients send their key in this header: Candor's compatible endpoints
    // accept a Candor API key there, so such a client works by changing only its endpoint and key.
    const azureKey = request.headers[AZURE_KEY_HEADER];
    if (typeof azureKey === 'string') {
      return azureKey.startsWith(API_KEY_PREFIX) ? this.byApiKey(azureKey) : null;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) return this.bySession({ tokenHash: tokenHash(cookie) });
    return null;
  }

  private async byBearer(token: string): Promise<Principal | null> {
    const now = this.clock().getTime();
    const key = `bearer:${token}`;
    const cached = this.cache.get(key, now);
    if (cached) return cached;
    const claims = await this.tokens.verify(token, new Date(now));
    if (!claims) return null;
    const principal = await this.bySession({ id: claims.sessionId });
    if (!principal || principal.kind !== 'account' || principal.accountId !== claims.accountId) return null;
    this.cache.set(key, principal, now, claims.expiresAtMs);
    return principal;
  }

  private async bySession(by: { id: string } | { tokenHash: string }): Promise<Principal | null> {
    const now = this.clock().getTime();
    const key = 'id' in by ? `session:${by.id}` : `cookie:${by.tokenHash}`;
    const cached = this.cache.get(key, now);
    if (cached) return cached;
    const session = await this.sessions.live(by);
    if (!session) return null;
    const principal: Principal = {
      kind: 'account',
      accountId: session.accountId,
      username: session.username,
      roles: session.roles.filter(isRole),
      subjectId: session.subjectId,
      sessionId: session.sessionId,
    };
    this.cache.set(key, principal, now, Date.parse(session.expiresAt));
    return principal;
  }

  private async byApiKey(key: string): Promise<Principal | null> {
    const now = this.clock().getTime();
    const hash = tokenHash(key);
    const cacheKey = `key:${hash}`;
    let principal = this.cache.get(cacheKey, now);
    if (principal?.kind !== 'api-key') {
      const record = await this.apiKeys.live(hash);
      if (!record) return null;
      principal = {
        kind: 'api-key',
        keyId: record.id,
        name: record.name,
        roles: record.roles.filter(isRole),
      };
      const expiresAt = record.expiresAt === null ? undefined : Date.parse(record.expiresAt);
      this.cache.set(cacheKey, principal, now, expiresAt);
    }
    const { keyId } = principal;
    if (now - (this.touchedAt.get(keyId) ?? 0) >= TOUCH_INTERVAL_MS) {
      this.touchedAt.set(keyId, now);
      await this.apiKeys.touch(keyId, new Date(now).toISOString());
    }
    return principal;
  }
}

function parseField<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AuthError('invalid', `${field}: ${result.error.issues[0]?.message ?? 'invalid'}`, field);
  }
  return result.data;
}
