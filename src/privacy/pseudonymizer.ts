import { createHmac } from 'node:crypto';

/**
 * Pseudonyms: HMAC-SHA256 of a subject id under a secret, 128 bits in base64url. Stable for one secret,
 * so records about one viewer can be grouped; unlinkable to the person without the secret and the id.
 */
export class Pseudonymizer {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error('the pseudonym secret must be at least 32 bytes');
  }

  of(subjectId: string): string {
    return createHmac('sha256', this.secret).update(subjectId).digest().subarray(0, 16).toString('base64url');
  }
}
