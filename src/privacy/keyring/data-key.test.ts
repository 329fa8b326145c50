import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDataKey, unwrapDataKey, wrapDataKey } from './data-key.js';
import { masterKeyOf } from './master-key.js';

const master = masterKeyOf(randomBytes(32));

describe('data keys', () => {
  it('wraps to base64url text that unwraps to the same key and does not contain it', () => {
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(dataKey, master, 'subject-a');
    expect(wrapped).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(wrapped, 'base64url').includes(dataKey)).toBe(false);
    expect(unwrapDataKey(wrapped, master, 'subject-a').equals(dataKey)).toBe(true);
  });

  it('cannot be moved to another subject or unwrapped by another master key', () => {
    const wrapped = wrapDataKey(generateDataKey(), master, 'subject-a');
    expect(() => unwrapDataKey(wrapped, master, 'subject-b')).toThrow(
      /cannot unwrap the data key of subject subject-b with master key [0-9a-f]{16}: authentication failed/,
    );
    expect(() => unwrapDataKey(wrapped, masterKeyOf(randomBytes(32)), 'subject-a')).toThrow(/cannot unwrap/);
  });

  it('refuses a data key of the wrong size', () => {
    expect(() => wrapDataKey(randomBytes(16), master, 'subject-a')).toThrow(/32 bytes \(got 16\)/);
  });
});
