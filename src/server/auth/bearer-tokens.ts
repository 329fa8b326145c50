import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'candor';
const AUDIENCE = 'candor-api';

export interface BearerClaims {
  accountId: string;
  sessionId: string;
}

/**
 * Short-lived signed bearer tokens (HS256). A token names its session, and every request checks that
 * the session is still live, so signing out revokes the token too.
 */
export class BearerTokens {
  constructor(
    private readonly secret: Uint8Array,
    readonly ttlSeconds: number,
  ) {}

  async issue(claims: BearerClaims, now: Date): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + this.ttlSeconds) * 1000);
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.secret);
    return { token, expiresAt };
  }

  /** The claims of a valid, unexpired token, with when it expires (epoch ms); null for anything else. */
  async verify(token: string, now: Date): Promise<(BearerClaims & { expiresAtMs: number }) | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      if (typeof payload.exp !== 'number') return null;
      return { accountId: payload.sub, sessionId: payload.sid, expiresAtMs: payload.exp * 1000 };
    } catch {
      return null;
    }
  }
}
