import { randomBytes, randomUUID } from 'node:crypto';
import { loadOrCreateSecret } from '../../privacy/secret-file.js';
import { API_KEY_PREFIX, AZURE_KEY_HEADER, SESSION_COOKIE } from '../../server/auth/auth-service.js';
import { SUBJECT_HEADER } from '../../server/plugins/app/access-control.js';
import type { AttackRequest } from './access-attempt.js';
import { apiCall, stringAt } from './api-call.js';
import type { AttackStage } from './attack-stage.js';
import type { AttemptLog } from './attempt-log.js';
import { flipSignature, signedToken, tamperPayload, unsignedToken } from './forge-token.js';
import { pathFor } from './route-requests.js';

const GROUP = 'tokens';
/** More sign-in attempts than this are not worth making to find the limit. */
const MAX_GUESSES = 200;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Credentials that must not work: none at all on every route of the table, forged and tampered bearer
 * tokens (payload edited, signature stripped or flipped, `alg: none`, a wrong key), tokens the server
 * signed but that are expired or name the wrong issuer, audience or session, credentials revoked by
 * signing out, deleting a key, disabling an account or changing its roles, malformed cookies and
 * headers; and password guessing, which must hit the sign-in rate limit.
 */
export async function tokenAttacks(stage: AttackStage, log: AttemptLog): Promise<void> {
  const { cast, url, server } = stage;
  const auth = server.built.context.auth;
  const { viewerA: a, admin } = cast;
  const secrets = [...cast.secretsOfB, ...cast.serverSecrets];
  const attempt = (name: string, request: AttackRequest) =>
    log.attempt({ group: GROUP, name, request, mustRefuse: true, secrets });
  const asViewer = (name: string, headers: Record<string, string>) =>
    attempt(name, { method: 'GET', path: '/v1/me', headers });
  const asAdmin = (name: string, headers: Record<string, string>) =>
    attempt(name, { method: 'GET', path: '/v1/admin/users', headers });

  for (const route of stage.routes) {
    if ('public' in route.access) continue;
    await attempt(`no credentials on ${route.method} ${route.url}`, {
      method: route.method,
      path: pathFor(route, stage.valuesAgainstB),
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { json: {} }),
    });
  }

  const key = loadOrCreateSecret(server.config.dataDir, 'token-signing', 'CANDOR_TOKEN_SECRET');
  const aClaims = { accountId: a.accountId, sessionId: a.sessionId as string };
  const adminClaims = { accountId: admin.accountId, sessionId: admin.sessionId as string };
  const now = Math.floor(Date.now() / 1000);
  const realA = a.bearer as string;

  await asAdmin(
    "viewer A's token with its subject changed to the admin",
    bearer(tamperPayload(realA, { sub: admin.accountId })),
  );
  await asViewer(
    "viewer A's token with its expiry pushed a year on",
    bearer(tamperPayload(realA, { exp: now + 365 * 86_400 })),
  );
  await asViewer(
    "viewer A's token without its signature",
    bearer(`${realA.split('.').slice(0, 2).join('.')}.`),
  );
  await asViewer("viewer A's token with a flipped signature", bearer(flipSignature(realA)));
  for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
    await asAdmin(`an unsigned admin token (alg: ${alg})`, bearer(unsignedToken(adminClaims, alg)));
  }
  await asAdmin('an admin token signed with a wrong key', bearer(await signedToken(adminClaims)));
  await asViewer(
    "an expired token for viewer A's live session (signed with the server's key)",
    bearer(await signedToken(aClaims, { key, issuedAt: now - 3600, expiresAt: now - 60 })),
  );
  await asViewer(
    "a token with another issuer (signed with the server's key)",
    bearer(await signedToken(aClaims, { key, issuer: 'evil' })),
  );
  await asViewer(
    "a token for another audience (signed with the server's key)",
    bearer(await signedToken(aClaims, { key, audience: 'other' })),
  );
  await asAdmin(
    "a token naming viewer A with the admin's session (signed with the server's key)",
    bearer(await signedToken({ accountId: a.accountId, sessionId: admin.sessionId as string }, { key })),
  );
  await asAdmin(
    "a token naming the admin with no session behind it (signed with the server's key)",
    bearer(await signedToken({ accountId: admin.accountId, sessionId: randomUUID() }, { key })),
  );

  // Revoked through the API, then used again.
  const second = await auth.signIn(a.username as string, cast.password);
  const signedOut = await apiCall(url, {
    method: 'POST',
    path: '/v1/auth/logout',
    headers: bearer(second.bearer.token),
  });
  if (signedOut.status !== 204) log.note(`signing viewer A out answered ${signedOut.status}`);
  await asViewer('a bearer token after its session signed out', bearer(second.bearer.token));
  await asViewer('a session cookie after signing out', {
    cookie: `${SESSION_COOKIE}=${second.sessionToken}`,
  });

  const created = await apiCall(url, {
    method: 'POST',
    path: '/v1/admin/api-keys',
    headers: admin.headers,
    json: { name: `redteam-deleted-${cast.tag}`, roles: ['service'] },
  });
  const deletedKey = stringAt(created.body, 'key');
  const deletedId = stringAt(created.body, 'apiKey.id');
  if (deletedKey && deletedId) {
    await apiCall(url, { method: 'GET', path: '/v1/items?pageSize=1', headers: bearer(deletedKey) });
    const revoked = await apiCall(url, {
      method: 'DELETE',
      path: `/v1/admin/api-keys/${deletedId}`,
      headers: admin.headers,
    });
    if (revoked.status >= 300) log.note(`deleting an API key answered ${revoked.status}`);
    await attempt('a deleted API key', {
      method: 'GET',
      path: '/v1/items?pageSize=1',
      headers: bearer(deletedKey),
    });
    await attempt('a deleted API key acting for viewer A', {
      method: 'GET',
      path: '/v1/me',
      headers: { ...bearer(deletedKey), [SUBJECT_HEADER]: a.subjectId },
    });
  } else {
    log.note(`creating an API key answered ${created.status}: the deleted-key attempts were not made`);
  }
  const expired = await auth.createApiKey({
    name: `redteam-expired-${cast.tag}`,
    roles: ['service'],
    createdBy: 'redteam',
    expiresAt: new Date(Date.now() - 60_000),
  });
  await attempt('an expired API key', {
    method: 'GET',
    path: '/v1/items?pageSize=1',
    headers: bearer(expired.key),
  });

  for (const [change, body] of [
    ['disabled', { disabled: true }],
    ['stripped of its admin role', { roles: ['analyst'] }],
  ] as const) {
    const username = `redteam-${change.split(' ')[0]}-${cast.tag}`;
    const account = await auth.createAccount({ username, password: cast.password, roles: ['admin'] });
    const session = await auth.signIn(username, cast.password);
    const patched = await apiCall(url, {
      method: 'PATCH',
      path: `/v1/admin/users/${account.id}`,
      headers: admin.headers,
      json: body,
    });
    if (patched.status >= 300) log.note(`an account ${change}: the change answered ${patched.status}`);
    await asAdmin(`the token of an account ${change} since`, bearer(session.bearer.token));
    await asAdmin(`the cookie of an account ${change} since`, {
      cookie: `${SESSION_COOKIE}=${session.sessionToken}`,
    });
  }

  for (const [what, cookie] of [
    ['a garbage session cookie', 'garbage'],
    ['a made-up session cookie', `candor_sess_${randomBytes(24).toString('base64url')}`],
    ['an empty session cookie', ''],
    ['an 8 KB session cookie', 'a'.repeat(8192)],
    ["viewer A's bearer token as the session cookie", realA],
  ] as const) {
    await asViewer(what, { cookie: `${SESSION_COOKIE}=${cookie}` });
  }
  for (const [what, authorization] of [
    ['a bare Bearer scheme', 'Bearer'],
    ['Basic credentials', `Basic ${Buffer.from(`${admin.username}:${cast.password}x`).toString('base64')}`],
    ['a made-up API key', `Bearer ${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`],
    ["viewer A's token with trailing junk", `Bearer ${realA} extra`],
    ['two tokens in one header', `Bearer ${realA}, Bearer ${admin.bearer as string}`],
    ['an 8 KB bearer token', `Bearer ${'a'.repeat(8192)}`],
    ['Bearer null', 'Bearer null'],
  ] as const) {
    await asAdmin(what, { authorization });
  }
  await asViewer(`viewer A's bearer token in ${AZURE_KEY_HEADER}`, { [AZURE_KEY_HEADER]: realA });
  await attempt(`a made-up key in ${AZURE_KEY_HEADER}`, {
    method: 'POST',
    path: '/v1/safety/text:analyze',
    headers: { [AZURE_KEY_HEADER]: `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}` },
    json: { text: 'hello' },
  });

  await passwordGuessing(stage, log);
}

/** Wrong passwords for viewer A, each from a different claimed address: the limit must still hold. */
async function passwordGuessing(stage: AttackStage, log: AttemptLog): Promise<void> {
  const { cast } = stage;
  const secrets = [...cast.secretsOfB, ...cast.serverSecrets];
  const login = (name: string, json: unknown, headers: Record<string, string> = {}) =>
    log.attempt({
      group: GROUP,
      name,
      request: { method: 'POST', path: '/v1/auth/login', headers, json },
      mustRefuse: true,
      secrets,
    });
  await login('sign-in with an SQL-injection username', { username: "' OR '1'='1' --", password: 'x' });
  await login('sign-in with an operator object as the password', {
    username: cast.viewerA.username,
    password: { $ne: null },
  });
  const limit = stage.server.config.rateLimit.signInPerMinute;
  if (limit + 1 > MAX_GUESSES) {
    log.check(
      GROUP,
      `password guessing hits the sign-in limit (not tried: the limit is ${limit} a minute)`,
      null,
    );
    return;
  }
  const statuses: number[] = [];
  for (let guess = 0; guess <= limit; guess += 1) {
    const outcome = await login(
      'sign-in with a wrong password',
      { username: cast.viewerA.username, password: `wrong-${guess}` },
      { 'x-forwarded-for': `203.0.113.${guess % 250}`, 'x-real-ip': `198.51.100.${guess % 250}` },
    );
    statuses.push(outcome.status);
  }
  log.check(
    GROUP,
    `password guessing hits the sign-in limit (${limit} a minute) whatever address it claims`,
    statuses.includes(429) ? null : `${statuses.length} wrong passwords in a row, none refused with 429`,
  );
}
