import { randomBytes } from 'node:crypto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { decryptField, encryptField, isEncrypted } from './field-cipher.js';

const key = randomBytes(32);
const subject = '0190a6c1-0000-7000-8000-000000000001';

describe('field cipher', () => {
  it('round-trips text, unicode included, as enc1. + base64url', () => {
    for (const text of ['ada@example.org', '', 'Zoë 🎬 — 日本語']) {
      const value = encryptField(key, subject, 'subject_personal.email', text);
      expect(value).toMatch(/^enc1\.[A-Za-z0-9_-]+$/);
      expect(isEncrypted(value)).toBe(true);
      expect(decryptField(key, subject, 'subject_personal.email', value)).toBe(text);
    }
  });

  it('leaves null as null', () => {
    expect(encryptField(key, subject, 'subject_personal.email', null)).toBeNull();
    expect(decryptField(key, subject, 'subject_personal.email', null)).toBeNull();
    expectTypeOf(encryptField(key, subject, 'subject_personal.email', 'x')).toEqualTypeOf<string>();
    expectTypeOf(decryptField(key, subject, 'subject_personal.email', null)).toEqualTypeOf<null>();
  });

  it('encrypts the same value differently each time', () => {
    const a = encryptField(key, subject, 'subject_personal.name', 'Ada');
    const b = encryptField(key, subject, 'subject_personal.name', 'Ada');
    expect(a).not.toBe(b);
  });

  it('refuses a flipped byte, another subject, another field and another key', () => {
    const value = encryptField(key, subject, 'subject_personal.email', 'ada@example.org');
    const bytes = Buffer.from(value.slice(5), 'base64url');
    bytes[14] = (bytes[14] as number) ^ 0x80;
    const tampered = `enc1.${bytes.toString('base64url')}`;
    expect(() => decryptField(key, subject, 'subject_personal.email', tampered)).toThrow(
      /cannot decrypt subject_personal.email of subject .*: authentication failed/,
    );
    expect(() => decryptField(key, `${subject}x`, 'subject_personal.email', value)).toThrow(/cannot decrypt/);
    expect(() => decryptField(key, subject, 'subject_personal.name', value)).toThrow(/cannot decrypt/);
    expect(() => decryptField(randomBytes(32), subject, 'subject_personal.email', value)).toThrow(
      /cannot decrypt/,
    );
  });

  it('refuses plaintext without quoting it, and tells ciphertext from plaintext', () => {
    expect(() => decryptField(key, subject, 'subject_personal.email', 'ada@example.org')).toThrow(
      /^subject_personal.email of subject .* is not enc1. ciphertext$/,
    );
    expect(isEncrypted('ada@example.org')).toBe(false);
    expect(isEncrypted(null)).toBe(false);
  });

  it('only accepts table.column field names', () => {
    // @ts-expect-error a field is named table.column
    expect(() => encryptField(key, subject, 'email', 'x')).not.toThrow();
  });
});
