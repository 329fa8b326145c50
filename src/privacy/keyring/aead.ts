import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const AEAD_KEY_BYTES = 32;
/** 96 bits: the IV length GCM is designed for; random IVs stay safe for far more messages than one key seals. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

function checkKey(key: Buffer): void {
  if (key.length !== AEAD_KEY_BYTES) {
    throw new Error(`AES-256-GCM needs a ${AEAD_KEY_BYTES}-byte key (got ${key.length} bytes)`);
  }
}

function aadBytes(aad: Buffer | string): Buffer {
  const bytes = typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad;
  // Without associated data a ciphertext could be copied to another row or subject and still open.
  if (bytes.length === 0) throw new Error('associated data must not be empty');
  return bytes;
}

/** Encrypts and authenticates `plaintext`, binding it to `aad`: one Buffer of iv | ciphertext | tag. */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer | string): Buffer {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadBytes(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

/**
 * Reverses `seal`. Throws when the tag does not verify (altered bytes, another key, other associated
 * data): GCM reveals nothing until the whole message is authenticated, so no partial plaintext escapes.
 */
export function open(key: Buffer, sealed: Buffer, aad: Buffer | string): Buffer {
  checkKey(key);
  if (sealed.length < IV_BYTES + TAG_BYTES) {
    throw new Error(
      `sealed value is ${sealed.length} bytes, shorter than an IV and tag (${IV_BYTES + TAG_BYTES})`,
    );
  }
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aadBytes(aad));
  decipher.setAuthTag(tag);
  const plaintext = decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([plaintext, decipher.final()]);
  } catch (error) {
    // Do not hand back what update() produced: it is unauthenticated.
    plaintext.fill(0);
    throw new Error(
      'authentication failed: the ciphertext was altered, or the key or associated data differ',
      { cause: error },
    );
  }
}
