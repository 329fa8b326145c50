import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditLog } from '../../src/governance/audit/verify-audit-log.js';
import { verifyPassword } from '../../src/server/auth/password-hashing.js';
import { openStore } from '../../src/store/open-store.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { candor } from '../support/run-cli.js';

describe('candor users and keys', () => {
  afterEach(() => vi.restoreAllMocks());

  it('creates an admin with a generated password shown once, stored as argon2id, audited', async () => {
    const data = tempDir('candor-users-');
    const added = await candor(
      '--data-dir',
      data,
      '--json',
      'users',
      'add',
      'first-admin',
      '--role',
      'admin',
    );
    expect(added.code).toBe(0);
    const account = JSON.parse(added.stdout);
    expect(account).toMatchObject({ username: 'first-admin', roles: ['admin'] });
    expect(account.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const listed = JSON.parse((await candor('--data-dir', data, '--json', 'users', 'list')).stdout);
    expect(listed.users.map((u: { username: string }) => u.username)).toEqual(['first-admin']);
    expect(JSON.stringify(listed)).not.toContain(account.password);

    const store = await openStore({ dataDir: data });
    try {
      const row = await store.db.selectFrom('accounts').select('password_hash').executeTakeFirstOrThrow();
      expect(await verifyPassword(row.password_hash as string, account.password)).toBe(true);
      const audit = await store.db.selectFrom('audit_log').select(['action', 'actor']).execute();
      expect(audit.map((a) => a.action)).toContain('users.create');
      expect(audit[0]?.actor).toMatch(/^cli:/);
      expect((await verifyAuditLog(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("adds a viewer's profile to a viewer account's household, refusing staff accounts and unknown viewers", async () => {
    const data = tempDir('candor-users-');
    expect(
      (await candor('--data-dir', data, 'generate', '--items', '30', '--viewers', '12', '--seed', '3')).code,
    ).toBe(0);
    const store = await openStore({ dataDir: data });
    const subjects = await store.db
      .selectFrom('subjects')
      .select(['id', 'external_id'])
      .orderBy('external_id')
      .execute();
    await store.close();
    const [parent, child] = subjects;
    if (!parent || !child) throw new Error('too few viewers generated');
    expect(
      (await candor('--data-dir', data, 'users', 'add', 'parent', '--role', 'viewer', '--viewer', parent.id))
        .code,
    ).toBe(0);
    expect((await candor('--data-dir', data, 'users', 'add', 'boss', '--role', 'admin')).code).toBe(0);

    const added = await candor(
      '--data-dir',
      data,
      '--json',
      'users',
      'add-profile',
      'parent',
      '--viewer',
      child.external_id as string,
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout).profiles.map((p: { subjectId: string }) => p.subjectId)).toEqual([
      parent.id,
      child.id,
    ]);
    const again = await candor('--data-dir', data, 'users', 'add-profile', 'parent', '--viewer', child.id);
    expect(again.code).toBe(2);
    const staff = await candor('--data-dir', data, 'users', 'add-profile', 'boss', '--viewer', child.id);
    expect(staff.code).toBe(2);
    expect(staff.stderr).toContain("no viewer account named 'boss'");
    const unknown = await candor('--data-dir', data, 'users', 'add-profile', 'parent', '--viewer', 'nobody');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('--viewer');

    const check = await openStore({ dataDir: data });
    try {
      expect(await check.db.selectFrom('account_profiles').select('subject_id').execute()).toEqual([
        { subject_id: child.id },
      ]);
      const audit = await check.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'users.add-profile')
        .execute();
      expect(audit).toHaveLength(1);
      expect((await verifyAuditLog(check)).ok).toBe(true);
    } finally {
      await check.close();
    }
  });

  it('refuses bad input with a usage error naming what is wrong, writing nothing', async () => {
    const data = tempDir('candor-users-');
    const badRole = await candor('--data-dir', data, 'users', 'add', 'someone', '--role', 'wizard');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role');
    const viewerWithoutSubject = await candor(
      '--data-dir',
      data,
      'users',
      'add',
      'someone',
      '--role',
      'viewer',
    );
    expect(viewerWithoutSubject.code).toBe(2);
    expect(viewerWithoutSubject.stderr).toContain('subjectId');
    const unknownViewer = await candor(
      '--data-dir',
      data,
      'users',
      'add',
      'someone',
      '--role',
      'viewer',
      '--viewer',
      'nobody',
    );
    expect(unknownViewer.code).toBe(3);
    const listed = JSON.parse((await candor('--data-dir', data, '--json', 'users', 'list')).stdout);
    expect(listed.users).toEqual([]);
  });

  it('creates and revokes service keys', async () => {
    const data = tempDir('candor-keys-');
    const created = await candor(
      '--data-dir',
      data,
      '--json',
      'keys',
      'create',
      'front end',
      '--role',
      'service',
    );
    expect(created.code).toBe(0);
    const { key, apiKey } = JSON.parse(created.stdout);
    expect(key).toMatch(/^candor_key_/);
    expect((await candor('--data-dir', data, 'keys', 'revoke', apiKey.id)).code).toBe(0);
    expect((await candor('--data-dir', data, 'keys', 'revoke', apiKey.id)).code).toBe(3);
    const viewerKey = await candor('--data-dir', data, 'keys', 'create', 'x', '--role', 'viewer');
    expect(viewerKey.code).toBe(2);
  });
});
