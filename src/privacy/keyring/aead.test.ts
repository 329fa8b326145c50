import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal } from './aead.js';

const key = randomBytes(32);
const message = Buffer.from('Ada Lovelace <ada@example.org>');

describe('seal / open', () => {
  it('round-trips, as iv | ciphertext | tag', () => {
    const sealed = seal(key, message, 'aad');
    expect(sealed.length).toBe(12 + message.length + 16);
    expect(open(key, sealed, 'aad').equals(message)).toBe(true);
    expect(open(key, seal(key, Buffer.alloc(0), 'aad'), 'aad').length).toBe(0);
  });

  it('uses a fresh IV each time, so equal plaintexts do not look equal', () => {
    const a = seal(key, message, 'aad');
    const b = seal(key, message, 'aad');
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses any flipped byte: IV, ciphertext or tag', () => {
    const sealed = seal(key, message, 'aad');
    for (const index of [0, 11, 12, 20, sealed.length - 16, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[index] = (tampered[index] as number) ^ 0x01;
      expect(() => open(key, tampered, 'aad'), `byte ${index}`).toThrow(/authentication failed/);
    }
  });

  it('refuses other associated data, another key, and truncated input', () => {
    const sealed = seal(key, message, 'subject-a');
    expect(() => open(key, sealed, 'subject-b')).toThrow(/authentication failed/);
    expect(() => open(randomBytes(32), sealed, 'subject-a')).toThrow(/authentication failed/);
    expect(() => open(key, sealed.subarray(0, sealed.length - 1), 'subject-a')).toThrow(
      /authentication failed/,
    );
    expect(() => open(key, sealed.subarray(0, 20), 'subject-a')).toThrow(/shorter than an IV and tag/);
  });

  it('requires a 32-byte key and non-empty associated data', () => {
    expect(() => seal(randomBytes(16), message, 'aad')).toThrow(/32-byte key \(got 16 bytes\)/);
    expect(() => seal(key, message, '')).toThrow(/associated data must not be empty/);
    expect(() => open(key, seal(key, message, 'aad'), Buffer.alloc(0))).toThrow(/must not be empty/);
  });
});
