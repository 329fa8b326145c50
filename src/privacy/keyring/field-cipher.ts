import { open, seal } from './aead.js';

/** Versioned, so that a later format can be told apart from this one and from plaintext. */
export const ENCRYPTED_FIELD_PREFIX = 'enc1.';

/** `table.column`, e.g. `subject_personal.email`: part of the associated data of every value. */
export type PersonalField = `${string}.${string}`;

/**
 * A value decrypts only for the subject and field it was written for, so rows cannot be swapped
 * between subjects or columns without detection.
 */
function fieldAad(subjectId: string, field: PersonalField): string {
  // NUL separates the parts; inside one of them it would make two different pairs read the same.
  if (subjectId.includes('\u0000') || field.includes('\u0000')) {
    throw new Error(`subject id or field contains NUL: ${JSON.stringify([subjectId, field])}`);
  }
  return `${subjectId}\u0000${field}`;
}

export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(ENCRYPTED_FIELD_PREFIX);
}

/** `enc1.` + base64url(iv | ciphertext | tag); a fresh IV each time, so equal values do not look equal. */
export function encryptField(
  dataKey: Buffer,
  subjectId: string,
  field: PersonalField,
  plaintext: string,
): string;
export function encryptField(dataKey: Buffer, subjectId: string, field: PersonalField, plaintext: null): null;
export function encryptField(
  dataKey: Buffer,
  subjectId: string,
  field: PersonalField,
  plaintext: string | null,
): string | null;
export function encryptField(
  dataKey: Buffer,
  subjectId: string,
  field: PersonalField,
  plaintext: string | null,
): string | null {
  if (plaintext === null) return null;
  const sealed = seal(dataKey, Buffer.from(plaintext, 'utf8'), fieldAad(subjectId, field));
  return ENCRYPTED_FIELD_PREFIX + sealed.toString('base64url');
}

export function decryptField(dataKey: Buffer, subjectId: string, field: PersonalField, value: string): string;
export function decryptField(dataKey: Buffer, subjectId: string, field: PersonalField, value: null): null;
export function decryptField(
  dataKey: Buffer,
  subjectId: string,
  field: PersonalField,
  value: string | null,
): string | null;
export function decryptField(
  dataKey: Buffer,
  subjectId: string,
  field: PersonalField,
  value: string | null,
): string | null {
  if (value === null) return null;
  // The value is not quoted: if it is not ciphertext it may well be the personal data itself.
  if (!isEncrypted(value))
    throw new Error(`${field} of subject ${subjectId} is not ${ENCRYPTED_FIELD_PREFIX} ciphertext`);
  const sealed = Buffer.from(value.slice(ENCRYPTED_FIELD_PREFIX.length), 'base64url');
  try {
    return open(dataKey, sealed, fieldAad(subjectId, field)).toString('utf8');
  } catch (error) {
    throw new Error(`cannot decrypt ${field} of subject ${subjectId}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
