import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pseudonymizer } from './pseudonymizer.js';
import { loadOrCreateSecret } from './secret-file.js';

describe('Pseudonymizer', () => {
  it('is stable under one secret, differs across secrets and subjects, and hides the id', () => {
    const a = new Pseudonymizer(randomBytes(32));
    const b = new Pseudonymizer(randomBytes(32));
    const id = '0190a6c1-0000-7000-8000-000000000001';
    expect(a.of(id)).toBe(a.of(id));
    expect(a.of(id)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.of(id)).not.toBe(b.of(id));
    expect(a.of(id)).not.toBe(a.of(`${id}2`));
    expect(a.of(id)).not.toContain(id.slice(0, 8));
  });

  it('refuses a short secret', () => {
    expect(() => new Pseudonymizer(Buffer.alloc(8))).toThrow(/32 bytes/);
  });
});

describe('loadOrCreateSecret', () => {
  it('creates a 0600 secret once and reads the same one back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-secret-'));
    const first = loadOrCreateSecret(dir, 'test');
    const second = loadOrCreateSecret(dir, 'test');
    expect(first.equals(second)).toBe(true);
    expect(first.length).toBe(32);
    expect(statSync(join(dir, 'secrets', 'test.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secrets', 'test.key'), 'utf8')).toBe(first.toString('base64'));
  });

  it('prefers the environment and rejects a short value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-secret-'));
    const value = randomBytes(32);
    process.env.CANDOR_TEST_SECRET = value.toString('base64');
    try {
      expect(loadOrCreateSecret(dir, 'x', 'CANDOR_TEST_SECRET').equals(value)).toBe(true);
      process.env.CANDOR_TEST_SECRET = Buffer.alloc(4).toString('base64');
      expect(() => loadOrCreateSecret(dir, 'x', 'CANDOR_TEST_SECRET')).toThrow(/CANDOR_TEST_SECRET/);
    } finally {
      delete process.env.CANDOR_TEST_SECRET;
    }
  });
});
