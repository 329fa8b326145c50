import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSyntheticParams } from '../../src/catalog/synthetic/synthetic-params.js';
import { writeSyntheticDataset } from '../../src/catalog/synthetic/write-synthetic.js';
import { runImport } from '../../src/import/import-runner.js';
import { openImportSource } from '../../src/import/open-import-source.js';
import { generatedNextKeyFile, loadMasterKeys, masterKeyOf } from '../../src/privacy/keyring/master-key.js';
import { Pseudonymizer } from '../../src/privacy/pseudonymizer.js';
import { loadOrCreateSecret } from '../../src/privacy/secret-file.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { repositoriesFor } from '../../src/store/repositories/index.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { candor } from '../support/run-cli.js';

async function loadedDataDir(): Promise<{ dataDir: string; personal: Map<string, string | null> }> {
  const dataset = tempDir();
  await writeSyntheticDataset(dataset, parseSyntheticParams({ items: 60, viewers: 40, seed: 3 }));
  const dataDir = tempDir();
  const store = await openStore({ dataDir });
  try {
    await runImport(store, await openImportSource(dataset));
    return { dataDir, personal: await occupations(store) };
  } finally {
    await store.close();
  }
}

/** Every subject's decrypted occupation: what must survive a rotation. */
async function occupations(store: Store): Promise<Map<string, string | null>> {
  const repos = repositoriesFor(store.db, store.dialect, undefined, store.keyring);
  const ids = await store.db.selectFrom('subjects').select('id').orderBy('id').execute();
  const out = new Map<string, string | null>();
  for (const { id } of ids) out.set(id, (await repos.subjects.getPersonal(id))?.occupation ?? null);
  return out;
}

async function rows(store: Store) {
  return {
    personal: await store.db.selectFrom('subject_personal').selectAll().orderBy('subject_id').execute(),
    keys: await store.db.selectFrom('subject_keys').selectAll().orderBy('subject_id').execute(),
  };
}

async function json(args: string[]): Promise<Record<string, unknown>> {
  const run = await candor(...args, '--json');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe('master key rotation', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('re-wraps every data key under a generated key without rewriting the encrypted rows', async () => {
    const { dataDir, personal } = await loadedDataDir();
    expect([...personal.values()].filter((v) => v !== null).length).toBeGreaterThan(5);
    const oldKey = masterKeyOf(
      Buffer.from(readFileSync(join(dataDir, 'secrets/master.key'), 'utf8'), 'base64'),
    );
    store = await openStore({ dataDir });
    const before = await rows(store);
    await store.close();
    store = undefined;

    const rotation = await json(['--data-dir', dataDir, 'secrets', 'rotate-master']);
    expect(rotation.from).toEqual([oldKey.id]);
    expect(rotation.to).not.toBe(oldKey.id);
    expect(rotation.rewrapped).toBe(before.keys.length);
    expect(rotation.retiredKeyFile).toBe(join(dataDir, `secrets/master.retired-${oldKey.id}.key`));
    // The old key is no longer needed: readable with the new key alone.
    rmSync(rotation.retiredKeyFile as string);
    expect(existsSync(join(dataDir, 'secrets/master.next.key'))).toBe(false);

    store = await openStore({ dataDir });
    const after = await rows(store);
    expect(after.personal).toEqual(before.personal);
    expect(after.keys.map((k) => k.master_key_id)).toEqual(after.keys.map(() => rotation.to));
    for (const [i, key] of after.keys.entries())
      expect(key.wrapped_key).not.toBe(before.keys[i]?.wrapped_key);
    expect(await occupations(store)).toEqual(personal);

    const status = await json(['--data-dir', dataDir, 'secrets', 'status']);
    expect(status.masterKeys).toEqual([
      { masterKeyId: rotation.to, subjects: before.keys.length, current: true, loaded: true },
    ]);
  });

  it('moves data keys onto a key file the operator brings, after which the old key reads nothing', async () => {
    const { dataDir, personal } = await loadedDataDir();
    const newKeyFile = join(tempDir(), 'new.key');
    writeFileSync(newKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    const rotation = await json([
      '--data-dir',
      dataDir,
      'secrets',
      'rotate-master',
      '--new-key-file',
      newKeyFile,
    ]);
    expect(rotation.to).toBe(masterKeyOf(Buffer.from(readFileSync(newKeyFile, 'utf8'), 'base64')).id);

    store = await openStore({ dataDir, masterKeyFile: newKeyFile });
    expect(await occupations(store)).toEqual(personal);
    await store.close();
    store = await openStore({ dataDir });
    const someone = [...personal.entries()].find(([, v]) => v !== null)?.[0] as string;
    const repos = repositoriesFor(store.db, store.dialect, undefined, store.keyring);
    await expect(repos.subjects.getPersonal(someone)).rejects.toThrow(/master key/);
  });

  it('refuses a key file that is not a 32-byte key, or readable by others, and changes nothing', async () => {
    const { dataDir } = await loadedDataDir();
    const short = join(tempDir(), 'short.key');
    writeFileSync(short, randomBytes(16).toString('base64'), { mode: 0o600 });
    const open = join(tempDir(), 'open.key');
    writeFileSync(open, randomBytes(32).toString('base64'), { mode: 0o644 });
    for (const [file, message] of [
      [short, /exactly 32 bytes/],
      [open, /chmod 600/],
    ] as const) {
      const run = await candor('--data-dir', dataDir, 'secrets', 'rotate-master', '--new-key-file', file);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(message);
    }
    const status = await json(['--data-dir', dataDir, 'secrets', 'status']);
    expect((status.masterKeys as { current: boolean }[]).every((u) => u.current)).toBe(true);
  });

  it('finishes a rotation that was cut short, losing no data key meanwhile', async () => {
    const { dataDir, personal } = await loadedDataDir();
    const next = generatedNextKeyFile({ dataDir, env: {} }) as string;
    writeFileSync(next, randomBytes(32).toString('base64'), { mode: 0o600 });
    store = await openStore({ dataDir });
    const to = masterKeyOf(Buffer.from(readFileSync(next, 'utf8'), 'base64'));
    await expect(
      store.keyring.rewrapAll({
        to,
        batchSize: 5,
        onProgress: () => {
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const usage = await store.keyring.countByMasterKey();
    expect(usage.find((u) => u.masterKeyId === to.id)?.subjects).toBe(5);
    await store.close();

    // A fresh process still reads everyone: the pending key is loaded alongside the current one.
    expect(loadMasterKeys({ dataDir, env: {} }).all.has(to.id)).toBe(true);
    store = await openStore({ dataDir });
    expect(await occupations(store)).toEqual(personal);
    await store.close();
    store = undefined;

    const rotation = await json(['--data-dir', dataDir, 'secrets', 'rotate-master']);
    expect(rotation.to).toBe(to.id);
    expect(rotation.alreadyCurrent).toBe(5);
    store = await openStore({ dataDir });
    expect(await occupations(store)).toEqual(personal);
  });
});

describe('pseudonym secret rotation', () => {
  it('moves stored pseudonyms to the new secret and leaves erased viewers’ records unlinkable', async () => {
    const { dataDir } = await loadedDataDir();
    const secretFile = join(dataDir, 'secrets/pseudonym.key');
    const store = await openStore({ dataDir });
    try {
      // Created on first use, as the server does.
      const before = new Pseudonymizer(loadOrCreateSecret(dataDir, 'pseudonym'));
      const subjects = (await store.db.selectFrom('subjects').select('id').orderBy('id').execute()).slice(
        0,
        3,
      );
      const record = (subject: string, id: string) => ({
        id,
        subject,
        created_at: '2026-11-21T00:00:00.000Z',
        surface: 'home',
        model_id: 'm',
        policy_version: 'p',
        consent: '{}',
        stages: '[]',
        items: '[]',
      });
      await store.db
        .insertInto('decision_records')
        .values([
          ...subjects.map(({ id }, i) => record(before.of(id), `d${i}`)),
          record(before.of(subjects[0]?.id as string), 'd-extra'),
          record(before.of('erased-subject'), 'd-orphan'),
        ])
        .execute();
      const oldSecret = readFileSync(secretFile, 'utf8');

      const rotation = await json(['--data-dir', dataDir, 'secrets', 'rotate-pseudonym']);
      expect(rotation).toEqual({ decisionRecords: 4, subjects: 3, orphanedRecords: 1 });
      const newSecret = readFileSync(secretFile, 'utf8');
      expect(newSecret).not.toBe(oldSecret);
      const after = new Pseudonymizer(Buffer.from(newSecret, 'base64'));
      const stored = new Map(
        (await store.db.selectFrom('decision_records').select(['id', 'subject']).execute()).map((r) => [
          r.id,
          r.subject,
        ]),
      );
      subjects.forEach(({ id }, i) => expect(stored.get(`d${i}`)).toBe(after.of(id)));
      expect(stored.get('d-extra')).toBe(after.of(subjects[0]?.id as string));
      expect(stored.get('d-orphan')).toBe(before.of('erased-subject'));
      expect(existsSync(join(dataDir, 'secrets/pseudonym.next.key'))).toBe(false);
    } finally {
      await store.close();
    }
  });
});
