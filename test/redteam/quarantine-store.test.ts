import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/governance/audit/audit-log.js';
import { runImport } from '../../src/import/import-runner.js';
import { openImportSource } from '../../src/import/open-import-source.js';
import { loadOrCreateSecret } from '../../src/privacy/secret-file.js';
import { Pseudonymizer } from '../../src/privacy/pseudonymizer.js';
import { auditSubjectTag } from '../../src/privacy/audit-subject-tag.js';
import { eraseSubject } from '../../src/privacy/erasure/erase-subject.js';
import { trainModel } from '../../src/models/train-model.js';
import { loadTrainingSnapshot } from '../../src/models/training-snapshot.js';
import { decideQuarantine, QuarantineDecisionError } from '../../src/redteam/quarantine/decide-quarantine.js';
import { QuarantineRepository } from '../../src/redteam/quarantine/quarantine-repository.js';
import { scanProfiles } from '../../src/redteam/quarantine/scan-profiles.js';
import { TEST_IMPORT_CONSENT } from '../support/consent.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { storeFactories, type TestStore } from '../support/test-stores.js';
import { writeShilledDataset } from './redteam-fixtures.js';

const GENUINE = 300;
const FAKES = 15;

describe.each(storeFactories)('profile quarantine on %s', (_dialect, factory) => {
  let t: TestStore;
  let audit: AuditLog;
  let fakeIds: Set<string>;
  let pseudonymizer: Pseudonymizer;
  const quarantine = () => new QuarantineRepository(t.store.db);
  const auditRows = (action: string) =>
    t.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();

  beforeAll(async () => {
    t = await factory();
    audit = new AuditLog(t.store);
    pseudonymizer = new Pseudonymizer(loadOrCreateSecret(t.dataDir, 'pseudonym', 'CANDOR_PSEUDONYM_SECRET'));
    const dir = writeShilledDataset(
      tempDir('candor-redteam-'),
      { users: GENUINE, items: 600, seed: 4, size: FAKES / GENUINE },
      (u) => (u < GENUINE ? `viewer-${u}` : `fake-${u - GENUINE}`),
    );
    await runImport(t.store, await openImportSource(dir), { consent: TEST_IMPORT_CONSENT });
    const fakes = await t.store.db
      .selectFrom('subjects')
      .select('id')
      .where('external_id', 'like', 'fake-%')
      .execute();
    fakeIds = new Set(fakes.map((row) => row.id));
  }, 120_000);

  afterAll(async () => {
    await audit?.close();
    await t?.dispose();
  });

  it('scans nothing when there are too few profiles for robust statistics', async () => {
    const result = await scanProfiles(t.store, { audit, actor: 'test', minProfiles: 10_000 });
    expect(result.skipped).toMatch(/315 profiles, fewer than 10000/);
    expect(await quarantine().list()).toEqual([]);
  });

  it('quarantines the injected profiles and audits each under the subject’s audit tag', async () => {
    const result = await scanProfiles(t.store, { audit, actor: 'test' });
    expect(result.scanned).toBe(GENUINE + FAKES);
    const entries = await quarantine().list();
    expect(entries).toHaveLength(result.quarantined);
    const caught = entries.filter((entry) => fakeIds.has(entry.subjectId)).length;
    expect(caught).toBeGreaterThanOrEqual(0.9 * FAKES);
    expect(caught / entries.length).toBeGreaterThanOrEqual(0.9);
    for (const entry of entries) {
      expect(entry.status).toBe('quarantined');
      expect(entry.score).toBeGreaterThanOrEqual(entry.evidence.threshold);
      expect(Object.keys(entry.evidence.features)).toContain('rdma');
    }
    const logged = await auditRows('redteam.quarantine');
    expect(logged).toHaveLength(entries.length);
    const entry = entries[0] as (typeof entries)[number];
    const row = logged.find((r) => r.target === entry.id);
    expect(row?.subject).toBe(await auditSubjectTag(t.store.keyring, entry.subjectId));
    expect(logged.every((r) => r.subject !== null && !fakeIds.has(r.subject))).toBe(true);
    expect((await auditRows('redteam.scan')).length).toBe(2);
  });

  it('is idempotent: a second scan quarantines no one again', async () => {
    const before = await quarantine().list();
    const result = await scanProfiles(t.store, { audit, actor: 'test' });
    expect(result.quarantined).toBe(0);
    expect(result.alreadyQuarantined).toBe(before.length);
    expect(await quarantine().list()).toHaveLength(before.length);
  });

  it('trains without the quarantined profiles and records how many in the manifest', async () => {
    const excluded = await quarantine().excludedSubjects();
    expect(excluded.size).toBeGreaterThan(0);
    const { manifest } = await trainModel(t.store, t.dataDir, {
      algorithm: 'popularity',
      alias: 'production',
    });
    expect(manifest.data.quarantinedViewers).toBe(excluded.size);
    expect(manifest.data.viewers).toBe(GENUINE + FAKES - excluded.size);
    expect(manifest.data.consent?.excludedViewers).toBe(0);
    const snapshot = await loadTrainingSnapshot(t.store, { pseudonymizer, quarantined: excluded });
    const trained = new Set(snapshot.viewers);
    for (const id of excluded) expect(trained.has(pseudonymizer.of(id))).toBe(false);
    expect(snapshot.quarantinedViewers).toBe(excluded.size);
  });

  it('keeps a curator’s release until the profile changes, and reads past states back', async () => {
    const [entry] = await quarantine().list();
    if (!entry) throw new Error('nothing quarantined');
    const beforeRelease = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { entry: released, previous } = await decideQuarantine(t.store, audit, {
      id: entry.id,
      decision: 'release',
      actor: 'account:curator',
    });
    expect(previous).toBe('quarantined');
    expect(released).toMatchObject({ status: 'released', reviewedBy: 'account:curator' });
    expect((await auditRows('redteam.quarantine_decision')).at(-1)?.subject).toBe(
      await auditSubjectTag(t.store.keyring, entry.subjectId),
    );
    expect((await quarantine().excludedSubjects()).has(entry.subjectId)).toBe(false);
    expect((await quarantine().excludedSubjectsAt(beforeRelease)).has(entry.subjectId)).toBe(true);
    expect((await quarantine().excludedSubjectsAt('2000-01-01T00:00:00.000Z')).size).toBe(0);

    const kept = await scanProfiles(t.store, { audit, actor: 'test' });
    expect(kept.releaseKept).toBe(1);
    expect(kept.quarantined).toBe(0);

    // New events: the release no longer covers what the profile now is.
    const subject = await t.store.db
      .selectFrom('subjects')
      .select('key')
      .where('id', '=', entry.subjectId)
      .executeTakeFirstOrThrow();
    const batch = await t.store.db.selectFrom('ingest_batches').select('key').executeTakeFirstOrThrow();
    const item = await t.store.db.selectFrom('items').select('key').executeTakeFirstOrThrow();
    await t.store.db
      .insertInto('interactions')
      .values({
        idempotency_key: 'redteam-test-new-event',
        subject_key: subject.key,
        item_key: item.key,
        kind: 'rating',
        value: 5,
        occurred_at: new Date().toISOString(),
        batch_key: batch.key,
      })
      .execute();
    const again = await scanProfiles(t.store, { audit, actor: 'test' });
    expect(again.quarantined).toBe(1);
    const latest = await quarantine().latestFor(entry.subjectId);
    expect(latest?.id).not.toBe(entry.id);
    expect(latest?.status).toBe('quarantined');
    await expect(
      decideQuarantine(t.store, audit, { id: entry.id, decision: 'confirm', actor: 'x' }),
    ).rejects.toThrow(QuarantineDecisionError);
  });

  it('erasure deletes the quarantine rows, and a model that never saw the subject keeps no influence', async () => {
    const [entry] = await quarantine().list({ status: 'quarantined' });
    if (!entry) throw new Error('nothing quarantined');
    const certificate = await eraseSubject(
      { store: t.store, dataDir: t.dataDir, pseudonymizer, audit },
      entry.subjectId,
      { actor: 'test', verify: false },
    );
    expect(certificate.rows.profile_quarantine).toBeGreaterThanOrEqual(1);
    expect((await quarantine().list()).some((e) => e.subjectId === entry.subjectId)).toBe(false);
    // The production model was trained while the subject was quarantined: nothing to unlearn.
    expect(certificate.models.map((m) => m.influence)).toEqual(['none']);
  });
});
