import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits in base64url, with a prefix that says what the token is (for secret scanners). */
export const randomToken = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Tokens are high-entropy, so a fast hash is enough to store them safely (no password stretching). */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');
