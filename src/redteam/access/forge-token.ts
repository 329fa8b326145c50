import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';

/** What the server's own tokens carry (see BearerTokens); forgeries copy it and change one thing. */
export interface TokenClaims {
  readonly accountId: string;
  readonly sessionId: string;
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

function parts(token: string): [string, string, string] {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return [header, payload, signature];
}

/** The real token's payload with some claims changed, the original signature kept. */
export function tamperPayload(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = parts(token);
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${header}.${b64url(JSON.stringify({ ...claims, ...change }))}.${signature}`;
}

/** The real token with its signature's first byte flipped. */
export function flipSignature(token: string): string {
  const [header, payload, signature] = parts(token);
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/** An unsigned token (`alg: none`) claiming to be someone's session; `alg` may be spelled otherwise. */
export function unsignedToken(claims: TokenClaims, alg = 'none'): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sid: claims.sessionId,
    sub: claims.accountId,
    iss: 'candor',
    aud: 'candor-api',
    iat: now,
    exp: now + 600,
  };
  return `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.`;
}

/**
 * A well-formed HS256 token with the given claims. With a random key it is what an attacker can make;
 * with the server's key it checks that the server enforces expiry, issuer and audience, not only the
 * signature.
 */
export async function signedToken(
  claims: TokenClaims,
  options: {
    key?: Uint8Array;
    expiresAt?: number;
    issuedAt?: number;
    issuer?: string;
    audience?: string;
  } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.accountId)
    .setIssuer(options.issuer ?? 'candor')
    .setAudience(options.audience ?? 'candor-api')
    .setIssuedAt(options.issuedAt ?? now)
    .setExpirationTime(options.expiresAt ?? now + 600)
    .sign(options.key ?? randomBytes(32));
}
