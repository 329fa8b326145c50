import { createHmac } from 'node:crypto';

/** Pseudonyms remembered per process: every served list needs its viewer's, and an HMAC costs ~10 µs. */
const REMEMBERED = 20_000;

/**
 * Pseudonyms: HMAC-SHA256 of a subject id under a secret, 128 bits in base64url. Stable for one secret,
 * so records about one viewer can be grouped; unlinkable to the person without the secret and the id.
 */
export class Pseudonymizer {
  private readonly remembered = new Map<string, string>();

  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error('the pseudonym secret must be at least 32 bytes');
  }

  of(subjectId: string): string {
    const known = this.remembered.get(subjectId);
    if (known !== undefined) return known;
    const pseudonym = createHmac('sha256', this.secret)
      .update(subjectId)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    if (this.remembered.size >= REMEMBERED) this.remembered.clear();
    this.remembered.set(subjectId, pseudonym);
    return pseudonym;
  }
}
