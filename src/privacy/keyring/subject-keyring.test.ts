import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeFactories, type TestStore } from '../../../test/support/test-stores.js';
import type { FieldValue } from './subject-keyring.js';
import { type MasterKey, type MasterKeySet, masterKeyOf } from './master-key.js';
import { SubjectKeyShreddedError } from './subject-key-shredded-error.js';
import { SubjectKeyring } from './subject-keyring.js';

function keySet(current: MasterKey, ...previous: MasterKey[]): MasterKeySet {
  return { current, all: new Map([current, ...previous].map((key) => [key.id, key])) };
}

let serial = 0;
function newSubject(): string {
  serial += 1;
  return `0190a6c1-0000-7000-8000-${String(serial).padStart(12, '0')}`;
}

describe.each(storeFactories)('SubjectKeyring on %s', (_name, factory) => {
  let test: TestStore;
  let master: MasterKey;
  let keyring: SubjectKeyring;
  const keyringFor = (keys: MasterKeySet) => new SubjectKeyring(test.store.db, test.store.dialect, keys);
  const storedKeys = () =>
    test.store.db.selectFrom('subject_keys').selectAll().orderBy('subject_id').execute();

  beforeAll(async () => {
    test = await factory();
  });
  afterAll(async () => {
    await test?.dispose();
  });
  beforeEach(async () => {
    // Each test starts with no keys and a master key of its own.
    await test.store.db.deleteFrom('subject_keys').execute();
    master = masterKeyOf(randomBytes(32));
    keyring = keyringFor(keySet(master));
  });

  it('encrypts and decrypts a field, creating the key once; null stays null', async () => {
    const subject = newSubject();
    const ciphertext = await keyring.encrypt(subject, 'subject_personal.email', 'ada@example.org');
    expect(ciphertext).toMatch(/^enc1\./);
    expect(await keyring.decrypt(subject, 'subject_personal.email', ciphertext)).toBe('ada@example.org');
    await keyring.encrypt(subject, 'subject_personal.name', 'Ada');
    expect(await keyring.encrypt(subject, 'subject_personal.name', null)).toBeNull();
    expect(await keyring.decrypt(subject, 'subject_personal.name', null)).toBeNull();

    // A second keyring (another process) reads the same key from the table.
    keyring.clearCache();
    const other = keyringFor(keySet(master));
    expect(await other.decrypt(subject, 'subject_personal.email', ciphertext)).toBe('ada@example.org');
    await expect(other.decrypt(subject, 'subject_personal.name', ciphertext)).rejects.toThrow(
      /cannot decrypt/,
    );
    expect(await storedKeys()).toHaveLength(1);
    expect(await keyring.dataKey(newSubject())).toBeUndefined();
    expect(await storedKeys()).toHaveLength(1);
  });

  it('stores the key wrapped, never the raw key', async () => {
    const subject = newSubject();
    const dataKey = await keyring.dataKey(subject, { create: true });
    const [row] = await storedKeys();
    expect(row).toMatchObject({ subject_id: subject, master_key_id: master.id, rewrapped_at: null });
    const text = JSON.stringify(row);
    for (const encoding of ['base64', 'base64url', 'hex'] as const) {
      expect(text).not.toContain(dataKey.toString(encoding).slice(0, 20));
      expect(text).not.toContain(master.key.toString(encoding).slice(0, 20));
    }
    expect(Buffer.from(row?.wrapped_key ?? '', 'base64url').includes(dataKey)).toBe(false);
  });

  it('shreds: the key is gone, decrypt throws SubjectKeyShreddedError, a new key is a different one', async () => {
    const subject = newSubject();
    const ciphertext = await keyring.encrypt(subject, 'subject_personal.email', 'ada@example.org');
    const before = await keyring.dataKey(subject, { create: true });
    expect(await keyring.shred(subject)).toBe(true);
    expect(await keyring.shred(subject)).toBe(false);
    expect(await storedKeys()).toEqual([]);
    const error = await keyring
      .decrypt(subject, 'subject_personal.email', ciphertext)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubjectKeyShreddedError);
    expect(error).toMatchObject({ subjectId: subject });
    await expect(
      keyring.decryptMany([{ subjectId: subject, field: 'subject_personal.email', value: ciphertext }]),
    ).rejects.toBeInstanceOf(SubjectKeyShreddedError);
    const after = await keyring.dataKey(subject, { create: true });
    expect(after.equals(before)).toBe(false);
  });

  it('keeps a key another process shredded until evicted (the cache is per process)', async () => {
    const subject = newSubject();
    const key = await keyring.dataKey(subject, { create: true });
    expect(await keyringFor(keySet(master)).shred(subject)).toBe(true);
    expect((await keyring.dataKey(subject))?.equals(key)).toBe(true);
    keyring.evict(subject);
    expect(await keyring.dataKey(subject)).toBeUndefined();
  });

  it('works inside a caller transaction, and a rolled-back key is not remembered', async () => {
    const subject = newSubject();
    const rollback = new Error('roll back');
    const failed = await test.store.db
      .transaction()
      .execute(async (trx) => {
        const value = await keyring.encrypt(subject, 'subject_personal.email', 'ada@example.org', {
          db: trx,
        });
        expect(await keyring.decrypt(subject, 'subject_personal.email', value, { db: trx })).toBe(
          'ada@example.org',
        );
        throw rollback;
      })
      .catch((e: unknown) => e);
    expect(failed).toBe(rollback);
    expect(await keyring.dataKey(subject)).toBeUndefined();

    const committed = await test.store.db
      .transaction()
      .execute((trx) => keyring.encrypt(subject, 'subject_personal.email', 'ada@example.org', { db: trx }));
    expect(await keyring.decrypt(subject, 'subject_personal.email', committed)).toBe('ada@example.org');
    const shredded = await test.store.db.transaction().execute((trx) => keyring.shred(subject, { db: trx }));
    expect(shredded).toBe(true);
    await expect(keyring.decrypt(subject, 'subject_personal.email', committed)).rejects.toBeInstanceOf(
      SubjectKeyShreddedError,
    );
  });

  it('gives concurrent creators of one subject the same key', async () => {
    const subject = newSubject();
    // Separate keyrings share no cache: like separate processes, they race on the table.
    const keyrings = [keyring, keyringFor(keySet(master)), keyringFor(keySet(master))];
    const keys = await Promise.all(
      keyrings.flatMap((k) => [k.dataKey(subject, { create: true }), k.dataKey(subject, { create: true })]),
    );
    for (const key of keys) expect(key.equals(keys[0] as Buffer)).toBe(true);
    expect(await storedKeys()).toHaveLength(1);
  });

  it('encrypts many values with keys created in bulk, in order, and decrypts them back', async () => {
    const subjects = Array.from({ length: 300 }, newSubject);
    const existing = subjects[0] as string;
    const existingKey = await keyring.dataKey(existing, { create: true });
    keyring.clearCache();
    const rows: FieldValue[] = subjects.flatMap((subjectId, i) => [
      { subjectId, field: 'subject_personal.email', value: `viewer${i}@example.org` },
      { subjectId, field: 'subject_personal.name', value: i % 3 === 0 ? null : `Viewer ${i}` },
    ]);
    const encrypted = await keyring.encryptMany(rows);
    expect(encrypted).toHaveLength(rows.length);
    expect(encrypted[1]).toBeNull();
    expect(await storedKeys()).toHaveLength(subjects.length);
    expect((await keyring.dataKey(existing))?.equals(existingKey)).toBe(true);

    const fresh = keyringFor(keySet(master));
    const decrypted = await fresh.decryptMany(
      rows.map((row, i) => ({ ...row, value: encrypted[i] ?? null })),
    );
    expect(decrypted).toEqual(rows.map((row) => row.value));
    expect(
      await fresh.decrypt(subjects[7] as string, 'subject_personal.email', encrypted[14] as string),
    ).toBe('viewer7@example.org');
  });

  it('rotates the master key: rewraps every key, leaves ciphertexts alone, and the new key alone reads them', async () => {
    const subjects = Array.from({ length: 25 }, newSubject);
    const ciphertexts = await keyring.encryptMany(
      subjects.map((subjectId) => ({
        subjectId,
        field: 'subject_personal.email',
        value: `${subjectId}@example.org`,
      })),
    );
    const before = await storedKeys();

    const next = masterKeyOf(randomBytes(32));
    const rotating = keyringFor(keySet(next, master));
    const fresh = newSubject();
    await rotating.dataKey(fresh, { create: true }); // already under the new key
    expect(await rotating.countByMasterKey()).toEqual(
      [
        { masterKeyId: master.id, subjects: 25, current: false, loaded: true },
        { masterKeyId: next.id, subjects: 1, current: true, loaded: true },
      ].sort((a, b) => a.masterKeyId.localeCompare(b.masterKeyId)),
    );
    const progress: number[] = [];
    const result = await rotating.rewrapAll({
      to: next,
      batchSize: 10,
      onProgress: (p) => progress.push(p.rewrapped),
    });
    expect(result).toEqual({ rewrapped: 25, alreadyCurrent: 1 });
    expect(progress).toEqual([10, 20, 25]);

    const after = await storedKeys();
    expect(after.every((row) => row.master_key_id === next.id)).toBe(true);
    for (const row of after.filter((r) => r.subject_id !== fresh)) {
      const old = before.find((r) => r.subject_id === row.subject_id);
      expect(row.wrapped_key).not.toBe(old?.wrapped_key);
      expect(row.created_at).toBe(old?.created_at);
      expect(row.rewrapped_at).not.toBeNull();
    }

    // Only the new master key: the old ciphertexts, unchanged byte for byte, still decrypt.
    const onlyNew = keyringFor(keySet(next));
    for (const [i, subject] of subjects.entries()) {
      expect(await onlyNew.decrypt(subject, 'subject_personal.email', ciphertexts[i] as string)).toBe(
        `${subject}@example.org`,
      );
    }
    expect(await rotating.rewrapAll({ to: next })).toEqual({ rewrapped: 0, alreadyCurrent: 26 });
    // The old key alone no longer unwraps anything.
    await expect(keyringFor(keySet(master)).dataKey(subjects[0] as string)).rejects.toThrow(
      `is wrapped by master key ${next.id}, which is not loaded`,
    );
  });

  it('refuses to start a rotation while some keys are under a master key it does not have', async () => {
    await keyring.dataKey(newSubject(), { create: true });
    const next = masterKeyOf(randomBytes(32));
    const withoutOld = keyringFor(keySet(next));
    await expect(withoutOld.rewrapAll({ to: next })).rejects.toThrow(
      `cannot rewrap: data keys are wrapped by master keys that are not loaded: ${master.id} (1 subjects)`,
    );
    expect((await storedKeys())[0]?.master_key_id).toBe(master.id);
  });

  it('does not let a wrapped key be moved to another subject', async () => {
    const [a, b] = [newSubject(), newSubject()];
    await keyring.dataKey(a, { create: true });
    const [row] = await storedKeys();
    await test.store.db
      .insertInto('subject_keys')
      .values({ ...(row as NonNullable<typeof row>), subject_id: b })
      .execute();
    await expect(keyring.dataKey(b)).rejects.toThrow(`cannot unwrap the data key of subject ${b}`);
  });
});
